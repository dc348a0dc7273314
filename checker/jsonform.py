"""The JSON form of the document model, written and read from the dataclasses' own fields.

A model class (``checker/model.py``) derives from :class:`JsonForm`; its fields, in their order,
are its JSON object's keys, each converted by its type: :class:`~decimal.Decimal` as a plain
decimal string, a nested model object by its own JSON form, lists and dicts item by item,
``X | None`` as ``null``. What a field needs beyond that is said where it is declared,
with :func:`json_field`:

* ``omit``: when the key is left out (``omit=is_none``: only when set; ``omit=is_falsy``: only
  when true or non-empty; ``omit=is_default``: only when not the default; or a predicate of the
  value and the object);
* ``absent``: the value of a key left out, computed from the fields read before it (a cell's text
  is its number's text unless printed otherwise);
* ``skip``: the field is not part of the JSON form (derived again when a document is loaded).

So the field list is the one description of the form: adding a field adds its key, and the reading
and the writing cannot disagree. ``schemas/document.schema.json`` states the same form for other
tools; ``tests/test_schema.py`` validates every parsed report against it.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any, ClassVar, TypeVar

__all__ = ["JsonForm", "format_decimal", "is_default", "is_falsy", "is_none", "json_field"]

T = TypeVar("T", bound="JsonForm")
_MISSING: Any = dataclasses.MISSING


def format_decimal(value: Decimal) -> str:
    """Format a Decimal as a plain decimal string (no exponent), keeping its exponent's digits."""
    return format(value, "f")


def is_none(value: Any, _obj: Any) -> bool:
    """``omit=is_none``: the key is written only when the field is set."""
    return value is None


def is_falsy(value: Any, _obj: Any) -> bool:
    """``omit=is_falsy``: the key is written only when the field is true or non-empty."""
    return not value


def is_default(value: Any, _obj: Any) -> bool:  # pragma: no cover - compiled inline by _writer
    """``omit=is_default``: the key is written only when the field differs from its default."""
    raise AssertionError("is_default is compiled into to_json, never called")


@dataclasses.dataclass(frozen=True)
class _Spec:
    omit: Callable[[Any, Any], bool] | None = None
    absent: Callable[[dict[str, Any]], Any] | None = None
    skip: bool = False


def json_field(*, default: Any = _MISSING, default_factory: Any = _MISSING,
               omit: Callable[[Any, Any], bool] | None = None,
               absent: Callable[[dict[str, Any]], Any] | None = None, skip: bool = False,
               compare: bool = True, repr: bool = True) -> Any:
    """A dataclass field with what its JSON form needs (see the module docstring)."""
    spec = _Spec(omit, absent, skip)
    if default_factory is not _MISSING:
        return dataclasses.field(default_factory=default_factory, compare=compare, repr=repr,
                                 metadata={"json": spec})
    return dataclasses.field(default=default, compare=compare, repr=repr, metadata={"json": spec})


def _identity(value: Any) -> Any:
    return value


@cache
def _encoder(tp: Any) -> Callable[[Any], Any]:
    """How a value of type ``tp`` is written (built once per type)."""
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(inner) != 1:
            return _identity
        enc = _encoder(inner[0])
        return lambda v: None if v is None else enc(v)
    if origin is list or origin is tuple:  # list[X], tuple[X, ...]: a JSON array
        item = _encoder(typing.get_args(tp)[0])
        return lambda v: [item(x) for x in v]
    if origin is dict:
        item = _encoder(typing.get_args(tp)[1])
        return lambda v: {k: item(x) for k, x in v.items()}
    if tp is Decimal:
        return format_decimal
    if isinstance(tp, type) and hasattr(tp, "to_json"):
        return lambda v: v.to_json()
    return _identity


@cache
def _decoder(tp: Any) -> Callable[[Any], Any]:
    """How a value of type ``tp`` is read (built once per type)."""
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(inner) != 1:
            return _identity
        dec = _decoder(inner[0])
        return lambda v: None if v is None else dec(v)
    if origin is list:
        item = _decoder(typing.get_args(tp)[0])
        return lambda v: [item(x) for x in v]
    if origin is tuple:
        item = _decoder(typing.get_args(tp)[0])
        return lambda v: tuple(item(x) for x in v)
    if origin is dict:
        item = _decoder(typing.get_args(tp)[1])
        return lambda v: {k: item(x) for k, x in v.items()}
    if tp is Decimal or tp is int or tp is bool:
        return tp
    if isinstance(tp, type) and hasattr(tp, "from_json"):
        return tp.from_json
    return _identity


@dataclasses.dataclass(frozen=True)
class _Field:
    name: str
    spec: _Spec
    required: bool
    default: Any
    encode: Callable[[Any], Any]
    decode: Callable[[Any], Any]


@cache
def _fields(cls: type) -> tuple[_Field, ...]:
    """The fields of ``cls`` in its JSON form, in order, with their converters."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        spec = f.metadata.get("json", _Spec())
        if spec.skip:
            continue
        required = f.default is _MISSING and f.default_factory is _MISSING
        out.append(_Field(f.name, spec, required, f.default, _encoder(hints[f.name]),
                          _decoder(hints[f.name])))
    return tuple(out)


@cache
def _writer(cls: type) -> Callable[[Any], dict[str, Any]]:
    """The ``to_json`` of ``cls``, written out field by field and compiled once: it runs for every
    cell of a report, and a loop over the field list costs twice as much."""
    lines = ["def to_json(self):", "    out = {}"]
    env: dict[str, Any] = {}
    for i, f in enumerate(_fields(cls)):
        value = f"self.{f.name}"
        if f.encode is not _identity:
            env[f"enc{i}"] = f.encode
            written = f"enc{i}(v)"
        else:
            written = "v"
        lines.append(f"    v = {value}")
        if f.spec.omit is None:
            lines.append(f"    out[{f.name!r}] = {written}")
            continue
        if f.spec.omit is is_none:
            test = "v is not None"
        elif f.spec.omit is is_falsy:
            test = "v"
        elif f.spec.omit is is_default:
            env[f"default{i}"] = f.default
            test = f"v != default{i}"
        else:
            env[f"omit{i}"] = f.spec.omit
            test = f"not omit{i}(v, self)"
        lines.append(f"    if {test}:")
        lines.append(f"        out[{f.name!r}] = {written}")
    lines.append("    return out")
    exec("\n".join(lines), env)  # the code is made from field names and the functions in env
    return env["to_json"]


class JsonForm:
    """A model class whose JSON form its fields give (see the module docstring)."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form."""
        return _writer(type(self))(self)

    @classmethod
    def from_json(cls: type[T], data: dict[str, Any]) -> T:
        """Build the object from its JSON form (validated first: a required key is there)."""
        values: dict[str, Any] = {}
        for f in _fields(cls):
            if f.name in data:
                values[f.name] = f.decode(data[f.name])
            elif f.spec.absent is not None:
                values[f.name] = f.spec.absent(values)
            elif f.required:
                raise KeyError(f"{cls.__name__}: {f.name!r} is missing from its JSON form")
        return cls(**values)

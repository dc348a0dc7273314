"""The JSON Schemas shipped with the package, and validation against them.

One way to check a data file against its schema: :func:`check` raises an
:class:`~checker.errors.InputError` naming the file, what was being read and the first
violation; a key the schema does not list is named with the nearest allowed key
(``unknown key 'titels' (did you mean 'titles'?)``). The table templates, the title catalogue,
the region manifests and the parsed documents are all checked with it. ``jsonschema`` is
imported when something is validated, not at start-up.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.cache_entry import default_cache_dir
from checker.errors import InputError

if TYPE_CHECKING:
    import jsonschema

__all__ = ["check", "describe_error", "load_schema", "validate_document"]


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Load a schema shipped in checker.schemas (e.g. "document")."""
    text = resources.files("checker.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _validator(name: str, definition: str | None = None) -> jsonschema.protocols.Validator:
    """The validator of schema ``name``, or of its ``$defs/<definition>``."""
    import jsonschema  # ~70 ms: imported when something is validated, not at start-up

    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    if definition is None:
        return cls(schema)
    sub = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    return cls(sub)


def _allowed_keys(error: jsonschema.ValidationError) -> list[str]:
    props = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    return sorted(props)


def describe_error(error: jsonschema.ValidationError) -> str:
    """One schema violation in words: where (``columns[2].key``) and what; an unknown key with
    the nearest allowed one, or the list of allowed keys."""
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    where = where.lstrip(".")
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = _allowed_keys(error)
        extra = [k for k in error.instance if k not in allowed
                 and not any(re.match(p, str(k)) for p in error.schema.get("patternProperties", {}))]
        parts = []
        for key in extra:
            near = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else f" (allowed: {', '.join(allowed)})"
            parts.append(f"unknown key '{key}'{hint}")
        return f"{'; '.join(parts)}{f' in {where}' if where else ''}"
    return f"{where or '(top level)'}: {error.message}"


def _stamp(data: Any, name: str, definition: str | None) -> Path | None:
    """Where the mark that these exact data passed this schema is kept (``schemas/`` in the
    cache folder: ``CHECKER_CACHE_DIR``, else the user's), or None when it cannot be told (data
    that are not plain JSON). Keyed by the data and the schema's own text, so a change of either
    checks them again."""
    try:
        text = json.dumps([name, definition, data], sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):
        return None
    schema = resources.files("checker.schemas").joinpath(f"{name}.schema.json").read_bytes()
    digest = hashlib.blake2b(text.encode() + b"\0" + schema, digest_size=16).hexdigest()
    return default_cache_dir() / "schemas" / f"{name}-{digest}"


def check(data: Any, name: str, source: str, what: str, definition: str | None = None,
          remember: bool = True) -> None:
    """Raise :class:`InputError` naming ``source`` and ``what`` at the first violation of schema
    ``name`` (or of its ``$defs/<definition>``) by ``data``.

    Of several violations, the shallowest is named; an unknown key comes first (a misspelt
    required key also shows as "required", which says less). Data files that passed are
    remembered by their content (``remember``): the next run does not import ``jsonschema`` to
    check the same manifests and patterns again at start-up (~40 ms). Data that fail are
    checked every time.
    """
    stamp = _stamp(data, name, definition) if remember else None
    if stamp is not None and stamp.exists():
        return
    _check(data, name, source, what, definition)
    if stamp is not None:
        try:
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.touch()
        except OSError:
            pass  # a read-only cache: checked again next time


def _check(data: Any, name: str, source: str, what: str, definition: str | None) -> None:
    errors = sorted(_validator(name, definition).iter_errors(data),
                    key=lambda e: (len(list(e.absolute_path)), list(map(str, e.absolute_path))))
    if errors:
        unknown = [e for e in errors if e.validator == "additionalProperties"]
        import jsonschema

        best = unknown[0] if unknown else (jsonschema.exceptions.best_match(errors) or errors[0])
        raise InputError(source, f"{what}: {describe_error(best)}")


def validate_document(data: dict[str, Any], path: str = "<document>") -> None:
    """Raise InputError naming the first schema violation of a document's JSON."""
    check(data, "document", path, "not a valid document", remember=False)

"""The JSON Schemas shipped with the package, and validation against them."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from checker.errors import InputError

if TYPE_CHECKING:
    import jsonschema


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Load a schema shipped in checker.schemas (e.g. "document")."""
    text = resources.files("checker.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    import jsonschema  # ~70 ms: imported when something is validated, not at start-up

    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def validate_document(data: dict[str, Any], path: str = "<document>") -> None:
    """Raise InputError naming the first schema violation of a document's JSON."""
    errors = sorted(_validator("document").iter_errors(data), key=lambda e: list(e.path))
    if errors:
        e = errors[0]
        where = "/".join(str(p) for p in e.absolute_path) or "(root)"
        raise InputError(path, f"not a valid document: {where}: {e.message}")

"""The template registry kept between runs: reading and checking the template files (YAML,
their JSON Schema, the title forms) is paid once per change, not at every start.

An entry (``<cache>/templates/<key>.pkl``, written and checked by :mod:`checker.cache_entry`)
holds the :class:`~checker.templates.loader.TemplateRegistry` and what each plugin contributed.
Its key is a hash of the checker's version, the plugins in force, every template file they name
(its path and bytes), the national template folder (the title catalogue among it) and the code
that turns files into templates (``templates/loader.py``, the ``plugins/`` modules, ``labels.py``, and
``schema.py`` with the template schema they are checked against). Only a registry built without
a plugin failure is kept, so that a broken plugin is reported on every run. An entry that
cannot be trusted is removed and the registry built again, without a word.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from checker import __version__
from checker.cache_entry import read_entry, remove_entry, write_entry
from checker.templates.loader import TemplateRegistry, core_template_dir

__all__ = ["load_registry", "registry_key", "store_registry"]

FOLDER = "templates"


def _code_files() -> list[Path]:
    root = Path(__file__).resolve().parents[1]
    # schema.py and the template schema: what a template file is checked against
    schema = Path(str(resources.files("checker.schemas").joinpath("template.schema.json")))
    return [root / "templates" / "loader.py", *sorted((root / "plugins").glob("*.py")), root / "labels.py",
            root / "schema.py", schema]


def registry_key(calls: Iterable[tuple[str, Any]], plugins: Iterable[str]) -> str:
    """The key of the registry built from these ``checker_templates`` results."""
    h = hashlib.sha256(f"{__version__}|{','.join(plugins)}".encode())
    files: list[Path] = [*_code_files(), *sorted(core_template_dir().glob("*.yaml"))]
    for name, paths in calls:
        h.update(f"|{name}:".encode())
        try:
            files.extend(Path(p) for p in paths)
        except TypeError:  # a bad hook result: the build reports it, nothing is kept
            h.update(repr(paths).encode())
    for p in files:
        h.update(str(p).encode() + b"\0")
        try:
            h.update(hashlib.sha256(p.read_bytes()).digest())
        except OSError:
            h.update(b"?")
    return h.hexdigest()[:32]


def load_registry(folder: Path, key: str) -> tuple[TemplateRegistry, dict[str, dict[str, int]]] | None:
    """The registry and the plugins' contributions kept under ``key`` (None: none kept)."""
    entry = folder / FOLDER / f"{key}.pkl"
    value, problem = read_entry(entry)
    if (isinstance(value, tuple) and len(value) == 2
            and isinstance(value[0], TemplateRegistry)):
        return value
    if problem is not None or value is not None:
        remove_entry(entry)
    return None


def store_registry(folder: Path, key: str, registry: TemplateRegistry,
                   contributions: dict[str, dict[str, int]]) -> None:
    """Keep a registry (a cache that cannot be written: the next run builds it again)."""
    write_entry(folder / FOLDER / f"{key}.pkl", (registry, contributions))

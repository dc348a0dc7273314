"""What a run derives from unchanged data, kept in the cache folder for the next run.

A check from a cold process spends a good part of its time on work whose result depends only
on the text it starts from: compiling the pattern catalogue's regexes (:mod:`checker.regex_cache`)
and reading the YAML data files (:mod:`checker.yaml_load`). Each kind of value is a *store*:
one file in the cache folder (``<store>.pkl``, written atomically and checked by
:mod:`checker.cache_entry`) mapping a key — the text itself, or its hash — to the value. A key
names its input exactly, so a store is never stale: a changed pattern or file is a new key.

The command line names the folder at its start (:func:`use`; ``--cache-dir``; ``--no-cache``:
none, so nothing is read or written) and writes what the run added at its end (:func:`save`).
Without a folder, :func:`get` finds nothing and :func:`put` keeps nothing, so every value is
derived as if there were no store. A store's file that cannot be trusted is dropped without a
word: its values are derived again. Entries of texts that changed stay behind (a rule author
edits the patterns many times), so a store that holds more than twice what the run used (plus
:data:`SLACK`) keeps, when written, only the entries the run used: a store stays about the
size of what a run needs, and an entry a run did not need is at worst derived once more.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.cache_entry import read_entry, remove_entry, write_entry

__all__ = ["SLACK", "active", "drop", "get", "put", "save", "use"]

SLACK = 50  # entries a store may hold beyond twice what a run used (a check: ~600 patterns)


class _Store:
    """One store's entries (read on first use), the keys this run used, and how many it added."""

    def __init__(self, path: Path) -> None:
        self.path = path
        value, problem = read_entry(path)
        if problem is not None or (value is not None and not isinstance(value, dict)):
            remove_entry(path)
        self.entries: dict[Any, Any] = value if isinstance(value, dict) else {}
        self.used: set[Any] = set()
        self.new = 0


_folder: Path | None = None
_stores: dict[str, _Store] = {}


def use(folder: Path | None) -> None:
    """Keep values in ``folder`` (the cache folder), or nowhere (None)."""
    global _folder
    if folder != _folder:
        _folder = folder
        _stores.clear()


def active() -> bool:
    """Whether values are kept (a folder was named)."""
    return _folder is not None


def _store(name: str) -> _Store | None:
    if _folder is None:
        return None
    store = _stores.get(name)
    if store is None:
        store = _stores[name] = _Store(_folder / f"{name}.pkl")
    return store


def get(name: str, key: Any) -> Any | None:
    """The value kept under ``key`` in store ``name``, or None."""
    store = _store(name)
    if store is None:
        return None
    value = store.entries.get(key)
    if value is not None:
        store.used.add(key)
    return value


def put(name: str, key: Any, value: Any) -> None:
    """Keep ``value`` under ``key`` in store ``name`` (written by :func:`save`)."""
    store = _store(name)
    if store is not None:
        store.entries[key] = value
        store.used.add(key)
        store.new += 1


def drop(name: str, key: Any) -> None:
    """Forget the value under ``key`` (one that turned out unusable)."""
    store = _store(name)
    if store is not None:
        store.entries.pop(key, None)


def save() -> list[str]:
    """Write every store the run added to; the reasons the ones that could not be written
    were not (a read-only or full cache: the next run derives their values again)."""
    problems = []
    for store in _stores.values():
        if not store.new:
            continue
        entries = (store.entries if len(store.entries) <= 2 * len(store.used) + SLACK
                   else {k: v for k, v in store.entries.items() if k in store.used})
        try:
            problem = write_entry(store.path, entries)
        except Exception as exc:  # a value that cannot be pickled: a cache never stops a run
            problem = f"cannot be written ({type(exc).__name__}: {exc})"
        if problem is not None:
            problems.append(f"{store.path}: {problem}")
        store.new = 0
    return problems

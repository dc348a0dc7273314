"""Compiled regular expressions kept between runs: ``re.compile`` for the pattern catalogue.

A check from a cold process spends about a fifth of its time compiling regexes: the fact
patterns, the table titles and the words of names, a few hundred in all. Most of that is one
thing: every CJK class such as ``[一-鿿]`` costs about a millisecond, because CPython's regex
optimiser (``re._compiler``, pure Python) walks all of its 20,992 code points; a fact pattern
holds three of them in ``{label}``. A compiled ``re.Pattern`` cannot be kept (pickling one
compiles it again), but what the slow part produces can: the pattern's code, a list of
integers, which ``_sre.compile`` (C) turns back into the same pattern in microseconds. That
is what is kept, in one file of the cache folder (``regex/``), keyed by the Python version and
the regex engine's format (``_sre.MAGIC``): another Python misses the file and compiles.

:func:`compile` is ``re.compile`` (same pattern, same errors); it only skips the work when the
code of that exact pattern text and flags is known. Anything unexpected — another ``re``
inside, a damaged or stale file, code the engine refuses — falls back to ``re.compile``: the
cache can make a run faster, never different. :func:`use` names the folder (the command line
does, with ``--cache-dir``; ``--no-cache``: none, so patterns are compiled and nothing is
written); :func:`save` writes the patterns compiled since (the command line calls it at the
end of a run). When the file grows past :data:`LIMIT` entries (patterns edited many times), only those
the run used are written.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path
from typing import Any

from checker.cache_entry import read_entry, remove_entry, write_entry

__all__ = ["LIMIT", "compile", "save", "use"]

FOLDER = "regex"
LIMIT = 5000  # entries; the catalogue has about 600

try:  # the internals this rests on; without them, compile() is re.compile
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another Python implementation
    _sre = None

_Code = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

_folder: Path | None = None
_store: dict[tuple[str, int], _Code] | None = None
_used: set[tuple[str, int]] = set()  # the entries this process compiled or took
_new = 0


def _entry(folder: Path) -> Path:
    tag = f"{sys.version}|{getattr(_sre, 'MAGIC', '')}|{getattr(_sre, 'CODESIZE', '')}"
    return folder / FOLDER / f"{hashlib.sha256(tag.encode()).hexdigest()[:16]}.pkl"


def use(folder: Path | None) -> None:
    """Keep compiled patterns in ``folder`` (the cache folder), or nowhere (None); the file is
    read on the first :func:`compile`."""
    global _folder, _store, _new
    if folder != _folder:
        _folder, _store, _new = folder, None, 0
        _used.clear()


def _known() -> dict[tuple[str, int], _Code]:
    global _store
    if _store is None:
        _store = {}
        if _folder is not None and _sre is not None:
            value, problem = read_entry(_entry(_folder))
            if isinstance(value, dict):
                _store = value
            elif problem is not None or value is not None:
                remove_entry(_entry(_folder))
    return _store


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the kept code of this pattern when there is one."""
    if _sre is None or _folder is None or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    store = _known()
    code = store.get(key)
    if code is not None:
        try:
            rx = _sre.compile(pattern, *code)
            _used.add(key)
            return rx
        except Exception:  # code this engine refuses: compiled as usual, and kept anew
            del store[key]
    try:
        code = _compiled_code(pattern, key[1])
        rx = _sre.compile(pattern, *code)
    except Exception:  # a bad pattern (re.compile raises its error) or the internals moved
        return re.compile(pattern, flags)
    global _new
    store[key] = code
    _used.add(key)
    _new += 1
    return rx


def _compiled_code(pattern: str, flags: int) -> _Code:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` after the pattern (its steps,
    in the same order)."""
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = p.state.groupdict
    indexgroup: list[str | None] = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    # plain ints: re's opcodes are int subclasses that refuse to be pickled
    return (flags | p.state.flags, list(map(int, code)), p.state.groups - 1, dict(groupindex),
            tuple(indexgroup))


def save() -> str | None:
    """Write the patterns compiled since the file was read (nothing new: nothing written);
    the reason when the file could not be written, else None."""
    global _new
    if not _new or _folder is None or _store is None:
        return None
    store: dict[Any, _Code] = (_store if len(_store) <= LIMIT
                               else {k: v for k, v in _store.items() if k in _used})
    problem = write_entry(_entry(_folder), store)
    _new = 0
    return problem

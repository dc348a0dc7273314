"""One cache entry on disk: a pickle behind a magic word, a format version and its sha256.

Used by the result cache (:mod:`checker.cache`) and the parsed-rule cache
(:mod:`checker.dsl.rule_cache`). An entry is written to a temporary file in its folder and moved
in place (``os.replace``), so that two runs writing at once never leave half an entry; an entry
that does not check out (cut short, damaged, of another format version, a payload of a class
that changed) is never trusted. The payload is a pickle: only the user's own cache folder is
read.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["default_cache_dir", "read_entry", "remove_entry", "write_entry"]

MAGIC = b"BCHK"
VERSION = 2  # 2: result entries keep the half of a two-file report their name marks
_DIGEST = 32


def default_cache_dir() -> Path:
    """The user's cache folder for the checker (``CHECKER_CACHE_DIR`` overrides it)."""
    if env := os.environ.get("CHECKER_CACHE_DIR"):
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("budget-checker", appauthor=False))


def read_entry(path: Path) -> tuple[Any | None, str | None]:
    """``(value, None)``; ``(None, None)`` when there is no entry; ``(None, why)`` when the entry
    cannot be trusted (the caller removes it)."""
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})"
    head = len(MAGIC) + 1 + _DIGEST
    if (len(blob) < head or blob[: len(MAGIC)] != MAGIC or blob[len(MAGIC)] != VERSION
            or hashlib.sha256(blob[head:]).digest() != blob[len(MAGIC) + 1 : head]):
        return None, "damaged or of another version"
    paused = gc.isenabled()
    gc.disable()  # an entry is tens of thousands of new objects, all alive: nothing to collect,
    try:  # yet the collector would walk the whole heap for them (~15 ms of a cold check)
        return pickle.loads(blob[head:]), None
    except Exception as exc:  # a payload of a changed class: not trusted either
        return None, f"cannot be loaded ({type(exc).__name__})"
    finally:
        if paused:
            gc.enable()


def write_entry(path: Path, value: Any) -> str | None:
    """Write an entry atomically; the reason when it could not be written (a read-only or full
    cache: the caller goes on without it), else None."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    blob = MAGIC + bytes([VERSION]) + hashlib.sha256(payload).digest() + payload
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pkl")
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
        os.replace(tmp, path)  # atomic: a reader sees the old entry or the whole new one
    except OSError as exc:
        return str(exc.strerror or exc)
    return None


def remove_entry(path: Path) -> None:
    """Remove an entry that cannot be trusted (already gone: nothing to do)."""
    try:
        path.unlink()
    except OSError:
        pass

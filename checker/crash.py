"""An internal error is not an input error: a bug of the checker is told apart from a bad report.

A report that cannot be read is the user's to fix (``InputError``: exit code 2, the file and
line named). Any other exception while a report is parsed or its rules evaluated is a bug in
the checker: the report is skipped, the others go on, and the user is told so — "internal
error … a bug in the checker, not a fault of the report" — with the traceback saved to a file
whose name is in the message, to attach to a bug report; the exit code is 3.

Tracebacks go to ``crashes/`` in the cache folder (``--cache-dir``, ``CHECKER_CACHE_DIR``, the
user's cache folder); a file that cannot be written is said instead of a name.
"""

from __future__ import annotations

import hashlib
import platform
import time
import traceback
from pathlib import Path

from checker import __version__
from checker.cache_entry import default_cache_dir

__all__ = ["EXIT_INTERNAL", "internal_error_message", "save_traceback"]

EXIT_INTERNAL = 3


def _folder(cache_dir: str | None) -> Path:
    return (Path(cache_dir) if cache_dir else default_cache_dir()) / "crashes"


def save_traceback(exc: BaseException, path: str, stage: str, cache_dir: str | None = None) -> str:
    """Write the traceback of ``exc`` (met while ``stage`` the report at ``path``) with the
    versions it happened with; return the file's name, or why it could not be written."""
    text = "".join(traceback.format_exception(exc))
    head = (f"budget-checker {__version__} · Python {platform.python_version()} · "
            f"{platform.platform()}\nreport: {path}\nwhile: {stage}\n\n")
    digest = hashlib.blake2b((path + text).encode("utf-8", "replace"), digest_size=6).hexdigest()
    target = _folder(cache_dir) / f"{time.strftime('%Y%m%d-%H%M%S')}-{digest}.txt"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(head + text, encoding="utf-8")
    except OSError as err:
        return f"(the traceback could not be saved: {err})"
    return str(target)


def internal_error_message(exc: BaseException, path: str, stage: str,
                           cache_dir: str | None = None) -> str:
    """What the user reads for a bug met on one report: what happened, that it is not the
    report's fault, where the traceback is."""
    saved = save_traceback(exc, path, stage, cache_dir)
    return (f"{path}: internal error while {stage} — a bug in the checker, not a fault of the "
            f"report: {type(exc).__name__}: {exc}; traceback: {saved} (please report it, with "
            f"the report if you can)")

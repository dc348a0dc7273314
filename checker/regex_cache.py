"""Compiled regular expressions kept between runs: ``re.compile`` for the pattern catalogue.

A check from a cold process spent about a fifth of its time compiling regexes: the fact
patterns, the table titles and the words of names, a few hundred in all. Most of that is one
thing: every CJK class such as ``[一-鿿]`` costs about a millisecond, because CPython's regex
optimiser (``re._compiler``, pure Python) walks all of its 20,992 code points; a fact pattern
holds three of them in ``{label}``. A compiled ``re.Pattern`` cannot be kept (pickling one
compiles it again), but what the slow part produces can: the pattern's code, a list of
integers, which ``_sre.compile`` (C) turns back into the same pattern in microseconds. That
is what is kept, in a store of :mod:`checker.kept` named by the Python version and the regex
engine's format (``_sre.MAGIC``): another Python has a store of its own.

:func:`compile` is ``re.compile`` (same pattern, same errors); it only skips the work when the
code of that exact pattern text and flags is known. Anything unexpected — another ``re``
inside, code the engine refuses — falls back to ``re.compile``: the store can make a run
faster, never different. Without a cache folder (``--no-cache``) it is ``re.compile``.
"""

from __future__ import annotations

import hashlib
import re
import sys

from checker import kept

__all__ = ["compile"]

try:  # the internals this rests on; without them, compile() is re.compile
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another Python implementation
    _sre = None

_Code = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_TAG = f"{sys.version}|{getattr(_sre, 'MAGIC', '')}|{getattr(_sre, 'CODESIZE', '')}"
STORE = f"regex/{hashlib.sha256(_TAG.encode()).hexdigest()[:16]}"


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the kept code of this pattern when there is one."""
    if _sre is None or not kept.active() or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    code = kept.get(STORE, key)
    if code is not None:
        try:
            return _sre.compile(pattern, *code)
        except Exception:  # code this engine refuses: compiled as usual, and kept anew
            kept.drop(STORE, key)
    try:
        code = _compiled_code(pattern, key[1])
        rx = _sre.compile(pattern, *code)
    except Exception:  # a bad pattern (re.compile raises its error) or the internals moved
        return re.compile(pattern, flags)
    kept.put(STORE, key, code)
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

"""A rule file's text and the errors that point into it, without the parser.

:func:`read_rule_text` reads a ``.rules`` file, :func:`grammar_path` finds the grammar,
:class:`RuleError` is a mistake at its place in a rule text (``file:line:col: message``, the line,
a caret, a suggestion) and :func:`suggest` the ``did you mean`` of a name. The compiler, the
rule cache and the engine need these on every run; Lark is needed only to parse a rule text
(:mod:`checker.dsl.parse`, imported when a rule file is not in the cache).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from checker.errors import CheckerError
from checker.labels import norm

__all__ = ["RuleError", "grammar_path", "read_rule_text", "suggest"]


class RuleError(CheckerError):
    """An error in a rule file: position, source line with caret, optional suggestion."""

    def __init__(
        self,
        path: str,
        line: int,
        col: int,
        message: str,
        source_line: str = "",
        suggestion: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.col = col
        self.message = message
        self.source_line = source_line
        self.suggestion = suggestion
        super().__init__(self.render())

    def render(self) -> str:
        """The full text: ``file:line:col: message``, the line, a caret, the suggestion."""
        out = [f"{self.path}:{self.line}:{self.col}: {self.message}"]
        if self.source_line:
            out.append("    " + self.source_line.rstrip())
            out.append("    " + _caret_pad(self.source_line, self.col) + "^")
        if self.suggestion:
            out.append(f"  did you mean {self.suggestion}?")
        return "\n".join(out)


def _caret_pad(line: str, col: int) -> str:
    """Spaces that put a caret under column ``col`` (wide CJK characters count as two)."""
    pad = []
    for ch in line[: max(col - 1, 0)]:
        if ch == "\t":
            pad.append("\t")
        elif unicodedata.east_asian_width(ch) in ("W", "F"):
            pad.append("  ")
        else:
            pad.append(" ")
    return "".join(pad)


def suggest(name: str, candidates: Iterable[str], n: int = 3) -> str | None:
    """Return ``'a'`` or ``'a' or 'b'`` for the candidates closest to ``name``, or None."""
    cands = sorted(set(candidates))
    by_norm: dict[str, str] = {}
    for c in cands:
        by_norm.setdefault(norm(c), c)
    wanted = norm(name)
    close = difflib.get_close_matches(wanted, list(by_norm), n=n, cutoff=0.5)
    if close:
        scores = [difflib.SequenceMatcher(None, wanted, c).ratio() for c in close]
        close = [c for c, s in zip(close, scores, strict=True) if s >= scores[0] - 0.1]
    if not close:
        close = [k for k in by_norm if wanted and (k.startswith(wanted) or wanted in k)][:n]
    if not close:
        return None
    return " or ".join(f"'{by_norm[c]}'" for c in close)


def grammar_path() -> Path:
    """Locate ``rules.lark``: ``checker/grammars`` when installed, ``grammars/`` in the repository."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "grammars" / "rules.lark", here.parents[1] / "grammars" / "rules.lark"):
        if candidate.is_file():
            return candidate
    raise CheckerError("grammar file rules.lark not found")


def read_rule_text(path: Path) -> str:
    """The text of a ``.rules`` file (UTF-8); :class:`RuleError` when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(str(path), 0, 0, f"cannot read rule file: {exc}") from None
    except UnicodeDecodeError as exc:
        raise RuleError(str(path), 0, 0, f"rule file is not UTF-8: {exc}") from None

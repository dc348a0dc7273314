"""The formatter of ``.rules`` files: one layout, the one the shipped rule files are written in.

The layout (``docs/lsp.md``, "The formatter"):

* blocks are indented by two spaces a level (``rule`` at column 0, its metadata and statements
  at 2, the body of a ``for`` / ``when`` 2 further);
* a line that continues a statement (it starts with an operator, follows a comma or a trailing
  backslash, or is inside brackets) is indented 2 past its statement — 4 past a ``for`` /
  ``when`` header, so that it stands apart from the block under it — and 2 further for each
  bracket opened since the statement's first line and still open;
* one space around binary operators (``= + × ≤ ≈ ±`` …, ``and``, ``or``), after a comma and
  between words; none inside brackets, before a comma or colon, around a ``.``, between a
  function or table and its ``(`` / ``[``, after a unary minus, nor around the ``-`` of
  ``applies … year 2023-2024``;
* a comment line is indented as the line it stands before; an inline comment is kept two
  spaces (or as many as the author aligned it with, if more) after the code;
* one blank line before each ``rule`` (before the comment lines directly above it, which belong
  to it); elsewhere a run of blank lines becomes one; no blank line at the start of the file,
  no trailing spaces, one newline at the end.

Line breaks inside a statement stay where the author put them, operator symbols as written
(``×`` is not turned into ``*``), strings, names and numbers untouched: only whitespace changes.
:func:`format_text` parses the text before and after and compares the trees, positions left
aside (:func:`same_rules`); a difference is a :class:`FormatError`, never a silent change of
meaning. Formatting a formatted text changes nothing.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from checker.dsl import ast
from checker.dsl.parse import CONTINUATION_TOKENS, RuleError, parse_text, raw_tokens
from checker.errors import CheckerError

__all__ = ["FormatError", "ast_key", "format_text", "same_rules"]

INDENT = "  "
TAB_WIDTH = 4  # as the parser counts a tab (dsl.parse._RuleIndenter.tab_len)

_OPEN = {"LPAR", "LSQB"}
_CLOSE = {"RPAR", "RSQB"}
_BINARY = {"EQ", "EQEQ", "NE", "LE", "GE", "LT", "GT", "APPROX", "PM", "PLUS", "MINUS", "STAR",
           "TIMES", "SLASH", "DIVIDE"}
# after these a + or - is a sign, not an operator
_BEFORE_UNARY = _BINARY | _OPEN | {"COMMA", "COLON", "IN", "WHERE", "IF", "WHEN", "REQUIRE", "AND",
                                   "OR", "NOT", "FOR", None}
_NO_SPACE_AFTER = _OPEN | {"DOT"}
_NO_SPACE_BEFORE = _CLOSE | {"COMMA", "DOT", "COLON"}
# a ( or [ right after one of these is a call or an index
_CALLABLE = {"NAME", "BQNAME", "RPAR", "RSQB"}
_BLOCK_HEADERS = {"FOR", "WHEN"}
_WHITESPACE = "__IGNORE_0"
_BACKSLASH = "__IGNORE_1"
_NL_PIECE = re.compile(r"(#[^\n]*)|\r?\n([\t ]*)")


class FormatError(CheckerError):
    """The formatted text would not mean what the original means (a bug of the formatter): the
    file is left as it is."""


@dataclass
class _Line:
    """One physical line as read: its indentation, tokens, comment and what follows."""

    indent: str = ""
    tokens: list[tuple[str, str]] = field(default_factory=list)
    comment: str | None = None
    comment_gap: int = 0  # spaces between the code and an inline comment
    backslash: bool = False
    gap: str = ""  # whitespace since the last token (to measure the gap before a comment)


def _lines(text: str) -> list[_Line]:
    """Split a text into physical lines of tokens (newlines, indentation and comments apart)."""
    lines = [_Line()]
    for tok in raw_tokens(text):
        cur = lines[-1]
        kind, value = tok.type, str(tok)
        if kind == _WHITESPACE:
            if cur.tokens:
                cur.gap = value
            else:
                cur.indent += value
            continue
        if kind == _BACKSLASH:
            cur.backslash = True
            lines.append(_Line())
            continue
        if kind in ("_NL", "COMMENT"):
            for m in _NL_PIECE.finditer(value):
                if m.group(1) is not None:
                    cur = lines[-1]
                    cur.comment = m.group(1).rstrip()
                    cur.comment_gap = len(cur.gap.expandtabs(TAB_WIDTH)) if cur.tokens else 0
                else:
                    lines.append(_Line(indent=m.group(2)))
            continue
        cur.tokens.append((kind, value))
        cur.gap = ""
    return lines


def _width(indent: str) -> int:
    """The width of an indentation as the parser's indenter measures it."""
    return indent.count(" ") + indent.count("\t") * TAB_WIDTH


def _code(tokens: list[tuple[str, str]], prev: str | None, applies: bool) -> str:
    """The tokens of one line with the layout's spacing; ``prev``: the last token type before the
    line (a sign or an operator?); ``applies``: the line is (part of) an ``applies`` line."""
    out: list[str] = []
    before = prev
    unary = False
    in_year = False
    for i, (kind, value) in enumerate(tokens):
        if i:
            last = tokens[i - 1][0]
            tight = (last in _NO_SPACE_AFTER or kind in _NO_SPACE_BEFORE or unary
                     or (kind in _OPEN and last in _CALLABLE)
                     or (in_year and (kind == "MINUS" or last == "MINUS")))
            if not tight:
                out.append(" ")
        elif unary:  # pragma: no cover - a line never starts after a sign on the line before
            pass
        if applies and kind == "YEAR":
            in_year = True
        unary = kind in ("PLUS", "MINUS") and before in _BEFORE_UNARY and not in_year
        out.append(value)
        before = kind
    return "".join(out)


def format_text(text: str, path: str = "<rules>") -> str:
    """The text laid out in the canonical layout (module docstring). :class:`RuleError` when the
    text does not parse; :class:`FormatError` when the result would parse to other rules."""
    before = parse_text(text, path)
    out = _layout(text)
    try:
        after = parse_text(out, path)
    except RuleError as exc:
        raise FormatError(f"{path}: the formatted text does not parse ({exc.message}); "
                          "the file is left unchanged") from None
    if not same_rules(before, after):
        raise FormatError(f"{path}: formatting would change the rules; the file is left unchanged")
    return out


def _layout(text: str) -> str:
    lines = _lines(text.replace("\r\n", "\n"))
    # -- indentation of each code line
    stack = [0]  # the original widths of the open blocks
    depth = 0  # bracket depth at the start of the current line
    prev_last: str | None = None  # the last token of the previous code line
    prev_backslash = False
    stmt_indent = ""  # the new indentation of the current statement's first line
    stmt_extra = 2  # continuation offset of the current statement
    stmt_depth = 0  # bracket depth after the statement's first line
    stmt_applies = False
    indents: list[str | None] = []  # None: a comment-only or blank line (decided below)
    codes: list[str] = []
    for line in lines:
        if not line.tokens:
            indents.append(None)
            codes.append("")
            continue
        first = line.tokens[0][0]
        continued = (depth > 0 or prev_backslash or prev_last == "COMMA"
                     or first in CONTINUATION_TOKENS)
        if continued:
            extra = stmt_extra + 2 * max(0, depth - stmt_depth)
            indents.append(stmt_indent + " " * extra)
            codes.append(_code(line.tokens, prev_last, stmt_applies))
        else:
            width = _width(line.indent)
            if width > stack[-1]:
                stack.append(width)
            else:
                while width < stack[-1]:
                    stack.pop()
            stmt_indent = INDENT * (len(stack) - 1)
            stmt_extra = 4 if first in _BLOCK_HEADERS else 2
            stmt_applies = first == "APPLIES"
            indents.append(stmt_indent)
            codes.append(_code(line.tokens, None, stmt_applies))
        for kind, _ in line.tokens:
            if kind in _OPEN:
                depth += 1
            elif kind in _CLOSE:
                depth = max(0, depth - 1)
        if not continued:
            stmt_depth = depth
        prev_last = line.tokens[-1][0]
        prev_backslash = line.backslash
    # -- comment lines take the indentation of the next code line
    following = ""
    for i in range(len(lines) - 1, -1, -1):
        if indents[i] is None:
            indents[i] = following if lines[i].comment is not None else ""
        else:
            following = indents[i] or ""
    # -- the text, with the blank lines of the layout
    rule_start = _rule_starts(lines)
    out: list[str] = []
    blanks = 0
    for i, line in enumerate(lines):
        if not line.tokens and line.comment is None:
            blanks += 1
            continue
        if out:
            want = 1 if rule_start[i] else min(blanks, 1)
            out.extend([""] * want)
        blanks = 0
        code = codes[i]
        if line.backslash:
            code += " \\"
        if line.comment is not None:
            gap = " " * max(2, line.comment_gap) if code else ""
            code = f"{code}{gap}{line.comment}"
        out.append(f"{indents[i]}{code}".rstrip())
    return "\n".join(out) + "\n" if out else ""


def _rule_starts(lines: list[_Line]) -> list[bool]:
    """Which lines begin a rule: a ``rule`` header at column 0, or the first of the top-level
    comment lines directly above one."""
    starts = [False] * len(lines)
    for i, line in enumerate(lines):
        if line.tokens and line.tokens[0][0] == "RULE" and not line.indent:
            j = i
            while (j > 0 and not lines[j - 1].tokens and lines[j - 1].comment is not None
                   and not lines[j - 1].indent):
                j -= 1
            starts[j] = True
    return starts


# ---- comparing what two texts mean

_POSITIONS = {"line", "col", "src", "severity_pos", "message_pos", "positions", "path"}


def ast_key(value: Any) -> Any:
    """A parsed rule file (or any node) as nested tuples, positions and source text left out: two
    texts that mean the same rules have equal keys."""
    if isinstance(value, ast.RuleFile):
        return ("RuleFile", tuple(ast_key(r) for r in value.rules))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(
            (f.name, ast_key(getattr(value, f.name))) for f in dataclasses.fields(value)
            if f.name not in _POSITIONS))
    if isinstance(value, list | tuple):
        return tuple(ast_key(v) for v in value)
    return value


def same_rules(a: ast.RuleFile, b: ast.RuleFile) -> bool:
    """True when two parsed files hold the same rules, positions aside (:func:`ast_key`)."""
    return ast_key(a) == ast_key(b)

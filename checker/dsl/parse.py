"""Parse rule files into :mod:`checker.dsl.ast` trees.

The grammar is ``grammars/rules.lark`` (shipped as ``checker/grammars/rules.lark``); it is read
with Lark's LALR parser, the basic lexer and an indentation post-lexer:

* blocks are made by indentation (spaces or tabs, as in Python); brackets suspend it;
* a line whose first token is an operator (``= == ≠ ≤ ≥ < > ≈ ± + - × ÷ * /``, ``and``, ``or``)
  continues the previous line, and so does a line after one ending with a comma, so a long
  identity can be broken before an operator and a long list after a comma;
* ``#`` starts a comment; a backslash at the end of a line joins it with the next.

Errors are :class:`RuleError`: ``file:line:col: message``, the source line, a caret under the
column, and a ``did you mean …`` suggestion when one is close (:func:`suggest`, difflib over
normalised labels). Those are defined in :mod:`checker.dsl.source`, which does not import Lark:
a run whose rule files are all in the cache never imports this module. Parsing never evaluates
anything: the language has no way to run Python, read files or loop without bound.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken
from lark.indenter import DedentError, Indenter

from checker.dsl import ast
from checker.dsl.exact import ExactError, exact_twin
from checker.dsl.source import RuleError, grammar_path, read_rule_text, suggest

__all__ = ["CONTINUATION_TOKENS", "RuleError", "grammar_path", "parse_expression", "parse_file",
           "parse_text", "raw_tokens", "read_rule_text", "suggest"]


_CONTINUATION = {
    "EQ", "EQEQ", "NE", "LE", "GE", "LT", "GT", "APPROX", "PM",
    "PLUS", "MINUS", "STAR", "TIMES", "SLASH", "DIVIDE", "AND", "OR",
}
# the tokens that, first on a line, continue the line above (the formatter indents such a line
# as a continuation: checker/lsp/fmt.py)
CONTINUATION_TOKENS = frozenset(_CONTINUATION)


class _IndentError(DedentError):
    """A dedent to a width no enclosing block has, with the line (1-based) and column it is at."""

    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.line = line
        self.col = col


class _RuleIndenter(Indenter):
    """Python-style INDENT/DEDENT, plus: a line starting with an operator continues the last."""

    NL_type = "_NL"
    OPEN_PAREN_types = ("LPAR", "LSQB")  # type: ignore[assignment]
    CLOSE_PAREN_types = ("RPAR", "RSQB")  # type: ignore[assignment]
    INDENT_type = "_INDENT"
    DEDENT_type = "_DEDENT"
    tab_len = 4

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:  # type: ignore[override]
        """Drop a newline followed by an operator, then apply the indentation rules."""
        return super().process(self._join(stream))

    def handle_NL(self, token: Token) -> Iterator[Token]:
        """Lark's indentation rules; a bad dedent names the line it is on (:class:`_IndentError`)."""
        try:
            yield from super().handle_NL(token)
        except DedentError as exc:
            indent = token.rsplit("\n", 1)[1]
            raise _IndentError(str(exc), token.end_line or 0, len(indent) + 1) from None

    @staticmethod
    def _join(stream: Iterator[Token]) -> Iterator[Token]:
        pending: Token | None = None
        last = ""
        for tok in stream:
            if pending is not None:
                if tok.type not in _CONTINUATION:
                    yield pending
                pending = None
            if tok.type == "_NL":
                if last != "COMMA":
                    pending = tok
                continue
            last = tok.type
            yield tok
        if pending is not None:
            yield pending


@lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(
        grammar_path().read_text(encoding="utf-8"),
        parser="lalr",
        lexer="basic",
        postlex=_RuleIndenter(),
        start=["start", "expr"],
        propagate_positions=True,
        maybe_placeholders=True,
        # the grammar analysis is cached in the temp folder (keyed by grammar and options):
        # it is most of the command's start-up time otherwise
        cache=True,
    )


@lru_cache(maxsize=1)
def _lexer() -> Lark:
    return Lark(grammar_path().read_text(encoding="utf-8"), parser="lalr", lexer="basic",
                start=["start", "expr"], cache=True)


def raw_tokens(text: str) -> Iterator[Token]:
    """The tokens of a rule text as the grammar lexes it, whitespace and comments included and no
    indentation tokens (``_NL`` holds the newlines, the next line's indentation and any comment
    lines between): what the formatter lays out again. :class:`RuleError` on a character no token
    begins with."""
    try:
        yield from _lexer().lex(text, dont_ignore=True)
    except UnexpectedInput as exc:
        raise _convert(exc, text, "<rules>") from None


_TOKEN_WORDS = {
    "NAME": "a name",
    "BQNAME": "a `name`",
    "NUMBER": "a number",
    "STRING": 'a "string"',
    "_NL": "end of line",
    "_INDENT": "an indented block",
    "_DEDENT": "end of block",
    "$END": "end of file",
}


def _describe(term: str) -> str:
    if term in _TOKEN_WORDS:
        return _TOKEN_WORDS[term]
    try:
        pattern = _parser().get_terminal(term).pattern
    except KeyError:
        return term
    if pattern.type == "str":
        return f"'{pattern.value}'"
    return term.lower()


class _Args(list):  # marker: a plain argument list
    pass


@v_args(meta=True)
class _ToAst(Transformer):
    """Lark tree → :mod:`checker.dsl.ast` nodes."""

    def __init__(self, text: str, path: str) -> None:
        super().__init__()
        self.text = text
        self.path = path

    def _pos(self, meta: Any) -> dict[str, Any]:
        if getattr(meta, "empty", True):
            return {}
        return {"line": meta.line, "col": meta.column, "src": self.text[meta.start_pos : meta.end_pos]}

    # ---- file and rule
    def start(self, meta: Any, children: list[Any]) -> list[ast.Rule]:
        return [c for c in children if isinstance(c, ast.Rule)]

    def rule_id(self, meta: Any, children: list[Token]) -> str:
        return ".".join(str(c) for c in children)

    def rule(self, meta: Any, children: list[Any]) -> ast.Rule:
        rid, title, *items = children
        rule = ast.Rule(id=rid, title=_unquote(title), path=self.path, **self._pos(meta))
        rule.src = ""
        for item in items:
            if isinstance(item, tuple):
                kind = item[0]
                if kind == "severity":
                    if rule.severity is not None:
                        raise self._error(item[2], "severity given twice")
                    rule.severity, rule.severity_pos = item[1], item[2]
                elif kind == "tags":
                    rule.tags.extend(item[1])
                elif kind == "message":
                    if rule.message is not None:
                        raise self._error(item[2], "message given twice")
                    rule.message, rule.message_pos = item[1], item[2]
                elif kind == "exact":
                    if rule.exact_title is not None:
                        raise self._error(item[2], "exact given twice")
                    rule.exact_title, rule.exact_pos = item[1], item[2]
                elif kind == "exact_message":
                    if rule.exact_message is not None:
                        raise self._error(item[2], "exact message given twice")
                    rule.exact_message, rule.exact_message_pos = item[1], item[2]
            elif isinstance(item, ast.Applies):
                if rule.applies is not None:
                    raise self._error((item.line, item.col), "applies given twice")
                rule.applies = item
            else:
                rule.body.append(item)
        return rule

    def _error(self, pos: tuple[int, int], message: str) -> RuleError:
        line = self.text.splitlines()[pos[0] - 1] if pos[0] else ""
        return RuleError(self.path, pos[0], pos[1], message, line)

    def severity_decl(self, meta: Any, children: list[Token]) -> tuple[str, str, tuple[int, int]]:
        tok = children[0]
        return ("severity", str(tok), (tok.line, tok.column))

    def tags_decl(self, meta: Any, children: list[Token]) -> tuple[str, list[str]]:
        return ("tags", [str(c) for c in children])

    def message_decl(self, meta: Any, children: list[Token]) -> tuple[str, str, tuple[int, int]]:
        tok = children[0]
        return ("message", _unquote(tok), (tok.line, tok.column))

    def exact_decl(self, meta: Any, children: list[Token]) -> tuple[str, str, tuple[int, int]]:
        tok = children[0]
        return ("exact", _unquote(tok), (tok.line, tok.column))

    def exact_message_decl(self, meta: Any, children: list[Token]) -> tuple[str, str, tuple[int, int]]:
        tok = children[0]
        return ("exact_message", _unquote(tok), (tok.line, tok.column))

    def region_clause(self, meta: Any, children: list[Token]) -> list[str]:
        return [str(c) for c in children]

    def except_clause(self, meta: Any, children: list[Token]) -> list[str]:
        return [str(c) for c in children]

    def year_clause(self, meta: Any, children: list[Any]) -> tuple[int | None, int | None]:
        first, dash, last = children
        y1 = int(str(first))
        if dash is None:
            return (y1, y1)
        return (y1, int(str(last)) if last is not None else None)

    def applies_decl(self, meta: Any, children: list[Any]) -> ast.Applies:
        kind, regions, excluded, years = children
        y1, y2 = years if years else (None, None)
        return ast.Applies(
            kind=str(kind) if kind is not None else None,
            regions=regions or [],
            excluded=excluded or [],
            year_from=y1,
            year_to=y2,
            **self._pos(meta),
        )

    # ---- statements
    def let_stmt(self, meta: Any, children: list[Any]) -> ast.Let:
        name, _eq, expr = children
        return ast.Let(name=str(name), expr=expr, **self._pos(meta))

    def table_name(self, meta: Any, children: list[Token]) -> tuple[str, tuple[int, int]]:
        name = ".".join(_unbackquote(str(c)) for c in children)
        return (name, (children[0].line, children[0].column))

    def require_tables(self, meta: Any, children: list[Any]) -> ast.RequireTables:
        return ast.RequireTables(
            names=[c[0] for c in children], positions=[c[1] for c in children], **self._pos(meta)
        )

    def require_stmt(self, meta: Any, children: list[Any]) -> ast.Assert:
        return ast.Assert(expr=children[0], require=True, **self._pos(meta))

    def assert_stmt(self, meta: Any, children: list[Any]) -> ast.Assert:
        return ast.Assert(expr=children[0], **self._pos(meta))

    def suite(self, meta: Any, children: list[Any]) -> list[Any]:
        return list(children)

    def for_stmt(self, meta: Any, children: list[Any]) -> ast.For:
        var, iterable, where, body = children
        return ast.For(var=str(var), iterable=iterable, where=where, body=body, **self._pos(meta))

    def when_stmt(self, meta: Any, children: list[Any]) -> ast.When:
        cond, body = children
        return ast.When(cond=cond, body=body, **self._pos(meta))

    # ---- expressions
    def or_(self, meta: Any, children: list[Any]) -> ast.BoolOp:
        return ast.BoolOp("or", children[0], children[1], **self._pos(meta))

    def and_(self, meta: Any, children: list[Any]) -> ast.BoolOp:
        return ast.BoolOp("and", children[0], children[1], **self._pos(meta))

    def not_(self, meta: Any, children: list[Any]) -> ast.Not:
        return ast.Not(children[0], **self._pos(meta))

    def comp_op(self, meta: Any, children: list[Token]) -> str:
        op = str(children[0])
        return ast.OP_CANONICAL.get(op, op)

    def compare(self, meta: Any, children: list[Any]) -> ast.Compare:
        left, op, right = children
        return ast.Compare(op, left, right, **self._pos(meta))

    def approx(self, meta: Any, children: list[Any]) -> ast.Approx:
        left, _a, right, _pm, tol = children
        return ast.Approx(left, right, tol, **self._pos(meta))

    def binop(self, meta: Any, children: list[Any]) -> ast.BinOp:
        left, op, right = children
        return ast.BinOp(ast.OP_CANONICAL.get(str(op), str(op)), left, right, **self._pos(meta))

    def neg(self, meta: Any, children: list[Any]) -> ast.Neg:
        return ast.Neg(children[1], **self._pos(meta))

    def factor(self, meta: Any, children: list[Any]) -> Any:  # unary plus
        return children[-1]

    def attr_name(self, meta: Any, children: list[Token]) -> str:
        return _unbackquote(str(children[0]))

    def attr(self, meta: Any, children: list[Any]) -> ast.Attr:
        return ast.Attr(children[0], children[1], **self._pos(meta))

    def index(self, meta: Any, children: list[Any]) -> ast.Index:
        return ast.Index(children[0], children[1], **self._pos(meta))

    def number(self, meta: Any, children: list[Token]) -> ast.Num:
        text = str(children[0])
        if text.endswith("%"):
            return ast.Num(Decimal(text[:-1]).scaleb(-2), text, True, **self._pos(meta))
        return ast.Num(Decimal(text), text, **self._pos(meta))

    def string(self, meta: Any, children: list[Token]) -> ast.Str:
        return ast.Str(_unquote(children[0]), **self._pos(meta))

    def name(self, meta: Any, children: list[Token]) -> ast.Name:
        return ast.Name(_unbackquote(str(children[0])), **self._pos(meta))

    def true(self, meta: Any, children: list[Any]) -> ast.Const:
        return ast.Const(True, **self._pos(meta))

    def false(self, meta: Any, children: list[Any]) -> ast.Const:
        return ast.Const(False, **self._pos(meta))

    def none(self, meta: Any, children: list[Any]) -> ast.Const:
        return ast.Const(None, **self._pos(meta))

    def arglist(self, meta: Any, children: list[Any]) -> _Args:
        return _Args(children)

    def generator(self, meta: Any, children: list[Any]) -> ast.Gen:
        expr, var, iterable, where = children
        return ast.Gen(expr, str(var), iterable, where, **self._pos(meta))

    def call(self, meta: Any, children: list[Any]) -> ast.Call:
        name, args = children
        if args is None:
            arglist: list[Any] = []
        elif isinstance(args, _Args):
            arglist = list(args)
        else:
            arglist = [args]
        return ast.Call(str(name), arglist, **self._pos(meta))

    def list_(self, meta: Any, children: list[Any]) -> ast.ListLit:
        return ast.ListLit([c for c in children if c is not None], **self._pos(meta))


def _unquote(tok: Any) -> str:
    s = str(tok)[1:-1]
    if "\\" not in s:
        return s
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s):
            nxt = s[i + 1]
            out.append({"n": "\n", "t": "\t"}.get(nxt, nxt))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _unbackquote(s: str) -> str:
    return s[1:-1] if s.startswith("`") and s.endswith("`") else s


def _convert(exc: UnexpectedInput, text: str, path: str, line_offset: int = 0) -> RuleError:
    lines = text.splitlines()
    line = getattr(exc, "line", 0) or 0
    col = getattr(exc, "column", 0) or 0
    if line <= 0 or line > len(lines):
        line = len(lines)
        col = len(lines[-1]) + 1 if lines else 1
    source = lines[line - 1] if lines else ""
    if isinstance(exc, UnexpectedToken):
        tok = exc.token
        if tok.type == "$END":
            what = "end of file"
        elif tok.type == "_NL":
            what = "end of line"
        elif tok.type in ("_INDENT", "_DEDENT"):
            what = "a change of indentation"
        else:
            what = f"'{tok}'"
        expected = sorted({_describe(t) for t in exc.expected if not t.startswith("__")})
        msg = f"unexpected {what}"
        if expected:
            msg += "; expected " + ", ".join(expected[:8]) + (" …" if len(expected) > 8 else "")
    elif isinstance(exc, UnexpectedCharacters):
        msg = f"unexpected character '{exc.char}'"
    elif isinstance(exc, UnexpectedEOF):
        msg = "unexpected end of file"
    else:  # pragma: no cover
        msg = str(exc).splitlines()[0]
    return RuleError(path, line + line_offset, col, msg, source)


def parse_text(text: str, path: str = "<rules>") -> ast.RuleFile:
    """Parse the text of a rule file; raise :class:`RuleError` on a syntax error."""
    if not text.endswith("\n"):
        text += "\n"
    try:
        tree = _parser().parse(text, start="start")
    except UnexpectedInput as exc:
        raise _convert(exc, text, path) from None
    except DedentError as exc:
        line, col = getattr(exc, "line", 0), getattr(exc, "col", 0)
        source = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
        raise RuleError(path, line, col, f"inconsistent indentation: {exc}", source) from None
    try:
        rules = _ToAst(text, path).transform(tree)
    except Exception as exc:  # VisitError wraps our RuleError
        inner = getattr(exc, "orig_exc", exc)
        if isinstance(inner, RuleError):
            raise inner from None
        raise
    out: list[ast.Rule] = []
    for rule in rules:
        if rule.message is not None:
            rule.message_parts = message_parts(rule.message, path, *rule.message_pos)
        out.append(rule)
        if rule.exact_title is not None or rule.exact_message is not None:
            try:
                twin = exact_twin(rule)
            except ExactError as exc:
                line, col = rule.exact_pos if rule.exact_title is not None else rule.exact_message_pos
                raise RuleError(path, line, col, str(exc), text.splitlines()[line - 1]) from None
            if twin.message is not None:
                twin.message_parts = message_parts(twin.message, path, *twin.message_pos)
            out.append(twin)
    return ast.RuleFile(path=path, text=text, rules=out)


def message_parts(text: str, path: str, line: int, col: int) -> list[str | ast.Placeholder]:
    """A message split into its text and its ``{…}`` placeholders, each parsed (``{{`` and
    ``}}`` stand for braces); a placeholder that does not parse is a :class:`RuleError` at its
    column."""
    parts: list[str | ast.Placeholder] = []
    pos = 0
    for m in re.finditer(r"\{\{|\}\}|\{([^{}]*)\}", text):
        parts.append(text[pos : m.start()])
        pos = m.end()
        if m.group(0) in ("{{", "}}"):
            parts.append(m.group(0)[0])
            continue
        inner = m.group(1).strip()
        if inner in ast.MESSAGE_BUILTINS:
            parts.append(ast.Placeholder(inner, None))
        else:
            parts.append(ast.Placeholder(inner, parse_expression(inner, path, line,
                                                                 col + 1 + m.start(1))))
    parts.append(text[pos:])
    return [p for p in parts if p != ""]


def parse_file(path: Path) -> ast.RuleFile:
    """Read and parse one ``.rules`` file (UTF-8)."""
    return parse_text(read_rule_text(path), str(path))


def parse_expression(text: str, path: str = "<expr>", line: int = 0, col: int = 0) -> ast.Node:
    """Parse one expression (a message placeholder); positions are shifted to ``line``/``col``."""
    try:
        tree = _parser().parse(text, start="expr")
    except UnexpectedInput as exc:
        err = _convert(exc, text, path)
        raise RuleError(path, line or err.line, col + (err.col - 1 if line else 0) or err.col,
                        f"in message placeholder {{{text}}}: {err.message}") from None
    node = _ToAst(text, path).transform(tree)
    _shift(node, line, col)
    return node


def _shift(node: Any, line: int, col: int) -> None:
    if not line or not isinstance(node, ast.Node):
        return
    node.line, node.col = line, col
    for value in vars(node).values():
        if isinstance(value, ast.Node):
            _shift(value, line, col)
        elif isinstance(value, list):
            for v in value:
                _shift(v, line, col)

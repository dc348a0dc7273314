"""What the language server answers, as pure functions of a document's text: diagnostics,
completions, hover, definitions and formatting edits (:mod:`checker.lsp.server` only wires them
to the protocol, so they are tested without a client).

Everything is resolved as ``checker check`` resolves it: the templates of the core and the
installed plugins (:func:`checker.plugins.templates.build_registry`), the built-in and plugin functions,
the fact patterns (:func:`checker.plugins.patterns.fact_patterns`), the installed rule files, and the
cases beside each rule file (:func:`checker.dsl.testing.load_cases`). :class:`Context` holds
them, built once per server.

Positions: the protocol's lines are 0-based and its characters are counted in the client's
encoding (UTF-16 code units unless the client and server agreed on another); the rule language's
``RuleError`` has 1-based lines and columns counted in characters. :func:`to_client` and
:func:`from_client` convert a column of one line.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types

from checker.dsl.compile import compile_text_errors
from checker.dsl.fact_ref import FACT_PROPS
from checker.dsl.function import Function
from checker.dsl.functions import function_table
from checker.dsl.ir import RuleSet
from checker.dsl.parse import RuleError, parse_file, parse_text
from checker.dsl.reference import call_of
from checker.dsl.runtime import ROW_PROPS, TABLE_PROPS
from checker.dsl.testing import CaseResult, RuleCase, load_cases, run_case
from checker.errors import CheckerError
from checker.labels import norm
from checker.lsp.fmt import format_text
from checker.model import KIND_NAMES
from checker.plugins.collect import plugin_functions, plugin_rule_paths
from checker.plugins.host import load_plugins
from checker.plugins.patterns import fact_patterns
from checker.plugins.templates import build_registry
from checker.templates.loader import Template, TemplateRegistry

__all__ = ["Context", "completions", "definition", "diagnostics", "formatting", "from_client",
           "hover", "load_context", "to_client"]

SOURCE = "budget-checker"
KEYWORDS = ("rule", "severity", "applies", "tags", "message", "exact", "for", "in", "where", "when", "let",
            "require", "table", "and", "or", "not", "true", "false", "none", "region", "except",
            "year")

_NAME_CHAR = r"[\w（）“”‘’《》、·]"
_NAME = re.compile(rf"(?!\d){_NAME_CHAR}+")
_WORD_END = re.compile(rf"{_NAME_CHAR}*$")
_RULE_HEADER = re.compile(r"^rule\s+([\w.]+)")
_QUOTED = re.compile(r"'([^']+)'")


# ---- the context: templates, functions, facts, rule files


@dataclass
class Context:
    """What names resolve against: templates, functions, fact names, section keys, and the
    installed rule files (for rule ids defined twice)."""

    registry: TemplateRegistry
    functions: dict[str, Function]
    plugin_functions: dict[str, Any] = field(default_factory=dict)
    fact_names: list[str] = field(default_factory=list)
    section_keys: list[str] = field(default_factory=list)
    rule_files: list[Path] = field(default_factory=list)
    _ids: dict[Path, tuple[float, dict[str, int]]] = field(default_factory=dict)
    _cases: dict[tuple[str, str], dict[str, list[CaseResult]]] = field(default_factory=dict)

    def tables(self, name: str, kind: str | None = None) -> list[Template]:
        """The templates a table name (name, alias, id) means, of ``kind`` first."""
        wanted = norm(name)
        found = [t for t in self.registry.templates if wanted in t.names()]
        if kind is not None:
            return [t for t in found if t.kind == kind] or found
        return found

    def defined_ids(self, exclude: Path | None = None) -> dict[str, tuple[Path, int]]:
        """Rule id → (file, line) over the installed rule files but ``exclude`` (kept parsed
        while a file's modification time stays)."""
        out: dict[str, tuple[Path, int]] = {}
        for f in self.rule_files:
            if exclude is not None and _same_file(f, exclude):
                continue
            try:
                mtime = f.stat().st_mtime
                cached = self._ids.get(f)
                if cached is None or cached[0] != mtime:
                    cached = (mtime, {r.id: r.line for r in parse_file(f).rules})
                    self._ids[f] = cached
            except (OSError, RuleError):
                continue
            for rid, line in cached[1].items():
                out.setdefault(rid, (f, line))
        return out


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def load_context(no_plugins: bool = False) -> Context:
    """The context of the core and, unless ``no_plugins``, every installed plugin."""
    host = load_plugins(enable=not no_plugins)
    registry = build_registry(host)
    extra = plugin_functions(host)
    functions = function_table(extra)
    patterns = fact_patterns(host)
    facts = sorted({n for p in patterns.patterns for c in p.captures for n in c.names})
    sections = sorted({key for key, _ in patterns.sections})
    files: list[Path] = []
    for p in plugin_rule_paths(host):
        files.extend(sorted(p.rglob("*.rules")) if p.is_dir() else [p])
    return Context(registry, functions, extra, facts, sections, files)


# ---- positions


def to_client(line: str, col: int, encoding: str = "utf-16") -> int:
    """A 0-based character column of ``line`` in the client's units."""
    head = line[:col]
    if encoding == "utf-32":
        return len(head)
    if encoding == "utf-8":
        return len(head.encode("utf-8"))
    return len(head.encode("utf-16-le")) // 2


def from_client(line: str, units: int, encoding: str = "utf-16") -> int:
    """The 0-based character column of ``line`` that a client's column means."""
    if encoding == "utf-32":
        return min(units, len(line))
    count = 0
    for i, ch in enumerate(line):
        if count >= units:
            return i
        count += len(ch.encode("utf-8")) if encoding == "utf-8" else (2 if ord(ch) > 0xFFFF else 1)
    return len(line)


def _range(lines: list[str], line: int, start: int, end: int, encoding: str) -> types.Range:
    text = lines[line] if 0 <= line < len(lines) else ""
    return types.Range(types.Position(line, to_client(text, start, encoding)),
                       types.Position(line, to_client(text, end, encoding)))


# ---- diagnostics


def _error_span(err: RuleError, lines: list[str]) -> tuple[int, int, int]:
    """The 0-based line and the columns a RuleError points at: the name it quotes when the line
    holds it at or after the column, else the word (or character) at the column."""
    line = max(err.line - 1, 0)
    text = lines[line] if line < len(lines) else ""
    col = max(err.col - 1, 0)
    if err.message.startswith("rule id "):  # a rule defined twice: its id
        m = _RULE_HEADER.match(text)
        if m:
            return line, m.start(1), m.end(1)
    for name in _QUOTED.findall(err.message):
        for written in (f"`{name}`", name):
            at = text.find(written, col)
            if at == col or (at > col and not err.message.startswith("unexpected")):
                return line, at, at + len(written)
    if col >= len(text.rstrip()):
        end = len(text.rstrip())
        return line, max(end - 1, 0), end
    m = _NAME.match(text, col)
    if m:
        return line, col, m.end()
    if text[col] == '"':
        close = text.find('"', col + 1)
        return line, col, (close + 1 if close > 0 else len(text))
    return line, col, col + 1


def _rule_error(err: RuleError, lines: list[str], encoding: str) -> types.Diagnostic:
    line, start, end = _error_span(err, lines)
    message = err.message + (f"; did you mean {err.suggestion}?" if err.suggestion else "")
    return types.Diagnostic(range=_range(lines, line, start, end, encoding), message=message,
                            severity=types.DiagnosticSeverity.Error, source=SOURCE)


def _id_span(lines: list[str], line: int) -> tuple[int, int]:
    text = lines[line] if 0 <= line < len(lines) else ""
    m = _RULE_HEADER.match(text)
    return (m.start(1), m.end(1)) if m else (0, len(text))


def diagnostics(ctx: Context, text: str, path: str | None = None,
                encoding: str = "utf-16") -> list[types.Diagnostic]:
    """The problems of a rule file's text: syntax and name errors (one per rule, as the
    compiler reports them), rule ids defined in another installed rule file, and rules that no
    case beside the file expects (warnings). ``path``: the file's path, None for a text that has
    none (no cases, every installed file is another's)."""
    lines = text.splitlines()
    _, errors = compile_text_errors(text, ctx.registry, path or "<rules>", ctx.plugin_functions)
    out = [_rule_error(e, lines, encoding) for e in errors]
    try:
        rules = parse_text(text, path or "<rules>").rules
    except RuleError:
        return out
    own = Path(path) if path else None
    elsewhere = ctx.defined_ids(exclude=own)
    for r in rules:
        if r.id in elsewhere:
            f, n = elsewhere[r.id]
            start, end = _id_span(lines, r.line - 1)
            out.append(types.Diagnostic(
                range=_range(lines, r.line - 1, start, end, encoding),
                message=f"rule id {r.id} already defined at {f}:{n}",
                severity=types.DiagnosticSeverity.Error, source=SOURCE))
    if own is not None:
        out.extend(_untested(own, rules, lines, encoding))
    return out


def _untested(path: Path, rules: list[Any], lines: list[str],
              encoding: str) -> list[types.Diagnostic]:
    try:
        cases = load_cases(path)
    except CheckerError as exc:
        return [types.Diagnostic(range=_range(lines, 0, 0, 0, encoding), message=str(exc),
                                 severity=types.DiagnosticSeverity.Warning, source=SOURCE)]
    expected = {str(k) for c in cases for k in (c.data.get("expect") or {})}
    if cases:
        why = f"no case in {cases[0].cases.name} expects it"
    else:
        why = f"no {path.name.removesuffix('.rules')}.cases.yaml with a case beside this file"
    out = []
    for r in rules:
        if r.id not in expected:
            start, end = _id_span(lines, r.line - 1)
            out.append(types.Diagnostic(
                range=_range(lines, r.line - 1, start, end, encoding),
                message=f"rule {r.id} has no case: {why}",
                severity=types.DiagnosticSeverity.Warning, source=SOURCE))
    return out


# ---- what the cursor is on


@dataclass
class _Binding:
    kind: str  # row | table | fact | any
    templates: list[Template] = field(default_factory=list)
    side: str | None = None  # a fixed row's side (收入 / 支出): its columns are that side's


def _side(templates: list[Template], index: str) -> str | None:
    """The side of the fixed row ``[label]`` names in the first template that has it."""
    label = index.strip("[] `\"")
    for t in templates:
        spec = t.row(label) if label else None
        if spec is not None:
            return spec.side
    return None


def _rule_start(lines: list[str], line: int) -> int:
    for i in range(min(line, len(lines) - 1), -1, -1):
        if lines[i].startswith("rule"):
            return i
    return 0


def _rule_kind(lines: list[str], start: int, line: int) -> str | None:
    for text in lines[start : line + 1]:
        m = re.match(r"\s+applies\s+(\S+)", text)
        if m:
            return {"决算": "final", "final": "final", "预算": "budget", "budget": "budget"}.get(m.group(1))
    return None


def _expr_binding(ctx: Context, expr: str, scope: dict[str, _Binding], kind: str | None) -> _Binding:
    expr = expr.strip()
    m = re.fullmatch(rf"(`[^`]+`|{_NAME_CHAR}+(?:\.{_NAME_CHAR}+)?)\.(?:rows|行)", expr)
    if m:
        return _Binding("row", _table_named(ctx, m.group(1), kind))
    m = re.match(r"(children|parent)\((\w+)\)", expr)
    if m and m.group(2) in scope:
        return _Binding("row", scope[m.group(2)].templates)
    m = re.match(r'indicator_rows\("([^"]+)"\)', expr)
    if m:
        t = ctx.registry.get(m.group(1))
        return _Binding("row", [t] if t else [])
    m = re.match(r"(\w+)\(", expr)
    if m and m.group(1) in ctx.functions and ctx.functions[m.group(1)].returns in ("facts", "fact"):
        return _Binding("fact")
    m = re.fullmatch(rf"(`[^`]+`|{_NAME_CHAR}+(?:\.{_NAME_CHAR}+)?)(\[[^\]]*\])?", expr)
    if m:
        name = m.group(1)
        if name in scope:
            b = scope[name]
            if m.group(2) and b.kind == "table":
                return _Binding("row", b.templates, _side(b.templates, m.group(2)))
            return b
        found = _table_named(ctx, name, kind)
        if found:
            if m.group(2):
                return _Binding("row", found, _side(found, m.group(2)))
            return _Binding("table", found)
    if expr == "tables":
        return _Binding("table")
    return _Binding("any")


def _table_named(ctx: Context, name: str, kind: str | None) -> list[Template]:
    return ctx.tables(name.strip("`"), kind)


def _scope(ctx: Context, lines: list[str], line: int, col: int) -> tuple[dict[str, _Binding], str | None]:
    """The variables bound above the cursor in its rule (loops, lets, generators) and the kind
    the rule applies to."""
    start = _rule_start(lines, line)
    kind = _rule_kind(lines, start, line)
    scope: dict[str, _Binding] = {}
    text = "\n".join([*lines[start:line], lines[line][:col] if line < len(lines) else ""])
    binder = re.compile(rf"\bfor\s+({_NAME_CHAR}+)\s+in\s+(.+?)(?=\s+where\b|\s+if\b|:|\)\s*[=≠<>≤≥]|$)"
                        rf"|\blet\s+({_NAME_CHAR}+)\s*=\s*(.+?)$", re.M)
    for m in binder.finditer(text):
        var, expr = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        scope[var] = _expr_binding(ctx, expr, scope, kind)
    return scope, kind


def _chain_before(prefix: str) -> str:
    """The postfix expression that ends ``prefix`` (``t[合计]``, ``row``, `` `x` ``)."""
    i = len(prefix)
    while i > 0:
        ch = prefix[i - 1]
        if ch in "])":
            depth, j = 0, i - 1
            while j >= 0:
                if prefix[j] in "])":
                    depth += 1
                elif prefix[j] in "[(":
                    depth -= 1
                    if depth == 0:
                        break
                j -= 1
            i = j
        elif ch == "`":
            j = prefix.rfind("`", 0, i - 1)
            i = j if j >= 0 else 0
        elif re.match(_NAME_CHAR, ch) or ch == ".":
            i -= 1
        else:
            break
    return prefix[i:]


def _needs_quotes(name: str) -> bool:
    return _NAME.fullmatch(name) is None and not name.isdigit()


def _insert(name: str) -> str:
    return f"`{name}`" if _needs_quotes(name) else name


# ---- completion


def _item(label: str, kind: types.CompletionItemKind, edit: types.Range, detail: str = "",
          doc: str = "", insert: str | None = None, sort: str = "") -> types.CompletionItem:
    return types.CompletionItem(
        label=label, kind=kind, detail=detail or None,
        documentation=types.MarkupContent(types.MarkupKind.Markdown, doc) if doc else None,
        text_edit=types.TextEdit(edit, insert if insert is not None else _insert(label)),
        sort_text=(sort + label) if sort else None)


def signature(fn: Function) -> str:
    """``facts([name][, section]) → facts``: how a function is called (the one form,
    :func:`checker.dsl.reference.call_of`) and what it gives."""
    returns = {"number": "number", "bool": "bool", "string": "string", "rows": "rows",
               "row": "row", "facts": "facts", "fact": "fact"}.get(fn.returns, "value")
    return f"{call_of(fn)} → {returns}"


def _function_doc(fn: Function) -> str:
    return f"```\n{signature(fn)}\n```\n\n{fn.doc}".rstrip()


def _table_doc(t: Template) -> str:
    aliases = ", ".join(t.aliases) or "—"
    kind = KIND_NAMES.get(t.kind, t.kind)
    return (f"**{t.name}** `{t.id}` ({kind})"
            f"\n\naliases: {aliases}\n\ncolumns: {', '.join(c.key for c in t.columns) or '—'}"
            f"\n\n{Path(t.source).name if t.source else ''}").rstrip()


def _string_arg(prefix: str) -> tuple[str, int] | None:
    """When the cursor is inside a string argument of a call: the function and the argument's
    index."""
    if prefix.count('"') % 2 == 0:
        return None
    head = prefix[: prefix.rfind('"')]
    depth, commas = 0, 0
    for i in range(len(head) - 1, -1, -1):
        ch = head[i]
        if ch in ")]":
            depth += 1
        elif ch in "([":
            if depth == 0:
                if ch == "(":
                    m = re.search(r"(\w+)\s*$", head[:i])
                    return (m.group(1), commas) if m else None
                return None
            depth -= 1
        elif ch == "," and depth == 0:
            commas += 1
        elif ch == '"':
            # skip a whole string literal to the left
            j = head.rfind('"', 0, i)
            if j < 0:
                return None
            head = head[:j] + " " * (i - j + 1) + head[i + 1 :]
    return None


def completions(ctx: Context, text: str, line: int, character: int,
                encoding: str = "utf-16") -> list[types.CompletionItem]:
    """What may be written at a position: inside ``T[`` its rows, after ``T[…].`` or ``row.``
    its columns (and the row's properties), after ``T.`` the table's properties, inside a fact
    function's string a fact name or section key, elsewhere tables, functions, variables and
    keywords."""
    lines = text.splitlines() or [""]
    if line >= len(lines):
        lines.extend([""] * (line - len(lines) + 1))
    cur = lines[line]
    col = from_client(cur, character, encoding)
    prefix = cur[:col]
    if "#" in prefix and prefix.count('"', 0, prefix.index("#")) % 2 == 0:
        return []
    scope, kind = _scope(ctx, lines, line, col)

    # inside a string: fact names, section keys, table ids
    arg = _string_arg(prefix)
    if arg is not None:
        start = prefix.rfind('"') + 1
        edit = _range(lines, line, start, col, encoding)
        fn, index = arg
        # what the function says its string arguments name (Function.string_args)
        names = ctx.functions[fn].string_args if fn in ctx.functions else ()
        kind_of_arg = names[index] if index < len(names) else ""
        if kind_of_arg == "fact":
            return [_item(n, types.CompletionItemKind.Value, edit, "fact", insert=n)
                    for n in ctx.fact_names]
        if kind_of_arg == "section":
            return [_item(k, types.CompletionItemKind.Module, edit, "section", insert=k)
                    for k in ctx.section_keys]
        if kind_of_arg == "table":
            return [_item(t.id, types.CompletionItemKind.Class, edit, t.name, insert=t.id)
                    for t in ctx.registry.templates]
        return []

    word = _WORD_END.search(prefix)
    start = word.start() if word else col
    edit = _range(lines, line, start, col, encoding)
    before = prefix[:start]

    # after a '.': columns of a row, properties of a table, a fact's properties, ids
    if before.endswith("."):
        chain = _chain_before(before[:-1])
        return _after_dot(ctx, chain, scope, kind, edit)
    # inside '[': the rows of a table (or the columns of a row)
    m = re.search(r"(`[^`]+`|[\w（）“”‘’《》、·.]+)\[\s*$", before)
    if m:
        b = _expr_binding(ctx, m.group(1), scope, kind)
        if b.kind == "table":
            return _rows_of(b.templates, edit)
        if b.kind == "row":
            return _columns_of(b.templates, edit, b.side)
        return []

    items: list[types.CompletionItem] = []
    if re.fullmatch(r"\s*require\s+table\s+(?:[^,]+,\s*)*", before):
        return _tables(ctx, edit, kind)
    if not before.strip():
        items += [_item(k, types.CompletionItemKind.Keyword, edit, sort="3") for k in KEYWORDS]
    items += [_item(v, types.CompletionItemKind.Variable, edit, b.kind, sort="0")
              for v, b in scope.items()]
    items += [_item(n, types.CompletionItemKind.Variable, edit, "every table of the report"
                    if n == "tables" else "the tables the report's 目录 lists", sort="1")
              for n in ("tables", "listed")]
    items += [_item(f.name, types.CompletionItemKind.Function, edit, signature(f), f.doc,
                    insert=f.name, sort="2") for f in ctx.functions.values()]
    items += _tables(ctx, edit, kind)
    return items


def _tables(ctx: Context, edit: types.Range, kind: str | None) -> list[types.CompletionItem]:
    items: list[types.CompletionItem] = []
    seen: set[str] = set()
    for t in ctx.registry.templates:
        first = "1" if kind is None or t.kind == kind else "2"
        for n in dict.fromkeys([t.name, *t.aliases, t.id]):
            if (n, t.id) in seen:
                continue
            seen.add((n, t.id))  # type: ignore[arg-type]
            detail = t.id if n != t.id else t.name
            items.append(_item(n, types.CompletionItemKind.Class, edit, detail, _table_doc(t),
                               sort=f"4{first}"))
    return items


def _columns_of(templates: list[Template], edit: types.Range,
                side: str | None = None) -> list[types.CompletionItem]:
    items: list[types.CompletionItem] = []
    seen: set[str] = set()
    for t in templates:
        for c in t.side_columns(side):
            for i, n in enumerate([c.key, *c.aliases]):
                if n in seen:
                    continue
                seen.add(n)
                detail = f"{t.id} column" + (f" ({c.side})" if c.side else "") + \
                    (f", alias of {c.key}" if i else "")
                items.append(_item(n, types.CompletionItemKind.Field, edit, detail,
                                   sort="0" if not i else "1"))
    return items


def _rows_of(templates: list[Template], edit: types.Range) -> list[types.CompletionItem]:
    items: list[types.CompletionItem] = []
    seen: set[str] = set()
    for t in templates:
        for r in t.rows:
            for i, n in enumerate(dict.fromkeys([r.key, *r.labels, *([r.code] if r.code else [])])):
                if n in seen:
                    continue
                seen.add(n)
                detail = f"{t.id} row" + (f" ({r.side})" if r.side else "") + \
                    (f" {r.code}" if r.code and n != r.code else "") + (f", = {r.key}" if i else "")
                items.append(_item(n, types.CompletionItemKind.EnumMember, edit, detail,
                                   sort="0" if not i else "1"))
        for n in t.total_labels:
            if n not in seen:
                seen.add(n)
                items.append(_item(n, types.CompletionItemKind.EnumMember, edit,
                                   f"{t.id} total row", sort="0"))
    return items


def _after_dot(ctx: Context, chain: str, scope: dict[str, _Binding], kind: str | None,
               edit: types.Range) -> list[types.CompletionItem]:
    b = _expr_binding(ctx, chain, scope, kind) if chain else _Binding("any")
    if b.kind == "row":
        props = [_item(p, types.CompletionItemKind.Property, edit, "row property", sort="2")
                 for p in ROW_PROPS]
        return _columns_of(b.templates, edit, b.side) + props
    if b.kind == "table":
        return [_item(p, types.CompletionItemKind.Property, edit, "table property")
                for p in TABLE_PROPS]
    if b.kind == "fact":
        return [_item(p, types.CompletionItemKind.Property, edit, "fact property")
                for p in FACT_PROPS]
    # a table id begun: final. → final.T01 …
    ids = [t for t in ctx.registry.templates if t.id.startswith(chain + ".")]
    return [_item(t.id[len(chain) + 1 :], types.CompletionItemKind.Class, edit, t.name,
                  _table_doc(t), insert=t.id[len(chain) + 1 :]) for t in ids]


# ---- hover and definition


def _word_at(text: str, col: int) -> tuple[int, int] | None:
    """The span of the dotted name (``final.T03``, ``row.本年支出合计``) around a column."""
    for m in re.finditer(rf"`[^`]+`|{_NAME_CHAR}+(?:\.(?:`[^`]+`|{_NAME_CHAR}+))*", text):
        if m.start() <= col < m.end() or (m.end() == col and col == len(text)):
            return m.start(), m.end()
    return None


def _table_at(ctx: Context, text: str, col: int, kind: str | None
              ) -> tuple[Template, int, int] | None:
    """The table named by the name under the column, with its span."""
    span = _word_at(text, col)
    if span is None:
        return None
    a, b = span
    parts = [(m.start() + a, m.end() + a)
             for m in re.finditer(rf"`[^`]+`|{_NAME_CHAR}+", text[a:b])]
    k = next((i for i, (s, e) in enumerate(parts) if s <= col < e), len(parts) - 1)
    for i, j in ((k, k + 2), (k - 1, k + 1), (k, k + 1)):
        if i < 0 or j > len(parts):
            continue
        s, e = parts[i][0], parts[j - 1][1]
        found = ctx.tables(text[s:e].replace("`", ""), kind)
        if found:
            return found[0], s, e
    return None


def hover(ctx: Context, text: str, line: int, character: int, path: str | None = None,
          encoding: str = "utf-16") -> types.Hover | None:
    """On a rule id: its title, severity, where it is and what its cases give; on a function:
    its signature and documentation; on a table name: its name, id, aliases and columns."""
    lines = text.splitlines()
    if line >= len(lines):
        return None
    cur = lines[line]
    col = from_client(cur, character, encoding)
    m = _RULE_HEADER.match(cur)
    if m and m.start(1) <= col <= m.end(1):
        value = _rule_hover(ctx, text, m.group(1), line, path)
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, value),
                           _range(lines, line, m.start(1), m.end(1), encoding))
    span = _word_at(cur, col)
    if span is None:
        return None
    a = span[0]
    piece = re.match(rf"{_NAME_CHAR}+", cur[col:]) if col < len(cur) else None
    start = col
    while start > a and re.match(_NAME_CHAR, cur[start - 1]):
        start -= 1
    end = col + (piece.end() if piece else 0)
    name = cur[start:end]
    if name in ctx.functions and cur[end:].lstrip().startswith("("):
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown,
                                               _function_doc(ctx.functions[name])),
                           _range(lines, line, start, end, encoding))
    kind = _rule_kind(lines, _rule_start(lines, line), line)
    found = _table_at(ctx, cur, col, kind)
    if found is not None:
        t, s, e = found
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, _table_doc(t)),
                           _range(lines, line, s, e, encoding))
    return None


def _rule_hover(ctx: Context, text: str, rule_id: str, line: int, path: str | None) -> str:
    try:
        rule = next(r for r in parse_text(text, path or "<rules>").rules if r.id == rule_id)
    except (RuleError, StopIteration):
        return f"rule **{rule_id}** (the file does not parse)"
    meta = f"severity: {rule.severity or 'error'}"
    if rule.applies is not None:
        meta += f" · applies: {rule.applies.src.removeprefix('applies').strip()}"
    if rule.tags:
        meta += f" · tags: {', '.join(rule.tags)}"
    out = [f"**{rule.id}** {rule.title}", "", meta, "", f"source: {path or '<unsaved>'}:{line + 1}"]
    if path is None:
        return "\n".join(out)
    results = case_results(ctx, text, path)
    mine = results.get(rule_id)
    out.append("")
    if mine is None:
        out.append("cases: none expects this rule")
    else:
        ok = sum(r.ok for r in mine)
        out.append(f"cases: {ok} of {len(mine)} as expected")
        out += [f"- {'✓' if r.ok else '✗'} {r.case}: expected {r.expected}"
                + ("" if r.ok else f", got {r.actual}") for r in mine]
    return "\n".join(out)


def case_results(ctx: Context, text: str, path: str) -> dict[str, list[CaseResult]]:
    """Rule id → the result of each case beside ``path`` that expects it, the file's rules
    compiled from ``text`` (run once per text; errors of a case are left to ``rules test``)."""
    key = (path, hashlib.sha256(text.encode("utf-8")).hexdigest())
    if key in ctx._cases:
        return ctx._cases[key]
    out: dict[str, list[CaseResult]] = {}
    ruleset: RuleSet
    ruleset, _ = compile_text_errors(text, ctx.registry, path, ctx.plugin_functions)
    try:
        cases: list[RuleCase] = load_cases(Path(path))
    except CheckerError:
        cases = []
    for case in cases:
        results, _errors = run_case(case, ruleset, ctx.registry)
        for r in results:
            out.setdefault(r.rule, []).append(r)
    ctx._cases = {k: v for k, v in ctx._cases.items() if k[0] != path}
    ctx._cases[key] = out
    return out


def _template_line(t: Template) -> int:
    """The 0-based line of a template's ``id:`` in its YAML file (0 when not found)."""
    try:
        lines = Path(t.source).read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    rx = re.compile(rf"""(?:^|[\s{{,-])id:\s*['"]?{re.escape(t.id)}['"]?\s*(?:[,}}#]|$)""")
    for i, text in enumerate(lines):
        if rx.search(text):
            return i
    return 0


def definition(ctx: Context, text: str, line: int, character: int,
               encoding: str = "utf-16") -> list[types.Location]:
    """A table name → the template YAML file and the line of its ``id:``."""
    lines = text.splitlines()
    if line >= len(lines):
        return []
    cur = lines[line]
    col = from_client(cur, character, encoding)
    kind = _rule_kind(lines, _rule_start(lines, line), line)
    found = _table_at(ctx, cur, col, kind)
    if found is None or not found[0].source:
        return []
    t = found[0]
    n = _template_line(t)
    return [types.Location(Path(t.source).resolve().as_uri(),
                           types.Range(types.Position(n, 0), types.Position(n, 0)))]


# ---- formatting


def formatting(text: str, path: str = "<rules>", encoding: str = "utf-16") -> list[types.TextEdit]:
    """The edits that lay the text out (:func:`checker.lsp.fmt.format_text`): one replacing the
    whole text, none when it is laid out already or does not parse."""
    try:
        out = format_text(text, path)
    except CheckerError:
        return []
    if out == text:
        return []
    lines = text.split("\n")
    end = types.Position(len(lines) - 1, to_client(lines[-1], len(lines[-1]), encoding))
    return [types.TextEdit(types.Range(types.Position(0, 0), end), out)]

"""A table block with geometry, rewritten in the column order its template's layout reads.

The table layouts (``checker/parse/layouts``) read a tsv line by position: a code, a label, then
the template's columns in the template's order. A published PDF prints its own order and its
own extra columns (类 | 款 | 项 code parts, 行次, a 支出用途 block beside the 功能分类 block, a
三公 table with 预算数 and 决算数 interleaved or grouped). This stage reads the block's header
(``checker/parse/header.py``), places every printed value under its header column by position,
and writes each line again in the layout's *canonical* form:

=====================  ==========================================================================
layout                 canonical line
=====================  ==========================================================================
``code_rows``          code (split 类 | 款 | 项 parts joined) ⇥ label ⇥ the template's columns
``two_sided``          收入 label ⇥ its columns ⇥ 支出 label ⇥ its columns (no 行次)
``unit_rows``          label ⇥ the template's columns
``item_rows``          label ⇥ the template's columns
``economic_groups``    one code ⇥ label ⇥ amount group per printed group
``sangong``            the 预算数 columns then the 决算数 columns, in the template's order (one
                       line), or one line per printed 预算数 / 决算数 row (the transposed form)
=====================  ==========================================================================

Only what the header names is placed: a template column the header does not name is dropped
from the table (rules needing it are not evaluated), a printed column the template does not
know is reported, a value that stands under no column is reported. The result says how well
the table was read (:class:`Reading`): ``read``, ``partial`` (with what was not mapped), or
``not_understood`` (with why) — rules over a table not understood are not evaluated.
Line numbers do not change: every value keeps its printed text and its line.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from checker.labels import norm, strip_ordinal
from checker.model import Note, Table
from checker.parse.body import block_lines
from checker.parse.header import (
    Column,
    Header,
    Part,
    fused,
    is_amount,
    is_col_numbers,
    read_header,
)
from checker.parse.layouts.two_sided import match_row
from checker.parse.segment import TableBlock
from checker.templates.loader import ColumnSpec, Template

LAYOUTS = ("code_rows", "two_sided", "unit_rows", "item_rows", "economic_groups", "sangong")
BUDGET_WORDS = ("预算数", "预算")
FINAL_WORDS = ("决算数", "决算", "实际数", "执行数")


@dataclass
class Reading:
    """How a block was read: status, what was not mapped, the template columns kept."""

    status: str = "read"
    notes: list[str] = field(default_factory=list)
    keys: list[str] | None = None  # template column keys the header names (None: all)
    unassigned: list[tuple[int, str]] = field(default_factory=list)  # (line, why)
    # printed columns the template does not know that hold amounts (their header paths)
    extra_filled: set[str] = field(default_factory=set)
    # printed rows of a two-sided table the template does not know that hold amounts
    extra_rows: set[str] = field(default_factory=set)


def apply_reading(table: Table, reading: Reading) -> None:
    """Record how a table was read; drop the template columns its header does not name (rules
    needing them are then not evaluated) and report what stood under no known column."""
    table.reading = reading.status
    table.reading_notes = list(reading.notes)
    if reading.keys is not None:
        keep = set(reading.keys)
        table.columns = [c for c in table.columns if c.key in keep]
        for r in table.rows:
            r.cells = {k: c for k, c in r.cells.items() if k in keep}
    if table.unassigned and table.reading == "read":
        # the layout met printed rows the template does not know ("当年收入小计" …)
        table.reading = "partial"
        table.reading_notes.append(f"{len(table.unassigned)} printed rows not in the template "
                                   f"(first: line {table.unassigned[0].line} "
                                   f"{table.unassigned[0].text})")
    table.unassigned += [Note(text=why, line=line) for line, why in reading.unassigned]


def without_rules(block: TableBlock, lines: list[str],
                  spans: list[list[tuple[float, float]] | None]) -> bool:
    """True when the block's rows are chunks of text rather than ruled cells: on a ruled row the
    cells touch (each ends where the next begins), chunks of an unruled row leave gaps."""
    content, _notes = block_lines(block, lines, "tsv")
    rows = [_parts(lines[ln.number - 1], spans[ln.number - 1]) for ln in content]
    multi = [r for r in rows if r is not None and len(r) > 1]
    gapped = sum(1 for r in multi if any(b.x0 - a.x1 > 1.0 for a, b in itertools.pairwise(r)))
    return bool(multi) and gapped * 2 > len(multi)


def regridable(template: Template) -> bool:
    """True when the template's layout has a canonical form this stage writes."""
    return template.layout in LAYOUTS


def _parts(text: str, spans: list[tuple[float, float]] | None) -> list[Part] | None:
    cells = text.split("\t")
    if spans is None or len(spans) != len(cells):
        return None
    return [Part(t.strip(), a, b) for t, (a, b) in zip(cells, spans, strict=True)]


def regrid(block: TableBlock, lines: list[str], spans: list[list[tuple[float, float]] | None],
           page_of: list[int] | None = None) -> tuple[list[str], Reading]:
    """The report's lines with this block's lines in canonical form, and how it was read."""
    template = block.template
    content, _notes = block_lines(block, lines, "tsv")
    rows: list[tuple[int, list[Part]]] = []
    for ln in content:
        parts = _parts(lines[ln.number - 1], spans[ln.number - 1])
        if parts is not None:
            rows.append((ln.number, parts))
    page = f" (page {page_of[block.title_line - 1]})" if page_of else ""
    if not rows:
        return lines, Reading("not_understood", [f"no table rows under the title{page}"])
    specs, header = _best_header(rows, template)
    if header is None:
        return lines, Reading("not_understood", [f"no header row found before the first data row{page}"])
    out = list(lines)
    for number in header.lines:
        out[number - 1] = ""
    writer = _WRITERS[template.layout]
    reading = writer(header, specs, rows, out, template)
    if reading.status != "not_understood":
        first = header.lines[0] if header.lines else rows[0][0]
        out[first - 1] = _canonical_header(template, specs, reading, header)
    reading.notes = [n + page if n.startswith("no ") else n for n in reading.notes]
    return out, reading


def _best_header(rows, template: Template) -> tuple[list[ColumnSpec], Header | None]:
    """The header read with the template's columns, or with an alternative column set the
    template declares (``options.layouts``), whichever the printed header names best."""
    choices: list[list[ColumnSpec]] = [template.columns]
    for keys in (template.options.get("layouts") or {}).values():
        choices.append([template.column(k) or ColumnSpec(key=k) for k in keys])
    best: tuple[float, list[ColumnSpec], Header | None] = (float("-inf"), template.columns, None)
    for specs in choices:
        view = _with_columns(template, specs)
        header = read_header(rows, view)
        if header is None:
            continue
        matched = sum(1 for c in header.columns if c.key)
        unmatched = sum(1 for c in header.columns if c.role == "value" and not c.key)
        score = matched * 10 - unmatched - (len(specs) - matched)
        if score > best[0]:
            best = (score, specs, header)
    return best[1], best[2]


def _with_columns(template: Template, specs: list[ColumnSpec]) -> Template:
    if specs is template.columns:
        return template
    from dataclasses import replace

    return replace(template, columns=specs)


def _canonical_header(template: Template, specs: list[ColumnSpec], reading: Reading,
                      header: Header) -> str:
    keys = [s.key for s in specs]
    if template.layout == "two_sided":
        inc = [s.key for s in specs if s.side == "收入"]
        exp = [s.key for s in specs if s.side == "支出"]
        return "\t".join(["项目", *inc, "项目", *exp])
    if template.layout == "code_rows":
        return "\t".join(["科目编码", "科目名称", *keys])
    if template.layout == "economic_groups":
        return "\t".join(["科目编码", "科目名称", keys[0]] * max(1, len(_groups(header))))
    if template.layout == "sangong":
        return "\t".join(keys)
    return "\t".join(["项目", *keys])


def _value_keys(header: Header) -> dict[int, str]:
    return {id(c): c.key for c in header.columns if c.role == "value" and c.key}


def _place(header: Header, number: int, parts: list[Part]) -> list[tuple[Column | None, Part]]:
    skip = header.inline.get(number, set())
    cols = header.place(parts)
    return [(c, p) for i, (c, p) in enumerate(zip(cols, parts, strict=True))
            if i not in skip and p.text]


def _is_repeat(parts: list[Part], header_texts: set[str]) -> bool:
    """A header printed again (after a page break) or a 栏次 row inside the body: a line of
    header words only (two at least, or the whole of one printed header line)."""
    texts = [norm(p.text) for p in parts if p.text]
    if not texts:
        return False
    if is_col_numbers(texts):
        return True
    if any(is_amount(t) for t in texts):
        return False
    return (len(texts) >= 2 and all(t in header_texts for t in texts)) or (
        "\t" + "\t".join(texts) in header_texts)


def _header_texts(header: Header, rows: list[tuple[int, list[Part]]]) -> set[str]:
    """The words of the header's columns, and each header line's texts as one string."""
    words = {norm(p) for c in header.columns for p in c.path if p}
    # a whole header line, marked by a leading TAB so that it never equals a single word
    lines = {"\t" + "\t".join(norm(p.text) for p in parts if p.text) for n, parts in rows
             if n in header.lines}
    return words | lines


def _finish(reading: Reading, header: Header, specs: list[ColumnSpec], used: set[str],
            placed: int, lost: int) -> Reading:
    named = {c.key for c in header.columns if c.key}
    missing = [s.key for s in specs if s.key not in named and not s.optional]
    if not named:
        reading.status = "not_understood"
        reading.notes.append("no column of the header names a column of the template "
                             f"({', '.join(c.title for c in header.columns)})")
        return reading
    reading.keys = [s.key for s in specs if s.key in named]
    if missing:
        reading.status = "partial"
        reading.notes.append(f"columns not found in the header: {', '.join(missing)}")
    unknown = [c.title for c in header.columns if c.role == "value" and not c.key]
    if unknown:
        reading.status = "partial"
        reading.notes.append(f"printed columns not in the template: {', '.join(unknown)}")
    if lost:
        reading.status = "partial" if placed >= lost else "not_understood"
        reading.notes.append(f"{lost} printed values stand under no known column")
    if reading.extra_rows:
        # a row the template does not know may be a part of a side's total (江苏 收支总表:
        # 一、财政拨款 over 1.一般公共预算 and 2.政府性基金预算, 二、财政专户管理资金 …)
        reading.status = "not_understood"
        reading.notes.append("printed rows not in the template hold amounts: "
                             f"{', '.join(sorted(reading.extra_rows))} (the sums of their side "
                             "cannot be checked without them)")
    parts = sorted(t for t in reading.extra_filled if not _is_total_header(t))
    if parts:
        # an amount column the template does not know may be a part of the table's totals
        # (江苏 支出总表: 合计 = 基本支出 + 项目支出 + 单位预留机动经费): without it a sum would fail
        reading.status = "not_understood"
        reading.notes.append(f"printed columns not in the template hold amounts: {', '.join(parts)}"
                             " (the table's sums cannot be checked without them)")
    return reading


def _is_total_header(title: str) -> bool:
    """A column header that names a total (合计, 总计, “三公”经费 › 小计): a column left out so
    takes no part from the sums of the others."""
    last = strip_ordinal(title.split(" › ")[-1])
    return last.endswith(("合计", "小计", "总计"))


def _write_rows(header: Header, specs: list[ColumnSpec], rows, out: list[str],
                template: Template, with_code: bool) -> Reading:
    reading = Reading()
    keys = [s.key for s in specs]
    header_texts = _header_texts(header, rows)
    code_cols = sorted((c for c in header.columns if c.role == "code"), key=lambda c: c.x0)
    totals = {strip_ordinal(t) for t in template.total_labels}
    placed = lost = 0
    records: list[tuple[int, str, str, dict[str, str]]] = []
    for number, parts in rows[header.first_data:]:
        if number in header.lines:
            continue
        if _is_repeat(parts, header_texts):
            out[number - 1] = ""
            continue
        code_parts: dict[int, str] = {}
        label: list[str] = []
        values: dict[str, str] = {}
        for col, part in _place(header, number, parts):
            if col is None:
                if is_amount(part.text):
                    lost += 1
                    reading.unassigned.append((number, f"value {part.text} under no column"))
                elif not label:
                    label.append(part.text)
                continue
            if col.role == "code" and strip_ordinal(part.text) in totals:
                label.append(part.text)  # 合计 printed in (or across) the code cells
            elif col.role == "code":
                code_parts[code_cols.index(col)] = part.text.replace(" ", "")
            elif col.role == "label":
                label.append(part.text)
            elif col.role == "row_no":
                continue
            elif col.key:
                if col.key in values:
                    reading.unassigned.append((number, f"two values under {col.title}"))
                    continue
                values[col.key] = part.text
                placed += 1
            elif part.text:
                if is_amount(part.text):
                    lost += 1
                    reading.extra_filled.add(col.title)
                reading.unassigned.append((number, f"{part.text} under {col.title}, not a "
                                                   "column of the template"))
        code = "".join(code_parts[k] for k in sorted(code_parts))
        if not code_parts and not label and not values:
            out[number - 1] = ""
            continue
        records.append((number, code, " ".join(label), values))
    records = _join_wrapped_labels(records, template, out)
    bare = [i for i, (_n, code, text, values) in enumerate(records) if values and not code
            and not text]
    if len(bare) == 1 and len(records) == 1 and template.total_labels:
        # one row of amounts and no label at all (江苏 三公 and 支出总表): the table's total
        n, code, _text, values = records[0]
        records[0] = (n, code, template.total_labels[0], values)
    for number, code, text, values in records:
        if with_code and not code and strip_ordinal(text) in totals:
            head = [text, ""]  # the 合计 row: its label where the layout looks for a total
        else:
            head = [code, text] if with_code else [text or code]
        out[number - 1] = "\t".join(head + [values.get(k, "") for k in keys])
    return _finish(reading, header, specs, set(), placed, lost)


_STARTS_ROW = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|其中)")


def _join_wrapped_labels(records, template: Template, out: list[str]):
    """Rows printed without rules whose label wraps over two lines come as three lines: the
    label's first part, the values (no label), the label's rest. Join them into one row; a line
    of a label alone stays a row of its own unless it sits so beside a row without a label."""
    rows = {n for r in template.rows for n in r.names()}
    merged = list(records)
    i = 0
    while i < len(merged):
        number, code, text, values = merged[i]
        if values and not code and not text and i > 0:
            pn, pcode, ptext, pvalues = merged[i - 1]
            if ptext and not pcode and not pvalues:
                text = ptext
                out[pn - 1] = ""
                if i + 1 < len(merged):
                    nn, ncode, ntext, nvalues = merged[i + 1]
                    if ntext and not ncode and not nvalues and not _STARTS_ROW.match(ntext) \
                            and strip_ordinal(ntext) not in rows:
                        text += ntext
                        out[nn - 1] = ""
                        del merged[i + 1]
                merged[i] = (number, code, text, values)
                del merged[i - 1]
                continue
        i += 1
    return merged


def _code_rows(header, specs, rows, out, template) -> Reading:
    return _write_rows(header, specs, rows, out, template, with_code=True)


def _label_rows(header, specs, rows, out, template) -> Reading:
    return _write_rows(header, specs, rows, out, template, with_code=False)


def _groups(header: Header) -> list[list[Column]]:
    """Column groups: a label (or code) column starts a group, value columns follow it."""
    groups: list[list[Column]] = []
    for c in header.columns:
        starts = c.role in ("label", "code") and (
            not groups or any(g.role == "value" for g in groups[-1]))
        if starts or not groups:
            groups.append([c])
        else:
            groups[-1].append(c)
    return groups


def _two_sided(header, specs, rows, out, template) -> Reading:
    """Each side is the group of columns (label + values) whose labels are that side's rows;
    a group of neither (a 支出用途 block beside the 功能分类 block) is reported."""
    reading = Reading()
    groups = [g for g in _groups(header) if any(c.role == "label" for c in g)]
    header_texts = _header_texts(header, rows)
    side_names = {s: {n for r in template.rows if r.side in (None, s) for n in r.names()}
                  for s in ("收入", "支出")}
    body = [(n, p) for n, p in rows[header.first_data:] if n not in header.lines]
    placed_rows = [(n, p, _place(header, n, p)) for n, p in body]

    def hits(group: list[Column], side: str) -> int:
        label_col = next(c for c in group if c.role == "label")
        return sum(1 for _n, _p, pl in placed_rows for c, part in pl
                   if c is label_col and strip_ordinal(part.text) in side_names[side])

    chosen: dict[str, list[Column]] = {}
    for side in ("收入", "支出"):
        free = [(i, g) for i, g in enumerate(groups) if all(g is not o for o in chosen.values())]
        # a header cell above that says 收入 / 支出 decides; the row labels choose among the
        # groups of one side (功能分类 | 支出用途) or when the header says nothing
        said = [(i, g) for i, g in free if any(c.side == side for c in g)]
        pool = said or [(i, g) for i, g in free if not any(c.side for c in g)]
        scored = sorted(((hits(g, side), -i, g) for i, g in pool), key=lambda t: (t[0], t[1]),
                        reverse=True)
        if scored and (scored[0][0] > 0 or (said and len(said) == 1)):
            chosen[side] = scored[0][2]
    if len(chosen) < 2:
        reading.status = "not_understood"
        reading.notes.append("the 收入 and 支出 halves could not be told apart by their row labels")
        return reading
    side_of = {id(c): s for s, g in chosen.items() for c in g}
    side_specs = {s: [sp for sp in specs if sp.side == s] for s in ("收入", "支出")}
    # a value column keeps its key only on its own side's group
    for c in header.columns:
        if c.role == "value" and c.key:
            spec = next((sp for sp in specs if sp.key == c.key), None)
            if id(c) not in side_of or (spec is not None and spec.side != side_of[id(c)]):
                c.key = None
    for s, group in chosen.items():
        vals = [c for c in group if c.role == "value"]
        free_specs = [sp for sp in side_specs[s] if not any(c.key == sp.key for c in vals)]
        free_cols = [c for c in vals if not c.key]
        if len(free_specs) == 1 and len(free_cols) == 1:
            free_cols[0].key = free_specs[0].key
    placed = lost = 0
    seen: dict[str, set[str]] = {"收入": set(), "支出": set()}
    for number, parts, placements in placed_rows:
        if _is_repeat(parts, header_texts):
            out[number - 1] = ""
            continue
        label = {"收入": "", "支出": ""}
        values: dict[str, str] = {}
        for col, part in placements:
            s = side_of.get(id(col)) if col is not None else None
            if col is None or s is None:
                if is_amount(part.text):
                    lost += 1
                    reading.unassigned.append((number, f"value {part.text} under "
                                               f"{col.title if col else 'no column'}"))
                continue
            if col.role == "label":
                label[s] = (label[s] + part.text) if label[s] else part.text
            elif col.key:
                values[col.key] = part.text
                placed += 1
        cells = []
        for s in ("收入", "支出"):
            side_values = [values.get(sp.key, "") for sp in side_specs[s]]
            if label[s] and any(side_values):
                spec = match_row(template, s, label[s], seen[s])
                if spec is None:
                    reading.extra_rows.add(f"{s} {label[s]}")
                else:
                    seen[s].add(spec.key)
            cells += [label[s], *side_values]
        out[number - 1] = "\t".join(cells)
    unknown = [c.title for c in header.columns
               if c.role == "value" and not c.key and id(c) not in side_of]
    if unknown:
        reading.notes.append(f"columns of neither half: {', '.join(unknown)}")
    return _finish(reading, header, specs, set(), placed, lost)


def _economic_groups(header, specs, rows, out, template) -> Reading:
    """Side-by-side groups of code | label | amount (公开06): one canonical triple per group."""
    reading = Reading()
    groups = _groups(header)
    key = specs[0].key
    amount_names = {n for n in specs[0].names()} | {"决算数", "金额", "预算数", "合计"}
    usable = []
    for g in groups:
        vals = [c for c in g if c.role == "value"]
        if vals and any(c.role == "label" for c in g):
            usable.append(g)
            for c in vals:
                if c.text in amount_names or c.key == key:
                    c.key = key
    if not usable:
        reading.status = "not_understood"
        reading.notes.append("no code | name | amount column group in the header")
        return reading
    header_texts = _header_texts(header, rows)
    group_of = {id(c): i for i, g in enumerate(usable) for c in g}
    placed = lost = 0
    for number, parts in rows[header.first_data:]:
        if number in header.lines:
            continue
        texts = norm("".join(p.text for p in parts))
        if "人员经费合计" in texts or "公用经费合计" in texts:
            out[number - 1] = " ".join(p.text for p in parts if p.text)
            continue
        if _is_repeat(parts, header_texts):
            out[number - 1] = ""
            continue
        cells = [["", "", ""] for _ in usable]
        for col, part in _place(header, number, parts):
            gi = group_of.get(id(col)) if col is not None else None
            if gi is None:
                if is_amount(part.text):
                    lost += 1
                    reading.unassigned.append((number, f"value {part.text} under no column"))
                continue
            if col.role == "code":
                cells[gi][0] += part.text.replace(" ", "")
            elif col.role == "label":
                cells[gi][1] += part.text
            elif col.key:
                cells[gi][2] = part.text
                placed += 1
            elif is_amount(part.text):
                # an amount column of the group that is not its 决算数 (人员经费 | 公用经费
                # printed as columns): not this layout
                lost += 1
                reading.extra_filled.add(col.title)
                reading.unassigned.append((number, f"value {part.text} under {col.title}"))
        out[number - 1] = "\t".join(x for c in cells for x in c)
    return _finish(reading, header, specs[:1], set(), placed, lost)


def _sangong(header, specs, rows, out, template) -> Reading:
    """三公: each printed value column is (预算数 | 决算数) × a template column, read from its
    header path in either order; printed rows 预算数 / 决算数 (the transposed form) too."""
    reading = Reading()
    keys = [s.key for s in specs]

    def kind_of(text: str) -> str | None:
        t = strip_ordinal(text)
        if t in BUDGET_WORDS or t.startswith("预算"):
            return "预算数"
        if t in FINAL_WORDS or t.startswith("决算"):
            return "决算数"
        return None

    cells: dict[int, tuple[str | None, str | None]] = {}
    for c in header.columns:
        kind = next((k for k in (kind_of(p) for p in reversed(c.path)) if k), None)
        key = None
        for p in reversed(c.path):
            if kind_of(p) or fused(p, template):
                continue
            probe = Column(c.x0, c.x1, (p,))
            spec = _spec_named(probe, specs)
            if spec is not None:
                key = spec.key
                break
        if key is None and c.key and not kind_of(c.path[-1]):
            key = c.key
        cells[id(c)] = (kind, key)
    header_texts = _header_texts(header, rows)
    placed = lost = 0
    found: dict[tuple[str, str], str] = {}
    transposed: list[tuple[int, str, dict[str, str]]] = []
    for number, parts in rows[header.first_data:]:
        if number in header.lines or _is_repeat(parts, header_texts):
            out[number - 1] = ""
            continue
        row_kind = next((kind_of(p.text) for p in parts[:1] if p.text and kind_of(p.text)), None)
        line_vals: dict[str, str] = {}
        for col, part in _place(header, number, parts):
            if col is None:
                if is_amount(part.text):
                    lost += 1
                continue
            kind, key = cells[id(col)]
            kind = kind or row_kind
            if key is None or kind is None:
                if is_amount(part.text) or part.text.replace(".", "").isdigit():
                    lost += 1
                    reading.extra_filled.add(col.title)
                    reading.unassigned.append((number, f"value {part.text} under {col.title}"))
                continue
            if row_kind:
                line_vals[key] = part.text
            else:
                found[(kind, key)] = part.text
            placed += 1
        if row_kind:
            transposed.append((number, row_kind, line_vals))
        out[number - 1] = ""
    {k for _kind, k in cells.values() if k}
    for c in header.columns:
        c.key = cells[id(c)][1]
    if transposed:
        for number, kind, vals in transposed:
            out[number - 1] = "\t".join([kind, *[vals.get(k, "") for k in keys]])
    elif found or placed == 0:
        first = next((n for n, _p in rows[header.first_data:] if n not in header.lines), None)
        if first is not None:
            six = keys[:6]  # the layout reads 合计 … 公务接待费 in the template's order
            out[first - 1] = "\t".join([found.get(("预算数", k), "") for k in six]
                                       + [found.get(("决算数", k), "") for k in six])
    reading = _finish(reading, header, specs, set(), placed, lost)
    return reading


def _spec_named(col: Column, specs: list[ColumnSpec]) -> ColumnSpec | None:
    from checker.parse.header import _score

    best, best_s = None, 0
    for s in specs:
        sc = _score(col, s)
        if sc > best_s:
            best, best_s = s, sc
    return best


_WRITERS = {
    "code_rows": _code_rows,
    "two_sided": _two_sided,
    "unit_rows": _label_rows,
    "item_rows": _label_rows,
    "economic_groups": _economic_groups,
    "sangong": _sangong,
}

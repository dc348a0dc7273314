"""Read an Excel workbook (.xlsx) of disclosure tables into numbered lines, one table per sheet.

Reading is done with openpyxl (cached values, never formulas). For each visible sheet, in order:

* the title line: the sheet's title row (the first non-empty row with a single text cell, e.g.
  "Z01 收入支出决算总表(财决01表)", printed as "收入支出决算总表" with the leading form code and the
  trailing bracketed form name removed), else the sheet name, else — for a sheet named by its
  table code ("公开01表") with no title row — the name of the template with that code;
* a marker line (公开01表 …) when the sheet name or the title's bracket is a table code and the
  sheet does not print one itself;
* a unit line: the sheet's own (单位：万元) where it has one, else "单位：万元" added;
* every other non-empty row, its cells joined by TAB from the sheet's first used column to its
  last, blank cells kept as empty strings (a merged cell's value stands in its first cell, the
  cells it covers are blank), with the extent of each cell in column units in
  ``RawDocument.spans`` (a merged range spans all its columns, in every row it covers), so that a
  table is read by its header block like a ruled PDF table (``checker/parse/header.py``).

Numbers are written as the sheet displays them: a numeric cell becomes a Decimal rounded to the
decimals of its number format ("0.00" → 2, "#,##0" → 0, with the thousands separator when the
format has one, "0.0%" as a percentage); a float is converted through its shortest repr, never
used as a float. A General-format number keeps the decimals of that repr. Text cells are kept as
text ("1,108" is read by the parser like any printed number).

Sheets follow one another with a blank line between them; line numbers run on across sheets.
``RawDocument.locations`` holds, for every line, where it came from: ``公开03表!A7:I7`` for a
sheet row (its cells in order from the first column), the sheet name for a line the reader added.

Errors name the file: not a workbook, damaged, encrypted (a password-protected .xlsx is an OLE
file, not a zip), an old .xls, and a workbook without any text.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.labels import norm
from checker.read.text import RawDocument, has_cjk

DEFAULT_UNIT = "单位：万元"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FORM_CODE = re.compile(r"^[A-Za-z]\d{1,2}\s*")
_BRACKET_TAIL = re.compile(r"\s*[（(]([^（）()]*表)[）)]\s*$")
_MARKER = re.compile(r"^(?:公开\d{1,2}表|表[一二三四五六七八九十]+|表\d{1,2})$")
_UNIT = re.compile(r"(?:金额)?(?:单位|部门)\s*[:：]\s*(?:万元|元|千元|亿元)")


def format_decimals(number_format: str | None) -> tuple[int | None, bool, bool]:
    """Decimals, thousands separator and percent of an Excel number format.

    ``"0.00"`` → (2, False, False); ``"#,##0"`` → (0, True, False); ``"0.0%"`` → (1, False, True);
    ``"General"`` (or a format without digits) → (None, False, False): show the value as it is.
    Only the first (positive) section of the format is read; quoted text and [colour] tags are
    ignored.
    """
    if not number_format or number_format.strip().lower() == "general":
        return None, False, False
    section = number_format.split(";")[0]
    section = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", section)
    if not re.search(r"[0#?]", section):
        return None, False, False
    m = re.search(r"\.([0#?]+)", section)
    decimals = len(m.group(1)) if m else 0
    return decimals, "," in section, "%" in section


def display_number(value: int | float | Decimal, number_format: str | None) -> str:
    """A numeric cell's value as the sheet displays it (exact decimal arithmetic, no float)."""
    if isinstance(value, float):
        # The shortest repr, then Excel's 15 significant digits (0.1 + 0.2 shows as 0.3).
        with localcontext() as ctx:
            ctx.prec = 15
            exact = +Decimal(repr(value))
        if exact != exact.to_integral_value():
            exact = exact.normalize()
    else:
        exact = Decimal(value)
    decimals, thousands, percent = format_decimals(number_format)
    if percent:
        exact *= 100
    if decimals is None:  # General: the value as stored (5.0 shows as 5)
        integral = exact == exact.to_integral_value()
        text = format(exact.quantize(Decimal(1)) if integral else exact, "f")
    else:
        quantum = Decimal(1).scaleb(-decimals)
        exact = exact.quantize(quantum, rounding=ROUND_HALF_UP)
        text = format(exact, ",f" if thousands else "f")
    return text + ("%" if percent else "")


def cell_text(cell: Any) -> str:
    """The text a cell shows: numbers by their format, text on one line, blank as ""."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float | Decimal):
        try:
            return display_number(value, cell.number_format)
        except (InvalidOperation, ValueError):
            return str(value)
    if isinstance(value, _dt.datetime | _dt.date | _dt.time):
        return value.isoformat()
    text = str(value).replace("\t", " ").replace("\r", "")
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    return "".join(parts)


def clean_title(text: str) -> tuple[str, str | None]:
    """A sheet title without a leading form code and a trailing bracketed form name.

    "Z01 收入支出决算总表(财决01表)" → ("收入支出决算总表", "财决01表").
    """
    code = None
    t = text.strip()
    m = _BRACKET_TAIL.search(t)
    if m:
        code = m.group(1).strip()
        t = t[: m.start()]
    t = _FORM_CODE.sub("", t).strip()
    return t, code


def _template_name_for_marker(marker: str) -> str | None:
    """The national template's name for a table code (公开03表 → 支出决算表), or None."""
    from checker.templates.loader import TemplateRegistry, load_core_templates

    found = TemplateRegistry(load_core_templates()).by_marker(marker)
    return found[0].name if found else None


def _col_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _open(path: Path) -> Any:
    import openpyxl

    head = path.read_bytes()[:8]
    if head == _OLE_MAGIC:
        raise InputError(str(path), "an encrypted (password-protected) workbook or an old .xls "
                                    "file: save it as an unprotected .xlsx")
    try:
        return openpyxl.load_workbook(path, read_only=False, data_only=True)
    except zipfile.BadZipFile:
        raise InputError(str(path), "not an .xlsx workbook (damaged or another format)") from None
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise InputError(str(path), f"not a readable workbook ({type(exc).__name__}: {exc})") from None


Spans = list[tuple[float, float]]


def _merged_spans(ws: Any) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, column) → the columns (first, last) of the merged range holding that cell."""
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                out[(r, c)] = (rng.min_col, rng.max_col)
    return out


def _row_spans(number: int, first_col: int, width: int,
               merged: dict[tuple[int, int], tuple[int, int]]) -> Spans:
    """The extent of each cell of a row in column units; a merged range's cells all stand for
    the range (the header reader then sees a cell spanning several columns, as on paper)."""
    out: Spans = []
    for j in range(width):
        col = first_col + j
        a, b = merged.get((number, col), (col, col))
        out.append((float(a), float(b + 1)))
    return out


def _sheet_rows(ws: Any) -> tuple[list[tuple[int, list[str]]], int, int]:
    """The non-empty rows of a sheet as (row number, cell texts) and the used column span."""
    rows: list[tuple[int, list[str]]] = []
    first_col, last_col = 10**9, 0
    for row in ws.iter_rows():
        texts = [cell_text(c) for c in row]
        used = [i for i, t in enumerate(texts) if t]
        if not used:
            continue
        base = row[0].column
        first_col = min(first_col, base + used[0])
        last_col = max(last_col, base + used[-1])
        rows.append((row[0].row, texts))
    out: list[tuple[int, list[str]]] = []
    for number, texts in rows:
        base = 1
        cells = texts + [""] * max(0, last_col - len(texts))
        out.append((number, cells[first_col - base : last_col - base + 1]))
    return out, (first_col if rows else 1), last_col


def read_sheet(ws: Any) -> tuple[list[str], list[str], list[Spans | None]]:
    """One sheet as (lines, locations, spans): title, marker, unit, then its rows tab-joined,
    each row with the extent of its cells (columns, merged ranges spanning theirs)."""
    name = ws.title
    rows, first_col, last_col = _sheet_rows(ws)
    if not rows:
        return [], [], []
    merged = _merged_spans(ws)
    lines: list[str] = []
    locations: list[str] = []
    spans: list[Spans | None] = []

    def add(text: str, where: str, extent: Spans | None = None) -> None:
        lines.append(text)
        locations.append(where)
        spans.append(extent)

    def row_ref(number: int) -> str:
        return f"{name}!{_col_letter(first_col)}{number}:{_col_letter(last_col)}{number}"

    title_index = None
    for i, (_number, cells) in enumerate(rows[:3]):
        filled = [c for c in cells if c]
        if len(filled) == 1 and has_cjk(filled[0]) and not _UNIT.search(filled[0]) \
                and not _MARKER.match(norm(filled[0])):
            title_index = i
            break
    sheet_marker = norm(name) if _MARKER.match(norm(name)) else None
    code = None
    if title_index is not None:
        number, cells = rows[title_index]
        title, code = clean_title(next(c for c in cells if c))
        add(title, row_ref(number))
    else:
        title = _template_name_for_marker(sheet_marker) if sheet_marker else None
        add(title or clean_title(name)[0], name)
    printed = [cells for i, (_n, cells) in enumerate(rows) if i != title_index]
    head_text = [norm(c) for cells in printed[:4] for c in cells if c]
    if not any(_MARKER.match(t) for t in head_text):
        marker = sheet_marker or (norm(code) if code and _MARKER.match(norm(code)) else None)
        if marker:
            add(marker, name)
    if not any(_UNIT.search(c) for cells in printed[:4] for c in cells):
        add(DEFAULT_UNIT, name)
    for i, (number, cells) in enumerate(rows):
        if i == title_index:
            continue
        add("\t".join(cells), row_ref(number), _row_spans(number, first_col, len(cells), merged))
    return lines, locations, spans


def read_xlsx(path: Path) -> RawDocument:
    """Read a workbook into a RawDocument (one table per sheet, cell locations), or InputError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if not data:
        raise InputError(str(path), "the file is empty")
    wb = _open(path)
    lines: list[str] = []
    locations: list[str] = []
    spans: list[Spans | None] = []
    try:
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            sheet_lines, sheet_locations, sheet_spans = read_sheet(ws)
            if not sheet_lines:
                continue
            if lines:
                lines.append("")
                locations.append("")
                spans.append(None)
            lines.extend(sheet_lines)
            locations.extend(sheet_locations)
            spans.extend(sheet_spans)
    finally:
        wb.close()
    if not has_cjk("\n".join(ln for ln, loc in zip(lines, locations, strict=True) if "!" in loc)):
        raise InputError(str(path), "no Chinese text found in the workbook: not a disclosure report")
    return RawDocument(
        path=str(path),
        format="xlsx",
        encoding=None,
        sha256=hashlib.sha256(data).hexdigest(),
        lines=lines,
        style="tsv",
        locations=locations,
        spans=spans,
    )

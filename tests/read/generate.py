"""Write a parsed report back out as a PDF (reportlab, ruled tables) or a workbook (openpyxl).

The test data for the PDF and Excel readers is made from the PARSED text reports: for each table
its title, its code (table.code), a unit line, a header row naming the columns by key, then every
row — code / label and its cells as printed text, blank cells empty — in the shape the table's
layout reads in tab-separated text (``checker/parse/layouts``). The notes under a table follow it.
A cover line gives department, year and kind. Reading the generated file back must then give the
same tables, rows and values as the text file. Tables of a layout this module cannot write yet
(not in ``WRITTEN_LAYOUTS``, e.g. performance tables) are left out; the tests compare the others.

A value the text parser could not place (``Row.unplaced``, its possible cells ``ambiguous`` —
SX23 三公, printed with blank cells collapsed) has no column to be written in: its cells are
written blank, so the generated file differs from the text exactly there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from checker.model import Document, Row, Table
from checker.templates.loader import TemplateRegistry

FOOTERS = ("人员经费合计", "公用经费合计")


@dataclass
class TableSpec:
    """One table to write: title, code, unit, header rows, data rows, notes."""

    title: str
    marker: str | None
    unit: str
    header: list[list[str]]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        """The number of columns of the widest row."""
        return max(len(r) for r in [*self.header, *self.rows])


def cell_text(r: Row, key: str) -> str:
    """A cell as printed ("" when blank or not placed)."""
    c = r.cells.get(key)
    if c is None or c.number is None:
        return ""
    return c.number.text


def _code_rows(t: Table) -> tuple[list[list[str]], list[list[str]]]:
    keys = [c.key for c in t.columns]
    rows = []
    for r in t.rows:
        values = [cell_text(r, k) for k in keys]
        if r.code:
            rows.append([r.code_printed or r.code, r.label, *values])
        else:  # 合计: in the code column, so that a blank 合计 row is still a row
            rows.append([r.label, "", *values])
    return [["科目编码", "科目名称", *keys]], rows


def _two_sided(t: Table, registry: TemplateRegistry) -> tuple[list[list[str]], list[list[str]]]:
    template = registry.get(t.id)
    assert template is not None
    inc = [c.key for c in template.columns if c.side == "收入"]
    exp = [c.key for c in template.columns if c.side == "支出"]
    with_no = any(r.row_no for r in t.rows)
    no = ["行次"] if with_no else []
    header = [["项目", *no, *inc, "项目", *no, *exp]]
    by_line: dict[int, dict[str, Row]] = {}
    for r in t.rows:
        by_line.setdefault(r.line, {})[r.side or "收入"] = r
    rows = []
    for sides in by_line.values():
        out: list[str] = []
        for side, keys in (("收入", inc), ("支出", exp)):
            r = sides.get(side)
            if r is None:
                out += [""] * (1 + len(no) + len(keys))
            else:
                out += [r.label, *([r.row_no or ""] if with_no else []),
                        *[cell_text(r, k) for k in keys]]
        rows.append(out)
    return header, rows


def _economic_groups(t: Table) -> tuple[list[list[str]], list[list[str]]]:
    key = t.columns[0].key
    rows = []
    for r in t.rows:
        if r.key in FOOTERS:
            rows.append([r.key, cell_text(r, key), ""])
        else:
            rows.append([r.code_printed or r.code or "", r.label, cell_text(r, key)])
    return [["科目编码", "科目名称", key]], rows


def _sangong(t: Table) -> tuple[list[list[str]], list[list[str]]]:
    keys = [c.key for c in t.columns]
    by_key = {r.key: r for r in t.rows}
    if "会议费" in keys:  # the transposed form: one line per 预算数 / 决算数
        return [["项目", *keys]], [
            [name, *[cell_text(by_key[name], k) for k in keys]]
            for name in ("预算数", "决算数") if name in by_key
        ]
    line = [cell_text(by_key[name], k) for name in ("预算数", "决算数") for k in keys]
    return [keys + keys, ["预算数"] * 6 + ["决算数"] * 6], [line]


def _label_rows(t: Table, first: str) -> tuple[list[list[str]], list[list[str]]]:
    keys = [c.key for c in t.columns]
    return [[first, *keys]], [[r.label, *[cell_text(r, k) for k in keys]] for r in t.rows]


def _economic_names(t: Table) -> tuple[list[list[str]], list[list[str]]]:
    keys = [c.key for c in t.columns]
    rows = []
    for r in t.rows:
        gov = r.cells.get("政府预算经济分类")
        printed = gov.text if gov is not None and gov.placed is None else ""
        rows.append([printed, r.label, *[cell_text(r, k) for k in keys]])
    return [["政府预算经济分类", "部门预算经济分类", *keys]], rows


WRITTEN_LAYOUTS = {"code_rows", "two_sided", "economic_groups", "sangong", "unit_rows",
                   "item_rows", "economic_names"}


def writable(t: Table, registry: TemplateRegistry) -> bool:
    """True when this module knows how to write a table of this layout (others are left out)."""
    template = registry.get(t.id)
    return template is not None and template.layout in WRITTEN_LAYOUTS and not t.listed_only


def table_spec(t: Table, registry: TemplateRegistry) -> TableSpec:
    """The rows to write for one parsed table, in the shape its layout reads."""
    template = registry.get(t.id)
    assert template is not None, t.id
    layout = template.layout
    if layout == "code_rows":
        header, rows = _code_rows(t)
    elif layout == "two_sided":
        header, rows = _two_sided(t, registry)
    elif layout == "economic_groups":
        header, rows = _economic_groups(t)
    elif layout == "sangong":
        header, rows = _sangong(t)
    elif layout == "unit_rows":
        header, rows = _label_rows(t, "单位名称")
    elif layout == "item_rows":
        header, rows = _label_rows(t, "项目")
    elif layout == "economic_names":
        header, rows = _economic_names(t)
    else:  # pragma: no cover - guarded by writable()
        raise AssertionError(f"no writer for layout {layout}")
    return TableSpec(title=t.title.replace("\t", " ").strip(), marker=t.code,
                     unit=f"单位：{t.unit or '万元'}", header=header, rows=rows,
                     notes=[n.text for n in t.notes])


def cover(doc: Document) -> str:
    """The report's cover line: department, year and kind ("…局2024年度部门决算")."""
    kind = "决算" if doc.meta.kind == "final" else "预算"
    return f"{doc.meta.department or ''}{doc.meta.year}年度部门{kind}"


def specs(doc: Document, registry: TemplateRegistry) -> list[TableSpec]:
    """Every body table of a parsed document that can be written, ready to write."""
    return [table_spec(t, registry) for t in doc.tables if writable(t, registry)]


def _pad(row: list[str], width: int) -> list[str]:
    return row + [""] * (width - len(row))


def write_xlsx(doc: Document, registry: TemplateRegistry, path: Path,
               numbers: bool = True) -> Path:
    """Write the tables as a workbook, one sheet per table.

    With ``numbers`` the printed amounts are stored as numeric cells with a number format of the
    printed decimals ("0.00"; "#,##0" when printed with separators), as a finance office's
    workbook holds them; without, they are stored as text.
    """
    import openpyxl
    from openpyxl.styles import Alignment

    from checker.parse.fields import parse_number

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("封面")
    ws["A1"] = cover(doc)
    for i, spec in enumerate(specs(doc, registry), start=1):
        name = (spec.marker or f"表{i}")[:31]
        if name in wb.sheetnames:
            name = f"{name}_{i}"
        ws = wb.create_sheet(name)
        width = spec.width
        ws.append([spec.title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 2))
        ws["A1"].alignment = Alignment(horizontal="center")
        if spec.marker:
            ws.append([spec.marker])
        ws.append([*_pad([], width - 1), spec.unit])
        for row in spec.header:
            ws.append(_pad(row, width))
        for row in spec.rows:
            ws.append(_pad(row, width))
            if not numbers:
                continue
            for cell in ws[ws.max_row]:
                text = cell.value
                if not isinstance(text, str) or not text:
                    continue
                n = parse_number(text, 0)
                if n is None or n.percent or (text.isdigit() and cell.column <= 2):
                    continue  # subject codes and row numbers stay text
                cell.value = float(n.value)
                pattern = "#,##0" if "," in text else "0"
                cell.number_format = pattern + ("." + "0" * n.decimals if n.decimals else "")
        for note in spec.notes:
            ws.append([note])
    wb.save(path)
    return path


def write_pdf(doc: Document, registry: TemplateRegistry, path: Path, ruled: bool = True) -> Path:
    """Write the tables as a PDF in the CID font STSong-Light (no font file): ruled tables, or
    (``ruled=False``) tables printed without rules, as a finance system's report prints them:
    columns by position only, one rule under the header, amounts aligned right."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    from checker.parse.fields import parse_number

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    text = ParagraphStyle("text", fontName="STSong-Light", fontSize=9, leading=12)
    title = ParagraphStyle("title", parent=text, fontSize=12, leading=16)
    cell = ParagraphStyle("cell", parent=text, fontSize=6.5, leading=8, wordWrap="CJK")
    page_w, _page_h = landscape(A4)
    usable = page_w - 30 * mm
    story: list = [Paragraph(escape(cover(doc)), title), PageBreak()]
    for spec in specs(doc, registry):
        story.append(Paragraph(escape(spec.title), title))
        if spec.marker:
            story.append(Paragraph(escape(spec.marker), text))
        story.append(Paragraph(escape(spec.unit), text))
        width = spec.width
        # without rules, as such reports print them: header words centred over their column,
        # amounts aligned right
        centred = cell if ruled else ParagraphStyle("head", parent=cell, alignment=1)
        right = cell if ruled else ParagraphStyle("amount", parent=cell, alignment=2)
        data = [[Paragraph(escape(v), centred) if v else "" for v in _pad(r, width)]
                for r in spec.header]
        data += [[Paragraph(escape(v), right if parse_number(v, 0) is not None else cell) if v
                  else "" for v in _pad(r, width)] for r in spec.rows]
        lengths = [max(len(r[i]) if i < len(r) else 0 for r in [*spec.header, *spec.rows]) + 2
                   for i in range(width)]
        total = sum(lengths)
        widths = [usable * n / total for n in lengths]
        table = RLTable(data, colWidths=widths)
        if ruled:
            style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
        else:
            head = len(spec.header) - 1
            style = [("LINEBELOW", (0, head), (-1, head), 0.5, colors.black)]
        table.setStyle(TableStyle([*style, ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        story.append(table)
        story.append(Spacer(1, 4))
        for note in spec.notes:
            story.append(Paragraph(escape(note), text))
        story.append(PageBreak())
    SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=15 * mm,
                      rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm).build(story)
    return path

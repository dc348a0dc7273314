"""Read a PDF report (with a text layer) into numbered lines, with the page and geometry of each.

Reading is done with pdfium (pypdfium2), page by page (``checker/read/pdf_page.py``):

* Ruled tables are found from the page's own rulings (``checker/read/pdf_grid.py``): one line
  per table row, its cells joined by TAB, a blank cell kept as an empty string, a cell spanning
  rows or columns read once, in its first row. A cell's text that wraps inside the cell
  ("其他文化旅游体育与传媒支" / "出") is joined back into one text.
* Everything outside ruled tables is read as text lines (``checker/read/pdf_lines.py``), by
  baseline: a figure set in another font stays in its sentence. Wide gaps separate chunks by
  TAB (a table printed without rules keeps its columns).
* Page numbers and running headers/footers are dropped (counted in ``RawDocument.dropped``).
* Lines are put in reading order by their top position on the page.

Every TAB-separated part of a line keeps its x-extent on the page (``RawDocument.spans``), so
the table parser places a value by the header it stands under, not by its index among the
cells of that row. The style is ``tsv`` when at least one ruled table row or chunked line was
found, ``space`` otherwise. ``RawDocument.pages`` holds the page of every line, so a finding can
say "page P line L".

Errors name the file: not a PDF or damaged, encrypted with a password, and a PDF without a text
layer (scanned pages, images only) — one error, "no text layer: cannot check", never a report
with every table missing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from checker.errors import InputError
from checker.read.pdf_grid import fill, find_grids
from checker.read.pdf_lines import PageLine, drop_furniture, free_lines, grid_lines, join_wrapped
from checker.read.pdf_page import open_pdf, read_page
from checker.read.text import RawDocument, has_cjk

__all__ = ["ENCRYPTED", "NO_TEXT_LAYER", "join_wrapped", "read_pdf"]

NO_TEXT_LAYER = "no text layer: cannot check (a scanned or image-only PDF; OCR it first)"
ENCRYPTED = "encrypted with a password"


def page_lines(pdf, index: int) -> tuple[float, list[PageLine], int]:
    """(page height, lines in reading order, number of characters) of one page."""
    content = read_page(pdf, index)
    chars = content.chars
    lines: list[PageLine] = []
    for grid in find_grids(content.edges):
        chars = fill(grid, chars)
        lines += grid_lines(grid)
    lines += free_lines(chars)
    lines.sort(key=lambda ln: (round(ln.top, 1), ln.spans[0][0] if ln.spans else 0.0))
    return content.height, lines, len(content.chars)


def _open(path: Path):
    import pypdfium2 as pdfium

    try:
        return open_pdf(str(path))
    except pdfium.PdfiumError as exc:
        text = str(exc)
        if "password" in text.lower() or "security" in text.lower():
            raise InputError(str(path), f"the PDF is {ENCRYPTED}: cannot read it") from None
        raise InputError(str(path), f"not a readable PDF ({text})") from None


def read_pdf(path: Path) -> RawDocument:
    """Read a PDF report into a RawDocument (lines, page and spans of each), or raise InputError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if not data.startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise InputError(str(path), "not a PDF file (no %PDF header)")
    pdf = _open(path)
    pages: list[tuple[float, list[PageLine]]] = []
    chars = 0
    try:
        for index in range(len(pdf)):
            height, lines, count = page_lines(pdf, index)
            chars += count
            pages.append((height, lines))
    except InputError:
        raise
    except Exception as exc:  # a page pdfium cannot read: the file is damaged
        raise InputError(str(path), f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    finally:
        pdf.close()
    if chars == 0:
        raise InputError(str(path), NO_TEXT_LAYER)
    dropped = drop_furniture(pages)
    lines: list[str] = []
    page_of: list[int] = []
    spans: list[list[tuple[float, float]] | None] = []
    tabbed = 0
    for number, (_h, page) in enumerate(pages, start=1):
        for ln in page:
            lines.append(ln.text)
            page_of.append(number)
            spans.append(ln.spans)
            tabbed += "\t" in ln.text
    text = "\n".join(lines)
    if not has_cjk(text):
        if "\ufffd" in text or not text.strip():
            raise InputError(str(path), "the text layer cannot be decoded (fonts without a "
                                        "Unicode map): cannot check")
        raise InputError(str(path), "no Chinese text found: not a disclosure report")
    return RawDocument(
        path=str(path),
        format="pdf",
        encoding=None,
        sha256=hashlib.sha256(data).hexdigest(),
        lines=lines,
        style="tsv" if tabbed else "space",
        pages=page_of,
        spans=spans,
        dropped=dropped,
    )

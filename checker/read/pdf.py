"""Read a PDF report (with a text layer) into numbered lines, with the page of every line.

Reading is done with pdfplumber, page by page:

* Ruled tables are read from the PDF's own table structure (``page.find_tables()``): one line per
  table row, its cells joined by TAB, a blank or merged-away cell kept as an empty string, so the
  table layouts (style ``tsv``) find every value in its column without guessing. A cell's text
  that wraps inside the cell ("其他文化旅游体育与传媒支" / "出") is joined back into one text.
* Everything outside the tables' boxes is read as text lines (``page.extract_text_lines()``).
* Table rows and text lines are put in reading order by their top position on the page.

The style is ``tsv`` when at least one ruled table was found, ``space`` otherwise (a PDF whose
tables are not ruled gives lines as a text extractor lays them out). ``RawDocument.pages`` holds
the page of every line, so a finding can say "page P line L".

Errors name the file: not a PDF or damaged, encrypted with a password, and a PDF without a text
layer (scanned pages, images only) — one error, "no text layer: cannot check", never a report
with every table missing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.read.text import RawDocument, has_cjk

NO_TEXT_LAYER = "no text layer: cannot check (a scanned or image-only PDF; OCR it first)"
ENCRYPTED = "encrypted with a password"
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# A character counts as inside a table when its centre is within the table box grown by this.
_BOX_MARGIN = 1.0


@dataclass
class _Item:
    """One output line of a page, with where it starts (for reading order)."""

    top: float
    x0: float
    text: str


def join_wrapped(text: str | None) -> str:
    """One cell's text on one line: wrapped CJK text joined directly, other wraps by a space."""
    if not text:
        return ""
    parts = [p.strip() for p in text.replace("\t", " ").split("\n")]
    out = ""
    for part in parts:
        if not part:
            continue
        if out and not (_CJK.match(out[-1]) or _CJK.match(part[0])):
            out += " "
        out += part
    return out


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(
        x0 - _BOX_MARGIN <= cx <= x1 + _BOX_MARGIN and top - _BOX_MARGIN <= cy <= bottom + _BOX_MARGIN
        for x0, top, x1, bottom in boxes
    )


def _page_items(page: Any) -> tuple[list[_Item], int]:
    """The lines of one page in reading order, and how many of them are table rows."""
    # A page without any ruling (a narrative page) has no ruled table: skip the table finder.
    tables = page.find_tables() if (page.rects or page.lines or page.curves) else []
    boxes = [t.bbox for t in tables]
    items: list[_Item] = []
    table_rows = 0
    for table in tables:
        texts = table.extract()
        for row, cells in zip(table.rows, texts, strict=False):
            values = [join_wrapped(c) for c in cells]
            if not any(values):
                continue
            x0, top = row.bbox[0], row.bbox[1]
            items.append(_Item(top, x0, "\t".join(values)))
            table_rows += 1
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes)) \
        if boxes else page
    for line in outside.extract_text_lines(strip=True, return_chars=False):
        text = line["text"].strip()
        if text:
            items.append(_Item(line["top"], line["x0"], text))
    items.sort(key=lambda it: (round(it.top, 1), it.x0))
    return items, table_rows


def _open(path: Path) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        return pdfplumber.open(path)
    except PDFPasswordIncorrect:
        raise InputError(str(path), f"the PDF is {ENCRYPTED}: cannot read it") from None
    except Exception as exc:  # pdfminer raises many kinds for a damaged file
        reason = _reason(exc)
        if reason == ENCRYPTED:
            raise InputError(str(path), f"the PDF is {ENCRYPTED}: cannot read it") from None
        raise InputError(str(path), f"not a readable PDF ({reason})") from None


def _reason(exc: BaseException) -> str:
    """A short reason from a pdfminer/pdfplumber exception (they often wrap the real one)."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return ENCRYPTED
    text = str(inner).strip()
    return f"{name}: {text}" if text else name


def read_pdf(path: Path) -> RawDocument:
    """Read a PDF report into a RawDocument (lines, page of each line), or raise InputError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if not data.startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise InputError(str(path), "not a PDF file (no %PDF header)")
    lines: list[str] = []
    pages: list[int] = []
    table_rows = 0
    chars = 0
    pdf = _open(path)
    try:
        for number, page in enumerate(pdf.pages, start=1):
            chars += len(page.chars)
            if not page.chars:
                continue
            items, rows = _page_items(page)
            table_rows += rows
            for item in items:
                lines.append(item.text)
                pages.append(number)
    except InputError:
        raise
    except Exception as exc:  # a page the PDF library cannot read: the file is damaged
        raise InputError(str(path), f"not a readable PDF ({_reason(exc)})") from None
    finally:
        pdf.close()
    if chars == 0:
        raise InputError(str(path), NO_TEXT_LAYER)
    text = "\n".join(lines)
    if not has_cjk(text):
        if "(cid:" in text:
            raise InputError(str(path), "the text layer cannot be decoded (fonts without a "
                                        "Unicode map): cannot check")
        raise InputError(str(path), "no Chinese text found: not a disclosure report")
    return RawDocument(
        path=str(path),
        format="pdf",
        encoding=None,
        sha256=hashlib.sha256(data).hexdigest(),
        lines=lines,
        style="tsv" if table_rows else "space",
        pages=pages,
    )

"""From a page's characters to the lines a parser reads: text lines, table rows, furniture.

* A text line is the characters on one baseline, left to right. A gap wider than
  :data:`TAB_GAP` font sizes separates *chunks* (the columns of a table printed without rules,
  or "部门：…" and "单位：万元" on one line): chunks are joined by TAB and each keeps its x-extent,
  so a parser can read columns by position. Smaller gaps are one space, except between two CJK
  characters (justified text spreads them).
* A table row is the text of each cell of a ruled row, joined by TAB (a blank cell is an empty
  string), each with its cell's x-extent. A cell's lines are joined as :func:`join_wrapped` says.
* Page furniture — a page number ("- 3 -", "第 3 页", "3 / 25", "3") or a running header or
  footer (the same text at the top or bottom of at least a third of the pages) — is not part of
  the report's text: it would split a sentence or a table that runs over the page break. It is
  dropped and counted.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from checker.read.pdf_grid import Grid, text_lines
from checker.read.pdf_page import Char

TAB_GAP = 2.0  # a gap of this many font sizes between two characters separates two chunks
# a figure followed by CJK text this far away: two columns (an amount right-aligned in its
# column beside the next column's label); in a sentence they stand closer ("1560.05 万元")
EDGE_GAP = 0.9
SPACE_GAP = 0.25  # a gap of this many font sizes is a space (not between two CJK characters)
CJK_SPACE_GAP = 0.8  # between two CJK characters outside a table (justified text spreads less)
MARGIN = 0.09  # furniture is looked for in this share of the page height at top and bottom
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~_·\s]*\d{1,4}[-—–－~_·\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[-—–－\s]*[ⅰ-ⅿⅠ-Ⅿ]+[-—–－\s]*)$"
)


@dataclass
class PageLine:
    """One output line of a page: its text (TAB between cells or chunks), the x-extent of each
    TAB-separated part, its vertical extent, and whether it is a ruled table row."""

    text: str
    spans: list[tuple[float, float]]
    top: float
    bottom: float
    table_row: bool = False


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph or CJK/full-width punctuation."""
    return bool(_CJK.match(ch))


def join_wrapped(text: str | None) -> str:
    """One cell's text on one line: wrapped CJK text joined directly, other wraps by a space."""
    if not text:
        return ""
    parts = [p.strip() for p in text.replace("\t", " ").split("\n")]
    out = ""
    for part in parts:
        if not part:
            continue
        if out and not (is_cjk(out[-1]) or is_cjk(part[0])):
            out += " "
        out += part
    return out


def _line_chunks(chars: list[Char], tabs: bool) -> list[tuple[str, float, float]]:
    """The text of one baseline's characters, as chunks (text, x0, x1) split at wide gaps."""
    chunks: list[tuple[str, float, float]] = []
    printed = [c for c in chars if c.text != " "]
    if not printed:
        return []
    text, x0, x1 = "", printed[0].x0, printed[0].x1
    prev: Char | None = None
    space = False
    for ch in chars:
        if ch.text == " ":
            space = prev is not None
            continue
        if prev is not None:
            gap = ch.x0 - prev.x1
            size = max(prev.size, ch.size, 1.0)
            both_cjk = is_cjk(prev.text) and is_cjk(ch.text)
            figure_edge = prev.text.isdigit() and not (ch.text.isdigit() or ch.text in ".,%％-")
            if tabs and (gap > TAB_GAP * size or (figure_edge and gap > EDGE_GAP * size)):
                chunks.append((text, x0, x1))
                text, x0 = "", ch.x0
            elif (space and (tabs or not both_cjk)) or (gap > SPACE_GAP * size and not both_cjk) \
                    or (tabs and both_cjk and gap > CJK_SPACE_GAP * size):
                text += " "
        text += ch.text
        x1 = max(x1, ch.x1)
        prev = ch
        space = False
    chunks.append((text, x0, x1))
    return chunks


def cell_text(chars: list[Char]) -> str:
    """The text of one table cell: its lines, each read left to right, joined."""
    if not chars:
        return ""
    lines = ["".join(t for t, _, _ in _line_chunks(line, tabs=False)) for line in text_lines(chars)]
    lines = [ln for ln in lines if ln]
    return join_wrapped("\n".join(lines))


def grid_lines(grid: Grid) -> list[PageLine]:
    """The rows of a ruled table as lines (rows with no text at all are left out)."""
    out = []
    for row in grid.rows:
        texts = [cell_text(c.chars) for c in row.cells]
        if not any(texts):
            continue
        bottom = max(c.bottom for c in row.cells)
        out.append(PageLine("\t".join(texts), [(c.x0, c.x1) for c in row.cells], row.top,
                            bottom, table_row=True))
    return out


def free_lines(chars: list[Char]) -> list[PageLine]:
    """The text lines of characters outside ruled tables."""
    out = []
    for line in text_lines(chars):
        chunks = _line_chunks(line, tabs=True)
        chunks = [(t.strip(), a, b) for t, a, b in chunks if t.strip()]
        if not chunks:
            continue
        top = min(c.top for c in line)
        bottom = max(c.bottom for c in line)
        out.append(PageLine("\t".join(t for t, _, _ in chunks), [(a, b) for _, a, b in chunks],
                            top, bottom))
    return out


# A repeated line that a parser needs: a table title or code, a unit line (a table continued on
# the next page repeats them near the top).
_MEANINGFUL = re.compile(r"表\s*$|单位\s*[:：]|^公开\s*\d|^表\s*[\d一二三四五六七八九十]")


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def drop_furniture(pages: list[tuple[float, list[PageLine]]]) -> int:
    """Remove page numbers and running headers/footers from each page's lines, in place.

    ``pages`` holds (page height, lines sorted top to bottom). Only the first and last lines of
    a page can be furniture, and only within :data:`MARGIN` of the page's edge. Returns how many
    lines were removed.
    """
    def edge_lines(height: float, lines: list[PageLine]) -> list[PageLine]:
        if not lines:
            return []
        out = []
        for ln in lines[:2]:
            if ln.bottom <= height * MARGIN and not ln.table_row:
                out.append(ln)
        for ln in lines[-2:]:
            if ln.top >= height * (1 - MARGIN) and not ln.table_row and ln not in out:
                out.append(ln)
        return out

    candidates = [edge_lines(h, lines) for h, lines in pages]
    counts = Counter(_furniture_key(ln.text) for group in candidates for ln in group)
    repeated = max(3, len(pages) // 3)
    dropped = 0
    for (_h, lines), group in zip(pages, candidates, strict=True):
        for ln in group:
            text = ln.text.replace("\t", " ").strip()
            if _PAGE_NUMBER.match(text) or (counts[_furniture_key(ln.text)] >= repeated
                                            and len(pages) >= 3 and not _MEANINGFUL.search(text)):
                lines.remove(ln)
                dropped += 1
    return dropped

"""What is printed on one PDF page, read with pdfium: characters with their boxes, and rulings.

pdfium (through pypdfium2) gives every character its Unicode value, its glyph box, its origin
on the baseline and its font size, at about 200 pages a second; pdfminer reads 10–15. Both
coordinates systems are turned into one: points from the top-left corner of the page as it is
displayed (a page's /Rotate is applied), ``top`` growing downwards.

* :class:`Char`: one printed character (characters pdfium generates for spaces and line ends
  are dropped: spacing is worked out from the geometry). A glyph drawn twice at one place (a
  simulated bold) is kept once.
* :class:`Edge`: a horizontal or vertical ruling — a stroked line, a thin filled rectangle
  (Word and WPS draw table borders so), or a side of a rectangle. Path objects nested in form
  XObjects are read too, with the form's matrix applied. A path that is neither filled nor
  stroked (a clipping path) draws nothing and is skipped.
"""

from __future__ import annotations

import ctypes
import itertools
import math
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# A filled rectangle this thin (points) is a ruling, not an area.
THIN = 2.5
# Segments shorter than this are dots or arrow heads, not rulings.
MIN_EDGE = 2.0


@dataclass(slots=True)
class Char:
    """A printed character: text, glyph box (x0, top, x1, bottom), baseline and font size."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    base: float
    size: float

    @property
    def cx(self) -> float:
        """Horizontal centre."""
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        """Vertical centre."""
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Edge:
    """A ruling: ``h`` (at y = ``pos`` from ``start`` to ``end`` in x) or ``v`` (at x = ``pos``)."""

    orient: str
    pos: float
    start: float
    end: float


@dataclass
class PageContent:
    """One page: its displayed size, characters and rulings."""

    number: int
    width: float
    height: float
    chars: list[Char]
    edges: list[Edge]


class _Transform:
    """From PDF user space (origin bottom-left, y up) to display space (top-left, y down)."""

    def __init__(self, page: Any) -> None:
        left, bottom, right, top = page.get_bbox()
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        self.rotation = page.get_rotation() % 360
        w, h = right - left, top - bottom
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        """Display coordinates of a user-space point."""
        dx, dy = x - self.left, self.top - y  # unrotated, y down
        w, h = self.right - self.left, self.top - self.bottom
        if self.rotation == 90:
            return h - dy, dx
        if self.rotation == 180:
            return w - dx, h - dy
        if self.rotation == 270:
            return dy, w - dx
        return dx, dy

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """Display box (x0, top, x1, bottom) of a user-space rectangle."""
        ax, ay = self.point(x0, y0)
        bx, by = self.point(x1, y1)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def _page_text(raw: Any, count: int) -> list[str] | None:
    """The characters of a text page in index order, in one call (None when a character outside
    the BMP would shift the UTF-16 units against the indexes)."""
    buf = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(raw, 0, count, buf)
    units = buf[:count]
    if any(0xD800 <= u <= 0xDFFF for u in units):
        return None
    return [chr(u) for u in units]


def read_chars(textpage: Any, tf: _Transform) -> list[Char]:
    """Every printed character of a page, in content order, duplicates removed.

    A character's horizontal extent is its advance (pdfium's loose box), so that the gap between
    "28," and "849" is the printed spacing, not the comma's thin ink; its vertical extent is the
    em box on its baseline (the glyph boxes of two fonts on one line differ, their baseline not).
    """
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    texts = _page_text(raw, count)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    loose = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    p_ox, p_oy, p_loose, p_matrix = (ctypes.byref(ox), ctypes.byref(oy), ctypes.byref(loose),
                                     ctypes.byref(matrix))
    get_unicode, is_generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    get_loose, get_origin = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetCharOrigin
    get_size, get_matrix = pdfium_c.FPDFText_GetFontSize, pdfium_c.FPDFText_GetMatrix
    out: list[Char] = []
    seen: set[tuple[str, int, int]] = set()
    for i in range(count):
        text = texts[i] if texts is not None else chr(get_unicode(raw, i) or 0)
        if text in "\x00\ufffe\uffff\u200b\ufeff":
            continue
        if text.isspace():
            if is_generated(raw, i) == 1:
                continue  # pdfium's own guess at a space or line end
            text = " "  # a printed space: kept as a word break, never as text of its own
        get_loose(raw, i, p_loose)
        get_origin(raw, i, p_ox, p_oy)
        # The font size times the scale of the text and page matrices (a WPS PDF sets size 720
        # in a text matrix scaled by 0.05: 36 points on the page).
        size = get_size(raw, i)
        if get_matrix(raw, i, p_matrix):
            size *= math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
        x0, _t, x1, _b = tf.box(loose.left, loose.bottom, loose.right, loose.top)
        _bx, base = tf.point(ox.value, oy.value)
        if size <= 1.0:
            size = max(_b - _t, 1.0)
        key = (text, round(x0), round(base))
        if key in seen:
            continue
        seen.add(key)
        out.append(Char(text, x0, base - 0.8 * size, x1, base + 0.2 * size, base, size))
    return out


def _matrix_chain(obj: Any) -> list[tuple[float, float, float, float, float, float]]:
    """The matrices from a page object up through the form XObjects that hold it."""
    out = []
    node = obj
    while node is not None:
        m = node.get_matrix()
        out.append((m.a, m.b, m.c, m.d, m.e, m.f))
        node = node.container  # the form XObject holding it, None on the page itself
    return out


def _apply(chain: list[tuple[float, ...]], x: float, y: float) -> tuple[float, float]:
    for a, b, c, d, e, f in chain:
        x, y = a * x + c * y + e, b * x + d * y + f
    return x, y


def _path_points(obj: Any) -> list[list[tuple[float, float]]]:
    """The subpaths of a path object as lists of user-space points (curves by their ends)."""
    raw = obj.raw
    chain = _matrix_chain(obj)
    n = pdfium_c.FPDFPath_CountSegments(raw)
    subpaths: list[list[tuple[float, float]]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    current: list[tuple[float, float]] = []
    for i in range(n):
        seg = pdfium_c.FPDFPath_GetPathSegment(raw, i)
        if not pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        point = _apply(chain, x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if len(current) > 1:
                subpaths.append(current)
            current = [point]
        else:
            current.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(seg) and current:
            current.append(current[0])
    if len(current) > 1:
        subpaths.append(current)
    return subpaths


def _visible(obj: Any) -> bool:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke)):
        return True
    if not fill.value and not stroke.value:
        return False
    if fill.value and not stroke.value:
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        if pdfium_c.FPDFPageObj_GetFillColor(obj.raw, ctypes.byref(r), ctypes.byref(g),
                                             ctypes.byref(b), ctypes.byref(a)):
            if a.value == 0 or (r.value, g.value, b.value) == (255, 255, 255):
                return False  # a white or transparent area draws no line
    return True


def read_edges(page: Any, tf: _Transform) -> list[Edge]:
    """The horizontal and vertical rulings of a page, in display coordinates."""
    edges: list[Edge] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    p_bounds = (ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=8):
        if not _visible(obj):
            continue
        if obj.level == 0 and pdfium_c.FPDFPath_CountSegments(obj.raw) <= 5 and \
                pdfium_c.FPDFPageObj_GetBounds(obj.raw, *p_bounds):
            # a line or a rectangle on the page itself: its bounds say all (the common case,
            # read without walking the path's points)
            x0, y0, x1, y1 = tf.box(left.value, bottom.value, right.value, top.value)
            w, h = x1 - x0, y1 - y0
            if w < THIN and h >= MIN_EDGE:
                edges.append(Edge("v", (x0 + x1) / 2, y0, y1))
                continue
            if h < THIN and w >= MIN_EDGE:
                edges.append(Edge("h", (y0 + y1) / 2, x0, x1))
                continue
        for points in _path_points(obj):
            pts = [tf.point(px, py) for px, py in points]
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            w, h = max(xs) - min(xs), max(ys) - min(ys)
            if w < THIN and h >= MIN_EDGE:  # a vertical line or a thin filled bar
                edges.append(Edge("v", (max(xs) + min(xs)) / 2, min(ys), max(ys)))
                continue
            if h < THIN and w >= MIN_EDGE:
                edges.append(Edge("h", (max(ys) + min(ys)) / 2, min(xs), max(xs)))
                continue
            for (ax, ay), (bx, by) in itertools.pairwise(pts):
                if abs(ax - bx) < 0.5 and abs(ay - by) >= MIN_EDGE:
                    edges.append(Edge("v", (ax + bx) / 2, min(ay, by), max(ay, by)))
                elif abs(ay - by) < 0.5 and abs(ax - bx) >= MIN_EDGE:
                    edges.append(Edge("h", (ay + by) / 2, min(ax, bx), max(ax, bx)))
    return edges


def read_page(pdf: Any, index: int) -> PageContent:
    """Characters and rulings of page ``index`` (0-based) of an open pypdfium2 document."""
    page = pdf[index]
    try:
        tf = _Transform(page)
        textpage = page.get_textpage()
        try:
            chars = read_chars(textpage, tf)
        finally:
            textpage.close()
        edges = read_edges(page, tf) if chars else []
        return PageContent(index + 1, tf.width, tf.height, chars, edges)
    finally:
        page.close()


def open_pdf(path: str) -> Any:
    """Open a PDF with pdfium; raises pdfium.PdfiumError for a damaged or encrypted file."""
    return pdfium.PdfDocument(path)

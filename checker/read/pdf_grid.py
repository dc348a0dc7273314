"""Ruled tables of a PDF page: from rulings to rows of cells, and the characters in each cell.

The method is pdfplumber's ``lines`` strategy reduced to what disclosure tables need:

1. Rulings are snapped (positions within :data:`SNAP` points are one) and joined where they
   touch along their line.
2. Rulings that cross or touch form a table: a connected group with at least two horizontal and
   two vertical rulings (a lone rule under a heading is no table).
3. The table's horizontal rulings cut it into *bands*; in each band, the vertical rulings that
   cross it cut it into cells. A cell whose bottom ruling is absent continues into the band
   below (a cell spanning rows: 科目名称 over three header rows); a missing vertical ruling is a
   cell spanning columns.
4. Every character goes to the cell holding its centre. A band whose cells hold several lines
   of *numbers* one above the other is several rows that were printed without rules between
   them: it is split at the baselines of those numbers (a wrapped label never holds numbers).

Each row keeps its cells' boxes, so that a parser can tell which header a value stands under.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from checker.read.pdf_page import Char, Edge

SNAP = 1.5  # rulings closer than this are one
JOIN = 3.0  # collinear rulings with a gap below this are one
TOUCH = 2.5  # a horizontal and a vertical ruling this close touch
MIN_BAND = 3.0  # bands thinner than this are double rules, not rows
_NUMBER = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")


@dataclass
class GridCell:
    """A cell: its box and the characters inside it."""

    x0: float
    top: float
    x1: float
    bottom: float
    chars: list[Char] = field(default_factory=list)
    # a place in a row that a cell of an earlier row spans (it holds no characters)
    covered: bool = False


@dataclass
class GridRow:
    """A row of a ruled table: the cells that start in it, left to right, and its top."""

    top: float
    cells: list[GridCell]


@dataclass
class Grid:
    """A ruled table: its box and rows."""

    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[GridRow]

    def holds(self, ch: Char) -> bool:
        """True when a character's centre is inside the table."""
        return self.x0 - 1 <= ch.cx <= self.x1 + 1 and self.top - 1 <= ch.cy <= self.bottom + 1


def _snap(values: list[float]) -> list[float]:
    """Cluster positions: each run of values within SNAP of its neighbour becomes their mean."""
    out: list[float] = []
    run: list[float] = []
    for v in sorted(values):
        if run and v - run[-1] > SNAP:
            out.append(sum(run) / len(run))
            run = []
        run.append(v)
    if run:
        out.append(sum(run) / len(run))
    return out


def _merge(edges: list[Edge]) -> list[Edge]:
    """Snap the positions of one orientation's rulings and join collinear touching pieces."""
    if not edges:
        return []
    positions = _snap([e.pos for e in edges])
    by_pos: dict[float, list[Edge]] = {}
    for e in edges:
        i = min(range(len(positions)), key=lambda k: abs(positions[k] - e.pos))
        by_pos.setdefault(positions[i], []).append(e)
    out: list[Edge] = []
    for pos, group in by_pos.items():
        group.sort(key=lambda e: e.start)
        cur = Edge(group[0].orient, pos, group[0].start, group[0].end)
        for e in group[1:]:
            if e.start <= cur.end + JOIN:
                cur.end = max(cur.end, e.end)
            else:
                out.append(cur)
                cur = Edge(e.orient, pos, e.start, e.end)
        out.append(cur)
    return out


def _components(h: list[Edge], v: list[Edge]) -> list[tuple[list[Edge], list[Edge]]]:
    """Groups of rulings connected by crossings (union-find over h–v touches)."""
    parent = list(range(len(h) + len(v)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(h):
        for j, b in enumerate(v):
            if a.start - TOUCH <= b.pos <= a.end + TOUCH and b.start - TOUCH <= a.pos <= b.end + TOUCH:
                ra, rb = find(i), find(len(h) + j)
                if ra != rb:
                    parent[ra] = rb
    groups: dict[int, tuple[list[Edge], list[Edge]]] = {}
    for i, a in enumerate(h):
        groups.setdefault(find(i), ([], []))[0].append(a)
    for j, b in enumerate(v):
        groups.setdefault(find(len(h) + j), ([], []))[1].append(b)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _covered(edges: list[Edge], a: float, b: float) -> float:
    """The share of [a, b] covered by the given collinear rulings."""
    if b <= a:
        return 1.0
    spans = sorted((max(a, e.start), min(b, e.end)) for e in edges if e.end > a and e.start < b)
    total, reach = 0.0, a
    for s, t in spans:
        if t > reach:
            total += t - max(s, reach)
            reach = t
    return total / (b - a)


def _build(h: list[Edge], v: list[Edge]) -> Grid | None:
    """The cells of one connected group of rulings."""
    ys = _snap([e.pos for e in h])
    # A table continued from the previous page (or onto the next) may lack its top (bottom)
    # ruling: its vertical rulings then reach beyond the outermost horizontal one.
    v_top, v_bottom = min(e.start for e in v), max(e.end for e in v)
    if ys and ys[0] - v_top >= MIN_BAND * 2:
        ys.insert(0, v_top)
    if ys and v_bottom - ys[-1] >= MIN_BAND * 2:
        ys.append(v_bottom)
    ys = [y for i, y in enumerate(ys) if i == 0 or y - ys[i - 1] >= MIN_BAND]
    if len(ys) < 2:
        return None
    top, bottom = ys[0], ys[-1]
    h_at: dict[int, list[Edge]] = {}
    for e in h:
        k = min(range(len(ys)), key=lambda i: abs(ys[i] - e.pos))
        if abs(ys[k] - e.pos) <= MIN_BAND:
            h_at.setdefault(k, []).append(e)
    rows: list[GridRow] = []
    open_cells: dict[tuple[int, int], GridCell] = {}
    for k in range(len(ys) - 1):
        a, b = ys[k], ys[k + 1]
        mid_lo, mid_hi = a + (b - a) * 0.25, b - (b - a) * 0.25
        cuts = _snap([e.pos for e in v if e.start <= mid_lo and e.end >= mid_hi])
        if len(cuts) < 2:
            open_cells = {}
            continue
        cells: list[GridCell] = []
        still_open: dict[tuple[int, int], GridCell] = {}
        for left, right in itertools.pairwise(cuts):
            if right - left < 1.0:
                continue
            key = (round(left), round(right))
            above = open_cells.get(key)
            if above is not None and _covered(h_at.get(k, []), left, right) < 0.5:
                above.bottom = b  # no ruling between: the cell above spans this band too
                still_open[key] = above
                # the row keeps the place, empty: its text is read once, in the first row
                cells.append(GridCell(left, a, right, b, covered=True))
                continue
            cell = GridCell(left, a, right, b)
            cells.append(cell)
            still_open[key] = cell
        open_cells = still_open
        if any(not c.covered for c in cells):
            rows.append(GridRow(a, cells))
    if not rows:
        return None
    x0 = min(c.x0 for r in rows for c in r.cells)
    x1 = max(c.x1 for r in rows for c in r.cells)
    return Grid(x0, top, x1, bottom, rows)


def find_grids(edges: list[Edge]) -> list[Grid]:
    """The ruled tables drawn by a page's rulings, top to bottom."""
    h = _merge([e for e in edges if e.orient == "h"])
    v = _merge([e for e in edges if e.orient == "v"])
    grids = []
    for hs, vs in _components(h, v):
        grid = _build(hs, vs)
        if grid is not None and grid.x1 - grid.x0 > 20 and grid.bottom - grid.top > 8:
            grids.append(grid)
    grids.sort(key=lambda g: (g.top, g.x0))
    return grids


def fill(grid: Grid, chars: list[Char]) -> list[Char]:
    """Put each character inside the grid into its cell; return the characters outside it."""
    cells = [c for r in grid.rows for c in r.cells]
    outside: list[Char] = []
    tops = sorted({c.top for c in cells})
    by_top: dict[float, list[GridCell]] = {}
    for c in cells:
        by_top.setdefault(c.top, []).append(c)
    for ch in chars:
        if not grid.holds(ch):
            outside.append(ch)
            continue
        cx, cy = ch.cx, ch.cy
        best: GridCell | None = None
        # cells starting at or above the character's centre, nearest first
        for i in range(bisect_right(tops, cy + 0.5) - 1, -1, -1):
            for c in by_top[tops[i]]:
                if c.covered:
                    continue
                if c.x0 - 0.5 <= cx <= c.x1 + 0.5 and c.top - 0.5 <= cy <= c.bottom + 0.5:
                    best = c
                    break
            if best is not None or tops[i] < cy - 400:
                break
        if best is None:
            outside.append(ch)
        else:
            best.chars.append(ch)
    _split_stacked_rows(grid)
    return outside


def text_lines(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into lines by baseline (top to bottom), each sorted left to right.

    A glyph set in another font sits on the same baseline as its neighbours although its box is
    taller or shorter ('2024' in a CJK title): lines are found by baseline, never by box top.
    """
    lines: list[list[Char]] = []
    bases: list[float] = []
    for ch in sorted(chars, key=lambda c: (c.base, c.x0)):
        tol = max(ch.size * 0.35, 1.5)
        if lines and abs(ch.base - bases[-1]) <= tol:
            lines[-1].append(ch)
            n = len(lines[-1])
            bases[-1] += (ch.base - bases[-1]) / n
        else:
            lines.append([ch])
            bases.append(ch.base)
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def _is_number_line(line: list[Char]) -> bool:
    return bool(_NUMBER.match("".join(c.text for c in line)))


def _split_stacked_rows(grid: Grid) -> None:
    """Split bands that hold several rows of numbers printed without a ruling between them."""
    out: list[GridRow] = []
    for row in grid.rows:
        number_bases: list[float] = []
        stacked = False
        for cell in row.cells:
            lines = text_lines(cell.chars)
            nums = [ln for ln in lines if _is_number_line(ln)]
            if len(nums) >= 2:
                stacked = True
            number_bases += [sum(c.base for c in ln) / len(ln) for ln in nums]
        if not stacked:
            out.append(row)
            continue
        levels: list[float] = []
        for b in sorted(number_bases):
            if not levels or b - levels[-1] > 2.0:
                levels.append(b)
        cuts = [(p + q) / 2 for p, q in itertools.pairwise(levels)]
        bounds = [row.top, *cuts]
        pieces = [GridRow(t, [GridCell(c.x0, t, c.x1, c.bottom, covered=c.covered)
                              for c in row.cells]) for t in bounds]
        for i, cell in enumerate(row.cells):
            for ch in cell.chars:
                k = bisect_right(cuts, ch.base - 0.01)
                pieces[k].cells[i].chars.append(ch)
        out.extend(pieces)
    grid.rows = out

"""``checker parse --summary``: a human table of what the parser recognised."""

from __future__ import annotations

from checker.model import KIND_NAMES, Document


def render_summary(doc: Document) -> str:
    """Tables (id, lines, page, rows, filled cells, how well each was read, title, notes,
    unassigned), why a table was not read in full, listed tables, sections."""
    m = doc.meta
    out = [
        f"{m.source.path}: {m.department or '?'} {m.year or '?'} "
        f"{KIND_NAMES.get(m.kind or '', '?')} "
        f"unit {m.unit} · {m.source.lines} lines · {m.source.encoding}",
        f"{'table':12} {'lines':>11} {'page':>4} {'rows':>5} {'cells':>6} {'blank':>6} "
        f"{'placed':>6} {'ambig':>6} {'read':14}  title",
    ]
    for t in doc.tables:
        cells = [c for r in t.rows for c in r.cells.values()]
        filled = sum(1 for c in cells if c.number is not None)
        placed = sum(1 for c in cells if c.number is not None and c.placed)
        ambiguous = sum(1 for c in cells if c.placed == "ambiguous")
        flags = " (empty)" if t.empty else ""
        if t.notes:
            flags += f" notes {len(t.notes)}"
        if t.unassigned:
            flags += f" UNASSIGNED {len(t.unassigned)}"
        page = m.source.page(t.line)
        out.append(
            f"{t.id:12} {t.line:>5}-{t.end_line:<5} {page or '':>4} {len(t.rows):>5} {filled:>6} "
            f"{len(cells) - filled - ambiguous:>6} {placed:>6} {ambiguous:>6} "
            f"{t.reading.replace('_', ' '):14}  {t.title}{flags}"
        )
    partly = [t for t in doc.tables if t.reading != "read"]
    if partly:
        out.append("not read in full (rules needing what is missing are not evaluated):")
        for t in partly:
            for note in t.reading_notes or ["?"]:
                out.append(f"  {t.id:12} {t.reading.replace('_', ' '):14} {note}")
    if doc.listed_tables:
        present = {t.id for t in doc.tables}
        out.append("listed in 目录/附表:")
        for lt in doc.listed_tables:
            state = "present" if lt.table_id in present else "NO BODY"
            extra = ""
            if lt.empty_declared is not None:
                extra = f" 是否空表={'是' if lt.empty_declared else '否'}"
            out.append(f"  line {lt.line:>5} {lt.table_id or '?':12} {state:8} {lt.title}{extra}")
    sections = [s for r in doc.sections for s in r.walk()]
    by_level = {lvl: sum(1 for s in sections if s.level == lvl) for lvl in (1, 2, 3, 4)}
    out.append(
        f"sections: {len(sections)} (parts {by_level[1]}, 一、 {by_level[2]}, （一） {by_level[3]}, "
        f"1. {by_level[4]})"
    )
    for s in doc.sections:
        out.append(f"  line {s.line:>5}-{s.end_line:<5} {s.title}")
    unassigned = [(t.id, n) for t in doc.tables for n in t.unassigned]
    if unassigned or doc.unrecognised:
        out.append("unrecognised:")
        for tid, n in unassigned:
            out.append(f"  line {n.line:>5} {tid}: {n.text}")
        for n in doc.unrecognised:
            out.append(f"  line {n.line:>5} {n.text}")
    return "\n".join(out)


def document_counts(doc: Document) -> dict[str, int]:
    """How much a document holds: tables, rows, filled cells, sections (benchmarks/bench.py)."""
    cells = sum(
        1 for t in doc.tables for r in t.rows for c in r.cells.values() if c.number is not None
    )
    return {
        "tables": len(doc.tables),
        "rows": sum(len(t.rows) for t in doc.tables),
        "cells": cells,
        "sections": sum(1 for s in doc.sections for _ in s.walk()),
    }

"""Document-level passes after every table body is read: subject codes, then value placement.

1. :func:`resolve_codes` — a code printed cut short ("2080" for 2080109, hazard H2) or repeated
   from the row above ("20801" printed again for its 项 社会保险经办机构) is resolved by label
   against the rows of the other tables that print it whole (公开05 usually does). The printed
   code stays in ``code_printed``; ``code_truncated`` says it was resolved or could not be.
2. :func:`place_values` — rows whose values wait in ``Row.unplaced`` (blank cells collapsed in
   space text) are placed with checker/parse/placement.py, parents before children, so that a
   child's candidates can be limited to the columns its parent fills and siblings can be placed
   jointly by their sums.
"""

from __future__ import annotations

from checker.labels import is_prefix_match, norm
from checker.model import Cell, Document, Number, Row, Table
from checker.parse.placement import (
    Placement,
    choose_jointly,
    common,
    narrow,
    prefer,
)
from checker.templates.loader import TemplateRegistry

VALID_LENGTHS = (3, 5, 7)


def _full_codes(doc: Document) -> dict[str, list[tuple[str, str]]]:
    """code prefix lookups: printed code -> [(full code, normalised label)]."""
    known: list[tuple[str, str]] = []
    for table in doc.tables:
        seen: set[str] = set()
        for r in table.rows:
            if r.code and len(r.code) in VALID_LENGTHS and r.code not in seen:
                known.append((r.code, norm(r.label)))
            if r.code:
                seen.add(r.code)
    index: dict[str, list[tuple[str, str]]] = {}
    for code, label in known:
        index.setdefault(code[:3], []).append((code, label))
    return index


def resolve_codes(doc: Document) -> None:
    """Resolve truncated and repeated subject codes by label (see module docstring)."""
    index = _full_codes(doc)
    for table in doc.tables:
        seen: set[str] = set()
        for r in table.rows:
            if not r.code:
                continue
            printed = r.code
            suspicious = len(printed) not in VALID_LENGTHS or printed in seen
            seen.add(printed)
            if not suspicious:
                continue
            label = norm(r.label)
            matches = {
                code
                for code, known in index.get(printed[:3], [])
                if code.startswith(printed) and len(code) > len(printed)
                and (known == label or is_prefix_match(label, known)
                     or is_prefix_match(known, label))
            }
            r.code_truncated = True
            if len(matches) == 1:
                r.code = matches.pop()


def _parent_index(rows: list[Row]) -> list[int | None]:
    """For each row, the index of its parent row (code prefix; 类 → the 合计 row)."""
    total = next((i for i, r in enumerate(rows) if r.key == "合计" and not r.code), None)
    out: list[int | None] = []
    for i, r in enumerate(rows):
        if r.code is None:
            out.append(None)
            continue
        parent = total
        for j in range(i - 1, -1, -1):
            c = rows[j].code
            if c and (
                (r.code.startswith(c) and len(c) < len(r.code))
                or (r.code_truncated and c == r.code_printed and j != i)
            ):
                parent = j
                break
        out.append(parent)
    return out


def _depth(rows: list[Row], parents: list[int | None], i: int) -> int:
    d = 0
    p = parents[i]
    while p is not None and d < 10:
        d += 1
        p = parents[p]
    return d


def _apply(r: Row, keys: list[str], values: list[Number], cands: list[Placement],
           how: str) -> None:
    agreed = common(cands)
    r.unplaced = []
    for i, value in enumerate(values):
        col = agreed.get(i)
        if col is None:
            r.unplaced.append(value)
            continue
        r.cells[keys[col]] = Cell(number=value, line=value.line, text=value.text, placed=how)
    for i, col in agreed.items():
        if col is None:
            for c in cands:
                if r.cells[keys[c[i]]].number is None:
                    r.cells[keys[c[i]]] = Cell(None, r.line, placed="ambiguous")


def _settings(table: Table, registry: TemplateRegistry):
    template = registry.get(table.id)
    keys = [c.key for c in table.columns]
    placement = template.placement if template else {}
    total = keys.index(placement["total"]) if placement.get("total") in keys else 0
    parts = [keys.index(p) for p in placement.get("parts", []) if p in keys]
    sums = [(total, parts)] if parts else []
    preferred = [keys.index(p) for p in placement.get("prefer", []) if p in keys]
    return keys, total, parts, sums, preferred


def _side_keys(table: Table, r: Row) -> list[str]:
    return list(r.cells.keys())


def place_values(doc: Document, registry: TemplateRegistry) -> None:
    """Place every row's waiting values (see module docstring)."""
    for table in doc.tables:
        if not any(r.unplaced for r in table.rows):
            continue
        template = registry.get(table.id)
        if template is None:
            continue
        if template.layout == "two_sided":
            _place_flat(table, registry)
        elif template.layout == "code_rows":
            _place_tree(table, registry)
        # Other layouts place their own values; what they leave unplaced is ambiguous.


def _place_flat(table: Table, registry: TemplateRegistry) -> None:
    template = registry.get(table.id)
    placement = template.placement if template else {}
    for r in table.rows:
        if not r.unplaced:
            continue
        keys = _side_keys(table, r)
        total = keys.index(placement["total"]) if placement.get("total") in keys else 0
        parts = [keys.index(p) for p in placement.get("parts", []) if p in keys]
        preferred = [keys.index(p) for p in placement.get("prefer", []) if p in keys]
        values = list(r.unplaced)
        cands, how = narrow(values, len(keys), first_fixed=total == 0, allowed=None,
                            sums=[(total, parts)] if parts else [])
        if len(cands) > 1:
            kept = prefer(cands, preferred)
            if len(kept) < len(cands):
                cands, how = kept, "template preference"
        _apply(r, keys, values, cands, how)


def _place_tree(table: Table, registry: TemplateRegistry) -> None:
    keys, total, parts, sums, preferred = _settings(table, registry)
    n = len(keys)
    rows = table.rows
    parents = _parent_index(rows)
    order = sorted(range(len(rows)), key=lambda i: _depth(rows, parents, i))
    done: set[int] = set()
    for i in order:
        if i in done:
            continue
        p = parents[i]
        siblings = [j for j in order if parents[j] == p and j not in done]
        _place_siblings(rows, siblings, p, keys, n, total, parts, sums, preferred)
        done.update(siblings)


def _placed_fully(r: Row) -> bool:
    return not r.unplaced and not any(c.placed == "ambiguous" for c in r.cells.values())


def _place_siblings(rows, siblings, p, keys, n, total, parts, sums, preferred) -> None:
    parent = rows[p] if p is not None else None
    allowed = None
    if parent is not None and _placed_fully(parent):
        allowed = {total} | {k for k, key in enumerate(keys) if parent.cells[key].number}
    pending: dict[int, tuple[list[Number], list[Placement], str]] = {}
    for j in siblings:
        r = rows[j]
        if not r.unplaced:
            continue
        values = list(r.unplaced)
        cands, how = narrow(values, n, first_fixed=total == 0, allowed=allowed, sums=sums)
        pending[j] = (values, cands, how)
    if not pending:
        return
    if parent is not None and _placed_fully(parent) and any(
        len(c) > 1 for _, c, _ in pending.values()
    ):
        joint_rows = []
        for j in siblings:
            if j in pending:
                joint_rows.append((pending[j][0], pending[j][1]))
            else:
                fixed = [(k, rows[j].cells[key].number) for k, key in enumerate(keys)
                         if rows[j].cells[key].number is not None]
                joint_rows.append(([v for _, v in fixed], [tuple(k for k, _ in fixed)]))
        check = [k for k in parts if parent.cells[keys[k]].number is not None] or parts
        chosen = choose_jointly(joint_rows, [parent.cells[k].number for k in keys], check)
        if chosen is not None:
            for j, c in zip(siblings, chosen, strict=True):
                if j in pending:
                    _apply(rows[j], keys, pending[j][0], [c], "sibling sums")
            return
    for j, (values, cands, how) in pending.items():
        if len(cands) > 1:
            kept = prefer(cands, preferred)
            if len(kept) < len(cands):
                cands, how = kept, "template preference"
        _apply(rows[j], keys, values, cands, how)

"""Is a document a template to fill rather than a report? (``Meta.template``)

A published form such as the 上海 决算 template prints the parts of a report with placeholders
where the figures belong — "上海市XX局2024年度收入支出总计XXX万元", "增加（减少）XX万元" — and
tables without a figure. Checking it as a report gives a U04 failure per placeholder, which tells
the user nothing they did not know. The parse stage recognises such a document once, from data:

* the placeholders are the ``placeholders`` of the fact patterns (``checker/facts/patterns.yaml``),
  read from the 说明 as facts named 占位符;
* the thresholds are its ``template`` entry: at least ``min_placeholders`` of them, more than
  the figures the 说明 prints with one of the ``units``, and no figure in any table the document
  prints (an empty table is one without a figure).

A real report with a leftover or two (SC24: one "XX" in three sentences) stays a report, and
U04 still reports each leftover; the rules and their results do not change for a template
either: ``checker check`` shows it as one line instead of its failures.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from checker.model import Document
from checker.parse.patterns import national_pattern_path
from checker.yaml_load import load_yaml

__all__ = ["template_reason"]

PLACEHOLDER = "占位符"  # the name of the facts the placeholder patterns give


@lru_cache(maxsize=1)
def _settings() -> dict[str, Any]:
    data = load_yaml(national_pattern_path().read_text(encoding="utf-8")) or {}
    return dict(data.get("template") or {})


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    data = load_yaml(national_pattern_path().read_text(encoding="utf-8")) or {}
    return tuple(re.compile(str(p)) for p in data.get("placeholders") or [])


def template_reason(doc: Document) -> str | None:
    """Why ``doc`` is a template to fill (one line, for ``Meta.template``), or None for a report
    (thresholds in the module docstring)."""
    cfg = _settings()
    if not cfg:
        return None
    placeholders = [f for f in doc.facts if f.name == PLACEHOLDER]
    if len(placeholders) < int(cfg.get("min_placeholders", 10)):
        return None
    units = {str(u) for u in cfg.get("units") or []}
    figures = [f for f in doc.facts if f.name != PLACEHOLDER and f.unit in units]
    if len(figures) >= len(placeholders):
        return None
    bodies = [t for t in doc.tables if not t.listed_only]
    if any(not t.empty for t in bodies):
        return None
    texts = Counter(f.attrs.get("文字") or f.number.text for f in placeholders)
    shown = "、".join(f"“{t}”" for t, _ in texts.most_common(4)) + ("…" if len(texts) > 4 else "")
    unit_words = " or ".join(sorted(units, key=len, reverse=True))
    parts = [f"{len(placeholders)} placeholders where its figures belong ({shown}) in its 说明, "
             f"{len(figures) or 'no'} amount{'s' if len(figures) != 1 else ''} in {unit_words}"]
    if bodies:
        parts.append(f"no figure in its {len(bodies)} table{'s' if len(bodies) != 1 else ''}")
    dept = doc.meta.department or ""
    if dept and any(p.search(dept) for p in _patterns()):
        parts.append(f"department “{dept}”")
    return "a template to fill, not a report: " + ", ".join(parts)


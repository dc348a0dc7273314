"""A plain-text listing of a document's narrative facts (``checker parse --facts``).

One line per fact: line, name, value with unit, section, label, and the sentence it was read
from (cut to 80 characters), in document order.
"""

from __future__ import annotations

from checker.model import Document, Fact

__all__ = ["render_facts"]


def _value(f: Fact) -> str:
    if f.name == "占位符":
        return f"“{f.number.text}”"
    unit = f.unit or "(no unit)"
    return f"{f.number.text}{'' if unit == '%' else ' '}{unit}"


def render_facts(doc: Document) -> str:
    """The facts of ``doc``, one per line, with a header naming the report and the count."""
    out = [f"{doc.meta.source.path}: {len(doc.facts)} facts"]
    for f in doc.facts:
        sentence = f.sentence if len(f.sentence) <= 80 else f.sentence[:79] + "…"
        where = " ".join(x for x in (f.section or "", f"[{f.label}]" if f.label else "") if x)
        out.append(f"{f.line:>6}  {f.name:<10} {_value(f):<16} {where}  {sentence}")
    return "\n".join(out)

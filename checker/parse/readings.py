"""What the parser reads from the narrative facts once they and the sections are known, for the
rules to read instead of parsing sentences again: each whole's 其中 list and the other names of
its number (:mod:`checker.parse.breakdowns`), each fact's reason word
(:mod:`checker.parse.reasons`), each change's breakdown and restatements
(:mod:`checker.parse.changes`), the text captures read as numbers
(:mod:`checker.parse.capture_numbers`), the score each grade is given for
(:mod:`checker.parse.grades`). The parse stage and the rule-case harness both call
:func:`read_fact_readings`, so a case gets what a parsed report gets."""

from __future__ import annotations

from checker.model import Document, SectionText
from checker.parse.breakdowns import read_breakdowns
from checker.parse.capture_numbers import read_capture_numbers
from checker.parse.changes import read_changes
from checker.parse.grades import read_grades
from checker.parse.patterns import PatternSet
from checker.parse.reasons import read_reasons

__all__ = ["read_fact_readings"]


def read_fact_readings(doc: Document, ps: PatternSet) -> None:
    """Put on ``doc``'s facts (in their final order: a reading that names a fact names its
    index) their breakdowns, reasons and change readings, with the words of ``ps``."""
    texts = SectionText(doc.sections)  # each section's text cleaned once, for both readers
    read_breakdowns(doc.facts, texts, ps)
    read_reasons(doc.facts, texts, ps)
    read_changes(doc.facts, ps)
    read_capture_numbers(doc.facts, ps)
    read_grades(doc.facts)

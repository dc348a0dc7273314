"""From a report file to a :class:`checker.model.Document`: the parse stage, end to end.

``parse_raw(raw, registry)``: meta (kind, year, department) → segmentation → each table block
read by its template's layout → truncated codes resolved → collapsed values placed → meta unit.
``parse_path(path, registry)`` reads the file with the reader its suffix names
(:class:`checker.read.registry.ReaderRegistry`: text, PDF, Excel workbook, or a JSON document
written by ``checker parse``, validated against the schema: :data:`JSON_READER`). Every failure a user
can cause raises :class:`checker.errors.InputError` naming the file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from checker.errors import InputError
from checker.labels import norm
from checker.model import Document, Meta, Note, Source, Table
from checker.parse import meta as meta_mod
from checker.parse.enumerators import enumerator_facts
from checker.parse.facts import extract_facts
from checker.parse.indicator import read_indicator_rows
from checker.parse.layouts import LAYOUTS, LayoutParser
from checker.parse.patterns import PatternSet, assign_section_keys, national_patterns
from checker.parse.readings import read_fact_readings
from checker.parse.regrid import Reading, apply_reading, regrid, regridable, without_rules
from checker.parse.resolve import place_values, resolve_codes
from checker.parse.segment import segment
from checker.parse.template_form import template_reason
from checker.read.readers import LINE_READERS
from checker.read.registry import Reader, ReaderRegistry
from checker.read.text import RawDocument
from checker.templates.loader import TemplateRegistry


def parse_raw(raw: RawDocument, registry: TemplateRegistry, region: str | None = None,
              region_detected_by: str | None = None,
              patterns: PatternSet | None = None,
              layouts: Mapping[str, LayoutParser] | None = None) -> Document:
    """Parse numbered lines into a Document.

    ``region`` and ``region_detected_by`` (how it was found) are recorded in the meta as given;
    detecting them is the plugins' job (``checker.plugins.pipeline.parse_with_plugins``). ``patterns``:
    the fact patterns in force (the plugins' with the national ones:
    ``checker.plugins.patterns.fact_patterns``); None for the national ones alone. ``layouts``: layout
    name → table-body parser, the core's and the plugins' (``checker.plugins.collect.plugin_layouts``);
    None for the core's alone (:data:`checker.parse.layouts.LAYOUTS`). A template whose layout
    is not among them leaves its table unread, with a note naming the template and its file.
    """
    patterns = patterns or national_patterns()
    layouts = LAYOUTS if layouts is None else layouts
    lines = raw.lines
    found = meta_mod.read_meta(lines, raw.path)
    kind = found.value("kind")
    meta = Meta(
        source=Source(path=raw.path, format=raw.format, sha256=raw.sha256, lines=len(lines),
                      encoding=raw.encoding, pages=raw.pages, locations=raw.locations,
                      parts=raw.parts),
        department=found.value("department"),
        department_from=found.source("department"),
        year=found.value("year"),
        year_from=found.source("year"),
        kind=kind,
        region=region,
        region_detected_by=region_detected_by,
    )
    layout = segment(lines, registry, kind)
    doc = Document(meta=meta, sections=layout.sections, listed_tables=layout.listed,
                   unrecognised=list(layout.unrecognised), lines=list(lines))
    for block in layout.tables:
        parser = layouts.get(block.template.layout)
        if parser is None:
            t = block.template
            doc.unrecognised.append(Note(
                text=f"{block.title}: no reader for layout {t.layout!r} (template {t.id}, "
                     f"{t.source or 'no file'}): no installed plugin provides it",
                line=block.title_line))
            continue
        reading: Reading | None = None
        view, style = lines, raw.style
        if raw.spans is not None and regridable(block.template):
            view, reading = regrid(block, lines, raw.spans, raw.pages)
            style = "tsv"
        elif raw.spans is not None and without_rules(block, lines, raw.spans):
            # a layout read by position, on a table printed without rules: its blank cells are
            # gaps, so positions say nothing (checker/parse/regrid.py reads such tables by
            # their header for the layouts it knows)
            page = raw.pages[block.title_line - 1] if raw.pages else None
            reading = Reading("not_understood", [
                f"printed without rules{f' (page {page})' if page else ''}: the columns of a "
                f"{block.template.layout} table are read by position only"])
        try:
            table = parser(block, view, style)
            if reading is not None:
                apply_reading(table, reading)
        except (ValueError, IndexError, KeyError, TypeError) as exc:
            # A body the layout cannot read is reported, not fatal: the table is kept, empty of
            # rows, so rules needing it say 'not evaluated' with this note as the reason.
            table = Table(id=block.template.id, title=block.title, line=block.title_line,
                          end_line=block.end, code=block.marker, unit=block.unit)
            table.unassigned.append(Note(text=f"body could not be read: {exc}",
                                         line=block.title_line))
            table.reading, table.reading_notes = "not_understood", [f"body could not be read: {exc}"]
        doc.tables.append(table)
    resolve_codes(doc)
    place_values(doc, registry)
    read_indicator_rows(doc.tables)
    for table in doc.tables:
        for r in table.rows:
            if r.code and r.side is None and r.key != "合计":
                r.key = norm(r.label)
    assign_section_keys(doc.sections, patterns)
    doc.facts = extract_facts(doc, lines, patterns) + enumerator_facts(doc, lines)
    read_fact_readings(doc, patterns)
    meta.holds = halves_held(doc)
    meta.template = template_reason(doc)
    units = {t.unit for t in doc.tables if t.unit}
    if len(units) == 1:
        meta.unit = units.pop()
    if not doc.tables and not doc.listed_tables and not doc.sections:
        raise InputError(raw.path, "no table, table list or numbered section found: "
                                   "is this a 预算/决算 disclosure report?")
    return doc


def halves_held(doc: Document) -> str:
    """"both" when the document holds tables (bodies, or a 目录 / 附表 list naming them) and a
    说明 (facts read in a known section); "tables" or "narrative" when it holds only one: one
    file of a report published as two."""
    tables = any(not t.listed_only for t in doc.tables) or bool(doc.listed_tables)
    narrative = any(f.section for f in doc.facts)
    if tables and not narrative:
        return "tables"
    if narrative and not tables:
        return "narrative"
    return "both"


def load_document_json(path: Path, patterns: PatternSet | None = None) -> Document:
    """Read a JSON document written by ``checker parse``, validated against the schema; its
    headings are keyed by ``patterns`` (None: the national ones) as a parsed report's are."""
    from checker.schema import validate_document

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not valid JSON: {exc.msg}", line=exc.lineno) from None
    validate_document(data, str(path))
    document = Document.from_json(data)
    assign_section_keys(document.sections, patterns or national_patterns())
    return document


JSON_READER = Reader("json", (".json",), "a document written by `checker parse`",
                     load=load_document_json)


def core_readers() -> ReaderRegistry:
    """The core's readers alone (no plugin's): text, PDF, workbook and the parsed JSON document.
    A run with plugins reads with ``checker.plugins.collect.plugin_readers``."""
    return ReaderRegistry([*LINE_READERS, JSON_READER])


def parse_path(path: Path, registry: TemplateRegistry, region: str | None = None,
               layouts: Mapping[str, LayoutParser] | None = None,
               readers: ReaderRegistry | None = None) -> Document:
    """Parse any report file ``readers`` (None: :func:`core_readers`) can read, or load a parsed
    JSON document; ``layouts`` as for :func:`parse_raw`."""
    readers = core_readers() if readers is None else readers
    if readers.is_parsed(path):
        return readers.load(path, None)
    return parse_raw(readers.read(path), registry, region, layouts=layouts)

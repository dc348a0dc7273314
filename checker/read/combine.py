"""A report published as several files (a 说明 file and a 表 file), read as one.

Some provinces publish a department's report as two files: the 情况说明 as one document and the
tables as another. Checked apart, each looks like a report with half of it missing. ``combine``
puts their lines one after the other (a blank line between files), so that the parser and the
rules see one report: a rule comparing a figure of the 说明 with a cell of a table works across
the files. Every line keeps where it came from: ``RawDocument.parts`` holds each file with the
span of lines it gave, its pages (PDF) or cell locations (workbook), and the document's
``Source.place(line)`` names the file ("b.pdf page 3", "a.txt line 12").
"""

from __future__ import annotations

import hashlib

from checker.model import SourceFile
from checker.read.text import RawDocument

__all__ = ["combine"]


def combine(raws: list[RawDocument]) -> RawDocument:
    """One RawDocument of several files' lines, in the order given."""
    if len(raws) == 1:
        return raws[0]
    lines: list[str] = []
    spans: list[list[tuple[float, float]] | None] = []
    parts: list[SourceFile] = []
    for raw in raws:
        if lines:
            lines.append("")
            spans.append(None)
        first = len(lines) + 1
        lines.extend(raw.lines)
        spans.extend(raw.spans if raw.spans is not None else [None] * len(raw.lines))
        parts.append(SourceFile(path=raw.path, format=raw.format, sha256=raw.sha256,
                                first_line=first, lines=len(raw.lines), encoding=raw.encoding,
                                pages=raw.pages, locations=raw.locations))
    formats = {r.format for r in raws}
    digest = hashlib.sha256("".join(r.sha256 for r in raws).encode()).hexdigest()
    return RawDocument(
        path=" + ".join(r.path for r in raws),
        format=formats.pop() if len(formats) == 1 else "+".join(r.format for r in raws),
        encoding=None,
        sha256=digest,
        lines=lines,
        style="tsv" if any(r.style == "tsv" for r in raws) else "space",
        spans=spans if any(r.spans is not None for r in raws) else None,
        dropped=sum(r.dropped for r in raws),
        parts=parts,
    )

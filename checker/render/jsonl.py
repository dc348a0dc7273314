"""JSON Lines output: one file result of ``schemas/findings.schema.json`` per line.

``checker check --format jsonl`` writes each line as soon as its report is done, so that the
output of ten thousand reports never has to be held in memory (``checker/cli.py``); the same
line per file is what :class:`JsonlRenderer` renders for a list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from checker.check import CheckedFile
from checker.render.base import RenderContext, Renderer, rendered
from checker.render.json import file_json

__all__ = ["JsonlRenderer", "jsonl_line"]


def jsonl_line(f: CheckedFile) -> str:
    """One file's results as one line of JSON (``--format jsonl``)."""
    return json.dumps(file_json(f), ensure_ascii=False)


class JsonlRenderer(Renderer):
    """One line of JSON per file (an item of ``schemas/findings.schema.json``), each written as
    its file is done when the command streams (``checker check --format jsonl``)."""

    name = "jsonl"

    def render(self, files: list[CheckedFile], ctx: RenderContext) -> str:
        """The findings, one JSON line per file."""
        return rendered(self, files, ctx)

    def write(self, files: Iterable[CheckedFile], ctx: RenderContext, out: TextIO) -> None:
        """Each file's line, written (and flushed) as the file arrives."""
        for f in files:
            out.write(jsonl_line(f) + "\n")
            out.flush()

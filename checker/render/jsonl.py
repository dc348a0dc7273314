"""JSON Lines output: one file result of ``schemas/findings.schema.json`` per line.

``checker check --format jsonl`` writes each line as soon as its report is done, so that the
output of ten thousand reports never has to be held in memory (``checker/cli.py``); the same
line per file is what :class:`JsonlRenderer` renders for a list.
"""

from __future__ import annotations

import json

from checker.check import CheckedFile
from checker.render.base import RenderContext, Renderer
from checker.render.json import to_json

__all__ = ["JsonlRenderer", "jsonl_line"]


def jsonl_line(f: CheckedFile) -> str:
    """One file's results as one line of JSON (``--format jsonl``)."""
    return json.dumps(to_json([f])[0], ensure_ascii=False)


class JsonlRenderer(Renderer):
    """One line of JSON per file (an item of ``schemas/findings.schema.json``), each written as
    its file is done when the command streams (``checker check --format jsonl``)."""

    name = "jsonl"

    def render(self, files: list[CheckedFile], ctx: RenderContext) -> str:
        """The findings, one JSON line per file."""
        return "\n".join(jsonl_line(f) for f in files)

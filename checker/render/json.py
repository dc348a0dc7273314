"""JSON output: the list of file results of ``schemas/findings.schema.json`` (``jsonl``, one per
line, is ``checker/render/jsonl.py``).

Each file's ``results`` hold its failed and not-evaluated results, and its passed and
not-applicable ones with ``--show-passed``; its ``summary`` counts all of them. With
``--with-document`` each file carries its parsed document (``parsed_document``,
``schemas/document.schema.json``).

A failure a baseline accepts keeps ``status: failed`` and gets ``baselined: true`` and the
baseline's ``baseline_reason``; each file's summary counts them in ``baselined``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from checker.check import CheckedFile
from checker.render.base import RenderContext, Renderer, rendered

__all__ = ["JsonRenderer", "file_json", "to_json"]


def file_json(f: CheckedFile) -> dict[str, Any]:
    """One file's item of the findings document, its baselined failures marked."""
    data = f.result.to_json()
    for r, rd in zip(f.result.results, data["results"], strict=True):
        if f.is_baselined(r):
            rd["baselined"] = True
            rd["baseline_reason"] = f.baselined[r.fingerprint]
    if f.baselined:
        data["summary"]["baselined"] = f.counts().baselined
    return data


def to_json(files: list[CheckedFile]) -> list[dict[str, Any]]:
    """The findings document (a list, one item per file)."""
    return [file_json(f) for f in files]


class JsonRenderer(Renderer):
    """Machine output validated by ``schemas/findings.schema.json``."""

    name = "json"

    def render(self, files: list[CheckedFile], ctx: RenderContext) -> str:
        """The findings as indented JSON (non-ASCII kept)."""
        return rendered(self, files, ctx)

    def write(self, files: Iterable[CheckedFile], ctx: RenderContext, out: TextIO) -> None:
        """The list written an item at a time, as each file arrives."""
        out.write("[")
        for i, f in enumerate(files):
            item = json.dumps(file_json(f), ensure_ascii=False, indent=1)
            out.write(("," if i else "") + "\n " + item.replace("\n", "\n "))
            out.flush()
        out.write("\n]\n")

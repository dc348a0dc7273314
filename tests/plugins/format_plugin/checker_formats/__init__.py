"""A test plugin adding a file type and an output format: ``.md`` reports read as text, and the
``tally`` format (one line per report: its path and its counts)."""

from __future__ import annotations

from checker.check import CheckedFile
from checker.hookspecs import hookimpl
from checker.read.registry import Reader
from checker.read.text import read_text
from checker.render.base import RenderContext, Renderer


class TallyRenderer(Renderer):
    """One line per report: ``tally <path> failed=N passed=N``."""

    name = "tally"

    def render(self, files: list[CheckedFile], ctx: RenderContext) -> str:
        """The lines of every report."""
        return "\n".join(f"tally {f.path} failed={f.counts().failed} passed={f.counts().passed}"
                         for f in files)


@hookimpl
def checker_readers() -> list[Reader]:
    """Markdown files: a report's text."""
    return [Reader("markdown", (".md",), "Markdown text", read=read_text)]


@hookimpl
def checker_renderers() -> list[type[Renderer]]:
    """The tally format."""
    return [TallyRenderer]

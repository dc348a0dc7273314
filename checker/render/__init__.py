"""Output formats of ``checker check``: one module per format behind :class:`base.Renderer`.

Adding a format to the core is adding a module with a ``Renderer`` subclass and naming it in
:data:`FORMATS` (``"module:Class"``: the module is imported only when its format is asked for,
so that a run writing text never imports Jinja2 or the XML writer); a plugin adds one with the
``checker_renderers`` hook, and :func:`checker.render.registry.renderer_registry` gives both
(what ``checker check --format`` offers). Renderers only format: every fact they print is in
the results.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from checker.render.base import RenderContext, Renderer, RuleInfo

__all__ = ["FORMATS", "Formats", "RenderContext", "Renderer", "RuleInfo"]


class Formats(Mapping[str, type[Renderer]]):
    """Format name → renderer class. An entry is a class or ``"module:Class"``, imported the
    first time its format is looked up (names and ``in`` import nothing)."""

    def __init__(self, entries: Mapping[str, str | type[Renderer]]) -> None:
        self._entries: dict[str, str | type[Renderer]] = dict(entries)

    def __getitem__(self, name: str) -> type[Renderer]:
        entry = self._entries[name]
        if isinstance(entry, str):
            module, _, attr = entry.partition(":")
            entry = self._entries[name] = getattr(importlib.import_module(module), attr)
        return entry

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def added(self, name: str, renderer: type[Renderer]) -> Formats:
        """These formats and one more (a plugin's), none of them imported."""
        return Formats({**self._entries, name: renderer})


FORMATS = Formats({
    "text": "checker.render.text:TextRenderer",
    "json": "checker.render.json:JsonRenderer",
    "jsonl": "checker.render.jsonl:JsonlRenderer",
    "sarif": "checker.render.sarif:SarifRenderer",
    "junit": "checker.render.junit:JunitRenderer",
    "html": "checker.render.html:HtmlRenderer",
})

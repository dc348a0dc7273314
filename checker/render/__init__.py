"""Output formats of ``checker check``: one module per format behind :class:`base.Renderer`.

Adding a format to the core is adding a module with a ``Renderer`` subclass and listing it in
:data:`FORMATS`; a plugin adds one with the ``checker_renderers`` hook, and
:func:`checker.render.registry.renderer_registry` gives both (what ``checker check --format``
offers). Renderers only format: every fact they print is in the results.
"""

from __future__ import annotations

from checker.render.base import RenderContext, Renderer, RuleInfo
from checker.render.html import HtmlRenderer
from checker.render.json import JsonRenderer
from checker.render.jsonl import JsonlRenderer
from checker.render.junit import JunitRenderer
from checker.render.sarif import SarifRenderer
from checker.render.text import TextRenderer

__all__ = ["FORMATS", "RenderContext", "Renderer", "RuleInfo"]

FORMATS: dict[str, type[Renderer]] = {
    "text": TextRenderer,
    "json": JsonRenderer,
    "jsonl": JsonlRenderer,
    "sarif": SarifRenderer,
    "junit": JunitRenderer,
    "html": HtmlRenderer,
}


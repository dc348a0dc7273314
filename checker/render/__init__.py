"""Output formats of ``checker check``: one module per format behind :class:`base.Renderer`.

Adding a format is adding a module with a ``Renderer`` subclass and listing it in
:data:`FORMATS`. Renderers only format: every fact they print is in the results.
"""

from __future__ import annotations

from checker.render.base import RenderContext, Renderer, RuleInfo
from checker.render.html import HtmlRenderer
from checker.render.json import JsonRenderer
from checker.render.jsonl import JsonlRenderer
from checker.render.junit import JunitRenderer
from checker.render.sarif import SarifRenderer
from checker.render.text import TextRenderer

__all__ = ["FORMATS", "RenderContext", "Renderer", "RuleInfo", "get_renderer"]

FORMATS: dict[str, type[Renderer]] = {
    "text": TextRenderer,
    "json": JsonRenderer,
    "jsonl": JsonlRenderer,
    "sarif": SarifRenderer,
    "junit": JunitRenderer,
    "html": HtmlRenderer,
}


def get_renderer(name: str) -> Renderer:
    """The renderer of a format name (``text``, ``json``, ``jsonl``, ``sarif``, ``junit``, ``html``)."""
    return FORMATS[name]()

"""Output format name → renderer: the core's (:data:`checker.render.FORMATS`) and the plugins'
(``checker_renderers``), asked of the plugin host here, in the render layer, so that no lower
layer imports a renderer."""

from __future__ import annotations

from checker.plugins.collect import warn_taken
from checker.plugins.host import PluginHost
from checker.render import FORMATS, Formats
from checker.render.base import Renderer

__all__ = ["renderer_registry"]


def renderer_registry(host: PluginHost) -> Formats:
    """Every output format, the core's first, then the plugins' by name (a core format's module
    is imported when the format is looked up: :class:`~checker.render.Formats`).

    A format name taken twice keeps the first, with a :class:`~checker.plugins.host.PluginWarning`
    naming both plugins; a plugin whose answer is not a list of :class:`Renderer` subclasses,
    each with a ``name``, is skipped (:meth:`PluginHost.fail`).
    """
    out = FORMATS
    owner = dict.fromkeys(FORMATS, "core")
    for name, renderers in host.call("checker_renderers"):
        try:
            items = list(renderers)
            bad = [r for r in items if not (isinstance(r, type) and issubclass(r, Renderer)
                                            and r.name)]
            if bad:
                raise TypeError(f"{bad[0]!r} is not a Renderer subclass with a name")
        except TypeError as exc:
            host.fail(name, f"checker_renderers returned an unusable value: {exc}")
            continue
        for renderer in items:
            if renderer.name in out:
                warn_taken(name, f"format {renderer.name!r}", owner[renderer.name])
                continue
            out, owner[renderer.name] = out.added(renderer.name, renderer), name
    return out

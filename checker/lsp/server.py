"""``checker lsp``: the language server of ``.rules`` files over stdio (pygls, the ``lsp`` extra).

The answers are :mod:`checker.lsp.analysis`'s; this module registers them as the protocol's
features: diagnostics published on open, change and save, completion (triggered by ``.``,
``[`` and ``"`` too), hover, go to definition, and document formatting. It runs with pygls 1.x
(``pygls.server.LanguageServer``) and 2.x (``pygls.lsp.server.LanguageServer``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types

from checker import __version__
from checker.lsp import analysis

try:  # pygls 2
    from pygls.lsp.server import LanguageServer
except ImportError:  # pygls 1.x
    from pygls.server import LanguageServer  # type: ignore[no-redef]

__all__ = ["build_server", "main"]


def _path(uri: str) -> str | None:
    """The file path of a ``file:`` URI (None for an unsaved buffer)."""
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else None


def _encoding(ls: Any) -> str:
    """The position encoding agreed with the client (UTF-16 unless another was chosen)."""
    enc = getattr(ls.workspace, "position_encoding", None)
    value = getattr(enc, "value", enc)
    return str(value) if value in ("utf-8", "utf-16", "utf-32") else "utf-16"


def _text(ls: Any, uri: str) -> str:
    workspace = ls.workspace
    get = getattr(workspace, "get_text_document", None) or workspace.get_document
    return get(uri).source


def _publish(ls: Any, uri: str, diagnostics: list[types.Diagnostic]) -> None:
    if hasattr(ls, "text_document_publish_diagnostics"):  # pygls 2
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))
    else:  # pygls 1.x
        ls.publish_diagnostics(uri, diagnostics)


def build_server(context: analysis.Context | None = None, no_plugins: bool = False) -> Any:
    """A language server answering from ``context`` (built on first use when None)."""
    server = LanguageServer("budget-checker", __version__)
    state: dict[str, analysis.Context] = {}
    if context is not None:
        state["ctx"] = context

    def ctx() -> analysis.Context:
        if "ctx" not in state:
            state["ctx"] = analysis.load_context(no_plugins=no_plugins)
        return state["ctx"]

    def check(ls: Any, uri: str) -> None:
        text = _text(ls, uri)
        _publish(ls, uri, analysis.diagnostics(ctx(), text, _path(uri), _encoding(ls)))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: Any, params: types.DidOpenTextDocumentParams) -> None:
        check(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: Any, params: types.DidChangeTextDocumentParams) -> None:
        check(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: Any, params: types.DidSaveTextDocumentParams) -> None:
        check(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: Any, params: types.DidCloseTextDocumentParams) -> None:
        _publish(ls, params.text_document.uri, [])

    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=[".", "[", '"']))
    def completion(ls: Any, params: types.CompletionParams) -> types.CompletionList:
        uri = params.text_document.uri
        items = analysis.completions(ctx(), _text(ls, uri), params.position.line,
                                     params.position.character, _encoding(ls))
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: Any, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        return analysis.hover(ctx(), _text(ls, uri), params.position.line,
                              params.position.character, _path(uri), _encoding(ls))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: Any, params: types.DefinitionParams) -> list[types.Location]:
        uri = params.text_document.uri
        return analysis.definition(ctx(), _text(ls, uri), params.position.line,
                                   params.position.character, _encoding(ls))

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: Any, params: types.DocumentFormattingParams) -> list[types.TextEdit]:
        uri = params.text_document.uri
        return analysis.formatting(_text(ls, uri), _path(uri) or "<rules>", _encoding(ls))

    return server


def main(no_plugins: bool = False) -> int:
    """Serve over stdin/stdout until the client says exit."""
    build_server(no_plugins=no_plugins).start_io()
    return 0

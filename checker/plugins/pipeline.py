"""A report through the plugins: read → detect region → parse with the region's templates →
the plugins' post-parse steps."""

from __future__ import annotations

from pathlib import Path

from checker.model import Document
from checker.parse.document import parse_raw
from checker.plugins.collect import plugin_layouts, plugin_readers
from checker.plugins.detect import detect_report_region, document_lines
from checker.plugins.host import PluginHost
from checker.plugins.patterns import fact_patterns
from checker.read.text import RawDocument
from checker.templates.loader import TemplateRegistry

__all__ = ["parse_raw_with_plugins", "parse_with_plugins", "run_post_parse"]


def run_post_parse(host: PluginHost, document: Document, registry: TemplateRegistry) -> None:
    """Run every plugin's ``checker_post_parse`` step on a parsed document (in place)."""
    host.call("checker_post_parse", document=document, registry=registry)


def parse_with_plugins(path: Path, host: PluginHost, registry: TemplateRegistry,
                       region: str | None = None) -> Document:
    """Read a report, detect its region (unless ``region`` is given), parse it, run post-steps.

    The templates are those in force for the region (:meth:`TemplateRegistry.for_region`);
    ``meta.region`` and ``meta.region_detected_by`` say what was found and how. A ``.json``
    document written by ``checker parse`` is loaded as it is; ``region`` overrides its region,
    and a document without one (parsed with ``--no-plugins``) is detected from its text.
    """
    path = Path(path)
    readers = plugin_readers(host)
    if readers.is_parsed(path):
        document = readers.load(path, fact_patterns(host))
        if region:
            document.meta.region = region.upper()
            document.meta.region_detected_by = "given by the user"
        elif document.meta.region is None:
            # a document parsed without plugins: detect from the text it keeps
            (document.meta.region, document.meta.region_detected_by,
             document.meta.region_missing) = detect_report_region(host, document_lines(document))
        return document
    return parse_raw_with_plugins(readers.read(path), host, registry, region)


def parse_raw_with_plugins(raw: RawDocument, host: PluginHost, registry: TemplateRegistry,
                           region: str | None = None) -> Document:
    """Detect the region of lines already read (unless ``region`` is given), parse them with
    that region's templates and run the plugins' post-parse steps."""
    missing = None
    if region:
        code: str | None = region.upper()
        how = "given by the user"
    else:
        code, how, missing = detect_report_region(host, raw.lines)
    document = parse_raw(raw, registry.for_region(code), code, how, fact_patterns(host),
                         plugin_layouts(host))
    document.meta.region_missing = missing
    run_post_parse(host, document, registry)
    return document

"""HTML output: one self-contained page a reviewer can work from (``--format html``).

``checker check --format html -o report.html FILE…`` writes one page holding every report (a
table of contents first when there are several); ``-o FOLDER/`` (an existing folder, or a name
ending in ``/``) writes one page per report and ``index.html``, the overview of all of them
(:mod:`checker.render.batch`), with ``summary.csv`` beside it. Pages are written a report at a
time: memory does not grow with the number of reports.

A page needs nothing but itself: the style is inlined, there is no script and no link out of it
except to the report's own PDF (``file.pdf#page=N``, relative to the page). What is on it is
decided by :mod:`checker.render.html_view`; the layout is the Jinja2 templates in
``checker/render/templates/``, autoescaped — every string a report or a rule brings is text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from checker.check import CheckedFile
from checker.render.base import RenderContext, Renderer, rendered
from checker.render.html_view import (
    LABEL,
    FindingView,
    ReportView,
    TableView,
    cell_text,
    depth,
    relative_link,
    report_view,
)

if TYPE_CHECKING:
    import jinja2

__all__ = ["HtmlRenderer", "environment", "page_name", "write_report_page"]

TEMPLATES = "templates"


@cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the HTML templates: autoescaped, undefined names an error."""
    import jinja2  # here, not at the top: the other formats do not pay for it at start-up
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("checker.render", TEMPLATES),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    # the project's own style sheet: trusted, not escaped (escaping would break its quotes)
    env.globals["css"] = Markup(files("checker.render").joinpath(TEMPLATES, "style.css")
                                .read_text("utf-8"))
    env.globals["marked"] = lambda findings, text: Markup(marked(findings, text))
    env.globals["table_rows"] = lambda table: Markup(table_rows(table))
    return env


# The rows of a table and a marked value are built here, not in a template: a report's tables
# hold thousands of cells, and a template loop costs five times as much per cell. Every string
# from the report goes through ``escape`` (quotes included), as the templates' autoescape does.

_SPECIAL = re.compile(r"[&<>\"']")


def _text(value: str) -> str:
    """``value`` escaped for HTML (most cells print a figure, which needs nothing)."""
    return escape(value) if _SPECIAL.search(value) else value


def marked(findings: list[FindingView], text: str) -> str:
    """A marked value: a link to its first finding with every finding's message and arithmetic
    as its tooltip, then (several findings) a link to each by its number."""
    tip = "&#10;&#10;".join(escape(f.tip) for f in findings)
    out = f'<a href="#{findings[0].anchor}" title="{tip}">{escape(text) if text else "∅"}</a>'
    if len(findings) > 1:
        out += "".join(f'<sup><a href="#{f.anchor}" title="{escape(f.tip)}">{f.n}</a></sup>'
                       for f in findings)
    return out


def _marked_cell(findings: list[FindingView], anchor: str, text: str, css: str) -> str:
    ids = " ".join(f.anchor for f in findings)
    return (f'<td class="{css}hl" style="background: {findings[0].colour}" id="{anchor}" '
            f'data-findings="{ids}">{marked(findings, text)}</td>')


def table_rows(t: TableView) -> str:
    """The ``<tr>`` rows of a drawn table: label, code, then a cell per column; a marked cell
    carries its id, its findings (``data-findings``) and the first one's colour."""
    out: list[str] = []
    keys = [c.key for c in t.table.columns]
    for ri, row in enumerate(t.table.rows):
        indent = f"d{depth(row.code)}"
        named = t.cells.get((ri, LABEL))
        if named:
            parts = [_marked_cell(named, f"{t.cell_prefix}{ri}-L", row.label, indent + " ")]
        else:
            parts = [f'<td class="{indent}">{_text(row.label)}</td>']
        parts.append(f'<td class="code">{_text(row.code_printed or row.code or "")}</td>')
        for ci, key in enumerate(keys):
            cell = row.cells.get(key)
            css = "num " if cell is not None and cell.number is not None else ""
            if cell is not None and cell.placed == "ambiguous":
                css += "ambiguous "
            found = t.cells.get((ri, ci))
            if found:
                parts.append(_marked_cell(found, f"{t.cell_prefix}{ri}-{ci}", cell_text(row, key), css))
            elif css:
                parts.append(f'<td class="{css.strip()}">{_text(cell_text(row, key))}</td>')
            else:
                parts.append(f"<td>{_text(cell_text(row, key))}</td>")
        out.append("<tr>" + "".join(parts) + "</tr>")
    return "\n".join(out)


def _head(title: str, ctx: RenderContext) -> str:
    return environment().get_template("head.html.j2").render(title=title, version=ctx.version)


def _foot(ctx: RenderContext) -> str:
    return environment().get_template("foot.html.j2").render(version=ctx.version)


def report_html(view: ReportView) -> str:
    """The ``<section>`` of one report."""
    return environment().get_template("report.html.j2").render(r=view)


def page_name(path: str, taken: set[str]) -> str:
    """The file name of a report's page in an output folder: its file name with ``.html``,
    made unique among ``taken`` (which it joins)."""
    stem = re.sub(r"[^\w.\-]+", "_", Path(path.split(" + ")[0]).name) or "report"
    name, k = f"{stem}.html", 2
    while name in taken or name == "index.html":
        name, k = f"{stem}-{k}.html", k + 1
    taken.add(name)
    return name


# A drawn page is kept in the cache (``pages/``) under a key of everything it shows but the
# report's path: a re-run over an unchanged folder, or a folder of copies, writes the pages
# without loading a document or drawing a table. The path and the link to the PDF are
# placeholders in the kept page, filled in when it is written.
_PATH = "\ue000path\ue000"
_PDF = "\ue000pdf\ue000"
_PAGE_FORMAT = "page-1"


@cache
def _code_key() -> str:
    """A hash of the code and templates that draw a page (a change draws the pages again)."""
    from checker.cache import hash_files

    here = Path(__file__).parent
    files = [*(here / TEMPLATES).iterdir(), here / "html.py", here / "html_view.py",
             here / "text.py", here / "base.py", here.parent / "excerpt.py", here.parent / "findings.py"]
    return hash_files(files, _PAGE_FORMAT)


def page_key(f: CheckedFile, ctx: RenderContext) -> str | None:
    """The key a report's drawn page is kept under, or None when it is not kept (no cache, a
    report that could not be read, a report of several files)."""
    fr = f.result
    cache_ = ctx.page_cache
    if cache_ is None or fr.cache_key is None or fr.error is not None or " + " in fr.path:
        return None
    parts = [_code_key(), ctx.version, fr.cache_key[0], cache_.parser_key, cache_.rules_key,
             cache_.variant, str(fr.department), str(fr.year), str(fr.kind), str(fr.region),
             str(fr.template), repr(sorted(f.baselined.items())), repr(fr.omitted),
             *(f"{r.rule}:{r.status.value}:{fr.fingerprint(r)}" for r in fr.results)]
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


def _page(f: CheckedFile, ctx: RenderContext) -> str:
    view = report_view(f, ctx)
    return (_head(f"{view.department} {view.year} {view.kind} — budget-checker", ctx)
            + report_html(view) + _foot(ctx))


def write_report_page(f: CheckedFile, ctx: RenderContext, out: TextIO) -> None:
    """Write the whole page of one report (from the page cache when it holds it)."""
    key = page_key(f, ctx)
    if key is None:
        out.write(_page(f, ctx))
        return
    assert ctx.page_cache is not None
    page = ctx.page_cache.get_page(key)
    fr = f.result
    stand_in = _PATH + Path(fr.path).suffix
    if page is None:
        masked = replace(fr, path=stand_in, warnings=tuple(w.replace(fr.path, stand_in)
                                                            for w in fr.warnings))
        if masked.document is None and ctx.document_for is not None:
            masked = replace(masked, document=ctx.document_for(fr))
        page = _page(CheckedFile(masked, f.baselined), replace(ctx, pdf_link=_PDF))
        ctx.page_cache.put_page(key, page)
    link = relative_link(fr.path, ctx.output_dir)
    out.write(page.replace(stand_in, escape(fr.path)).replace(_PDF, escape(link)))


class HtmlRenderer(Renderer):
    """One self-contained HTML page for the reports given."""

    name = "html"
    draws_documents = True

    def render(self, files: list[CheckedFile], ctx: RenderContext) -> str:
        """The page as a string."""
        return rendered(self, files, ctx)

    def write(self, files: Iterable[CheckedFile], ctx: RenderContext, out: TextIO) -> None:
        """One page, written as the reports arrive: the head, each report's section, then (for
        several reports) the list of them, the foot."""
        toc: list[tuple[str, str, int]] = []
        for i, f in enumerate(files):
            view = report_view(f, ctx, i)
            if i == 0:
                out.write(_head("budget-checker findings", ctx))
            out.write(report_html(view))
            out.flush()
            toc.append((view.anchor, f"{view.path} — {view.department} {view.year} {view.kind}",
                        view.counts["failed"]))
        if not toc:
            out.write(_head("budget-checker findings", ctx))
        out.write(environment().get_template("contents.html.j2").render(toc=toc))
        out.write(_foot(ctx) + "\n")

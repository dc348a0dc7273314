"""Read back a page of the HTML output with the standard library's parser: the anchors, the
marked cells and sentences, the links — what the tests assert on."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Marked:
    """A marked cell (``td``) or sentence figure (``mark``): where it is, its findings, its text."""

    tag: str
    table: str | None
    anchor: str | None
    findings: list[str]
    text: str = ""


@dataclass
class Page(HTMLParser):
    """What a page holds (feed it the HTML)."""

    ids: Counter[str] = field(default_factory=Counter)
    findings: dict[str, str] = field(default_factory=dict)  # finding anchor → rule
    fingerprints: dict[str, str] = field(default_factory=dict)  # finding anchor → fingerprint
    marked: list[Marked] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)
    scripts: int = 0
    text: list[str] = field(default_factory=list)
    _table: str | None = None
    _open: Marked | None = None
    _sup: bool = False  # inside the numbers of a cell's several findings (not its text)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids[a["id"]] += 1
        if tag == "sup":
            self._sup = True
        if tag == "script":
            self.scripts += 1
        if tag == "table" and "data-table" in a:
            self._table = a["data-table"]
        if tag == "li" and "finding" in a.get("class", "").split():
            self.findings[a["id"]] = a.get("data-rule", "")
            self.fingerprints[a["id"]] = a.get("data-fingerprint", "")
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag in ("td", "mark") and "data-findings" in a:
            self._open = Marked(tag, self._table if tag == "td" else None, a.get("id"),
                                a["data-findings"].split())

    def handle_endtag(self, tag: str) -> None:
        if tag == "sup":
            self._sup = False
        if tag == "table":
            self._table = None
        if self._open is not None and tag == self._open.tag:
            self.marked.append(self._open)
            self._open = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._open is not None and not self._sup:
            self._open.text += data


def read_page(html: str) -> Page:
    """The page parsed."""
    page = Page()
    page.feed(html)
    page.close()
    return page

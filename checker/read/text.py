"""Read a text report (extracted from PDF, or tab-separated) into numbered lines.

Encodings tried in order: UTF-8 with BOM, UTF-8, GB18030 (which covers GBK/GB2312). CRLF and
CR line ends are folded. The style is ``tsv`` when a good share of non-blank lines hold tab
characters (QH24, GS21B), ``space`` otherwise (text as pdftotext lays it out: GS24, SX23, SC24).

Errors name the file: an empty file, a binary file (NUL bytes or undecodable), text with no
Chinese characters at all (an image-only PDF's extracted text is typically empty or garbage).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from checker.errors import InputError


@dataclass
class RawDocument:
    """A report as numbered lines. ``lines[0]`` is line 1."""

    path: str
    format: str
    encoding: str | None
    sha256: str
    lines: list[str]
    style: str  # "tsv" | "space"
    # For PDF sources: the page of each line (same length as lines); None for text.
    pages: list[int] | None = None
    # For workbooks: where each line came from ("公开01表!A5:H5", a sheet name for a line the
    # reader added, "" for a separator); same length as lines. None for other sources.
    locations: list[str] | None = None

    def line(self, number: int) -> str:
        """Return the text of a 1-based line number."""
        return self.lines[number - 1]


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode report bytes; return (text, encoding name) or raise InputError naming the file."""
    if not data.strip():
        raise InputError(path, "the file is empty")
    if b"\x00" in data[:65536]:
        raise InputError(path, "this is a binary file, not a text report")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise InputError(
            path,
            f"cannot decode the text as UTF-8 or GB18030 (first bad byte at offset "
            f"{utf8_error.start})",
        ) from None


def detect_style(lines: list[str]) -> str:
    """Return "tsv" when at least a fifth of the non-blank lines contain a tab."""
    nonblank = [ln for ln in lines if ln.strip()]
    if not nonblank:
        return "space"
    tabbed = sum(1 for ln in nonblank if "\t" in ln)
    return "tsv" if tabbed * 5 >= len(nonblank) else "space"


def has_cjk(text: str) -> bool:
    """True when the text contains at least one CJK ideograph."""
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def read_text(path: Path) -> RawDocument:
    """Read a text report file into a RawDocument, or raise InputError naming the file."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, not a report file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    return raw_from_bytes(data, str(path), "text")


def raw_from_bytes(data: bytes, path: str, fmt: str) -> RawDocument:
    """Build a RawDocument from the bytes of a text report."""
    text, encoding = decode(data, path)
    if not has_cjk(text):
        raise InputError(
            path,
            "no Chinese text found: not a disclosure report (an image-only PDF has no text "
            "layer to check)",
        )
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return RawDocument(
        path=path,
        format=fmt,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        lines=lines,
        style=detect_style(lines),
    )

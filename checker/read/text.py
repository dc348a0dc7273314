"""Read a text report (extracted from PDF, or tab-separated) into numbered lines.

Encodings tried in order: UTF-16 with a byte-order mark (LE or BE: what Windows Notepad calls
"Unicode"), UTF-8 with BOM, UTF-8, GB18030 (which covers GBK/GB2312). CRLF and CR line ends
are folded. The style is ``tsv`` when a good share of non-blank lines hold tab
characters (QH24, GS21B), ``space`` otherwise (text as pdftotext lays it out: GS24, SX23, SC24).

Errors name the file: an empty file, UTF-16 without a byte-order mark (NUL bytes at every
other position: told apart from a binary file, with the advice to save it with a BOM or as
UTF-8), UTF-32, a binary file (NUL bytes or undecodable), text with no Chinese characters at
all (an image-only PDF's extracted text is typically empty or garbage).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from checker.errors import InputError
from checker.model import SourceFile


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
    # For PDF and workbook sources: the x-extent of each TAB-separated part of each line (a
    # table cell, or a chunk of a line split at a wide gap; column units in a workbook); None
    # for a line without geometry.
    spans: list[list[tuple[float, float]] | None] | None = None
    # Lines the reader left out as page furniture (page numbers, running headers/footers).
    dropped: int = 0
    # A report published as several files and read as one (checker/read/combine.py): the
    # files, each with the span of lines it gave; None for a report of one file.
    parts: list[SourceFile] | None = None

    def line(self, number: int) -> str:
        """Return the text of a 1-based line number."""
        return self.lines[number - 1]


_BOMS_16 = ((b"\xff\xfe", "utf-16-le", "UTF-16 LE"), (b"\xfe\xff", "utf-16-be", "UTF-16 BE"))
_BOMS_32 = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")


def looks_like_utf16(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when BOM-less bytes read as UTF-16 text, else None.

    UTF-16 text has NUL bytes at every other position (the high byte of each ASCII character:
    digits, spaces, line ends), nearly all on one side, and decodes to text with Chinese in it.
    """
    sample = data[:65536]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if even + odd < 4 or max(even, odd) < 0.9 * (even + odd):
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    text = sample[:len(sample) // 2 * 2].decode(encoding, errors="replace")
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\r\n")
    if controls * 20 > len(text) or not has_cjk(text):
        return None
    return encoding


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode report bytes; return (text, encoding name) or raise InputError naming the file."""
    if not data.strip():
        raise InputError(path, "the file is empty")
    if data.startswith(_BOMS_32):
        raise InputError(path, "the text is UTF-32, which is not read: save it as UTF-8")
    for bom, encoding, name in _BOMS_16:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"cannot decode the text as {name}, as its byte-order "
                                       f"mark says (bad bytes at offset {exc.start + len(bom)})"
                                 ) from None
            if not text.strip():
                raise InputError(path, "the file is empty")
            return text, encoding
    if b"\x00" in data[:65536]:
        if (encoding := looks_like_utf16(data)) is not None:
            order = "little" if encoding == "utf-16-le" else "big"
            raise InputError(path, f"this looks like UTF-16 text ({order}-endian) without a "
                                   "byte-order mark: save it as UTF-8, or as UTF-16 with a BOM "
                                   "(Notepad's \"Unicode\")")
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

"""The core's readers of report files: text, PDF and Excel workbook (the PDF and workbook
libraries are imported when such a file is read, not before)."""

from __future__ import annotations

from pathlib import Path

from checker.read.registry import Reader
from checker.read.text import RawDocument, read_text

__all__ = ["LINE_READERS"]


def _read_pdf(path: Path) -> RawDocument:
    from checker.read.pdf import read_pdf

    return read_pdf(path)


def _read_xlsx(path: Path) -> RawDocument:
    from checker.read.xlsx import read_xlsx

    return read_xlsx(path)


# in this order in --help and in the unknown-suffix error; a folder is searched for .txt only
# among the text suffixes: .text, .tsv and files without a suffix are read when named
LINE_READERS: tuple[Reader, ...] = (
    Reader("pdf", (".pdf",), "PDF", read=_read_pdf),
    Reader("xlsx", (".xlsx", ".xlsm"), "Excel workbook", read=_read_xlsx),
    Reader("text", (".txt", ".text", ".tsv", ""), "tab-separated or plain text", read=read_text,
           in_folders=(".txt",)),
)

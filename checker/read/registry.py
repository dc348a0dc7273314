"""Which reader reads a file: a registry of file suffixes → :class:`Reader`.

The core's readers (text, PDF, workbook: :mod:`checker.read.readers`; the parsed JSON document:
``checker.parse.document.JSON_READER``) are registered through the core plugin's
``checker_readers`` hook, a plugin's the same way; ``checker.plugins.collect.plugin_readers``
builds the registry a run reads with, and passes it to whoever reads (the reading stage loads
no plugin itself). A suffix taken twice keeps the first reader.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.errors import InputError
from checker.read.text import RawDocument

if TYPE_CHECKING:
    from checker.model import Document

__all__ = ["Reader", "ReaderRegistry"]


@dataclass(frozen=True)
class Reader:
    """One type of file the checker reads.

    ``read`` turns a report file into numbered lines; ``load`` (instead) loads a document that
    is parsed already (``checker parse``'s JSON), given the fact patterns its headings are keyed
    by. ``description`` names the type in ``--help`` ("PDF", "Excel workbook"). ``in_folders``:
    the suffixes looked for when a folder is given (None: all of ``suffixes``); ``""`` is a
    file without one.
    """

    name: str
    suffixes: tuple[str, ...]
    description: str
    read: Callable[[Path], RawDocument] | None = None
    load: Callable[[Path, Any], Document] | None = None
    in_folders: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if (self.read is None) == (self.load is None):
            raise ValueError(f"reader {self.name!r}: give read (report lines) or load (a parsed "
                             "document), not both or neither")
        bad = [s for s in self.suffixes if s and (not s.startswith(".") or s != s.lower())]
        if not self.suffixes or bad:
            raise ValueError(f"reader {self.name!r}: suffixes are lower-case and start with a "
                             f"dot, e.g. '.txt' (got {list(self.suffixes)!r})")

    @property
    def folder_suffixes(self) -> tuple[str, ...]:
        """The suffixes of the files this reader is given from a folder."""
        return self.suffixes if self.in_folders is None else self.in_folders


class ReaderRegistry:
    """File suffix → reader, in the order the readers were added (the first of a suffix wins)."""

    def __init__(self, readers: Iterable[Reader] = ()) -> None:
        self._by_suffix: dict[str, Reader] = {}
        self.readers: list[Reader] = []
        for reader in readers:
            self.add(reader)

    def add(self, reader: Reader) -> list[str]:
        """Register ``reader`` for its suffixes no reader has yet; the suffixes already taken
        (kept by their first reader) are returned, for the caller to warn about."""
        taken = [s for s in reader.suffixes if s in self._by_suffix]
        mine = [s for s in reader.suffixes if s not in self._by_suffix]
        if mine:
            self.readers.append(reader)
        for s in mine:
            self._by_suffix[s] = reader
        return taken

    def owner(self, suffix: str) -> Reader | None:
        """The reader of a suffix (``".pdf"``), or None."""
        return self._by_suffix.get(suffix.lower())

    def suffixes(self) -> list[str]:
        """Every suffix a reader is registered for, in order."""
        return list(self._by_suffix)

    def folder_suffixes(self) -> list[str]:
        """The suffixes of the report files a folder is searched for."""
        return [s for s, r in self._by_suffix.items() if s in r.folder_suffixes]

    def reader_for(self, path: Path) -> Reader:
        """The reader of ``path``'s suffix.

        :raises InputError: naming the file, for a suffix no reader is registered for, with the
            suffixes that are.
        """
        suffix = path.suffix.lower()
        reader = self._by_suffix.get(suffix)
        if reader is None:
            known = [s for s in self._by_suffix if s]
            expected = ", ".join(known[:-1]) + f" or {known[-1]}" if len(known) > 1 else "".join(known)
            raise InputError(str(path), f"unsupported file type {suffix!r} (expected {expected})")
        return reader

    def is_parsed(self, path: Path) -> bool:
        """Whether ``path`` is a document parsed already (its reader loads, not reads)."""
        reader = self.owner(path.suffix)
        return reader is not None and reader.load is not None

    def read(self, path: Path) -> RawDocument:
        """Read a report file into numbered lines with the reader its suffix names.

        :raises InputError: naming the file: a folder, no such file, an unknown suffix, or a
            parsed document (which is loaded, not read into lines).
        """
        if path.is_dir():
            raise InputError(str(path), "is a directory, not a report file")
        if not path.exists():
            raise InputError(str(path), "no such file")
        reader = self.reader_for(path)
        if reader.read is None:
            raise InputError(str(path), f"a {reader.description} is loaded as a parsed document, "
                                        "not read as a report")
        return reader.read(path)

    def load(self, path: Path, patterns: Any) -> Document:
        """Load a parsed document (:meth:`is_parsed`) with its reader, its headings keyed by the
        fact patterns ``patterns`` (None: the national ones).

        :raises InputError: naming the file, when its reader reads report lines instead.
        """
        reader = self.reader_for(path)
        if reader.load is None:
            raise InputError(str(path), "not a parsed document: it is read as a report")
        return reader.load(path, patterns)

    def describe(self) -> str:
        """The file types, for ``--help``: ``PDF (.pdf), Excel workbook (.xlsx, .xlsm) or …``."""
        parts = [f"{r.description} ({', '.join(s for s in r.suffixes if s)})"
                 for r in self.readers]
        return ", ".join(parts[:-1]) + f" or {parts[-1]}" if len(parts) > 1 else "".join(parts)

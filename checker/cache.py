"""The incremental cache of ``checker check``: parsed documents and their results, by content.

A second run over an unchanged folder re-runs nothing; a rule change re-evaluates without
re-parsing; a new or changed file is parsed once. Two kinds of entry, each one file:

* ``doc/<content>-<parser>.pkl``: the parsed :class:`~checker.model.Document` of a report, keyed
  by the sha256 of the report's bytes (of each file's, for a report of several files) and by the
  *parser key*: a hash of everything that decides how a report is read — the checker's version
  and the code and data of its readers, parser and templates, the installed plugins (their code
  and data, rules aside) and ``--region``.
* ``res/<content>-<parser>-<rules>.pkl``: the results of the rules on that document, keyed also
  by the *rules key*: the rule language's code, every rule file's text, the functions plugins add
  and ``--select`` / ``--ignore``.

A document whose department, year or kind came from its file name (``Meta.*_from == "file
name"``) depends on that name: its entry records the name, and a copy of the file under another
name misses it. The report's path is never part of an entry: it is set again when an entry is
used.

Entries are written and checked by :mod:`checker.cache_entry` (atomic, sha256, format version):
one that does not check out is reported on stderr, removed and rebuilt, never trusted. The
folder also holds the parsed rule files (``rules/``, :mod:`checker.dsl.rule_cache`), the
compiled patterns and the values of the data files (``regex/``, ``yaml/``, :mod:`checker.kept`).
The folder is the user's cache dir (``platformdirs``: ``~/.cache/budget-checker`` on Linux),
``--cache-dir`` elsewhere, ``--no-cache`` for none.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checker.cache_entry import default_cache_dir, read_entry, remove_entry, write_entry
from checker.findings import FileResult
from checker.model import Document

__all__ = ["Cache", "CacheInfo", "default_cache_dir", "hash_files"]

# the entry folders: documents, results, parsed rule files (checker.dsl.rule_cache), template
# registries (checker.templates.registry_cache), drawn HTML report pages (checker.render.html)
# and what checker.kept keeps: the patterns' compiled code and the data files' values
_KINDS = ("doc", "res", "rules", "templates", "pages", "regex", "yaml")



def hash_files(paths: list[Path], extra: str = "") -> str:
    """A hash of files' paths and contents (in sorted order) and of ``extra``: two files that
    swap their contents, or a file moved to another folder under the same name, change it."""
    h = hashlib.sha256(extra.encode())
    for p in sorted(set(paths)):
        try:
            data = p.read_bytes()
        except OSError:
            data = b"?"
        h.update(str(p).encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()[:24]


@dataclass
class CacheInfo:
    """What the cache holds."""

    folder: Path
    documents: int = 0
    results: int = 0
    size: int = 0
    engine: int = 0  # parsed rule files, template registries, kept patterns and data

    def text(self) -> str:
        """One paragraph for ``checker cache info``."""
        return (f"cache: {self.folder}\n  {self.documents} parsed documents, {self.results} "
                f"result sets, {self.engine} entries of parsed rules, templates, patterns and data, "
                f"{self.size / 1e6:.1f} MB")


@dataclass
class Cache:
    """A cache folder; ``parser_key`` and ``rules_key`` describe the checker in force."""

    folder: Path
    parser_key: str
    rules_key: str
    # "" for results with every passed result kept, "-c" for compact results (counted only)
    variant: str = ""
    warnings: list[str] = field(default_factory=list)

    # ---- keys
    @staticmethod
    def content_key(paths: tuple[Path, ...]) -> str:
        """The sha256 of a report's bytes (of each file's, in order, for several files)."""
        h = hashlib.sha256()
        for p in paths:
            h.update(hashlib.sha256(p.read_bytes()).digest())
            if len(paths) > 1:
                h.update(p.name.encode())  # a report of several files names them (places)
        return h.hexdigest()[:32]

    def _doc_file(self, content: str) -> Path:
        return self.folder / "doc" / f"{content}-{self.parser_key}.pkl"

    def _res_file(self, content: str) -> Path:
        return self.folder / "res" / f"{content}-{self.parser_key}-{self.rules_key}{self.variant}.pkl"

    # ---- entries
    def _load(self, path: Path) -> Any | None:
        value, problem = read_entry(path)
        if problem is not None:
            message = f"cache entry {path} {problem}: removed, the report is read again"
            self.warnings.append(message)
            print(f"checker: warning: {message}", file=sys.stderr)
            remove_entry(path)
        return value

    def _store(self, path: Path, value: Any) -> None:
        problem = write_entry(path, value)
        if problem is not None:
            self.warnings.append(f"cache entry {path} not written: {problem}")

    @staticmethod
    def _named(value: tuple[Any, Any], name: str) -> Any | None:
        used, obj = value
        return obj if used == _name_key(name, used[0] is not None) else None

    def get_document(self, content: str, name: str) -> Document | None:
        """The parsed document of these bytes (None: not cached)."""
        value = self._load(self._doc_file(content))
        return None if value is None else self._named(value, name)

    def put_document(self, content: str, name: str, doc: Document) -> None:
        """Keep a parsed document."""
        self._store(self._doc_file(content), (_name_used(doc, name), doc))

    def get_result(self, content: str, name: str, path: str) -> FileResult | None:
        """The results of the rules on these bytes, for the report at ``path`` (None: not cached)."""
        value = self._load(self._res_file(content))
        if value is None:
            return None
        result = self._named(value, name)
        if result is None:
            return None
        return replace(result, path=path, warnings=tuple(f"{path}: {w}" for w in result.warnings))

    def put_result(self, content: str, name: str, doc: Document, result: FileResult) -> None:
        """Keep the results of the rules on a document (its path, which a copy of the same
        bytes does not share, left out)."""
        mine = f"{result.path}: "
        kept = replace(result, path="", warnings=tuple(w.removeprefix(mine) for w in result.warnings))
        self._store(self._res_file(content), (_name_used(doc, name), kept))

    def get_page(self, key: str) -> str | None:
        """A drawn HTML page kept under ``key`` (checker.render.html.page_key), or None."""
        value = self._load(self.folder / "pages" / f"{key}.pkl")
        return value if isinstance(value, str) else None

    def put_page(self, key: str, page: str) -> None:
        """Keep a drawn HTML page."""
        self._store(self.folder / "pages" / f"{key}.pkl", page)

    # ---- maintenance
    def info(self) -> CacheInfo:
        """How many entries the folder holds, and their size."""
        out = CacheInfo(self.folder)
        for kind in _KINDS:
            for p in (self.folder / kind).glob("*.pkl"):
                out.size += p.stat().st_size
                if kind == "doc":
                    out.documents += 1
                elif kind == "res":
                    out.results += 1
                else:
                    out.engine += 1
        return out

    def clear(self) -> int:
        """Remove every entry; return how many."""
        n = 0
        for kind in _KINDS:
            for p in (self.folder / kind).glob("*"):
                try:
                    p.unlink()
                    n += 1
                except OSError:
                    pass
        return n


def _name_used(doc: Document, name: str) -> tuple[str | None, str]:
    """What of the file name an entry depends on: the name itself when the document's meta was
    read from it (else None: any name will do), and the half of a two-file report the name
    marks (rules read it: named_half())."""
    m = doc.meta
    from_name = "file name" in (m.department_from, m.year_from, getattr(m, "kind_from", None))
    return _name_key(name, from_name)


def _name_key(name: str, keep_name: bool) -> tuple[str | None, str]:
    from checker.pairing import half_of

    half = half_of(Path(name)) if " + " not in name else None
    return (name if keep_name else None, half[0] if half else "")

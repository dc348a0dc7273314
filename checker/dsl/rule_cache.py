"""Parsed rule files kept between runs, so that a run does not parse every rule file again.

Parsing the rule files (Lark, and every message placeholder) is most of what building the engine
costs; the compiler's own pass over the syntax trees is small. So what is kept is the syntax tree
(:class:`~checker.dsl.ast.RuleFile`) of each file, one entry per file in ``<cache>/rules/``,
keyed by the sha256 of the file's path and bytes and by the *language key*: a hash of the
grammar and of the modules that build the tree (``parse.py``, ``ast.py``, ``labels.py``) and
the checker's version. A changed rule file misses its entry and only that file is parsed again;
a changed parser misses every entry. Names are resolved against the templates by the compiler on
every run, so templates and plugins do not enter the key.

Entries are written and checked as the result cache's are (:mod:`checker.cache_entry`); one that
cannot be trusted is removed and rebuilt without a word: the file is simply parsed.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from checker import __version__
from checker.cache_entry import read_entry, remove_entry, write_entry
from checker.dsl import ast
from checker.dsl.source import grammar_path, read_rule_text

__all__ = ["language_key", "parse_file_cached"]

FOLDER = "rules"


@lru_cache(maxsize=1)
def language_key() -> str:
    """A hash of what decides the syntax tree of a rule text (grammar, parser, tree, version)."""
    here = Path(__file__).parent
    h = hashlib.sha256(__version__.encode())
    for p in (grammar_path(), here / "parse.py", here / "ast.py", here.parent / "labels.py"):
        h.update(p.read_bytes())
    return h.hexdigest()[:24]


def parse_file_cached(path: Path, folder: Path | None) -> ast.RuleFile:
    """The syntax tree of one ``.rules`` file: from ``folder`` when it holds this file's bytes
    (``folder`` None: no cache), else parsed and kept there. A file that cannot be read or does
    not parse raises :class:`~checker.dsl.parse.RuleError` every time (nothing is kept for it)."""
    text = read_rule_text(path)
    if folder is None:
        return _parsed(text, str(path))
    key = hashlib.sha256(f"{language_key()}|{path}|{text}".encode()).hexdigest()[:32]
    entry = folder / FOLDER / f"{key}.pkl"
    value, problem = read_entry(entry)
    if isinstance(value, ast.RuleFile):
        return value
    if problem is not None or value is not None:
        remove_entry(entry)
    tree = _parsed(text, str(path))
    write_entry(entry, tree)  # a cache that cannot be written: the next run parses again
    return tree


def _parsed(text: str, path: str) -> ast.RuleFile:
    """A rule text parsed: Lark (:mod:`checker.dsl.parse`) is imported here, so that a run whose
    rule files are all kept never imports it."""
    from checker.dsl.parse import parse_text

    return parse_text(text, path)

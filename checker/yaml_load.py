"""Reading the YAML data files (templates, patterns, region files, configuration, baselines).

One loader for all of them: PyYAML's libyaml-based ``CSafeLoader`` when PyYAML was built with
libyaml (the wheels on PyPI are), else the pure-Python ``SafeLoader``. Both build the same plain
values (safe tags only); libyaml is about nine times faster, which is most of what reading the
templates costs at start-up.

A text read before is not parsed again: its value is kept in a store of :mod:`checker.kept`
(``yaml/values``), keyed by the sha256 of the text, as a pickle that is loaded afresh on each
call (a caller may change what it gets). ``yaml`` itself is imported only to parse a text the
store does not hold, so a run whose data files are all kept never imports it (~15 ms, most of
it compiling the reader's and resolver's regexes). A text that does not parse is parsed, and
refused, every time: :class:`YamlError`, with PyYAML's message (line and column).
"""

from __future__ import annotations

import hashlib
import pickle
from typing import Any

from checker import kept

__all__ = ["YamlError", "load_yaml"]

STORE = "yaml/values"


class YamlError(ValueError):
    """A YAML text that does not parse; the message is PyYAML's (where, and what)."""


def load_yaml(text: str) -> Any:
    """The value of a YAML text (safe tags only); raises :class:`YamlError` when it does not
    parse."""
    key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest() if kept.active() else b""
    blob = kept.get(STORE, key) if key else None
    if blob is not None:
        return pickle.loads(blob)
    value = _parse(text)
    if key:
        kept.put(STORE, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def _parse(text: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise YamlError(str(exc)) from None

"""The fact patterns in force: the national ones and the plugins' (``checker_fact_patterns``)."""

from __future__ import annotations

from pathlib import Path

from checker.parse.patterns import PatternSet, load_patterns, national_pattern_path
from checker.plugins.host import PluginHost

__all__ = ["fact_patterns"]


def fact_patterns(host: PluginHost) -> PatternSet:
    """The national fact patterns and the plugins' (``checker_fact_patterns``), in that order
    (compiled once per set of files). A plugin whose pattern files cannot be read is skipped
    (:meth:`PluginHost.fail`); the others' patterns are used."""
    paths = [national_pattern_path()]
    for name, result in host.call("checker_fact_patterns"):
        try:
            mine = [Path(p) for p in result if Path(p) not in paths]
            load_patterns([*paths, *mine])
        except Exception as exc:  # a plugin's bad file must not stop the run
            host.fail(name, f"fact patterns cannot be read: {type(exc).__name__}: {exc}")
            continue
        paths.extend(mine)
    return load_patterns(paths)

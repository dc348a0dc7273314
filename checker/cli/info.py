"""``checker schema``, ``checker plugins`` and ``checker cache``: what is installed and kept."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from checker import kept
from checker.cli.common import default_cache_dir, error, host_and_registry


def cmd_schema(args: argparse.Namespace) -> int:
    """``checker schema``: print a JSON Schema shipped with the package."""
    from checker.schema import load_schema

    try:
        print(json.dumps(load_schema(args.name), ensure_ascii=False, indent=2))
    except FileNotFoundError:
        error(f"no schema named {args.name!r} (try: document, findings)")
        return 2
    return 0


def cmd_plugins(args: argparse.Namespace) -> int:
    """``checker plugins``: list plugins with version, region, template and rule counts, and
    what each adds (the core's output formats among the rest)."""
    from checker.plugins.describe import describe_plugins
    from checker.render import FORMATS

    host, registry = host_and_registry(args)
    print(describe_plugins(host, registry, core_formats=list(FORMATS)))
    return 0


def cmd_cache(args: argparse.Namespace) -> int:
    """``checker cache info|clear``: what the incremental cache holds; empty it."""
    from checker.cache import Cache

    cache = Cache(Path(args.cache_dir or default_cache_dir()), "", "")
    if args.action == "clear":
        kept.use(None)  # what this run read is not written back into the emptied folder
        n = cache.clear()
        print(f"checker: removed {n} cache entries from {cache.folder}")
    else:
        print(cache.info().text())
    return 0


def add_cache_parser(sub: Any) -> None:
    """The ``cache`` subcommand."""
    c = sub.add_parser(
        "cache", help="show or clear the cache of parsed reports and results",
        description="`checker check` keeps every parsed report and its results, keyed by the "
        "report's bytes, the checker's parser and the rules, so that a second run over unchanged "
        "reports reads and checks nothing again. `info` shows the folder and what it holds; "
        "`clear` empties it.")
    c.add_argument("action", choices=["info", "clear"])
    c.add_argument("--cache-dir", metavar="DIR", type=Path, help="the cache folder (default: the "
                   "user's cache folder)")
    c.set_defaults(func=cmd_cache)


def add_info_parsers(sub: Any) -> None:
    """The ``schema`` and ``plugins`` subcommands."""
    s = sub.add_parser("schema", help="print a JSON Schema: the parsed document, the findings, or "
                       "the data files a rule author or a region package writes (template, "
                       "patterns, region, indicator_words, meta)")
    s.add_argument("name", nargs="?", default="document",
                   choices=["document", "findings", "template", "patterns", "region",
                            "indicator_words", "meta"])
    s.set_defaults(func=cmd_schema)

    g = sub.add_parser("plugins", help="list the loaded plugins and what each adds")
    g.set_defaults(func=cmd_plugins)

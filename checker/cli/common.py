"""What the commands share: the plugins and templates in force, messages on stderr, the
settings (flags over the configuration file), the report files named, the cache folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.read.registry import ReaderRegistry


def host_and_registry(args: argparse.Namespace):
    from checker.plugins.templates import build_registry

    host = plugins_for(args, args.no_plugins)
    return host, build_registry(host)


def plugins_for(args: argparse.Namespace, no_plugins: bool) -> Any:
    """The plugins :func:`main` loaded (for the file types and formats of ``--help``), when they
    were loaded as ``no_plugins`` asks; else loaded here."""
    from checker.plugins.host import load_plugins

    host = getattr(args, "host", None)
    if host is not None and (host.disabled == "--no-plugins") == no_plugins:
        return host
    return load_plugins(enable=not no_plugins)


def error(message: str) -> None:
    print(f"checker: error: {message}", file=sys.stderr)


def warn(message: str) -> None:
    print(f"checker: warning: {message}", file=sys.stderr)


def split_names(values: list[str] | None) -> list[str]:
    """``--select A,B --select C`` → ``[A, B, C]``."""
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def settings(args: argparse.Namespace) -> dict[str, Any]:
    """Command-line flags over the configuration file (``.checker.yaml`` / ``[tool.checker]``)."""
    from checker.config import current_config

    cfg = current_config()
    rules = [Path(p) for p in (getattr(args, "rules", None) or [])] or cfg.rules
    return {
        "config": cfg,
        "select": split_names(getattr(args, "select", None)) or cfg.select,
        "ignore": split_names(getattr(args, "ignore", None)) or cfg.ignore,
        "fail_on": getattr(args, "fail_on", None) or cfg.fail_on or "error",
        "rules": rules,
        "baseline": Path(args.baseline) if getattr(args, "baseline", None) else cfg.baseline,
        "region": getattr(args, "region", None) or cfg.region,
        "no_plugins": bool(args.no_plugins or cfg.no_plugins),
        "format": getattr(args, "format", None) or cfg.format or "text",
    }


def expand_paths(names: list[str], readers: ReaderRegistry) -> tuple[list[Path], list[InputError]]:
    """Files as given, folders expanded to the report files below them (sorted): the files of a
    suffix ``readers`` search folders for (:meth:`ReaderRegistry.folder_suffixes`).

    A folder with no report file, or a name that does not exist, is an error for that name;
    the other names are still processed.
    """
    paths: list[Path] = []
    problems: list[InputError] = []
    suffixes = readers.folder_suffixes()
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in suffixes)
            if not found:
                problems.append(InputError(name, "folder holds no report file "
                                                 f"({', '.join('*' + s for s in suffixes)})"))
            paths.extend(found)
        elif not path.exists():
            problems.append(InputError(name, "no such file or folder"))
        else:
            paths.append(path)
    return paths, problems


def default_cache_dir() -> Path:
    """The cache folder ``checker check`` uses unless told otherwise."""
    from checker.cache import default_cache_dir as folder

    return folder()


def display_width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

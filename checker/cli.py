"""The ``checker`` command line: wires read → parse → compile → evaluate → render.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings; 2 usage error or unreadable input
(every other file is still processed). No traceback reaches the user for input errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from checker import __version__
from checker.errors import CheckerError, InputError
from checker.model import Document

EPILOG = """\
examples:
  checker check report.txt                 check a report against the national rules
  checker check --format sarif -o out.sarif reports/
  checker check --select T07,表内 --fail-on warning report.txt
  checker rules list                       the rules, with id, severity, tags and source
  checker rules test                       run the cases beside every rule file
  checker parse report.txt                 the parsed document as JSON
  checker parse --summary report.txt       what was recognised: tables, rows, cells, sections
  checker parse report.txt -o report.json  write the JSON, check it later with 'checker check'
  checker schema                           the JSON Schema of the parsed document
  checker plugins                          installed region plugins
"""


def _registry(no_plugins: bool = False):
    from checker.plugins import build_registry, load_plugins

    host = load_plugins(enable=not no_plugins)
    return host, build_registry(host)


def _err(message: str) -> None:
    print(f"checker: error: {message}", file=sys.stderr)


def cmd_parse(args: argparse.Namespace) -> int:
    """``checker parse``: print the document (JSON), a summary, or the facts."""
    from checker.parse.document import parse_path
    from checker.summary import render_summary

    _, registry = _registry(args.no_plugins)
    status = 0
    outputs: list[dict] = []
    paths, problems = expand_paths(args.files)
    for problem in problems:
        _err(str(problem))
        status = 2
    for path in paths:
        try:
            doc = parse_path(path, registry)
        except InputError as exc:
            _err(str(exc))
            status = 2
            continue
        if args.summary:
            print(render_summary(doc))
        else:
            outputs.append(doc.to_json())
    if outputs:
        data = outputs[0] if len(outputs) == 1 else outputs
        text = json.dumps(data, ensure_ascii=False, indent=1)
        if args.output:
            Path(args.output).write_text(text + "\n", encoding="utf-8")
        else:
            print(text)
    return status


REPORT_SUFFIXES = (".txt", ".json")


def expand_paths(names: list[str]) -> tuple[list[Path], list[InputError]]:
    """Files as given, folders expanded to the report files below them (sorted).

    A folder with no report file, or a name that does not exist, is an error for that name;
    the other names are still processed.
    """
    paths: list[Path] = []
    problems: list[InputError] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in REPORT_SUFFIXES)
            if not found:
                problems.append(InputError(name, "folder holds no report file (*.txt, *.json)"))
            paths.extend(found)
        elif not path.exists():
            problems.append(InputError(name, "no such file or folder"))
        else:
            paths.append(path)
    return paths, problems


def cmd_schema(args: argparse.Namespace) -> int:
    """``checker schema``: print a JSON Schema shipped with the package."""
    from checker.schema import load_schema

    try:
        print(json.dumps(load_schema(args.name), ensure_ascii=False, indent=2))
    except FileNotFoundError:
        _err(f"no schema named {args.name!r} (try: document, findings)")
        return 2
    return 0


def cmd_plugins(args: argparse.Namespace) -> int:
    """``checker plugins``: list plugins with version, region, template and rule counts."""
    from checker.plugins import describe_plugins

    host, registry = _registry(args.no_plugins)
    print(describe_plugins(host, registry))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the whole command line."""
    parser = argparse.ArgumentParser(
        prog="checker",
        description="Check 部门预算/决算公开 reports (text, tab-separated text or parsed JSON) "
        "against rules written as data.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"checker {__version__}")
    parser.add_argument("--no-plugins", action="store_true",
                        help="do not load installed region plugins (national set only)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("parse", help="parse reports into the JSON document model",
                       description="Parse report files into the JSON document "
                       "(schemas/document.schema.json). Several files may be given; a file that "
                       "cannot be read is reported and the others are still parsed.")
    p.add_argument("files", nargs="+", metavar="PATH",
                   help="report file (.txt), parsed document (.json) or a folder of them")
    p.add_argument("-o", "--output", metavar="OUT", help="write the JSON here instead of stdout")
    p.add_argument("--summary", action="store_true",
                   help="print a table of what was recognised instead of the JSON")
    p.set_defaults(func=cmd_parse)

    s = sub.add_parser("schema", help="print a JSON Schema (document or findings)")
    s.add_argument("name", nargs="?", default="document", choices=["document", "findings"])
    s.set_defaults(func=cmd_schema)

    g = sub.add_parser("plugins", help="list the loaded plugins and what each adds")
    g.set_defaults(func=cmd_plugins)

    from checker.cli_check import add_check_parser, add_rules_parser

    add_check_parser(sub)
    add_rules_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``checker`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except CheckerError as exc:
        _err(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130


def document_summary_counts(doc: Document) -> dict[str, int]:
    """Counts used by the summary and the benchmark: tables, rows, cells, sections."""
    cells = sum(
        1 for t in doc.tables for r in t.rows for c in r.cells.values() if c.number is not None
    )
    return {
        "tables": len(doc.tables),
        "rows": sum(len(t.rows) for t in doc.tables),
        "cells": cells,
        "sections": sum(1 for s in doc.sections for _ in s.walk()),
    }


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

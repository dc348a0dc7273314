"""``checker parse``: reports into the JSON document, a summary of what was recognised, or the
facts read from the narrative."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from checker.cli.common import error, expand_paths, host_and_registry
from checker.errors import InputError
from checker.model import KIND_NAMES, Document
from checker.read.registry import ReaderRegistry


def cmd_parse(args: argparse.Namespace) -> int:
    """``checker parse``: print the document (JSON), a summary, or the facts."""
    from checker.plugins.collect import plugin_readers
    from checker.plugins.pipeline import parse_with_plugins
    from checker.summary import render_summary

    host, registry = host_and_registry(args)
    status = 0
    outputs: list[dict] = []
    paths, problems = expand_paths(args.files, plugin_readers(host))
    for problem in problems:
        error(str(problem))
        status = 2
    for path in paths:
        try:
            doc = parse_with_plugins(path, host, registry, getattr(args, "region", None))
        except InputError as exc:
            error(str(exc))
            status = max(status, 2)
            continue
        except Exception as exc:  # a bug, not the report's fault: said so, traceback saved
            from checker.crash import EXIT_INTERNAL, internal_error_message

            error(internal_error_message(exc, str(path), "reading it"))
            status = EXIT_INTERNAL
            continue
        if getattr(args, "facts", False):
            from checker.facts.render import render_facts

            print(render_facts(doc))
        elif args.summary:
            first, _, rest = render_summary(doc).partition("\n")
            print("\n".join([first, *summary_meta_lines(doc), *([rest] if rest else [])]))
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


def summary_meta_lines(doc: Document) -> list[str]:
    """The lines ``parse --summary`` adds under its first line: the department and the year with
    where each was read, the kind, and the region with its evidence (or why there is none)."""
    from checker.plugins.detect import NOT_DETECTED

    m = doc.meta

    def said(value: object, source: str | None) -> str:
        if value is None:
            return "? (not found)"
        return f"{value} (from {source})" if source else str(value)

    kind = KIND_NAMES.get(m.kind or "", "?")
    out = [f"department: {said(m.department, m.department_from)} · "
           f"year: {said(m.year, m.year_from)} · kind: {kind}"]
    how = m.region_detected_by or ""
    if m.region:
        out.append(f"region: {m.region} ({how})" if how else f"region: {m.region}")
    elif how.startswith("not detected: ambiguous") or m.region_missing:
        out.append(f"no region: {how.removeprefix('not detected: ')}")
    else:
        detail = "" if how in ("", NOT_DETECTED) else how.removeprefix(
            "not detected: no plugin claimed it").removesuffix("; national rules only").strip()
        out.append(f"no region: no plugin claimed it{' ' + detail if detail else ''}"
                   " — national rules only")
    return out


def add_parse_parser(sub: Any, readers: ReaderRegistry) -> None:
    """The ``parse`` subcommand: the file types of ``readers``."""
    p = sub.add_parser("parse", help="parse reports into the JSON document model",
                       description="Parse report files into the JSON document "
                       "(schemas/document.schema.json). Several files may be given; a file that "
                       "cannot be read is reported and the others are still parsed.")
    p.add_argument("files", nargs="+", metavar="PATH",
                   help=f"report file: {readers.describe()}; or a folder of them")
    p.add_argument("-o", "--output", metavar="OUT", help="write the JSON here instead of stdout")
    p.add_argument("--facts", action="store_true",
                   help="list the narrative facts: line, name, value, unit, section, sentence")
    p.add_argument("--summary", action="store_true",
                   help="print a table of what was recognised instead of the JSON")
    p.add_argument("--region", metavar="CODE",
                   help="region code of the reports (e.g. QH, GS) instead of detecting it")
    p.set_defaults(func=cmd_parse)

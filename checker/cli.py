"""The ``checker`` command line: wires read → parse → compile → evaluate → render.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings; 2 usage error or unreadable input
(every other file is still processed); 3 an internal error — a bug met on a report, its
traceback saved to a file the message names (``checker.crash``). No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checker import __version__
from checker.errors import CheckerError, InputError
from checker.model import KIND_NAMES, Document
from checker.read.registry import ReaderRegistry

EPILOG = """\
examples:
  checker check report.txt                 check a report against the national rules
  checker check --format sarif -o out.sarif reports/
  checker check --select T07,表内 --fail-on warning report.txt
  checker check --format html -o report.html report.pdf   a page a reviewer works from
  checker check --format html -o out/ reports/            a page per report, out/index.html, out/summary.csv
  checker rules list                       the rules, with id, severity, tags and source
  checker rules test                       run the cases beside every rule file
  checker parse report.txt                 the parsed document as JSON
  checker parse --summary report.txt       what was recognised: tables, rows, cells, sections
  checker parse --facts report.txt         the facts read from the narrative (情况说明)
  checker parse report.txt -o report.json  write the JSON, check it later with 'checker check'
  checker schema                           the JSON Schema of the parsed document
  checker plugins                          installed region plugins
  checker rules fmt --check rules/         which rule files the formatter would change
  checker lsp                              the language server of .rules files (docs/lsp.md)
"""


def _registry(args: argparse.Namespace):
    from checker.plugins.templates import build_registry

    host = _host(args, args.no_plugins)
    return host, build_registry(host)


def _host(args: argparse.Namespace, no_plugins: bool) -> Any:
    """The plugins :func:`main` loaded (for the file types and formats of ``--help``), when they
    were loaded as ``no_plugins`` asks; else loaded here."""
    from checker.plugins.host import load_plugins

    host = getattr(args, "host", None)
    if host is not None and (host.disabled == "--no-plugins") == no_plugins:
        return host
    return load_plugins(enable=not no_plugins)


def _err(message: str) -> None:
    print(f"checker: error: {message}", file=sys.stderr)


def cmd_parse(args: argparse.Namespace) -> int:
    """``checker parse``: print the document (JSON), a summary, or the facts."""
    from checker.plugins.collect import plugin_readers
    from checker.plugins.pipeline import parse_with_plugins
    from checker.summary import render_summary

    host, registry = _registry(args)
    status = 0
    outputs: list[dict] = []
    paths, problems = expand_paths(args.files, plugin_readers(host))
    for problem in problems:
        _err(str(problem))
        status = 2
    for path in paths:
        try:
            doc = parse_with_plugins(path, host, registry, getattr(args, "region", None))
        except InputError as exc:
            _err(str(exc))
            status = max(status, 2)
            continue
        except Exception as exc:  # a bug, not the report's fault: said so, traceback saved
            from checker.crash import EXIT_INTERNAL, internal_error_message

            _err(internal_error_message(exc, str(path), "reading it"))
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
    from checker.plugins.describe import describe_plugins

    host, registry = _registry(args)
    print(describe_plugins(host, registry))
    return 0


# ---- checker check


def _names(values: list[str] | None) -> list[str]:
    """``--select A,B --select C`` → ``[A, B, C]``."""
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    """Command-line flags over the configuration file (``.checker.yaml`` / ``[tool.checker]``)."""
    from checker.config import current_config

    cfg = current_config()
    rules = [Path(p) for p in (getattr(args, "rules", None) or [])] or cfg.rules
    return {
        "config": cfg,
        "select": _names(getattr(args, "select", None)) or cfg.select,
        "ignore": _names(getattr(args, "ignore", None)) or cfg.ignore,
        "fail_on": getattr(args, "fail_on", None) or cfg.fail_on or "error",
        "rules": rules,
        "baseline": Path(args.baseline) if getattr(args, "baseline", None) else cfg.baseline,
        "region": getattr(args, "region", None) or cfg.region,
        "no_plugins": bool(args.no_plugins or cfg.no_plugins),
        "format": getattr(args, "format", None) or cfg.format or "text",
    }


def _progress(total: int) -> tuple[Any, Any]:
    """A rich progress bar on stderr (when stderr is a terminal and there is more than one file)."""
    if total <= 1 or not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=Console(stderr=True), transient=True)
    task = progress.add_task("check", total=total)
    return progress, lambda _path: progress.advance(task)


def cmd_check(args: argparse.Namespace) -> int:
    """``checker check``: parse each report, evaluate the rules, render the findings."""
    from checker.baseline import baseline_entries, load_baseline, write_baseline
    from checker.check import CheckSpec, Engine
    from checker.executors import run
    from checker.render import RenderContext, RuleInfo

    opts = _settings(args)
    renderer = _renderer(args.renderers, opts)
    spec = CheckSpec(extra_rules=tuple(str(p) for p in opts["rules"]), select=tuple(opts["select"]),
                     ignore=tuple(opts["ignore"]), no_plugins=opts["no_plugins"], region=opts["region"],
                     cache_dir=None if args.no_cache else str(args.cache_dir or default_cache_dir()),
                     keep_passed=args.show_passed or renderer.keeps_passed,
                     with_document=args.with_document, keep_document=renderer.draws_documents)
    # rule errors and unknown --select names stop here, before any report
    engine = Engine(spec, _host(args, spec.no_plugins))
    if args.previous:
        engine.spec = spec = replace(spec, previous=_previous_index(engine, args.previous),
                                     previous_given=True)
    baseline = load_baseline(opts["baseline"]) if opts["baseline"] else None
    paths, problems = expand_paths(args.files, engine.readers)
    if not args.files and not args.together:
        _err("check: give a report file or folder (PATH), or --together FILE FILE …")
        return 2
    items = report_items(paths, args.together or [], pair=not args.no_pair, problems=problems,
                         parsed=engine.readers.is_parsed)
    for problem in problems:
        _err(str(problem))
    progress, advance = _progress(len(items))
    try:
        stream = run(items, engine, executor=args.executor, jobs=max(1, args.jobs),
                     scheduler=args.scheduler, progress=advance)
        ctx = RenderContext(rules=[RuleInfo.of(r) for r in engine.rules],
                            table_names=engine.table_names(), show_passed=args.show_passed,
                            quiet=args.quiet, version=__version__, show_source=args.show_source,
                            show_not_evaluated=args.show_not_evaluated, severity=args.severity,
                            statistics=args.statistics, output_dir=_output_dir(args, opts),
                            document_for=engine.document_for, page_cache=engine.cache)
        with progress if progress is not None else contextlib.nullcontext():
            outcome = _write_findings(stream, baseline, ctx, opts, args)
    except RuntimeError as exc:  # the executor cannot start (Dask not installed, no scheduler)
        _err(str(exc))
        return 2
    if baseline is not None:
        for entry in baseline.unused(r.id for r in engine.rules):
            _warn(f"{baseline.path}: baseline entry {entry.fingerprint} ({entry.rule}) matched no failure")
    status = 2 if problems or outcome.input_errors else (1 if outcome.failed else 0)
    if outcome.internal_errors:
        from checker.crash import EXIT_INTERNAL

        status = EXIT_INTERNAL
    if args.write_baseline:
        entries = baseline_entries(outcome.kept, baseline)
        write_baseline(Path(args.write_baseline), entries)
        print(f"checker: wrote {len(entries)} baseline entries to {args.write_baseline}", file=sys.stderr)
        status = status if status >= 2 else 0
    return status


@dataclass
class _Outcome:
    """What the exit code needs of a streamed run (and, for --write-baseline, its results)."""

    failed: bool = False
    input_errors: int = 0
    internal_errors: int = 0  # bugs met on a report (checker.crash): exit code 3
    kept: list[Any] = field(default_factory=list)


def _write_findings(stream: Any, baseline: Any, ctx: Any, opts: dict[str, Any],
                    args: argparse.Namespace) -> _Outcome:
    """Render the results as they arrive: every format but text holds one report at a time
    (``Renderer.write``); input errors go to stderr as they come."""
    from checker.check import apply_baseline, failing

    outcome = _Outcome()

    def checked_files() -> Iterator[Any]:
        for fr in stream:
            if fr.error and fr.internal:
                _err(fr.error)
                outcome.internal_errors += 1
            elif fr.error:
                _err(fr.error)
                outcome.input_errors += 1
            for warning in fr.warnings:
                _warn(warning)
            if args.write_baseline:
                outcome.kept.append(fr)
            [checked] = apply_baseline([fr], baseline)
            outcome.failed = outcome.failed or bool(failing([checked], opts["fail_on"]))
            yield checked

    folder = _html_folder(args, opts)
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    csv_path = Path(args.summary_csv) if args.summary_csv else \
        (folder / "summary.csv" if folder is not None else None)
    summary_csv = csv_path.open("w", encoding="utf-8", newline="") if csv_path else None
    batch = None
    if summary_csv is not None or args.summary_html or folder is not None:
        from checker.render.batch import BatchSummary

        batch = BatchSummary(ctx, summary_csv)
    try:
        if folder is not None:
            _write_html_folder(checked_files(), ctx, folder, batch)
        else:
            counted = checked_files() if batch is None else _counted(checked_files(), batch)
            _render(counted, ctx, opts, args)
    finally:
        if summary_csv is not None:
            summary_csv.close()
    if batch is not None and args.summary_html:
        Path(args.summary_html).write_text(batch.html(), encoding="utf-8")
    return outcome


def _previous_index(engine: Any, names: list[str]) -> tuple[tuple[str, int, str, str], ...]:
    """(department, year, kind, path) of each of last year's reports (--previous), read through
    the cache; one that cannot be read, or says no department or year, is named and left out."""
    from checker.check import department_key

    paths, problems = expand_paths(names, engine.readers)
    for problem in problems:
        _err(f"--previous: {problem}")
    out = []
    for p in paths:
        try:
            m = engine.load_document(p).meta
        except CheckerError as exc:
            _err(f"--previous: {exc}")
            continue
        if not m.department or m.year is None:
            _warn(f"--previous: {p}: its department or year was not read: left out")
            continue
        out.append((department_key(m.department), m.year, m.kind or "", str(p)))
    return tuple(out)


def _counted(files: Iterator[Any], batch: Any) -> Iterator[Any]:
    """The checked files, each counted in the batch summary as it passes."""
    for f in files:
        batch.add(f)
        yield f


def _render(files: Iterator[Any], ctx: Any, opts: dict[str, Any], args: argparse.Namespace) -> None:
    """Write the output of one format to -o or stdout (a terminal gets the text in colour)."""
    renderer = _renderer(args.renderers, opts)()
    if args.output:
        with Path(args.output).open("w", encoding="utf-8") as out:
            renderer.write(files, ctx, out)
    elif opts["format"] == "text" and sys.stdout.isatty():
        from rich.console import Console

        renderer.print_rich(list(files), ctx, Console())  # type: ignore[attr-defined]
    else:
        renderer.write(files, ctx, sys.stdout)


def _renderer(renderers: Mapping[str, Any], opts: dict[str, Any]) -> Any:
    """The renderer (class) of the format asked for: a flag's is one of the choices, a
    configuration file's unknown format is an error naming the file."""
    from checker.config import ConfigError

    name = opts["format"]
    if name not in renderers:
        raise ConfigError(f"{opts['config'].path}: format must be one of {', '.join(renderers)} "
                          f"(got {name!r})")
    return renderers[name]


def _html_folder(args: argparse.Namespace, opts: dict[str, Any]) -> Path | None:
    """The output folder of ``--format html -o FOLDER/`` (None: one page, or another format)."""
    out = getattr(args, "output", None)
    if opts["format"] != "html" or not out:
        return None
    if Path(out).is_dir() or out.endswith(("/", "\\")):
        return Path(out)
    return None


def _output_dir(args: argparse.Namespace, opts: dict[str, Any]) -> str | None:
    """Where the output lands: the folder of -o (or -o itself, an HTML folder); None: here."""
    folder = _html_folder(args, opts)
    if folder is not None:
        return str(folder)
    return str(Path(args.output).parent) if getattr(args, "output", None) else None


def _write_html_folder(files: Iterator[Any], ctx: Any, folder: Path, batch: Any) -> None:
    """One page per report as it arrives (the batch counting it, its CSV rows written), then
    index.html, the overview."""
    from checker.render.html import page_name, write_report_page

    taken: set[str] = set()
    for f in files:
        name = page_name(f.path, taken)
        with (folder / name).open("w", encoding="utf-8") as out:
            write_report_page(f, ctx, out)
        batch.add(f, href=name)
    (folder / "index.html").write_text(batch.html(), encoding="utf-8")
    print(f"checker: wrote {len(taken)} report pages and index.html to {folder}", file=sys.stderr)


def default_cache_dir() -> Path:
    """The cache folder ``checker check`` uses unless told otherwise."""
    from checker.cache import default_cache_dir as folder

    return folder()


def cmd_cache(args: argparse.Namespace) -> int:
    """``checker cache info|clear``: what the incremental cache holds; empty it."""
    from checker.cache import Cache

    cache = Cache(Path(args.cache_dir or default_cache_dir()), "", "")
    if args.action == "clear":
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


def _warn(message: str) -> None:
    print(f"checker: warning: {message}", file=sys.stderr)


def report_items(paths: list[Path], together: list[list[str]], pair: bool,
                 problems: list[InputError],
                 parsed: Callable[[Path], bool]) -> list[Path | tuple[Path, ...]]:
    """What to check: ``--together`` groups as one report each, then the other paths, with the
    说明 file and the 表 file of one report paired by their names unless ``pair`` is off
    (``parsed``: a document parsed already, never paired)."""
    from checker.pairing import pair_halves

    items: list[Path | tuple[Path, ...]] = []
    grouped: set[Path] = set()
    for names in together:
        group = []
        for name in names:
            p = Path(name)
            if not p.is_file():
                problems.append(InputError(name, "no such file (--together takes report files)"))
                continue
            group.append(p)
        grouped.update(group)
        if len(group) > 1:
            items.append(tuple(group))
        elif group:
            items.append(group[0])
    rest = [p for p in paths if p not in grouped]
    for item in pair_halves(rest, parsed) if pair else rest:
        if isinstance(item, tuple):
            print(f"checker: checking {item[0]} and {item[1]} as one report (a 说明 file and a 表 "
                  "file; --no-pair checks them apart)", file=sys.stderr)
        items.append(item)
    return items


def add_check_parser(sub: Any, readers: ReaderRegistry, renderers: Mapping[str, Any]) -> None:
    """The ``check`` subcommand: the file types of ``readers`` and the formats of ``renderers``."""
    from checker.config import FAIL_ON

    c = sub.add_parser(
        "check", help="check reports against the rules",
        description="Parse each report and check it against the compiled rules (the core's, every "
        "plugin's and --rules). Exit 0: no failure at or above --fail-on; 1: failures; 2: a usage "
        "or rule-file error, or a report that could not be read (the others are still checked); 3: "
        "an internal error (a bug of the checker met on a report; the traceback is saved to the "
        "file the message names). "
        "Settings may also come from .checker.yaml or pyproject.toml [tool.checker]; flags win.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    c.add_argument("files", nargs="*", metavar="PATH",
                   help=f"report file: {readers.describe()}; or a folder, searched for "
                   f"{', '.join('*' + s for s in readers.folder_suffixes())}")
    c.add_argument("--together", action="append", nargs="+", metavar="FILE",
                   help="the files of one report published as several (a 说明 file and a 表 "
                   "file), checked as one report (repeatable)")
    c.add_argument("--no-pair", action="store_true",
                   help="do not pair a 说明 file and a 表 file of one report by their names")
    c.add_argument("--executor", choices=["local", "dask"], default="local",
                   help="where reports are checked: local (this machine; -j N worker processes) "
                   "or dask (a Dask cluster: --scheduler, else a LocalCluster of -j N workers; "
                   "pip install 'budget-checker[dask]')")
    c.add_argument("--scheduler", metavar="ADDRESS",
                   help="the Dask scheduler (tcp://host:8786) for --executor dask")
    c.add_argument("--with-document", action="store_true",
                   help="json/jsonl: give each report its parsed document (parsed_document)")
    c.add_argument("--cache-dir", metavar="DIR", type=Path,
                   help="where parsed reports and their results are kept between runs (default: "
                   "the user's cache folder; `checker cache info` shows it)")
    c.add_argument("--no-cache", action="store_true",
                   help="read and check every report again, and keep nothing")
    c.add_argument("--format", choices=list(renderers), default=None,
                   help="output format (default text; a plugin may add one: `checker plugins`)")
    c.add_argument("-o", "--output", metavar="FILE",
                   help="write the output here instead of stdout; html: a folder (an existing one, "
                   "or a name ending in /) gets one page per report, index.html (the overview) and "
                   "summary.csv")
    c.add_argument("--previous", action="append", metavar="PATH",
                   help="last year's reports (files or folders; repeatable; may be the folder "
                   "being checked): each report is also checked against the one of its "
                   "department, kind and year before (its 上年 figures, 较上年 sentences: rules "
                   "tagged 跨年)")
    c.add_argument("--summary-csv", metavar="FILE",
                   help="also write a CSV with one row per report and rule: its instances by status")
    c.add_argument("--summary-html", metavar="FILE",
                   help="also write an HTML overview of all reports: the rules that fail most, "
                   "charts, the reports × rules matrix")
    c.add_argument("--select", action="append", metavar="ID|TAG[,…]",
                   help="run only these rules (ids, id prefixes ending before a dot: T08, GS.B13, or tags)")
    c.add_argument("--ignore", action="append", metavar="ID|TAG[,…]", help="do not run these rules")
    c.add_argument("--fail-on", choices=FAIL_ON, default=None,
                   help="lowest severity of a failure that makes the exit code 1 (default error; "
                   "'never': only input errors change the exit code)")
    c.add_argument("--region", metavar="CODE", help="region code of the reports (e.g. QH, GS)")
    c.add_argument("--rules", action="append", metavar="PATH",
                   help="extra .rules file or folder (repeatable)")
    c.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="check N files in parallel (worker processes)")
    c.add_argument("--baseline", metavar="FILE",
                   help="YAML list of {fingerprint, rule, reason}: matching failures are reported as "
                   "baselined and do not affect the exit code")
    c.add_argument("--write-baseline", metavar="FILE",
                   help="write the current failures to FILE as a baseline (reason 'TODO: explain')")
    c.add_argument("--show-passed", action="store_true", help="list passed instances too")
    c.add_argument("--show-source", action="store_true",
                   help="text: print under each finding its source lines as read (a PDF's with "
                   "the page), the operands marked")
    c.add_argument("--show-not-evaluated", action="store_true",
                   help="text: list every instance not evaluated (default: counted by cause)")
    c.add_argument("--severity", choices=["error", "warning", "info"], default=None,
                   help="text: show only findings of this severity or above (the exit code still "
                   "follows --fail-on)")
    c.add_argument("--statistics", action="store_true",
                   help="text: print the failures per rule (count, rule, severity, title) instead "
                   "of the findings")
    c.add_argument("-q", "--quiet", action="store_true", help="print only the summary lines, one a file")
    c.add_argument("--no-plugins", action="store_true", default=argparse.SUPPRESS,
                   help="do not load installed region plugins")
    c.set_defaults(func=cmd_check)


# ---- checker rules list | show | test


def _engine_for_rules(args: argparse.Namespace) -> Any:
    from checker.check import CheckSpec, Engine

    opts = _settings(args)
    return Engine(CheckSpec(extra_rules=tuple(str(p) for p in opts["rules"]),
                            no_plugins=opts["no_plugins"]), _host(args, opts["no_plugins"]))


def cmd_rules_list(args: argparse.Namespace) -> int:
    """``checker rules list``: id, severity, applies, tags, title, source of every rule."""
    from checker.render.base import RuleInfo

    engine = _engine_for_rules(args)
    infos = [RuleInfo.of(r) for r in engine.all_rules.rules]
    if args.format == "json":
        print(json.dumps([{"id": i.id, "severity": i.severity, "applies": i.applies,
                           "tags": list(i.tags), "title": i.title, "source": i.source} for i in infos],
                         ensure_ascii=False, indent=1))
        return 0
    rows = [("id", "severity", "applies", "tags", "title", "source")]
    rows += [(i.id, i.severity, i.applies, ",".join(i.tags), i.title, i.source) for i in infos]
    widths = [max(_width(r[k]) for r in rows) for k in range(4)]
    for r in rows:
        cells = [r[k] + " " * (widths[k] - _width(r[k])) for k in range(4)]
        print("  ".join([*cells, r[4], r[5]]).rstrip())
    print(f"{len(infos)} rules")
    return 0


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cmd_rules_show(args: argparse.Namespace) -> int:
    """``checker rules show ID``: the rule's metadata and its text."""
    from checker.dsl.source import suggest
    from checker.render.base import RuleInfo

    engine = _engine_for_rules(args)
    rule = engine.all_rules.get(args.id)
    if rule is None:
        hint = suggest(args.id, [r.id for r in engine.all_rules.rules])
        _err(f"no rule {args.id!r}" + (f"; did you mean {hint}?" if hint else ""))
        return 2
    info = RuleInfo.of(rule)
    print(f"id:       {info.id}\ntitle:    {info.title}\nseverity: {info.severity}\n"
          f"applies:  {info.applies}")
    for _region, why in rule.applies.replaced:  # a region package's replaces: / omits:
        print(f"          {why}")
    print(f"tags:     {', '.join(info.tags) or '-'}\nsource:   {info.source}\n")
    print(rule.text)
    return 0


def cmd_rules_functions(args: argparse.Namespace) -> int:
    """``checker rules functions``: the functions a rule can call, and the rules calling each."""
    from checker.dsl.functions import function_table
    from checker.dsl.reference import function_entries, markdown, uses

    engine = _engine_for_rules(args)
    entries = function_entries(function_table(engine.functions))
    if args.markdown:
        sys.stdout.write(markdown(entries))
        return 0
    texts = {r.id: r.text for r in engine.all_rules.rules}
    width = max(_width(e.call) for e in entries)
    for e in entries:
        used = uses(e.name, texts)
        shown = ", ".join(used[:6]) + (f" … ({len(used)} rules)" if len(used) > 6 else "")
        print(f"{e.call}{' ' * (width - _width(e.call))}  {e.returns:<7} {e.doc}")
        print(f"{' ' * width}  {'':<7} used by: {shown or '-'}"
              + (f" · reads {e.reads}" if e.reads else ""))
    print(f"{len(entries)} functions (docs/functions.md)")
    return 0


def cmd_rules_test(args: argparse.Namespace) -> int:
    """``checker rules test``: run the cases beside the rule files; one line per rule."""
    from checker.dsl.testing import run_rule_tests

    engine = _engine_for_rules(args) if not args.paths else None
    if engine is not None:
        host, registry, functions, paths = engine.host, engine.registry, engine.functions, engine.rule_paths
    else:
        from checker.plugins.collect import plugin_functions

        host, registry = _registry(args)
        functions, paths = plugin_functions(host), [Path(p) for p in args.paths]
    report = run_rule_tests(paths, registry, functions)
    by_rule: dict[str, list[Any]] = {}
    for r in report.results:
        by_rule.setdefault(r.rule, []).append(r)
    passed = failed = 0
    for rule_id, results in by_rule.items():
        bad = [r for r in results if not r.ok]
        if bad:
            failed += 1
            print(f"FAIL {rule_id} ({results[0].file})")
            for r in bad:
                print(f"     [{r.case}] expected {r.expected}, got {r.actual}")
                print("\n".join(f"       {d}" for d in r.detail) or "", end="\n" if r.detail else "")
        else:
            passed += 1
            if not args.quiet:
                print(f"PASS {rule_id} ({len(results)} expectation{'s' if len(results) != 1 else ''})")
    for e in report.errors:
        failed += 1
        print(f"ERROR {e}")
    if report.untested:
        print("untested rules (no case expects them): " + ", ".join(report.untested))
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def cmd_rules_fmt(args: argparse.Namespace) -> int:
    """``checker rules fmt [--check] FILE…``: lay rule files out in the one layout
    (checker/lsp/fmt.py); with --check, only say which files it would change (exit 1)."""
    from checker.dsl.source import read_rule_text
    from checker.lsp.fmt import format_text

    files: list[Path] = []
    for name in args.paths:
        p = Path(name)
        files.extend(sorted(p.rglob("*.rules")) if p.is_dir() else [p])
    changed = errors = 0
    for f in files:
        try:
            text = read_rule_text(f)
            out = format_text(text, str(f))
        except CheckerError as exc:
            errors += 1
            _err(str(exc))
            continue
        if out == text:
            continue
        changed += 1
        if args.check:
            print(f"would reformat {f}")
        else:
            f.write_text(out, encoding="utf-8")
            print(f"reformatted {f}")
    verb = "would be reformatted" if args.check else "reformatted"
    print(f"{changed} file{'s' if changed != 1 else ''} {verb}, {len(files) - changed - errors} unchanged"
          + (f", {errors} with errors" if errors else ""), file=sys.stderr)
    if errors:
        return 2
    return 1 if args.check and changed else 0


def add_rules_parser(sub: Any) -> None:
    """The ``rules`` subcommand and its ``list``, ``show``, ``functions``, ``test`` and ``fmt``
    actions."""
    r = sub.add_parser("rules", help="list, show and test the rules",
                       description="The rules of the core, of every plugin and of --rules.")
    rsub = r.add_subparsers(dest="rules_command", metavar="ACTION", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        """The options every ``rules`` action takes."""
        p.add_argument("--rules", action="append", metavar="PATH", help="extra .rules file or folder")
        p.add_argument("--no-plugins", action="store_true", default=argparse.SUPPRESS,
                       help="do not load installed region plugins")

    lst = rsub.add_parser("list", help="id, severity, applies, tags, title, source of every rule")
    lst.add_argument("--format", choices=["text", "json"], default="text")
    common(lst)
    lst.set_defaults(func=cmd_rules_list)

    show = rsub.add_parser("show", help="one rule's metadata and text")
    show.add_argument("id", metavar="ID")
    common(show)
    show.set_defaults(func=cmd_rules_show)

    funcs = rsub.add_parser("functions", help="the functions a rule can call (docs/functions.md)",
                            description="Every function a rule can call — the built-ins and the "
                            "plugins' — with its arguments, what it gives and the rules that call "
                            "it. --markdown writes the one-page list docs/functions.md is.")
    funcs.add_argument("--markdown", action="store_true",
                       help="the Markdown page (docs/functions.md: run with --no-plugins)")
    common(funcs)
    funcs.set_defaults(func=cmd_rules_functions)

    test = rsub.add_parser("test", help="run the cases beside the rule files (X.rules ↔ X.cases.yaml)",
                           description="Run the cases beside each rule file; print one line per rule "
                           "and 'N passed, N failed'. Exit 1 when a rule fails its cases or a file "
                           "does not compile. Default: every rule path of the core and the plugins.")
    test.add_argument("paths", nargs="*", metavar="PATH", help="rule files, case files or folders")
    test.add_argument("-q", "--quiet", action="store_true", help="only failures and the final line")
    common(test)
    test.set_defaults(func=cmd_rules_test)

    fmt = rsub.add_parser("fmt", help="lay rule files out in the one layout (docs/lsp.md)",
                          description="Rewrite rule files in the canonical layout: indentation, "
                          "spacing, blank lines; line breaks, names and symbols stay as written. "
                          "The rules before and after are compared: nothing that changes their "
                          "meaning is written. Exit 1 with --check when a file would change, 2 "
                          "when one does not parse.")
    fmt.add_argument("paths", nargs="+", metavar="FILE", help=".rules files or folders")
    fmt.add_argument("--check", action="store_true",
                     help="write nothing; list the files that would change and exit 1 if any")
    fmt.set_defaults(func=cmd_rules_fmt)


def cmd_lsp(args: argparse.Namespace) -> int:
    """``checker lsp``: the language server of .rules files over stdio (the ``lsp`` extra)."""
    try:
        from checker.lsp.server import main as serve
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol", "cattrs"):
            raise
        _err(f"checker lsp needs pygls ({exc.name} is not installed): pip install 'budget-checker[lsp]'")
        return 2
    return serve(no_plugins=args.no_plugins)


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


# commands that neither read reports nor write findings: their parser is built without asking
# the plugins for file types and output formats (which costs the import of every plugin)
LIGHT_COMMANDS = ("schema", "cache")


def light_command(argv: list[str]) -> bool:
    """Whether ``argv`` runs a command of :data:`LIGHT_COMMANDS`, or asks for the version only."""
    command = next((a for a in argv if not a.startswith("-")), None)
    if command is None:
        return "--version" in argv and not {"-h", "--help"} & set(argv)
    return command in LIGHT_COMMANDS


def build_parser(readers: ReaderRegistry | None,
                 renderers: Mapping[str, Any] | None) -> argparse.ArgumentParser:
    """The argument parser of the whole command line; the file types it names are those of
    ``readers``, the output formats those of ``renderers`` (the core's and the plugins'). None
    (a :func:`light_command`): ``parse`` and ``check``, which name them, are left out."""
    types = f" — {readers.describe()} —" if readers is not None else ""
    parser = argparse.ArgumentParser(
        prog="checker",
        description=f"Check 部门预算/决算公开 reports{types} against rules written as data.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"checker {__version__}")
    parser.add_argument("--no-plugins", action="store_true",
                        help="do not load installed region plugins (national set only)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    if readers is not None:
        add_parse_parser(sub, readers)

    s = sub.add_parser("schema", help="print a JSON Schema: the parsed document, the findings, or "
                       "the data files a rule author or a region package writes (template, "
                       "patterns, region)")
    s.add_argument("name", nargs="?", default="document",
                   choices=["document", "findings", "template", "patterns", "region"])
    s.set_defaults(func=cmd_schema)

    g = sub.add_parser("plugins", help="list the loaded plugins and what each adds")
    g.set_defaults(func=cmd_plugins)

    if readers is not None and renderers is not None:
        add_check_parser(sub, readers, renderers)
    add_rules_parser(sub)
    add_cache_parser(sub)

    ls = sub.add_parser("lsp", help="the language server of .rules files, over stdio (docs/lsp.md)",
                        description="Speak the Language Server Protocol over stdin/stdout: "
                        "diagnostics, completion, hover, go to definition and formatting for "
                        ".rules files. Needs the lsp extra: pip install 'budget-checker[lsp]'.")
    ls.set_defaults(func=cmd_lsp)
    return parser


def _command_parser(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.ArgumentParser:
    """The parser of the (sub)command ``argv`` names — ``check``, ``rules test`` … — so that a
    mistake is reported with that command's usage, not the top level's."""
    current = parser
    for token in argv:
        subs = [a for a in current._actions if isinstance(a, argparse._SubParsersAction)]
        if subs and token in subs[0].choices:
            current = subs[0].choices[token]
    return current


def _unrecognised(parser: argparse.ArgumentParser, extra: list[str]) -> str:
    """``unrecognized arguments: --formt (did you mean --format?)``."""
    import difflib

    options = [o for a in parser._actions for o in a.option_strings]
    hints = []
    for arg in extra:
        if arg.startswith("-"):
            close = difflib.get_close_matches(arg.split("=", 1)[0], options, n=1, cutoff=0.6)
            if close:
                hints.append(f"{arg.split('=', 1)[0]}: did you mean {close[0]}?")
    return f"unrecognized arguments: {' '.join(extra)}" + (f" ({'; '.join(hints)})" if hints else "")


def _config_disables_plugins() -> bool:
    """Whether the configuration file says ``no_plugins: true`` (one that cannot be read does
    not: the command that reads it says why)."""
    from checker.config import current_config

    try:
        return current_config().no_plugins
    except CheckerError:
        return False


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``checker`` console script."""
    from checker.plugins.collect import plugin_readers
    from checker.plugins.host import load_plugins
    from checker.render.registry import renderer_registry

    argv = sys.argv[1:] if argv is None else argv
    readers = renderers = host = None
    if not light_command(argv):
        # the file types and output formats of the plugins are in the parser's --help and
        # choices; the commands use the same plugins (``_host``) instead of loading them again
        host = load_plugins(enable="--no-plugins" not in argv and not _config_disables_plugins())
        readers, renderers = plugin_readers(host), renderer_registry(host)
    parser = build_parser(readers, renderers)
    parser.set_defaults(renderers=renderers, host=host)
    args, extra = parser.parse_known_args(argv)
    if extra:
        where = _command_parser(parser, [a for a in argv if a not in extra])
        where.error(_unrecognised(where, extra))
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
    except BrokenPipeError:
        # the reader went away (``checker rules list | head``): not an error of ours; stdout is
        # pointed at /dev/null so that Python's flush at exit does not raise again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as a shell reports a command a pipe cut short


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

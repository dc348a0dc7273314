"""``checker check``: parse each report, evaluate the rules, render the findings as they arrive."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checker import __version__
from checker.cli.common import default_cache_dir, error, expand_paths, plugins_for, settings, warn
from checker.errors import CheckerError, InputError
from checker.read.registry import ReaderRegistry


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

    opts = settings(args)
    renderer = _renderer(args.renderers, opts)
    spec = CheckSpec(extra_rules=tuple(str(p) for p in opts["rules"]), select=tuple(opts["select"]),
                     ignore=tuple(opts["ignore"]), no_plugins=opts["no_plugins"], region=opts["region"],
                     cache_dir=None if args.no_cache else str(args.cache_dir or default_cache_dir()),
                     keep_passed=args.show_passed or renderer.keeps_passed,
                     with_document=args.with_document, keep_document=renderer.draws_documents)
    # rule errors and unknown --select names stop here, before any report
    engine = Engine(spec, plugins_for(args, spec.no_plugins))
    if args.previous:
        engine.spec = spec = replace(spec, previous=_previous_index(engine, args.previous),
                                     previous_given=True)
    baseline = load_baseline(opts["baseline"]) if opts["baseline"] else None
    paths, problems = expand_paths(args.files, engine.readers)
    if not args.files and not args.together:
        error("check: give a report file or folder (PATH), or --together FILE FILE …")
        return 2
    items = report_items(paths, args.together or [], pair=not args.no_pair, problems=problems,
                         parsed=engine.readers.is_parsed)
    for problem in problems:
        error(str(problem))
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
        error(str(exc))
        return 2
    if baseline is not None:
        for entry in baseline.unused(r.id for r in engine.rules):
            warn(f"{baseline.path}: baseline entry {entry.fingerprint} ({entry.rule}) matched no failure")
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
                error(fr.error)
                outcome.internal_errors += 1
            elif fr.error:
                error(fr.error)
                outcome.input_errors += 1
            for warning in fr.warnings:
                warn(warning)
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
        error(f"--previous: {problem}")
    out = []
    for p in paths:
        try:
            m = engine.load_document(p).meta
        except CheckerError as exc:
            error(f"--previous: {exc}")
            continue
        if not m.department or m.year is None:
            warn(f"--previous: {p}: its department or year was not read: left out")
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

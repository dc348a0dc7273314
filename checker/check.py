"""``checker check`` without the command line: compile once, check files, apply a baseline.

* :class:`CheckSpec` says what to check with (extra rule paths, ``--select`` / ``--ignore``,
  plugins on or off, region); it is plain data, so it can be sent to worker processes.
* :class:`Engine` builds the plugin host, the template registry and the compiled rule set from a
  spec — **once**; a :class:`~checker.dsl.parse.RuleError` or an unknown ``--select`` name is
  raised here, before any report is read. :meth:`Engine.check` parses and evaluates one report
  and never raises for a bad report: the :class:`~checker.findings.FileResult` carries the error.
* :func:`check_paths` checks many files, in parallel with ``jobs > 1`` (a process pool whose
  workers each build their own engine in the initializer; results come back in input order).
* :func:`apply_baseline` marks failures known to a baseline; :func:`exit_code` turns the
  outcome into 0 / 1 / 2.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker import plugins as plugins_mod
from checker.baseline import Baseline
from checker.dsl.compile import CompiledRule, RuleSet, compile_rules
from checker.dsl.evaluate import evaluate
from checker.dsl.parse import suggest
from checker.errors import CheckerError, InputError
from checker.findings import FileResult, Result, Status
from checker.model import Document, Source
from checker.parse.document import parse_path, read_path
from checker.read.text import RawDocument
from checker.templates.loader import TemplateRegistry

__all__ = [
    "SEVERITY_RANK",
    "CheckSpec",
    "CheckedFile",
    "Counts",
    "Engine",
    "SelectionError",
    "apply_baseline",
    "check_paths",
    "exit_code",
    "plugin_functions",
    "rule_paths",
]

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class SelectionError(CheckerError):
    """``--select`` / ``--ignore`` named a rule id or tag that no rule has."""


@dataclass(frozen=True)
class CheckSpec:
    """What to check with. Picklable: it is what each worker process receives."""

    extra_rules: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    no_plugins: bool = False
    region: str | None = None


def rule_paths(host: plugins_mod.PluginHost, extra: Iterable[str | Path] = ()) -> list[Path]:
    """Every plugin's ``checker_rule_paths()`` (the core's first), then ``extra``; no repeats."""
    found = getattr(plugins_mod, "plugin_rule_paths", None)
    out: list[Path] = []
    if found is not None:
        out.extend(found(host))
    else:
        for _name, paths in host.call("checker_rule_paths"):
            out.extend(Path(p) for p in paths)
    out.extend(Path(p) for p in extra)
    return list(dict.fromkeys(out))


def plugin_functions(host: plugins_mod.PluginHost) -> dict[str, Any]:
    """The rule-language functions every plugin adds (``checker_functions()``)."""
    found = getattr(plugins_mod, "plugin_functions", None)
    if found is not None:
        return dict(found(host))
    table: dict[str, Any] = {}
    for _name, funcs in host.call("checker_functions"):
        table.update(funcs or {})
    return table


def selection_names(ruleset: RuleSet) -> set[str]:
    """Every name ``--select`` accepts: rule ids, id prefixes before a dot, tags."""
    names: set[str] = set()
    for r in ruleset.rules:
        names.add(r.id)
        names.add(r.id.split(".")[0])
        names.update(r.tags)
    return names


def check_selection(ruleset: RuleSet, select: Iterable[str], ignore: Iterable[str]) -> None:
    """Raise :class:`SelectionError` for a name no rule has, with a suggestion."""
    known = selection_names(ruleset)
    for flag, names in (("--select", select), ("--ignore", ignore)):
        for name in names:
            if name not in known:
                hint = suggest(name, known)
                raise SelectionError(f"{flag}: no rule id or tag {name!r}"
                                     + (f"; did you mean {hint}?" if hint else ""))


class Engine:
    """Plugins, templates and compiled rules, built once; checks one report at a time."""

    def __init__(self, spec: CheckSpec) -> None:
        self.spec = spec
        self.host = plugins_mod.load_plugins(enable=not spec.no_plugins)
        self.registry: TemplateRegistry = plugins_mod.build_registry(self.host)
        self.rule_paths = rule_paths(self.host, spec.extra_rules)
        self.functions = plugin_functions(self.host)
        self.all_rules: RuleSet = compile_rules(self.rule_paths, self.registry, self.functions)
        check_selection(self.all_rules, spec.select, spec.ignore)
        self.ruleset: RuleSet = self.all_rules.select(spec.select or None, spec.ignore or None)

    @property
    def rules(self) -> list[CompiledRule]:
        """The rules that run (after ``--select`` / ``--ignore``)."""
        return self.ruleset.rules

    def table_names(self) -> dict[str, str]:
        """Table id → the name users see (``final.T03`` → ``支出决算表``)."""
        return {t.id: t.name for t in self.registry.templates}

    def parse(self, path: Path) -> Document:
        """Parse one report with the region given, or the one a plugin detects.

        Uses ``checker.plugins.parse_with_plugins`` (region detection, the region's templates,
        plugin post-parse steps) when the plugin host provides it.
        """
        with_plugins = getattr(plugins_mod, "parse_with_plugins", None)
        if with_plugins is not None:
            return with_plugins(path, self.host, self.registry, self.spec.region)
        return parse_path(path, self.registry, self.spec.region)

    def read_together(self, paths: tuple[Path, ...]) -> RawDocument | None:
        """The files of one report published as several, read as one; None when what the files
        say of themselves (department, year) does not agree: they are checked one by one."""
        from checker.pairing import same_report
        from checker.parse.meta import read_meta
        from checker.read.combine import combine

        raws = []
        for p in paths:
            if p.suffix.lower() == ".json":
                raise InputError(str(p), "a parsed JSON document cannot be read together with "
                                         "another file: give the report files")
            raws.append(read_path(p))
        metas = []
        for raw in raws:
            m = read_meta(raw.lines, raw.path)
            metas.append((m.value("department"), m.value("year")))
        return combine(raws) if same_report(metas) else None

    def check_item(self, item: Path | tuple[Path, ...]) -> list[FileResult]:
        """Check one report: a file, or the files of a report published as several (each alone
        when they turn out to be of different departments or years)."""
        if isinstance(item, Path):
            return [self.check(item)]
        name = " + ".join(str(p) for p in item)
        try:
            raw = self.read_together(item)
        except InputError as exc:
            return [FileResult(path=name, results=(), error=str(exc))]
        if raw is None:
            return [self.check(p) for p in item]
        return [self.check(Path(name), raw)]

    def check(self, path: Path, raw: RawDocument | None = None) -> FileResult:
        """Parse and evaluate one report (``raw``: its lines, already read); a report that
        cannot be read gives ``error``."""
        try:
            if raw is not None:
                from checker.plugins import parse_raw_with_plugins

                doc = parse_raw_with_plugins(raw, self.host, self.registry, self.spec.region)
            else:
                doc = self.parse(path)
        except InputError as exc:
            return FileResult(path=str(path), results=(), error=str(exc))
        except Exception as exc:  # one bad report must not stop the others
            return FileResult(path=str(path), results=(),
                              error=f"{path}: cannot be checked: {type(exc).__name__}: {exc}")
        meta = doc.meta
        try:
            results = evaluate(self.ruleset, doc, self.registry)
        except Exception as exc:
            return FileResult(path=str(path), results=(), department=meta.department,
                              year=meta.year, kind=meta.kind, region=meta.region,
                              error=f"{path}: rule evaluation failed: {type(exc).__name__}: {exc}")
        return FileResult(path=str(path), results=tuple(results), department=meta.department,
                          year=meta.year, kind=meta.kind, region=meta.region,
                          places=places_of(meta.source, results))


def places_of(source: Source, results: list[Result]) -> dict[int, str]:
    """The page (PDF) or sheet cells (workbook) of every line the results point at, with the
    file in a report of several; empty for a text report, whose line numbers are the place."""
    if source.pages is None and source.locations is None and not source.parts:
        return {}
    out: dict[int, str] = {}
    for r in results:
        for line in r.lines:
            if line not in out and (place := source.place(line)) is not None:
                out[line] = place
    return out


# ---- parallel checking: one engine per worker process, built by the initializer

_WORKER: dict[str, Engine] = {}


def _init_worker(spec: CheckSpec) -> None:
    warnings.simplefilter("ignore")  # the main process has already shown plugin warnings
    _WORKER["engine"] = Engine(spec)


def _check_in_worker(item: str | tuple[str, ...]) -> list[FileResult]:
    target = Path(item) if isinstance(item, str) else tuple(Path(p) for p in item)
    return _WORKER["engine"].check_item(target)


Item = Path | tuple[Path, ...]


def item_name(item: Item) -> str:
    """A report as the output names it: its path, or its files' paths joined by " + "."""
    return str(item) if isinstance(item, Path) else " + ".join(str(p) for p in item)


def check_paths(paths: list[Item], engine: Engine, jobs: int = 1,
                progress: Callable[[Item], None] | None = None) -> list[FileResult]:
    """Check every report (a path, or a tuple of the paths of one report published as several),
    in input order; ``jobs > 1`` uses that many worker processes."""
    if jobs <= 1 or len(paths) <= 1:
        out = []
        for p in paths:
            out.extend(engine.check_item(p))
            if progress:
                progress(p)
        return out
    results: list[list[FileResult] | None] = [None] * len(paths)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(engine.spec,)) as pool:
        futures = {pool.submit(_check_in_worker, str(p) if isinstance(p, Path)
                               else tuple(str(x) for x in p)): i for i, p in enumerate(paths)}
        for fut in as_completed(futures):
            i = futures[fut]
            try:
                results[i] = fut.result()
            except Exception as exc:  # a worker died: name the file, go on
                name = item_name(paths[i])
                results[i] = [FileResult(path=name, results=(), error=f"{name}: worker failed: {exc}")]
            if progress:
                progress(paths[i])
    return [r for rs in results if rs is not None for r in rs]


# ---- what the renderers and the exit code look at


@dataclass(frozen=True)
class Counts:
    """Results by status; ``failed`` excludes the baselined failures."""

    passed: int = 0
    failed: int = 0
    baselined: int = 0
    not_evaluated: int = 0
    not_applicable: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.passed + other.passed, self.failed + other.failed,
                      self.baselined + other.baselined, self.not_evaluated + other.not_evaluated,
                      self.not_applicable + other.not_applicable)

    def text(self) -> str:
        """``N passed, N failed, N not evaluated, N not applicable`` (+ ``, N baselined``)."""
        out = (f"{self.passed} passed, {self.failed} failed, {self.not_evaluated} not evaluated, "
               f"{self.not_applicable} not applicable")
        if self.baselined:
            out += f", {self.baselined} baselined"
        return out


@dataclass
class CheckedFile:
    """One file's results plus the failures a baseline accepts (fingerprint → reason)."""

    result: FileResult
    baselined: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> str:
        """The report path as given."""
        return self.result.path

    @property
    def error(self) -> str | None:
        """Why the file could not be checked, or None."""
        return self.result.error

    def is_baselined(self, r: Result) -> bool:
        """True for a failure the baseline accepts."""
        return r.status is Status.FAILED and r.fingerprint in self.baselined

    def counts(self) -> Counts:
        """Results of this file by status."""
        c = {s: 0 for s in Status}
        base = 0
        for r in self.result.results:
            if self.is_baselined(r):
                base += 1
            else:
                c[r.status] += 1
        return Counts(c[Status.PASSED], c[Status.FAILED], base, c[Status.NOT_EVALUATED],
                      c[Status.NOT_APPLICABLE])


def apply_baseline(results: list[FileResult], baseline: Baseline | None) -> list[CheckedFile]:
    """Wrap results, marking the failures the baseline knows."""
    out: list[CheckedFile] = []
    for fr in results:
        marked: dict[str, str] = {}
        if baseline is not None:
            for r in fr.results:
                if r.status is Status.FAILED:
                    entry = baseline.match(r.fingerprint, r.rule)
                    if entry is not None:
                        marked[r.fingerprint] = entry.reason
        out.append(CheckedFile(fr, marked))
    return out


def failing(files: Iterable[CheckedFile], fail_on: str) -> list[Result]:
    """Failures (not baselined) at or above ``fail_on`` (``never``: none)."""
    if fail_on == "never":
        return []
    floor = SEVERITY_RANK[fail_on]
    return [r for f in files for r in f.result.results
            if r.status is Status.FAILED and not f.is_baselined(r)
            and SEVERITY_RANK.get(r.severity, 2) >= floor]


def exit_code(files: list[CheckedFile], fail_on: str, input_errors: int = 0) -> int:
    """2 when an input could not be read; else 1 when a failure is at or above ``fail_on``; else 0."""
    if input_errors or any(f.error for f in files):
        return 2
    return 1 if failing(files, fail_on) else 0

"""``checker check`` without the command line: compile once, check files, apply a baseline.

* :class:`CheckSpec` says what to check with (extra rule paths, ``--select`` / ``--ignore``,
  plugins on or off, region); it is plain data, so it can be sent to worker processes.
* :class:`Engine` builds the plugin host, the template registry and the compiled rule set from a
  spec — **once**; a :class:`~checker.dsl.parse.RuleError` or an unknown ``--select`` name is
  raised here, before any report is read. :meth:`Engine.check` parses and evaluates one report
  and never raises for a bad report: the :class:`~checker.findings.FileResult` carries the error.
* Many reports are checked by :mod:`checker.executors` (this process, a process pool, Dask),
  which builds on this module (never the other way round).
* :func:`apply_baseline` marks failures known to a baseline; :func:`exit_code` turns the
  outcome into 0 / 1 / 2.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from checker import __version__, kept
from checker.baseline import Baseline
from checker.cache import Cache, hash_files
from checker.cache_entry import read_entry, remove_entry, write_entry
from checker.crash import internal_error_message
from checker.dsl.compile import compile_bodies, compile_rules
from checker.dsl.evaluate import evaluate
from checker.dsl.ir import CompiledRule, RuleSet, id_prefixes
from checker.dsl.source import grammar_path, suggest
from checker.errors import CheckerError, InputError
from checker.excerpt import excerpt_of
from checker.findings import FileResult, Result, Status
from checker.labels import norm
from checker.model import KIND_NAMES, Document, Meta, Source
from checker.plugins.collect import plugin_functions, plugin_readers, plugin_rule_paths
from checker.plugins.host import PluginHost, load_plugins
from checker.plugins.pipeline import parse_raw_with_plugins, parse_with_plugins
from checker.plugins.replacements import apply_replacements
from checker.plugins.templates import build_registry
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
    "exit_code",
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
    # the incremental cache folder (checker/cache.py); None: no cache
    cache_dir: str | None = None
    # keep the passed and not-applicable results (--show-passed, JUnit); else they are counted
    keep_passed: bool = True
    # give each result its parsed document (--with-document)
    with_document: bool = False
    # give each result the parsed Document object (FileResult.document: --format html)
    keep_document: bool = False
    # last year's reports (checker check --previous): (department, year, kind, path) of each;
    # a report's previous is the one of its department, kind and year − 1 (prev() in rules)
    previous: tuple[tuple[str, int, str, str], ...] = ()
    previous_given: bool = False


def rule_paths(host: PluginHost, extra: Iterable[str | Path] = ()) -> list[Path]:
    """Every plugin's ``checker_rule_paths()`` (the core's first), then ``extra``; no repeats."""
    return list(dict.fromkeys([*plugin_rule_paths(host), *(Path(p) for p in extra)]))


def selection_names(ruleset: RuleSet) -> set[str]:
    """Every name ``--select`` accepts: rule ids, their prefixes ending before a dot, tags."""
    names: set[str] = set()
    for r in ruleset.rules:
        names |= id_prefixes(r.id)
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


HEADS_FOLDER = "rules"


def load_heads(entry: Path) -> list[CompiledRule] | None:
    """The rule heads kept in ``entry`` (None: none, or not to be trusted: removed)."""
    value, problem = read_entry(entry)
    if isinstance(value, list) and all(isinstance(r, CompiledRule) for r in value):
        return value
    if problem is not None or value is not None:
        remove_entry(entry)
    return None


def store_heads(entry: Path, rules: list[CompiledRule]) -> None:
    """Keep what the output needs of each compiled rule, its body (closures) left out: a run
    whose reports are all in the result cache then needs no compiling."""
    write_entry(entry, [replace(r, body=[]) for r in rules])


class Engine:
    """Plugins, templates and compiled rules, built once; checks one report at a time. With a
    cache whose rule heads match (:func:`load_heads`), a rule is compiled only when a report the
    cache does not hold is evaluated and the rule applies to it (:meth:`rules_for`); otherwise
    all at once, so that rule errors stop here."""

    def __init__(self, spec: CheckSpec, host: PluginHost | None = None) -> None:
        """Build from ``spec``; ``host``: the plugins already loaded as ``spec.no_plugins`` asks
        (the command line's), else they are loaded here (a worker process builds from the spec
        alone)."""
        self.spec = spec
        self.host = host if host is not None else load_plugins(enable=not spec.no_plugins)
        cache = Path(spec.cache_dir) if spec.cache_dir else None
        kept.use(cache)  # compiled patterns and read data files (written by the caller: kept.save)
        self.registry: TemplateRegistry = build_registry(self.host, cache)
        self.rule_paths = rule_paths(self.host, spec.extra_rules)
        self.functions = plugin_functions(self.host)
        self.readers = plugin_readers(self.host)
        self._all_rules: RuleSet | None = None
        self._ruleset: RuleSet | None = None
        self._heads: list[CompiledRule] | None = None
        self._bodies: dict[str, CompiledRule] = {}  # id → a cached head with its body compiled
        self.cache: Cache | None = None
        if spec.cache_dir:
            self.cache = Cache(Path(spec.cache_dir), self.parser_key(), self.rules_key(),
                               variant="" if spec.keep_passed else "-c")
            self._heads = load_heads(self._heads_entry())
        if self._heads is None:  # rule errors and unknown --select names stop here
            self._compile()

    def _heads_entry(self) -> Path:
        """Where the heads of the rules compiled with this checker, these rule files (their
        paths too: a rule's source is one) and this selection are kept."""
        assert self.cache is not None
        files = [str(f) for p in self.rule_paths
                 for f in ([p] if p.is_file() else sorted(p.rglob("*.rules")))]
        key = hash_files([], f"{self.cache.parser_key}|{self.cache.rules_key}|{files}")
        return self.cache.folder / HEADS_FOLDER / f"heads-{key}.pkl"

    def _compile(self) -> RuleSet:
        """Compile the rules (once) and check the selection; keep their heads in the cache."""
        if self._ruleset is None:
            spec = self.spec
            self._all_rules = apply_replacements(self.host, compile_rules(
                self.rule_paths, self.registry, self.functions,
                cache=Path(spec.cache_dir) if spec.cache_dir else None))
            check_selection(self._all_rules, spec.select, spec.ignore)
            self._ruleset = self._all_rules.select(spec.select or None, spec.ignore or None)
            if self.cache is not None and self._heads is None:
                store_heads(self._heads_entry(), self._ruleset.rules)
        return self._ruleset

    def rules_for(self, meta: Meta) -> RuleSet:
        """The rules to evaluate on a report with this meta. Compiled all at once, they are the
        :attr:`ruleset`; while only the heads are (from the cache), the rules that apply to the
        report get their bodies (compiled once, :func:`~checker.dsl.compile.compile_bodies`)
        and the others stay heads: a rule that does not apply is not applicable before its body
        would run (``checker.dsl.evaluate.evaluate_rule``)."""
        if self._ruleset is not None or self._heads is None:
            return self.ruleset
        wanted = [h for h in self._heads
                  if h.id not in self._bodies and h.applies.reason_not_applicable(meta) is None]
        if wanted:
            for rule in compile_bodies(wanted, self.registry, self.functions,
                                       cache=Path(self.spec.cache_dir) if self.spec.cache_dir else None):
                self._bodies[rule.id] = rule
        return RuleSet([self._bodies.get(h.id, h) for h in self._heads])

    @property
    def all_rules(self) -> RuleSet:
        """Every compiled rule, before ``--select`` / ``--ignore`` (compiled on first use)."""
        self._compile()
        assert self._all_rules is not None
        return self._all_rules

    @property
    def ruleset(self) -> RuleSet:
        """The compiled rules that run (compiled on first use: a run whose every report the
        cache holds compiles none)."""
        return self._compile()

    def parser_key(self) -> str:
        """A hash of everything that decides how a report is read: the checker's version, the
        code and data of its readers, parser and templates, the plugins in force (their code
        and data, rule files aside) and ``--region``."""
        root = Path(__file__).parent
        skip = {"dsl", "render", "cli"}
        files = [p for p in root.rglob("*") if p.suffix in (".py", ".yaml", ".json")
                 and not skip & set(p.relative_to(root).parts)
                 and p.relative_to(root).as_posix() not in (
                     "check.py", "cache.py", "baseline.py", "config.py")]
        files += [Path(t.source) for t in self.registry.templates if t.source]
        files += [p for p in self._plugin_files() if p.suffix != ".rules"
                  and "rules" not in p.parts[-2:-1]]
        return hash_files(files, f"{__version__}|{self.spec.region}|{','.join(self.host.names())}")

    def rules_key(self) -> str:
        """A hash of what decides the results on a document: the rule language's code, every
        rule file's text, the plugins' code (their functions) and ``--select`` / ``--ignore``."""
        root = Path(__file__).parent
        files = [*(root / "dsl").rglob("*.py"), root / "findings.py"]
        for p in self.rule_paths:
            files += [p] if p.is_file() else list(p.rglob("*.rules"))
        files += [p for p in self._plugin_files() if p.suffix == ".py"]
        files.append(grammar_path())
        return hash_files(files, f"{__version__}|{self.spec.select}|{self.spec.ignore}")

    def _plugin_files(self) -> list[Path]:
        out: list[Path] = []
        for _name, _version, module in self.host.loaded:
            where = getattr(module, "__file__", None)
            if where and Path(where).parent != Path(__file__).parent:
                out += [p for p in Path(where).parent.rglob("*") if p.is_file()
                        and p.suffix in (".py", ".yaml", ".rules", ".json")]
        return out

    @property
    def rules(self) -> list[CompiledRule]:
        """The rules that run (after ``--select`` / ``--ignore``): compiled, or, while none had
        to be, their heads from the cache (every field but the body)."""
        if self._ruleset is None and self._heads is not None:
            return self._heads
        return self.ruleset.rules

    def table_names(self) -> dict[str, str]:
        """Table id → the name users see (``final.T03`` → ``支出决算表``)."""
        return {t.id: t.name for t in self.registry.templates}

    def parse(self, path: Path) -> Document:
        """Parse one report with the region given, or the one a plugin detects
        (``checker.plugins.pipeline.parse_with_plugins``: region detection, the region's
        templates, plugin post-parse steps)."""
        return parse_with_plugins(path, self.host, self.registry, self.spec.region)

    def read_together(self, paths: tuple[Path, ...]) -> RawDocument | None:
        """The files of one report published as several, read as one; None when what the files
        say of themselves (department, year) does not agree: they are checked one by one."""
        from checker.pairing import same_report
        from checker.parse.meta import read_meta
        from checker.read.combine import combine

        raws = []
        for p in paths:
            if self.readers.is_parsed(p):
                raise InputError(str(p), "a parsed JSON document cannot be read together with "
                                         "another file: give the report files")
            raws.append(self.readers.read(p))
        metas = []
        for raw in raws:
            m = read_meta(raw.lines, raw.path)
            metas.append((m.value("department"), m.value("year")))
        return combine(raws) if same_report(metas) else None

    def cached(self, item: Path | tuple[Path, ...]) -> list[FileResult] | None:
        """The results of a report the cache already holds, without reading it (None: not
        cached, or a report of several files, whose pairing is decided when they are read)."""
        if (self.cache is None or not isinstance(item, Path) or self.spec.with_document
                or self.spec.previous_given or self.readers.is_parsed(item)):
            return None
        try:
            content = self.cache.content_key((item,))
        except OSError:
            return None
        hit = self._hit(content, item.name, str(item))
        return None if hit is None else [hit]

    def _hit(self, content: str, name: str, path: str) -> FileResult | None:
        """The cached results of these bytes; for an output that draws the document, with where
        the cached document is (``FileResult.cache_key``: it is loaded by
        :meth:`document_for` only if the output needs it — the HTML output may hold the page)."""
        assert self.cache is not None
        hit = self.cache.get_result(content, name, path)
        if hit is None or not self.spec.keep_document:
            return hit
        return replace(hit, cache_key=(content, name))

    def document_for(self, result: FileResult) -> Document | None:
        """The parsed document of a result: its own, else the cached one (``cache_key``), else
        the report parsed again; None when none can be had (the output then draws no table)."""
        if result.document is not None:
            return result.document
        if result.cache_key is not None:
            doc = self._cached_document(*result.cache_key, result.path)
            if doc is not None:
                return doc
        path = Path(result.path)
        if " + " in result.path or not path.is_file():
            return None
        try:
            return self.load_document(path)
        except InputError:
            return None

    def load_document(self, path: Path) -> Document:
        """One report parsed, through the document cache (an InputError when it cannot be)."""
        content = None
        if self.cache is not None and not self.readers.is_parsed(path):
            try:
                content = self.cache.content_key((path,))
            except OSError:
                content = None
        doc = self._cached_document(content, path.name, str(path))
        if doc is None:
            doc = self.parse(path)
            if content is not None and self.cache is not None:
                self.cache.put_document(content, path.name, doc)
        return doc

    def _cached_document(self, content: str | None, name: str | None, path: str) -> Document | None:
        """The document the cache keeps for these bytes, its path set to ``path``, or None."""
        if content is None or name is None or self.cache is None:
            return None
        doc = self.cache.get_document(content, name)
        if doc is not None:
            doc.meta.source.path = path
        return doc

    def previous_of(self, doc: Document) -> tuple[Document | None, str | None]:
        """Last year's report of the document's department among ``--previous`` (same
        department, kind, year − 1), or None and why (None: no previous reports were given)."""
        if not self.spec.previous_given:
            return None, None
        m = doc.meta
        kind = KIND_NAMES.get(m.kind or "", "report")
        if not m.department or m.year is None:
            return None, ("its department or year was not read, so last year's report cannot "
                          "be found")
        wanted = (department_key(m.department), m.year - 1, m.kind or "")
        found = [p for d, y, k, p in self.spec.previous if (d, y, k) == wanted]
        if not found:
            return None, (f"no {kind} of {m.department} for {m.year - 1} among the "
                          f"{len(self.spec.previous)} previous reports given (--previous)")
        if len(found) > 1:
            return None, (f"{len(found)} reports of {m.department} for {m.year - 1} among the "
                          f"previous reports ({', '.join(found)}): which one is last year's?")
        try:
            return self.load_document(Path(found[0])), None
        except InputError as exc:
            return None, f"last year's report cannot be read: {exc}"

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
        return [self.check(Path(name), raw, files=item)]

    def check(self, path: Path, raw: RawDocument | None = None,
              files: tuple[Path, ...] | None = None) -> FileResult:
        """Parse and evaluate one report (``raw``: its lines, already read, from ``files``); a
        report that cannot be read gives ``error``. With a cache, a report whose bytes, parser
        and rules are unchanged is neither parsed nor evaluated again."""
        files = files or (path,)
        content = name = None
        if self.cache is not None and not self.readers.is_parsed(path):
            try:
                content = self.cache.content_key(files)
                name = " + ".join(p.name for p in files)
            except OSError:
                content = None  # unreadable: the reader says why below
            if (content is not None and name is not None and not self.spec.with_document
                    and not self.spec.previous_given):  # results depend on last year's report too
                hit = self._hit(content, name, str(path))
                if hit is not None:
                    return hit
        doc = self._cached_document(content, name, str(path))
        parsed = doc is None
        try:
            if doc is not None:
                pass
            elif raw is not None:
                doc = parse_raw_with_plugins(raw, self.host, self.registry, self.spec.region)
            else:
                doc = self.parse(path)
        except InputError as exc:
            return FileResult(path=str(path), results=(), error=str(exc))
        except Exception as exc:  # a bug (readers turn a bad file into an InputError)
            return FileResult(path=str(path), results=(), internal=True,
                              error=internal_error_message(exc, str(path), "reading it",
                                                           self.spec.cache_dir))
        if parsed and content is not None and name is not None and self.cache is not None:
            self.cache.put_document(content, name, doc)
        meta = doc.meta
        previous, previous_why = self.previous_of(doc)
        try:
            results = evaluate(self.rules_for(meta), doc, self.registry, previous, previous_why)
        except Exception as exc:  # a bug: a rule's trouble with a report is NotEvaluated
            return FileResult(path=str(path), results=(), department=meta.department,
                              year=meta.year, kind=meta.kind, region=meta.region, internal=True,
                              error=internal_error_message(exc, str(path), "evaluating the rules",
                                                           self.spec.cache_dir))
        out = FileResult(path=str(path), results=tuple(results), department=meta.department,
                         year=meta.year, kind=meta.kind, region=meta.region,
                         places=places_of(meta.source, results), template=meta.template,
                         warnings=report_warnings(path, doc), excerpt=excerpt_of(doc, results))
        if not self.spec.keep_passed:
            out = out.compact()
        if (content is not None and name is not None and self.cache is not None
                and not self.spec.previous_given):
            self.cache.put_result(content, name, doc, out)
        if self.spec.with_document:
            out = replace(out, parsed=doc.to_json())
        if self.spec.keep_document:
            out = replace(out, document=doc, cache_key=(content, name) if content and name else None)
        return out


def department_key(department: str) -> str:
    """A department's name as reports of different years are paired by: width, brackets and
    spaces folded (``checker.labels.norm``)."""
    return norm(department)


def report_warnings(path: Path, doc: Document) -> tuple[str, ...]:
    """What ``checker check`` warns about a report on stderr: a region recognised by the region
    files the core knows whose plugin is not installed (its rules did not run)."""
    m = doc.meta
    if not m.region_missing:
        return ()
    how = (m.region_detected_by or "").removeprefix("not detected: ").removesuffix(
        "; national rules only")
    return (f"{path}: {how}: checked with the national rules only",)


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
        for status, n in self.result.omitted:
            c[Status(status)] += n
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

"""Rule tests: run rules on small documents and compare with the expected outcomes.

In the spirit of ``semgrep --test``: a rule file ``X.rules`` is tested by ``X.cases.yaml``
(or ``.yml`` / ``.json``) beside it::

    cases:
      - name: 合计等于各列之和
        meta: {kind: final, year: 2024, department: 某局, region: QH}   # optional
        tables:
          支出决算表:                       # table name, alias or id
            columns: [本年支出合计, 基本支出, 项目支出]   # optional: default all template columns
            rows:
              - [合计, 100.00, 60.00, 40.00]        # label (or code) then values, in column order
              - [208 社会保障和就业支出, 100.00, 60.00, 40.00]   # "code label"
              - {label: 其他, code: '229', 本年支出合计: 1.5}      # or a mapping by column
              - {label: 办公费, 本年支出合计: 1.5, texts: {类: 商品和服务支出}}   # + text cells
          收入支出决算总表:
            rows:
              - [本年收入合计, 775.38]              # fixed rows: side and columns from the template
          一般公共预算财政拨款基本支出决算明细表: {empty: true, notes: [本表无数据]}
          国有资本经营预算财政拨款支出决算表: {listed_only: true}
          项目支出绩效自评表#2: {subject: 某项目, rows: […]}   # a second table of a template
          支出决算表: {unit: 元, rows: […]}        # the unit printed (万元 unless said; ~ for none)
        sections:                           # optional: narrative headings (title, text)
          - {title: 一、收入支出决算总体情况说明, text: 2024 年度收、支总计均为 775.38 万元。}
          - {title: 某项目支出绩效自评报告, level: 1, end_line: 99}   # a part spanning the facts
        facts:                              # optional: narrative facts, as the parser gives them
          - {name: 收入总计, value: 775.38, section: 说明.总体}       # unit 万元 by default
          - {name: 占比, value: 96.21%, group: 1, attrs: {基数: 本年支出合计}}  # % → a percentage
          - {name: 金额, value: 5.08, unit: 元, label: 工会经费}
        previous:                           # optional: last year's report (cross-year
          meta: {kind: final, year: 2023}   # rules, prev(…)): a document like this one;
          facts: […]                        # previous: none — given, but not this one's
        expect:
          T07: passed                         # overall outcome of the rule in this case
          T08: {passed: 3, failed: 1}         # or exact counts per status

Fixed rows of a template (收支总表 rows such as 上级补助收入) that a case leaves out are added
as printed blank, as the parser finds them in a real report.
Values are read as printed text — ``100.00`` keeps its two decimals (YAML numbers are not
turned into floats); ``~``, ``""`` or ``-`` is a blank cell; ``96.50%`` is a percentage.
Each row gets its own line number (in order), so findings point somewhere.

A rule's *overall outcome* is ``failed`` if any instance failed, else ``not_evaluated`` if any
was not evaluated, else ``not_applicable`` if every instance was, else ``passed``.

:func:`run_rule_tests` takes files or folders and returns a :class:`RuleTestReport`; the CLI's
``checker rules test`` and plugin test suites call it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from checker.dsl.ir import RuleSet
from checker.dsl.source import RuleError, suggest
from checker.errors import CheckerError, InputError
from checker.findings import Result, Status
from checker.model import (
    Cell,
    Column,
    Document,
    Fact,
    ListedTable,
    Meta,
    Note,
    Number,
    Row,
    Section,
    Source,
    Table,
)
from checker.parse.fields import parse_number
from checker.parse.indicator import read_indicator_rows
from checker.parse.patterns import assign_section_keys, national_patterns
from checker.parse.readings import read_fact_readings
from checker.parse.segment import report_subject
from checker.templates.loader import Template, TemplateRegistry, load_core_templates

__all__ = ["CaseResult", "RuleCase", "RuleTestReport", "build_document", "load_cases", "outcome",
           "run_case", "run_rule_tests"]

CASE_SUFFIXES = (".cases.yaml", ".cases.yml", ".cases.json")


class _TextLoader(yaml.SafeLoader):
    """YAML without int/float resolution: every number stays the text it was written as."""


_TextLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text, parse_float=str, parse_int=str)
    return yaml.load(text, Loader=_TextLoader)


class _Lines:
    def __init__(self) -> None:
        self.n = 0

    def next(self) -> int:
        self.n += 1
        return self.n


def _cell(value: Any, line: int, where: str) -> Cell:
    if value is None or str(value).strip() in ("", "-", "—"):
        return Cell(None, line, "")
    text = str(value).strip()
    number = parse_number(text, line)
    if number is None:
        raise InputError(where, f"not a number: {text!r}", line)
    return Cell(number, line, text)


def _row(data: Any, template: Template | None, columns: list[str], lines: _Lines,
         where: str) -> Row:
    line = lines.next()
    side = None
    code = None
    if isinstance(data, list):
        if not data:
            raise InputError(where, "empty row")
        head, values = str(data[0]).strip(), data[1:]
        label = head
        if head.split(" ", 1)[0].isdigit():
            code, _, rest = head.partition(" ")
            label = rest.strip() or code
        cells_by_name: dict[str, Any] = {}
        texts: dict[str, str] = {}
        key_override = None
    elif isinstance(data, dict):
        d = dict(data)
        label = str(d.pop("label", d.get("code", "")))
        code = str(d.pop("code")) if d.get("code") is not None else None
        side = d.pop("side", None)
        key_override = d.pop("key", None)
        texts = {str(k): str(v) for k, v in (d.pop("texts", {}) or {}).items()}
        cells_by_name = dict(d.pop("cells", {}) or {})
        cells_by_name.update(d)
        values = []
    else:
        raise InputError(where, f"a row is a list or a mapping, not {data!r}")
    spec = template.row(label) if template is not None and not code else None
    if spec is not None:
        side = side or spec.side
        code = code or spec.code
    key = key_override or (spec.key if spec else (code or label))
    row = Row(label=label, key=key, line=line, code=code, code_printed=code, side=side)
    if values:
        cols = columns
        if template is not None and side is not None:
            cols = [c.key for c in template.side_columns(side) if c.key in columns] or columns
        if len(values) > len(cols):
            raise InputError(where, f"row {label!r} has {len(values)} values for {len(cols)} columns",
                             line)
        for key_, v in zip(cols, values, strict=False):
            row.cells[key_] = _cell(v, line, where)
    for name, v in cells_by_name.items():
        colkey = name
        if template is not None:
            spec_c = template.column(str(name), side) or template.column(str(name))
            if spec_c is None:
                raise InputError(where, f"table {template.name} has no column {name!r}", line)
            colkey = spec_c.key
        row.cells[colkey] = _cell(v, line, where)
    for name, text in texts.items():
        row.cells[name] = Cell(None, line, text)
    return row


def build_document(data: dict[str, Any], registry: TemplateRegistry, where: str = "<case>") -> Document:
    """Build a Document from a compact case fragment (see the module docstring)."""
    meta_d = dict(data.get("meta") or {})
    year = meta_d.get("year")
    meta = Meta(
        source=Source(path=where, format="case", sha256="", lines=0),
        department=meta_d.get("department"),
        year=int(year) if year is not None else None,
        kind=meta_d.get("kind", "final"),
        region=meta_d.get("region"),
    )
    doc = Document(meta=meta)
    lines = _Lines()
    for name, tdata in (data.get("tables") or {}).items():
        tdata = tdata or {}
        # "项目支出绩效自评表#2": a second table of the same template (a 绩效自评表 per project)
        lookup = str(name).split("#", 1)[0]
        template = registry.by_name(lookup, meta.kind) or registry.by_name(lookup)
        if template is None and not tdata.get("id"):
            raise InputError(where, f"unknown table {name!r}"
                             + (f"; did you mean {s}?" if (s := suggest(str(name), registry.all_names()))
                                else ""))
        tid = template.id if template is not None else str(tdata["id"])
        title_line = lines.next()
        col_names = [str(c) for c in tdata.get("columns") or []]
        if template is not None:
            if col_names:
                resolved = []
                for c in col_names:
                    spec = template.column(c)
                    if spec is None:
                        raise InputError(where, f"table {template.name} has no column {c!r}")
                    resolved.append(spec)
            else:
                resolved = list(template.columns)
            columns = [Column(c.key, c.key, c.col_no, c.exact) for c in resolved]
        else:
            columns = [Column(c, c) for c in col_names]
        keys = [c.key for c in columns]
        table = Table(
            id=tid,
            title=str(tdata.get("title", template.name if template else name)),
            line=title_line,
            end_line=title_line,
            columns=columns,
            empty=bool(tdata.get("empty", False)),
            listed_only=bool(tdata.get("listed_only", False)),
            subject=str(tdata["subject"]) if tdata.get("subject") else None,
            unit=str(tdata.get("unit", "万元")) if tdata.get("unit", "万元") else None,
        )
        for r in tdata.get("rows") or []:
            table.rows.append(_row(r, template, keys, lines, where))
        if template is not None and table.rows and not table.empty:
            # A parsed table holds every fixed row its template prints; in a case, a fixed row
            # left out is one printed blank (so cases need not list twenty blank rows).
            present = {(r.key, r.side) for r in table.rows}
            for spec in template.rows:
                if (spec.key, spec.side) not in present:
                    line = lines.next()
                    table.rows.append(Row(
                        label=spec.key, key=spec.key, line=line, code=spec.code, side=spec.side,
                        cells={c.key: Cell(None, line) for c in template.side_columns(spec.side)
                               if c.key in keys},
                    ))
        for n in tdata.get("notes") or []:
            table.notes.append(Note(str(n), lines.next()))
        table.end_line = lines.n
        doc.tables.append(table)
    for s in data.get("sections") or []:
        line = lines.next()
        # end_line: the section spans the lines up to it (a 自评报告 holding the facts after it)
        doc.sections.append(Section(title=str(s.get("title", "")), level=int(s.get("level", 2)),
                                    line=line, end_line=int(s.get("end_line", line)),
                                    text=str(s.get("text", "")),
                                    report=report_subject(str(s.get("title", "")))))
    read_indicator_rows(doc.tables)
    assign_section_keys(doc.sections, national_patterns())
    for f in data.get("facts") or []:
        doc.facts.append(_fact(f, lines.next(), where))
    # a case's facts get their 其中 lists, reasons and change breakdowns as a parsed report's do
    read_fact_readings(doc, national_patterns())
    for lt in data.get("listed") or []:
        doc.listed_tables.append(ListedTable(title=str(lt.get("title", "")), line=lines.next(),
                                             table_id=lt.get("table_id"),
                                             empty_declared=lt.get("empty_declared"),
                                             empty_reason=lt.get("empty_reason")))
    return doc


def _fact(data: Any, line: int, where: str) -> Fact:
    """A narrative fact of a case: ``{name, value, unit, section, label, group, attrs, sentence}``
    (and ``pattern``: "statements" for a statement without a figure, as the parser gives it)."""
    if not isinstance(data, dict) or "name" not in data or "value" not in data:
        raise InputError(where, f"a fact is a mapping with name and value, not {data!r}", line)
    text = str(data["value"]).strip()
    percent = text.endswith(("%", "％"))
    number = parse_number(text.rstrip("%％"), line)
    if number is None:
        raise InputError(where, f"fact {data['name']}: not a number: {text!r}", line)
    number = Number(number.value, number.decimals, text.rstrip("%％"), line, percent)
    unit = data.get("unit", "%" if percent else "万元")
    group = data.get("group")
    return Fact(str(data["name"]), number, None if unit in (None, "", "none") else str(unit),
                str(data.get("sentence", "")), int(data.get("line", line)),
                str(data.get("pattern", "case")),
                section=data.get("section"), label=data.get("label"),
                group=int(group) if group is not None else None,
                attrs={str(k): str(v) for k, v in (data.get("attrs") or {}).items()})


def outcome(results: Iterable[Result]) -> str:
    """The overall outcome of one rule's results (see the module docstring)."""
    statuses = {r.status for r in results}
    if not statuses:
        return "no results"
    if Status.FAILED in statuses:
        return "failed"
    if Status.NOT_EVALUATED in statuses:
        return "not_evaluated"
    if statuses == {Status.NOT_APPLICABLE}:
        return "not_applicable"
    return "passed"


@dataclass
class CaseResult:
    """One expectation of one case: what was expected, what happened."""

    file: str
    case: str
    rule: str
    expected: str
    actual: str
    ok: bool
    detail: list[str] = field(default_factory=list)


@dataclass
class RuleTestReport:
    """All expectations checked, errors met, and rules no case tests."""

    results: list[CaseResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    untested: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every expectation held and nothing failed to load."""
        return not self.errors and all(r.ok for r in self.results)

    @property
    def passed(self) -> int:
        """Expectations that held."""
        return sum(r.ok for r in self.results)

    @property
    def failed(self) -> int:
        """Expectations that did not hold."""
        return sum(not r.ok for r in self.results)

    def to_text(self) -> str:
        """A human summary: failures with details, errors, untested rules, counts."""
        out: list[str] = []
        for r in self.results:
            if not r.ok:
                out.append(f"FAIL {r.file} [{r.case}] {r.rule}: expected {r.expected}, got {r.actual}")
                out.extend(f"     {d}" for d in r.detail)
        out.extend(f"ERROR {e}" for e in self.errors)
        if self.untested:
            out.append("untested rules: " + ", ".join(self.untested))
        out.append(f"{self.passed} passed, {self.failed} failed, {len(self.errors)} errors")
        return "\n".join(out)

    def to_json(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "ok": self.ok,
            "passed": self.passed,
            "failed": self.failed,
            "errors": self.errors,
            "untested": self.untested,
            "results": [vars(r) for r in self.results],
        }


def _cases_for(rules_path: Path) -> Path | None:
    base = rules_path.with_suffix("")
    for suffix in CASE_SUFFIXES:
        p = base.with_name(base.name + suffix)
        if p.is_file():
            return p
    return None


def _rule_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(p.rglob("*.rules")))
        elif any(p.name.endswith(s) for s in CASE_SUFFIXES):
            stem = p.name
            for s in CASE_SUFFIXES:
                stem = stem.removesuffix(s)
            out.append(p.with_name(stem + ".rules"))
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def _check(expect: Any, results: list[Result]) -> tuple[str, str, bool]:
    actual = outcome(results)
    if isinstance(expect, dict):
        counts = {s.value: sum(r.status is s for r in results) for s in Status}
        want = {str(k): int(v) for k, v in expect.items()}
        got = {k: counts.get(k, 0) for k in want}
        ok = all(k in counts for k in want) and got == want
        return (", ".join(f"{k}: {v}" for k, v in want.items()),
                ", ".join(f"{k}: {v}" for k, v in counts.items() if v), ok)
    expected = str(expect)
    return expected, actual, expected == actual


@dataclass(frozen=True)
class RuleCase:
    """One case of a cases file, with the rule file it tests (a pytest item per case:
    ``checker.plugin_testing.rule_case_params``)."""

    rules: Path
    cases: Path
    name: str
    data: dict[str, Any]

    @property
    def id(self) -> str:
        """``final.rules::T07 合计`` — what a test report names the case by."""
        return f"{self.rules.name}::{self.name}"


def load_cases(rules_path: Path) -> list[RuleCase]:
    """The cases beside a rule file (none when it has no cases file); :class:`CheckerError`
    when the cases file cannot be read."""
    cases_path = _cases_for(rules_path)
    if cases_path is None:
        return []
    try:
        data = _load(cases_path) or {}
    except (OSError, yaml.YAMLError, json.JSONDecodeError) as exc:
        raise CheckerError(f"{cases_path}: cannot read cases: {exc}") from None
    return [RuleCase(rules_path, cases_path, str(case.get("name", f"case {i}")), case)
            for i, case in enumerate(data.get("cases") or [], 1)]


def run_case(case: RuleCase, ruleset: RuleSet, registry: TemplateRegistry
             ) -> tuple[list[CaseResult], list[str]]:
    """Evaluate one case's document with the rules of its file: one :class:`CaseResult` per
    expectation, and the errors met (a document that cannot be built, an unknown rule id)."""
    try:
        doc = build_document(case.data, registry, str(case.cases))
        previous = case.data.get("previous")
        prev_doc = (build_document(previous, registry, f"{case.cases} previous")
                    if isinstance(previous, dict) else None)
    except CheckerError as exc:
        return [], [f"{case.cases} [{case.name}]: {exc}"]
    # previous: the case's last-year report; "none" (a string): previous reports were given,
    # none is this one's; absent: none given
    why = None if "previous" not in case.data or prev_doc is not None else "no previous report"
    ids = [r.id for r in ruleset.rules]
    by_rule: dict[str, list[Result]] = {}
    for r in evaluate(ruleset, doc, registry, prev_doc, why):
        by_rule.setdefault(r.rule, []).append(r)
    results: list[CaseResult] = []
    errors: list[str] = []
    for rule_id, expect in (case.data.get("expect") or {}).items():
        rule_id = str(rule_id)
        if rule_id not in ids:
            s = suggest(rule_id, ids)
            errors.append(f"{case.cases} [{case.name}]: no rule {rule_id} in {case.rules}"
                          + (f"; did you mean {s}?" if s else ""))
            continue
        got = by_rule.get(rule_id, [])
        expected, actual, ok = _check(expect, got)
        detail = [] if ok else [
            f"{r.status}: {r.message or r.reason or ''} {dict(r.instance) or ''}".rstrip()
            for r in got if r.status is not Status.PASSED
        ][:10]
        results.append(CaseResult(str(case.cases), case.name, rule_id, expected, actual, ok,
                                  detail))
    return results, errors


def _run_file(rules_path: Path, registry: TemplateRegistry, functions: dict[str, Any] | None,
              report: RuleTestReport) -> None:
    try:
        ruleset: RuleSet = compile_rules([rules_path], registry, functions)
    except RuleError as exc:
        report.errors.append(str(exc))
        return
    ids = [r.id for r in ruleset.rules]
    try:
        cases = load_cases(rules_path)
    except CheckerError as exc:
        report.errors.append(str(exc))
        return
    if not cases and _cases_for(rules_path) is None:
        report.untested.extend(ids)
        return
    for case in cases:
        results, errors = run_case(case, ruleset, registry)
        report.results.extend(results)
        report.errors.extend(errors)
    tested = {r.rule for r in report.results if r.file == str(_cases_for(rules_path))}
    report.untested.extend(i for i in ids if i not in tested)


def run_rule_tests(paths: Iterable[Path], registry: TemplateRegistry | None = None,
                   functions: dict[str, Any] | None = None) -> RuleTestReport:
    """Run the cases beside every rule file in ``paths`` (files or folders)."""
    registry = registry or TemplateRegistry(load_core_templates())
    report = RuleTestReport()
    for f in _rule_files(paths):
        if not f.is_file():
            report.errors.append(f"{f}: rule file not found")
            continue
        _run_file(f, registry, functions, report)
    return report

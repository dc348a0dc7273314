"""The HTML output: every finding has its anchor, and the marked cells are exactly the operand
cells of each finding — on the five reports and the PDFs of tests/fixtures — read back with an
HTML parser; report text is escaped; the folder output and the batch summary."""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from checker.check import CheckedFile, CheckSpec, Engine
from checker.findings import FileResult, Operand, Result, Status
from checker.render import RenderContext, RuleInfo
from checker.render.html import HtmlRenderer, page_name
from tests.cli.helpers import FIXTURES, PLANTED_LINE, SX, planted_copy, run
from tests.render.html_page import read_page

REPORT_FILES = sorted(FIXTURES.glob("*.txt")) + sorted((FIXTURES / "pdf").glob("*.pdf"))
NARRATIVE = "narrative"


@cache
def _engine() -> Engine:
    return Engine(CheckSpec(keep_document=True, keep_passed=False))


@cache
def _checked(path: Path) -> FileResult:
    return _engine().check(path)


def _ctx() -> RenderContext:
    return RenderContext(rules=[RuleInfo.of(r) for r in _engine().rules])


def _page(fr: FileResult, **ctx: str):
    html = HtmlRenderer().render([CheckedFile(fr)], replace(_ctx(), **ctx))
    return html, read_page(html)


def _failed(fr: FileResult) -> list[Result]:
    return [r for r in fr.results if r.status is Status.FAILED]


@pytest.mark.parametrize("path", REPORT_FILES, ids=lambda p: p.name)
def test_every_finding_has_its_anchor_and_every_link_lands(path):
    fr = _checked(path)
    _html, page = _page(fr)
    assert [k for k, n in page.ids.items() if n > 1] == []
    failed = _failed(fr)
    assert len(page.findings) == len(failed)
    assert Counter(page.findings.values()) == Counter(r.rule for r in failed)
    internal = [h[1:] for h in page.hrefs if h.startswith("#")]
    assert [h for h in internal if h not in page.ids] == []
    located = {fr.fingerprint(r) for r in failed if any(o.line for o in r.operands)}
    for anchor, fp in page.fingerprints.items():  # linked to from its cells, lines or tables
        assert anchor in internal or fp not in located, anchor


def _finding_anchors(page) -> dict[str, list[str]]:
    """fingerprint → the anchors of its findings (a fingerprint a few results share)."""
    out: dict[str, list[str]] = {}
    for anchor, fp in page.fingerprints.items():
        out.setdefault(fp, []).append(anchor)
    return out


@pytest.mark.parametrize("path", REPORT_FILES, ids=lambda p: p.name)
def test_the_marked_cells_are_exactly_the_operand_cells(path):
    fr = _checked(path)
    _html, page = _page(fr)
    anchors = _finding_anchors(page)
    by_fp: dict[str, list[Result]] = {}
    for r in _failed(fr):
        by_fp.setdefault(fr.fingerprint(r), []).append(r)
    for fp, results in by_fp.items():
        mine = set(anchors[fp])
        cells = [m for m in page.marked if m.tag == "td" and mine & set(m.findings)]
        operands = list(dict.fromkeys(o for r in results for o in r.operands))
        in_tables = [o for o in operands if o.table != NARRATIVE]
        # every value operand of a table is a marked cell of that table, printing its text
        wanted = Counter((o.table, o.text.strip() or "∅") for o in in_tables if o.column)
        got = Counter((m.table, m.text.strip()) for m in cells)
        missing = wanted - got
        assert not missing, f"{results[0].rule}: operand cells not marked: {missing}"
        # and nothing else is marked: a cell beyond them is a row operand's label cell
        rows = Counter(o.table for o in in_tables if not o.column and (o.row or o.code))
        extra = got - wanted
        assert sum(extra.values()) <= sum(rows.values()), f"{results[0].rule}: marked {extra}"
        for table, _text in extra:
            assert rows[table], f"{results[0].rule}: {table} cell marked, no operand there"
        # a 说明 operand is its line, its figure marked where it is printed
        for o in operands:
            if o.table == NARRATIVE and o.line is not None:
                assert f"r0-l-{o.line}" in page.ids, f"{results[0].rule}: line {o.line}"
        for m in page.marked:
            if m.tag == "mark" and mine & set(m.findings):
                # the figure (two overlapping figures of a line are one mark over both)
                assert any(o.text.strip() and o.text.strip() in m.text for o in operands), m.text


def test_a_finding_on_the_page_checked_by_hand():
    # SX23 line 2769 prints "22102 住房改革支出 25.77 26.77": 小计 25.77, 基本支出 26.77 and
    # 项目支出 blank in 一般公共预算财政拨款支出决算表 — T12 (小计 = 基本 + 项目) fails there
    # and its three cells are marked, the blank one as ∅.
    fr = _checked(SX)
    html, page = _page(fr)
    [t12] = [r for r in _failed(fr) if r.rule == "T12" and r.lines == [2769]]
    [anchor] = _finding_anchors(page)[fr.fingerprint(t12)]
    cells = sorted(m.text for m in page.marked if m.tag == "td" and anchor in m.findings)
    assert cells == ["25.77", "26.77", "∅"]
    assert {m.table for m in page.marked if anchor in m.findings} == {"final.T05"}
    assert "interval [25.765, 25.775]" in html  # the arithmetic with both rounding intervals


def test_a_planted_value_is_the_marked_cell(tmp_path):
    # 青海 公开03表 合计 本年支出合计 1,112.15 changed to 1,212.15 (line 175)
    fr = _engine().check(planted_copy(tmp_path))
    _html, page = _page(fr)
    planted = [m for m in page.marked if m.tag == "td" and m.text == "1,212.15"]
    assert planted and all(m.table == "final.T03" for m in planted)
    rules = {page.findings[a] for m in planted for a in m.findings}
    assert "T07" in rules
    assert any(r.rule == "T07" and PLANTED_LINE in r.lines for r in _failed(fr))


def test_a_pdf_finding_links_to_its_page(tmp_path):
    path = FIXTURES / "pdf" / "shanghai-putuo-finance-2024-final.pdf"
    fr = _checked(path)
    _html, page = _page(fr, output_dir=str(tmp_path))
    pages = {h.rsplit("#page=", 1)[1] for h in page.hrefs if "#page=" in h}
    wanted = {fr.place(r).removeprefix("page ") for r in _failed(fr) if fr.place(r)}
    assert pages == wanted and wanted
    link = next(h for h in page.hrefs if "#page=" in h).split("#")[0]
    assert (tmp_path / link).resolve() == path.resolve()


def test_report_text_is_escaped():
    fr = _checked(SX)
    doc = fr.document
    assert doc is not None
    evil = '<script>alert("x")</script>'
    doc = replace(doc, tables=[replace(doc.tables[0], title=evil + "表"), *doc.tables[1:]])
    bad = Result(rule="X99", title='"><img src=x onerror=alert(1)>', severity="error",
                 status=Status.FAILED, message=f"{evil} & 'quoted'",
                 operands=(Operand(NARRATIVE, "a", None, "a", 145, "558.64"),))
    fr = replace(fr, department=f"白河县{evil}", results=(*fr.results, bad), document=doc)
    html, page = _page(fr)
    assert page.scripts == 0 and "<script" not in html and "<img" not in html
    assert evil in "".join(page.text)  # shown as text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_several_reports_on_one_page_keep_their_anchors_apart():
    files = [CheckedFile(_checked(p)) for p in REPORT_FILES[:3]]
    html = HtmlRenderer().render(files, _ctx())
    page = read_page(html)
    assert [k for k, n in page.ids.items() if n > 1] == []
    assert len(page.findings) == sum(len(_failed(f.result)) for f in files)
    assert {"r0", "r1", "r2", "contents"} <= set(page.ids)


def test_page_names_are_unique():
    taken: set[str] = set()
    names = [page_name(p, taken) for p in ("a/x.pdf", "b/x.pdf", "index", "c/x y.txt")]
    assert names == ["x.pdf.html", "x.pdf-2.html", "index-2.html", "x_y.txt.html"]


def test_folder_output_pages_index_and_csv(capsys, tmp_path):
    out = tmp_path / "html"
    reports = [SX, FIXTURES / "sichuan-jingyan-yibao-2024-final.txt", tmp_path / "broken.pdf"]
    reports[2].write_bytes(b"%PDF-1.4 not really")
    code, _stdout, err = run(capsys, "check", "--format", "html", "-o", f"{out}/", "--no-cache",
                             *reports)
    assert code == 2 and "broken.pdf" in err  # an unreadable report: its error, the others checked
    names = sorted(p.name for p in out.iterdir())
    assert names == ["broken.pdf.html", "index.html", "shaanxi-baihe-yibao-2023-final.txt.html",
                     "sichuan-jingyan-yibao-2024-final.txt.html", "summary.csv"]
    index = read_page((out / "index.html").read_text(encoding="utf-8"))
    assert {h for h in index.hrefs} >= {n for n in names if n.endswith(".txt.html")}
    assert "could not be read" in "".join(index.text)
    # the CSV counts agree with the JSON output of the same run
    code, stdout, _ = run(capsys, "check", "--format", "json", "--no-cache", "--fail-on", "never", SX)
    summary = json.loads(stdout)[0]["summary"]
    with (out / "summary.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["path"] == str(SX)]
    for status in ("passed", "failed", "not_evaluated", "not_applicable"):
        assert sum(int(r[status]) for r in rows) == summary[status], status
    broken = [r for r in csv.DictReader((out / "summary.csv").open(encoding="utf-8"))
              if r["path"].endswith("broken.pdf")]
    assert len(broken) == 1 and broken[0]["error"]


def test_summary_files_beside_another_format(capsys, tmp_path):
    code, stdout, _ = run(capsys, "check", "-q", "--no-cache", "--fail-on", "never",
                          "--summary-csv", tmp_path / "s.csv", "--summary-html", tmp_path / "s.html",
                          SX)
    assert code == 0 and " 47 failed" in stdout
    page = read_page((tmp_path / "s.html").read_text(encoding="utf-8"))
    assert "白河县医疗保障局" in "".join(page.text)
    rows = list(csv.DictReader((tmp_path / "s.csv").open(encoding="utf-8")))
    assert sum(int(r["failed"]) for r in rows) == 47
    # the CSV counts what the text summary line counts
    passed = sum(int(r["passed"]) for r in rows)
    assert f": {passed} passed, 47 failed" in stdout


def test_one_page_to_a_file(capsys, tmp_path):
    target = tmp_path / "report.html"
    code, _out, _err = run(capsys, "check", "--format", "html", "-o", target, "--fail-on", "never", SX)
    assert code == 0
    page = read_page(target.read_text(encoding="utf-8"))
    assert len(page.findings) == 47 and page.scripts == 0


def test_baselined_findings_are_listed_apart_with_their_reason(capsys, tmp_path):
    base = tmp_path / "baseline.yaml"
    run(capsys, "check", "--no-cache", "--select", "T12", "--write-baseline", base, SX)
    text = base.read_text(encoding="utf-8")
    assert text.count("reason: 'TODO: explain'") == 2  # SX23 lines 2769, 2771 (by hand above)
    base.write_text(text.replace("TODO: explain", "印刷错误，已核实"), encoding="utf-8")
    target = tmp_path / "page.html"
    code, _out, _err = run(capsys, "check", "--no-cache", "--select", "T12", "--baseline", base,
                           "--format", "html", "-o", target, SX)
    assert code == 0
    html = target.read_text(encoding="utf-8")
    page = read_page(html)
    assert page.findings == {}  # no finding left to act on …
    assert "Accepted by the baseline (2)" in html and html.count("印刷错误，已核实") == 2
    assert not page.marked  # … and no cell marked for the accepted ones


def test_kept_pages_are_the_pages_drawn_afresh(capsys, tmp_path):
    # two copies of a PDF report under other names, in a folder: the second page is the first
    # one kept in the cache, with its own path and its own link to its PDF
    src = FIXTURES / "pdf" / "shanghai-putuo-finance-2024-final.pdf"
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("a.pdf", "b.pdf"):
        (reports / name).write_bytes(src.read_bytes())
    cache = tmp_path / "cache"
    fresh, kept = tmp_path / "fresh", tmp_path / "kept"
    run(capsys, "check", "--no-cache", "--format", "html", "-o", f"{fresh}/", "--fail-on", "never",
        reports)
    for _ in range(2):  # the first run keeps the pages, the second writes them from the cache
        run(capsys, "check", "--cache-dir", cache, "--format", "html", "-o", f"{kept}/",
            "--fail-on", "never", reports)
    assert len(list((cache / "pages").glob("*.pkl"))) == 1  # one page kept for both copies
    for name in ("a.pdf.html", "b.pdf.html"):
        assert (kept / name).read_text(encoding="utf-8") == (fresh / name).read_text(encoding="utf-8")
    page_b = (kept / "b.pdf.html").read_text(encoding="utf-8")
    assert "reports/b.pdf#page=" in page_b and "reports/a.pdf" not in page_b


def test_an_operand_of_last_years_report_is_named_as_such():
    # Y01 on the 2018 江苏 budget against 2017's with line 512's 23513.11 planted as 23413.11
    from checker.dsl.evaluate import evaluate
    from checker.render.html_view import report_view

    pdf = FIXTURES / "pdf"
    engine = Engine(CheckSpec(select=("Y01",), keep_document=True))
    this = engine.load_document(pdf / "jiangsu-court-2018-budget.pdf")
    last = engine.load_document(pdf / "jiangsu-court-2017-budget.pdf")
    facts = [replace(f, number=replace(f.number, value=f.number.value - 100, text="23413.11"))
             if f.line == 512 and f.name == "本年" else f for f in last.facts]
    results = evaluate(engine.ruleset, this, engine.registry, replace(last, facts=facts))
    failed = tuple(r for r in results if r.status is Status.FAILED)
    fr = FileResult(path=str(pdf / "jiangsu-court-2018-budget.pdf"), results=failed,
                    document=this, department=this.meta.department, year=this.meta.year)
    ctx = RenderContext(rules=[RuleInfo.of(r) for r in engine.rules])
    [finding] = report_view(CheckedFile(fr), ctx).findings
    assert [(o.line, o.previous) for o in finding.operands] == [
        (447, False), (448, False), (512, True)]
    html = HtmlRenderer().render([CheckedFile(fr)], ctx)
    assert "(last year's report, line 512)" in html
    assert "r0-l-512" not in read_page(html).ids  # this report's line 512 is not pointed at

"""A report published as two files — the 说明 and the 表 — checked as one report.

The two files are made from the real 上海 普陀 2024 决算 (tests/fixtures/pdf): its pages 1–5
and 21–25 (cover, 目录, 概况, 情况说明, 名词解释) as the 说明 file, pages 6–20 (the nine tables)
as the 表 file, as a province that publishes them apart does. Checked as one report they must
give the findings of the whole PDF; each checked alone, the other half is not applicable —
never "missing".
"""

from __future__ import annotations

import json

import pypdfium2 as pdfium
import pytest

from checker.check import CheckSpec, Engine
from checker.cli import main
from checker.pairing import half_of, pair_halves
from checker.parse.document import core_readers
from tests.cli.helpers import FIXTURES

WHOLE = FIXTURES / "pdf" / "shanghai-putuo-finance-2024-final.pdf"
TEXT_NAME = "普陀区财政局2024年部门决算说明.pdf"
TABLE_NAME = "普陀区财政局2024年部门决算表.pdf"


@pytest.fixture(scope="module")
def halves(tmp_path_factory):
    folder = tmp_path_factory.mktemp("split")
    src = pdfium.PdfDocument(str(WHOLE))
    for name, pages in ((TEXT_NAME, [*range(0, 5), *range(20, 25)]), (TABLE_NAME, list(range(5, 20)))):
        out = pdfium.PdfDocument.new()
        out.import_pages(src, pages=pages)
        out.save(str(folder / name))
    return folder


@pytest.fixture(scope="module")
def engine():
    return Engine(CheckSpec())


def _errors(result):
    return sorted((r.rule, r.message.split("行", 1)[-1]) for r in result.results
                  if r.status.value == "failed" and r.severity == "error")


def test_names_of_the_two_halves(tmp_path):
    assert half_of(tmp_path / TEXT_NAME) == ("narrative", "普陀区财政局2024年部门决算")
    assert half_of(tmp_path / TABLE_NAME) == ("tables", "普陀区财政局2024年部门决算")
    a, b = tmp_path / TEXT_NAME, tmp_path / TABLE_NAME
    other = tmp_path / "其他单位2024年部门决算.pdf"
    assert pair_halves([b, other, a], core_readers().is_parsed) == [(a, b), other]
    # two 说明 files and one 表 file: which pair is meant cannot be told, none is made
    c = tmp_path / "普陀区财政局2024年部门决算情况说明.pdf"
    assert pair_halves([a, b, c], core_readers().is_parsed) == [a, b, c]


def test_checked_together_the_halves_give_the_findings_of_the_whole(halves, engine):
    [whole] = engine.check_item(WHOLE)
    [together] = engine.check_item((halves / TEXT_NAME, halves / TABLE_NAME))
    assert together.error is None
    assert _errors(together) == _errors(whole)
    assert [r for r in _errors(whole) if r[0] in ("N04", "A01")]
    # the 说明's 0.3 万元 against the 表 file's 2,961.68: the operands name both files' pages
    n04 = next(r for r in together.results if r.rule == "N04" and r.status.value == "failed")
    places = {together.places[o.line] for o in n04.operands}
    assert places == {f"{TEXT_NAME} page 6", f"{TABLE_NAME} page 8"}


def test_each_half_alone_is_not_missing_the_other(halves, engine):
    [tables] = engine.check_item(halves / TABLE_NAME)
    assert _errors(tables) == []
    c07 = [r for r in tables.results if r.rule == "C07"]
    assert [r.status.value for r in c07] == ["not_applicable"]
    assert "tables only" in c07[0].reason and "--together" in c07[0].reason
    [text] = engine.check_item(halves / TEXT_NAME)
    # the 说明's own arithmetic still runs: 2106.66 ÷ 2940.05 is not the 71.73% it prints
    assert [rule for rule, _m in _errors(text)] == ["A01"]
    # its 目录 names the nine tables, whose bodies are in the other file: not evaluated, never
    # failed as absent
    c01 = [r for r in text.results if r.rule == "C01"]
    assert c01 and {r.status.value for r in c01} == {"not_evaluated"}


def test_check_pairs_the_files_of_a_folder_by_their_names(halves, capsys):
    code = main(["check", "--format", "json", str(halves)])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [r["path"] for r in out] == [f"{halves / TEXT_NAME} + {halves / TABLE_NAME}"]
    main(["check", "--format", "json", "--no-pair", str(halves)])
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_together_names_the_files_of_one_report(halves, capsys):
    code = main(["check", "-q", "--together", str(halves / TABLE_NAME), str(halves / TEXT_NAME)])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{halves / TABLE_NAME} + {halves / TEXT_NAME}:" in out


def test_files_of_different_departments_are_not_checked_as_one(halves, engine, tmp_path):
    other = FIXTURES / "pdf" / "jiangsu-court-2019-budget.pdf"
    results = engine.check_item((halves / TEXT_NAME, other))
    assert [r.path for r in results] == [str(halves / TEXT_NAME), str(other)]

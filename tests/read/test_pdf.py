"""The PDF reader: a real published template, a scanned PDF, damaged and encrypted files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from checker.check import CheckSpec, Engine, apply_baseline
from checker.cli import main
from checker.dsl.compile import compile_rules
from checker.dsl.evaluate import evaluate
from checker.errors import InputError
from checker.executors import check_paths
from checker.parse.document import core_readers, parse_path
from checker.read.pdf import NO_TEXT_LAYER, join_wrapped
from checker.render import FORMATS, RenderContext
from checker.schema import load_schema
from tests.conftest import FIXTURES
from tests.rules.test_national_rules import RULES as RULES_DIR

SHANGHAI = FIXTURES / "pdf" / "shanghai-2024-final-template.pdf"
NINE = ["final.T01", "final.T02", "final.T03", "final.T04", "final.T05", "final.T06",
        "final.T09", "final.T07", "final.T08"]


@pytest.fixture(scope="module")
def shanghai(pdf_docs):
    return pdf_docs[SHANGHAI.name]


def test_real_template_has_its_nine_tables(shanghai):
    assert (shanghai.meta.kind, shanghai.meta.year, shanghai.meta.source.format) == (
        "final", 2024, "pdf")
    assert [t.id for t in shanghai.tables] == NINE
    # The 目录 names the nine tables too (listed, not bodies).
    assert sorted(t.table_id for t in shanghai.listed_tables) == sorted(NINE)
    assert all(t.unit == "万元" for t in shanghai.tables)
    # the cover's first line "上海市 XX 局", not the 目录's "第二部分 上海市 XX 局 2024 年度部门决算表"
    assert shanghai.meta.department == "上海市XX局"


def test_real_template_columns_and_rows(shanghai):
    t01 = shanghai.table("final.T01")
    assert [c.key for c in t01.columns] == ["金额", "支出金额"]
    income = [r.key for r in t01.rows if r.side == "收入"]
    spending = [r.key for r in t01.rows if r.side == "支出"]
    assert income[:3] == ["一般公共预算财政拨款收入", "政府性基金预算财政拨款收入",
                          "国有资本经营预算财政拨款收入"]
    assert {"本年收入合计", "使用非财政拨款结余", "年初结转和结余", "收入总计"} <= set(income)
    assert "抗疫特别国债安排的支出" in spending and "支出总计" in spending
    assert not t01.unassigned
    t02 = shanghai.table("final.T02")
    assert [c.key for c in t02.columns][:2] == ["本年收入合计", "财政拨款收入"]
    # A label wrapped inside its cell ("其他文化旅游体育与传媒支" / "出") is one label.
    assert [(r.code, r.label) for r in t02.rows][:2] == [(None, "合计"), ("205", "教育支出")]
    assert ("20799", "其他文化旅游体育与传媒支出") in [(r.code, r.label) for r in t02.rows]
    t04 = shanghai.table("final.T04")
    assert [c.key for c in t04.columns] == ["金额", "合计", "一般公共预算财政拨款",
                                            "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    # 公开04 runs over two pages: the rows of the second page belong to it.
    assert {"年初一般公共预算财政拨款", "支出总计", "灾害防治及应急管理支出"} <= {
        r.key for r in t04.rows}
    t06 = shanghai.table("final.T06")
    codes = {r.code for r in t06.rows}
    assert {"301", "30101", "302", "30231", "310", "31099"} <= codes
    assert {"人员经费合计", "公用经费合计"} <= {r.key for r in t06.rows}
    t08 = shanghai.table("final.T08")
    assert [c.key for c in t08.columns] == ["年初结转和结余", "本年收入", "本年支出小计",
                                            "基本支出", "项目支出", "年末结转和结余"]
    t09 = shanghai.table("final.T09")
    assert [r.key for r in t09.rows] == ["预算数", "决算数"]
    # A template: every cell blank, never zero.
    for t in shanghai.tables:
        assert all(c.number is None for r in t.rows for c in r.cells.values()), t.id


def test_real_template_pages(shanghai):
    src = shanghai.meta.source
    assert src.pages is not None and len(src.pages) == src.lines
    pages = {t.id: src.page(t.line) for t in shanghai.tables}
    assert pages == {"final.T01": 5, "final.T02": 6, "final.T03": 7, "final.T04": 8,
                     "final.T05": 10, "final.T06": 11, "final.T09": 12, "final.T07": 13,
                     "final.T08": 14}
    t04 = shanghai.table("final.T04")
    assert src.page(t04.row("支出总计").line) == 9
    assert src.where(t04.line) == f"page 8 line {t04.line}"
    from checker.schema import validate_document

    validate_document(shanghai.to_json(), str(SHANGHAI))  # the page map is in the schema


def test_table_rows_are_tab_separated_cells():
    raw = core_readers().read(SHANGHAI)
    assert raw.style == "tsv"
    assert "205\t教育支出\t\t\t\t\t\t\t" in raw.lines
    assert "单位：万元" in raw.lines


def test_wrapped_cell_text():
    assert join_wrapped("其他文化旅游体育与传媒支\n出") == "其他文化旅游体育与传媒支出"
    assert join_wrapped("Total\namount") == "Total amount"
    assert join_wrapped(None) == ""


def _scanned_pdf(path: Path) -> Path:
    """A PDF of two pages with an image and ruled shapes but no text at all (a scan)."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    image = path.with_suffix(".png")
    Image.new("RGB", (200, 100), (230, 230, 230)).save(image)
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(2):
        c.drawImage(str(image), 72, 500, width=400, height=200)
        c.grid([72, 200, 328, 456], [100, 150, 200, 250])
        c.showPage()
    c.save()
    return path


def test_scanned_pdf_gives_one_error(tmp_path, registry, capsys):
    path = _scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(InputError) as info:
        parse_path(path, registry)
    assert str(path) in str(info.value) and "no text layer: cannot check" in str(info.value)
    assert NO_TEXT_LAYER in str(info.value)
    code = main(["parse", "--summary", str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.count("checker: error:") == 1 and "no text layer: cannot check" in err
    assert "final.T0" not in out and "Traceback" not in err


def test_scanned_pdf_with_a_good_report_goes_on(tmp_path, capsys):
    path = _scanned_pdf(tmp_path / "scan.pdf")
    code = main(["check", str(path), str(SHANGHAI)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "no text layer: cannot check" in out + err
    # No table findings for the scan: nothing is reported against it but the one error.
    assert not [ln for ln in (out + err).splitlines() if ln.startswith(f"{path}:")
                and "no text layer" not in ln and "could not be checked" not in ln]
    assert f"{SHANGHAI}:" in out


def _encrypted_pdf(path: Path) -> Path:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("user", "owner"))
    c.drawString(72, 720, "secret")
    c.save()
    return path


@pytest.mark.parametrize(
    "name,make,message",
    [
        ("encrypted.pdf", _encrypted_pdf, "encrypted with a password"),
        ("garbage.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8) and p,
         "not a readable PDF"),
        ("hello.pdf", lambda p: p.write_bytes(b"hello, world") and p, "not a PDF file"),
        ("empty.pdf", lambda p: p.write_bytes(b"") and p, "not a PDF file"),
    ],
)
def test_bad_pdf_is_one_clear_error(tmp_path, registry, capsys, name, make, message):
    path = tmp_path / name
    make(path)
    with pytest.raises(InputError) as info:
        parse_path(path, registry)
    assert str(path) in str(info.value) and message in str(info.value)
    code = main(["parse", "--summary", str(path), str(SHANGHAI)])
    out, err = capsys.readouterr()
    assert code == 2 and err.count("checker: error:") == 1 and message in err
    assert "final.T01" in out  # the other file was still read


def test_truncated_pdf(tmp_path, generated, registry):
    data = generated[("GS24", "pdf")].read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(InputError, match="not a readable PDF"):
        parse_path(path, registry)


def test_findings_on_a_pdf_name_their_page(generated, registry, tmp_path):
    """SX23's 公开05 prints 基本支出 27.77 under a 小计 of 25.77 (SX23:2771); in the PDF made from
    it the same T12 failure names the page its line is on, in every output format."""
    engine = Engine(CheckSpec(select=("T12",)))
    [result] = check_paths([generated[("SX23", "pdf")]], engine)
    doc = engine.parse(generated[("SX23", "pdf")])
    failed = [r for r in result.results if r.status.value == "failed"]
    assert failed
    for r in failed:
        assert result.place(r) == f"page {doc.meta.source.page(r.lines[0])}"
    files = apply_baseline([result], None)
    ctx = RenderContext(table_names=engine.table_names())
    text = FORMATS["text"]().render(files, ctx)
    assert f":{failed[0].lines[0]}: ({result.place(failed[0])}) error T12" in text
    data = json.loads(FORMATS["json"]().render(files, ctx))
    jsonschema.validate(data, load_schema("findings"))
    assert {r["place"] for r in data[0]["results"] if r["status"] == "failed"} == {
        result.place(r) for r in failed}
    sarif = json.loads(FORMATS["sarif"]().render(files, ctx))
    assert [x["properties"].get("place") for x in sarif["runs"][0]["results"]] == [
        result.place(r) for r in result.results if r.status.value in ("failed", "not_evaluated")]


def test_template_pdf_names_its_parts_and_its_placeholders(shanghai, registry):
    """The 上海 template's narrative has every part C07 asks for — its first part is
    "第一部分 上海市 XX 局概况" (line 30) — and its unfilled "XX" / "增加（减少）" are U04 errors."""
    ruleset = compile_rules([RULES_DIR / "completeness.rules", RULES_DIR / "narrative.rules"],
                            registry).select(["C07", "U04"])
    results = evaluate(ruleset, shanghai, registry)
    assert {r.status.value for r in results if r.rule == "C07"} == {"passed"}
    u04 = [r for r in results if r.rule == "U04" and r.status.value == "failed"]
    assert u04 and 223 in {line for r in u04 for line in r.lines}  # "收入支出总计XXX万元"

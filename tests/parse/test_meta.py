"""Meta: department, year and kind read from the report's structure, and where each came from.

The cover shapes are those of published PDFs (checked against their page images): 江苏省高级人民法院
2017 (one line), 2018 (the name cut over two lines, a publication date under it), 2019 (name,
then "2019 年度部门预算公开", a page number); 上海市普陀区财政局 2024 (the year set in another
font lands on a line of its own, or comes back joined as "2024年度部门决算"); the 上海 template.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.parse.meta import (
    cover_lines,
    department_from_name,
    header_lines,
    is_department,
    mend_years,
    read_meta,
    year_from_name,
)
from tests.conftest import FIXTURES, REPORTS

PDF = FIXTURES / "pdf"


def meta(lines: list[str], path: str | None = None) -> tuple:
    """(department, department_from, year, year_from, kind) read from ``lines``."""
    m = read_meta(list(lines), path)
    return (m.value("department"), m.source("department"), m.value("year"), m.source("year"),
            m.value("kind"))


# ---- covers -------------------------------------------------------------------------------

def test_cover_on_one_line_before_the_toc():
    lines = ["2017 年度江苏省高级人民法院部门预算公开", "目 录", "第一部分 部门概况"]
    assert meta(lines) == ("江苏省高级人民法院", "cover", 2017, "cover", "budget")


def test_cover_name_cut_over_two_lines_and_a_publication_date():
    """2018: '2018 年度江苏省高级' / '人民法院预算公开' / '2018 年 2 月 24 日' (page 1)."""
    lines = ["2018 年度江苏省高级", "人民法院预算公开", "2018 年 2 月 24 日", "目 录",
             "第一部分 部门概况", "一、2018 年度江苏省高级人民法院收支预算总表"]
    assert meta(lines) == ("江苏省高级人民法院", "cover", 2018, "cover", "budget")


def test_a_date_is_not_the_year_the_title_names_it():
    """A cover whose only year is its date: the year is the 年度 of the titles."""
    lines = ["江苏省高级人民法院", "部门预算公开", "2019 年 2 月 20 日", "目录",
             "一、2018 年度江苏省高级人民法院收支预算总表",
             "二、2018 年度江苏省高级人民法院收入预算总表"]
    assert meta(lines) == ("江苏省高级人民法院", "cover", 2018, "title", "budget")


def test_cover_name_then_year_and_kind_with_a_page_number():
    lines = ["江苏省高级人民法院", "2019 年度部门预算公开", "1", "目 录", "第一部分 部门概况"]
    assert meta(lines) == ("江苏省高级人民法院", "cover", 2019, "cover", "budget")


def test_cover_year_on_a_line_of_its_own():
    """The 上海 cover as read today: the year, set in another font, comes after its line."""
    lines = ["上海市普陀区财政局", "年度部门决算", "2024", "目 录",
             "第一部分 上海市普陀区财政局概况", "第二部分 上海市普陀区财政局 年度部门决算表", "2024"]
    assert meta(lines) == ("上海市普陀区财政局", "cover", 2024, "cover", "final")


def test_cover_year_joined_as_a_cleaner_reader_gives_it():
    lines = ["上海市普陀区财政局", "2024年度部门决算", "目录", "第一部分上海市普陀区财政局概况"]
    assert meta(lines) == ("上海市普陀区财政局", "cover", 2024, "cover", "final")


def test_cover_of_a_template_with_placeholders():
    lines = ["上海市 XX 局", "2024 年度部门决算", "目 录", "第一部分 上海市 XX 局概况"]
    assert meta(lines) == ("上海市XX局", "cover", 2024, "cover", "final")


def test_a_whole_name_on_a_line_does_not_run_into_the_next():
    """'临夏州人民政府' ends like a name: the cover's department is the 财政局 under it."""
    lines = ["临夏州人民政府", "临夏州财政局2024年度部门决算", "目录"]
    assert meta(lines)[:2] == ("临夏州财政局", "cover")


def test_cover_naming_a_place_only_gives_the_year():
    """GS21B: '2021 年临夏市部门预算公开目录': 临夏市 is a place, not a department."""
    lines = ["", "", "2021 年临夏市部门预算公开目录", "", "- 一、2021 年部门预算说明", "",
             "临夏市医疗保障局预算说明", "表一", "2021年临夏市医疗保障局预算收支总表"]
    assert meta(lines) == ("临夏市医疗保障局", "title", 2021, "cover", "budget")
    assert [t for _, t in cover_lines(mend_years(lines))] == ["2021年临夏市部门预算公开"]


def test_mend_years_puts_a_lone_year_back_before_its_niandu():
    assert mend_years(["上海市普陀区财政局", "年度部门决算", "2024"]) == [
        "上海市普陀区财政局", "2024年度部门决算", ""]
    # the year before a line that needs it, and a year with nothing to join stays
    assert mend_years(["2024", "年度部门决算"]) == ["", "2024年度部门决算"]
    assert mend_years(["2024", "部门决算"]) == ["2024", "部门决算"]


# ---- table headers, titles, text ----------------------------------------------------------

def test_table_headers_name_the_department():
    lines = ["第一部分 部门概况", "序号 单位名称 备注", "单位：万元", "金额部门：万元",
             "部门（单位）： 白河县医疗保障局（本级） 金额单位：万元"]
    assert meta(lines)[:2] == ("白河县医疗保障局", "table header")
    assert [v for _, v in header_lines(["部门名称：江苏省高级人民法院 单位:万元"])] == ["江苏省高级人民法院"]
    assert [v for _, v in header_lines(["\t部门名称：江苏省高级人民法院\t\t单位：万元\t"])] == [
        "江苏省高级人民法院"]
    assert [v for _, v in header_lines(["编制单位：某某县财政局"])] == ["某某县财政局"]
    assert [v for _, v in header_lines(["部门：临夏市医疗保障局 2024 年度 金额部门：万元"])] == [
        "临夏市医疗保障局"]
    assert header_lines(["单位：万元", "序号\t单位名称\t备注", "金额部门：万元"]) == []


def test_titles_name_department_and_year():
    lines = ["第一部分 部门概况", "一、主要职能", "一、2017年度江苏省高级人民法院部门收支预算总表",
             "二、2017年度江苏省高级人民法院部门收入预算总表", "财政厅关于编制省级 2016 年部门预算的通知"]
    assert meta(lines) == ("江苏省高级人民法院", "title", 2017, "title", "budget")


def test_text_gives_the_department_when_it_is_named_twice():
    lines = ["一、部门职责", "纳入上海市某某局 2024 年度部门决算编制范围的单位共 1 个。",
             "上海市某某局 2024 年度部门决算收入合计 10 万元。"]
    assert meta(lines)[:2] == ("上海市某某局", "text")
    assert meta(lines[:2])[0] is None  # once is not enough


def test_kind_from_the_cover_though_the_text_says_juesuan():
    """A budget report may cite last year's 决算 more than five times."""
    lines = ["某某县财政局", "2019 年度部门预算公开", "目录",
             *["2018 年决算数为 10 万元，比 2017 年决算增加。"] * 6]
    assert meta(lines)[4] == "budget"


def test_kind_from_titles_a_juesuan_title_may_say_yusuan():
    lines = ["第一部分 部门概况", "一般公共预算财政拨款支出决算表", "收入支出决算总表"]
    assert read_meta(lines).kind.source == "title" and meta(lines)[4] == "final"


def test_is_department():
    for name in ("江苏省高级人民法院", "上海市XX局", "中共白河县委组织部", "四川大学", "某某县财政局"):
        assert is_department(name), name
    for name in ("临夏市", "部门概况", "财政局", "年度部门决算", "本部门", "一般公共预算支出"):
        assert not is_department(name), name


# ---- file names ---------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "department", "year"), [
    ("2024年上海市普陀区财政局部门决算.pdf", "上海市普陀区财政局", 2024),
    ("江苏省高级人民法院2018年部门预算.pdf", "江苏省高级人民法院", 2018),
    ("jiangsu-court-2018-budget.pdf", None, 2018),
    ("上海市普陀区财政局_2024.pdf", "上海市普陀区财政局", 2024),
    ("附件2：部门决算模板.pdf", None, None),
    ("report.txt", None, None),
])
def test_file_name_fallbacks(name, department, year):
    assert (department_from_name(name), year_from_name(name)) == (department, year)


def test_the_file_name_is_the_last_fallback():
    lines = ["一、部门职责", "负责全区财政工作。", "二、机构设置"]
    assert meta(lines, "/reports/2024年上海市普陀区财政局部门决算.pdf") == (
        "上海市普陀区财政局", "file name", 2024, "file name", "final")
    assert meta(lines, "jiangsu-court-2018-budget.pdf") == (
        None, None, 2018, "file name", "budget")
    # what the lines say wins over the file name
    assert meta(["江苏省高级人民法院", "2019 年度部门预算公开", "目录"], "2017年某局部门决算.pdf") == (
        "江苏省高级人民法院", "cover", 2019, "cover", "budget")


# ---- the real reports ---------------------------------------------------------------------

# department, its source, year, its source, kind; checked by hand against each report's text
TEXTS = {
    # 部门：临夏市医疗保障局 2024 年度 (GS24:97); 第二部分 2024 年度部门决算表 (GS24:91)
    "GS24": ("临夏市医疗保障局", "table header", 2024, "title", "final"),
    # cover 海东市医疗保障局 / 2024 年度部门决算 (QH24:3, 5)
    "QH24": ("海东市医疗保障局", "cover", 2024, "cover", "final"),
    # 附件 1 title 井研县医疗保障局整体支出自评报告 (SC24:468); 第二部分 2024 年度部门决算情况说明
    "SC24": ("井研县医疗保障局", "title", 2024, "title", "final"),
    # 填报单位：白河县医疗保障局(本级） (SX23:698), 部门（单位）：… (SX23:2453); 第二部分 2023 年度…
    "SX23": ("白河县医疗保障局", "table header", 2023, "title", "final"),
    # 2021 年临夏市部门预算公开目录 (GS21B:3); 临夏市医疗保障局预算说明 (GS21B:20)
    "GS21B": ("临夏市医疗保障局", "title", 2021, "cover", "budget"),
}

# the five PDFs, checked against their first page rendered (pdftoppm -r 60 -f 1 -l 1)
PDFS = {
    "jiangsu-court-2017-budget.pdf": ("江苏省高级人民法院", "cover", 2017, "cover", "budget"),
    "jiangsu-court-2018-budget.pdf": ("江苏省高级人民法院", "cover", 2018, "cover", "budget"),
    "jiangsu-court-2019-budget.pdf": ("江苏省高级人民法院", "cover", 2019, "cover", "budget"),
    "shanghai-2024-final-template.pdf": ("上海市XX局", "cover", 2024, "cover", "final"),
    "shanghai-putuo-finance-2024-final.pdf": ("上海市普陀区财政局", "cover", 2024, "cover", "final"),
}


def _meta_of(doc) -> tuple:
    m = doc.meta
    return (m.department, m.department_from, m.year, m.year_from, m.kind)


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_text_reports(docs, key):
    assert _meta_of(docs[key]) == TEXTS[key]
    assert REPORTS[key].exists()


@pytest.mark.parametrize("name", sorted(PDFS))
def test_pdf_reports(pdf_docs, name):
    assert _meta_of(pdf_docs[name]) == PDFS[name]
    # the JSON form carries the sources
    meta_json = pdf_docs[name].to_json()["meta"]
    assert (meta_json["department_from"], meta_json["year_from"]) == (PDFS[name][1], PDFS[name][3])


def test_real_file_names_give_year_and_department(tmp_path):
    """A report whose text names nothing falls back on a real file's name."""
    path = tmp_path / "江苏省高级人民法院2018年部门预算.txt"
    path.write_text("一、主要职能\n负责审判工作。\n二、机构设置\n内设 10 个处室。\n", encoding="utf-8")
    from checker.read.text import read_text

    raw = read_text(Path(path))
    m = read_meta(raw.lines, raw.path)
    assert (m.value("department"), m.source("department"), m.value("year"), m.source("year"),
            m.value("kind"), m.source("kind")) == (
        "江苏省高级人民法院", "file name", 2018, "file name", "budget", "file name")

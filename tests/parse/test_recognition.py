"""Which tables, listed tables and sections each report yields (read from the reports by hand)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.labels import norm

FINAL_NINE = [f"final.T0{i}" for i in range(1, 10)]


def test_final_tables_recognised(docs):
    for key, first_lines in {
        "GS24": [93, 175, 233, 291, 398, 443, 749, 779, 799],
        "QH24": [84, 126, 166, 203, 246, 283, 322, 333, 344],
        "SX23": [2449, 2529, 2586, 2637, 2725, 2777, 2856, 2879, 2896],
    }.items():
        doc = docs[key]
        nine = [t for t in doc.tables if t.id in FINAL_NINE]
        assert [t.id for t in nine] == FINAL_NINE, key
        assert [t.line for t in nine] == first_lines, key
        assert doc.meta.kind == "final"


def test_meta(docs):
    assert (docs["GS24"].meta.department, docs["GS24"].meta.year) == ("临夏市医疗保障局", 2024)
    assert (docs["QH24"].meta.department, docs["QH24"].meta.year) == ("海东市医疗保障局", 2024)
    assert (docs["SX23"].meta.department, docs["SX23"].meta.year) == ("白河县医疗保障局", 2023)
    assert docs["SC24"].meta.year == 2024
    assert docs["GS21B"].meta.kind == "budget" and docs["GS21B"].meta.year == 2021


def test_sc24_has_sections_and_listed_tables_only(docs):
    sc = docs["SC24"]
    assert sc.tables == []
    listed = [(lt.line, lt.table_id) for lt in sc.listed_tables]
    # SC24:1006–1030, the 第五部分 附表 list (五/七/九 are 四川-only tables).
    assert (1006, "final.T01") in listed and (1030, "final.T09") in listed
    assert (1026, "final.T08") in listed and (1028, "final.T08") in listed
    parts = [s.title for s in sc.sections]
    assert parts[0].startswith("第一部分") and any(p.startswith("第五部分 附表") for p in parts)
    narrative = next(s for s in sc.sections if s.title.startswith("第二部分"))
    assert narrative.children[0].title.startswith("一、")


def test_sx23_toc_declares_empty_tables(docs):
    entries = {lt.table_id: lt for lt in docs["SX23"].listed_tables}
    assert entries["final.T07"].empty_declared is True
    assert entries["final.T07"].empty_reason == "本单位不涉及故公开空表"
    assert entries["final.T03"].empty_declared is False
    assert entries["final.T09"].line == 2445


def test_qh24_toc_lists_its_tables(docs):
    lines = [lt.line for lt in docs["QH24"].listed_tables]
    assert lines[:9] == list(range(16, 25))


def test_a_title_not_ending_in_biao_needs_a_declared_ending(tmp_path):
    """Titles end in 表, except where a template declares another ending (options.title_endings,
    e.g. a 绩效指标体系): only then is such a title tried at all."""
    from checker.parse.segment import segment, title_endings
    from checker.templates.loader import TemplateRegistry, load_template_file

    entry = """templates:
  - id: perf.example_grid
    kind: final
    name: 示例指标一览
    titles: ['.*示例指标一览']
    layout: perf_indicator_system
    options: {confirm: [填报单位]%s}
"""
    lines = ["2024年度示例指标一览", "", "填报单位：某局", "一级指标 分值 得分"]
    for extra, found in (("", []), (", title_endings: [一览]", [1])):
        path = tmp_path / "t.yaml"
        path.write_text(entry % extra, encoding="utf-8")
        registry = TemplateRegistry(load_template_file(path))
        assert title_endings(registry) == (("表", "一览") if found else ("表",))
        assert [b.title_line for b in segment(lines, registry).tables] == found



def test_a_table_printed_under_another_is_cut_out_of_its_block(tmp_path):
    """options.under: the block of the ``table`` named is cut at the first line (after its title)
    whose folded text matches ``header``; the inner table runs from there to the block's end."""
    from checker.parse.segment import segment
    from checker.templates.loader import TemplateRegistry, load_template_file

    entry = """templates:
  - id: final.XA
    kind: final
    name: 示例表
    titles: ['示例表']
    layout: item_rows
    columns: [{key: 金额}]
  - id: final.XB
    kind: final
    name: 示例实物量表
    titles: ['示例实物量表']
    layout: item_rows
    columns: [{key: 数, exact: true}]
    options: {under: {table: final.XA, header: '^项目统计数$'}}
"""
    path = tmp_path / "t.yaml"
    path.write_text(entry, encoding="utf-8")
    registry = TemplateRegistry(load_template_file(path))
    lines = ["示例表", "单位：万元", "合计 1.00", "", "项目 统计 数", "车辆 1", "", "第二部分 说明"]
    blocks = segment(lines, registry).tables
    assert [(b.template.id, b.title_line, b.start, b.end) for b in blocks] == [
        ("final.XA", 1, 1, 4), ("final.XB", 5, 5, 6)]
    # no header line: the block stays whole
    blocks = segment([*lines[:4], "车辆 1"], registry).tables
    assert [(b.template.id, b.end) for b in blocks] == [("final.XA", 5)]


# ---------------------------------------------------------------- the published PDFs
# Table ids in document order, bodies and 目录 entries, checked against the page images
# (pdftoppm -png -r 60): 江苏 2017 pp. 11–17 and its 目录 p. 1, 2018 pp. 9–15 and p. 2 (four 目录
# entries wrapped over two lines), 2019 pp. 8–17 (公开01表 … 公开12表 above each title) and p. 2;
# 上海普陀 pp. 6–20 and p. 2, the 上海 template pp. 5–9 and p. 2.

PDF = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"
JIANGSU_2017 = ["budget.B01", "budget.B02", "budget.B03", "budget.B04", "budget.B14", "budget.B15",
                "budget.B08", "budget.B07", "budget.B16", "budget.B12", "budget.B10", "budget.B11"]
# 2018 and 2019 print 一般公共预算 before 三公, then 政府性基金, 机关运行经费, 政府采购
JIANGSU_2018 = ["budget.B01", "budget.B02", "budget.B03", "budget.B04", "budget.B14", "budget.B15",
                "budget.B07", "budget.B16", "budget.B10", "budget.B08", "budget.B12", "budget.B11"]
# 上海 prints 三公 (七) before the two fund tables (八, 九)
SHANGHAI = ["final.T01", "final.T02", "final.T03", "final.T04", "final.T05", "final.T06",
            "final.T09", "final.T07", "final.T08"]
PDF_TABLES = {
    "jiangsu-court-2017-budget.pdf": JIANGSU_2017,
    "jiangsu-court-2018-budget.pdf": JIANGSU_2018,
    "jiangsu-court-2019-budget.pdf": JIANGSU_2018,
    "shanghai-putuo-finance-2024-final.pdf": SHANGHAI,
    "shanghai-2024-final-template.pdf": SHANGHAI,
}


@pytest.mark.parametrize("name", sorted(PDF_TABLES))
def test_pdf_tables_recognised_and_listed(pdf_docs, name):
    doc = pdf_docs[name]
    expected = PDF_TABLES[name]
    assert [t.id for t in doc.tables if not t.listed_only] == expected
    assert [lt.table_id for lt in doc.listed_tables] == expected
    assert all(lt.line < doc.tables[0].line for lt in doc.listed_tables)  # the 目录, before them


def test_jiangsu_titles_keep_year_department_and_code(pdf_docs):
    t17 = pdf_docs["jiangsu-court-2017-budget.pdf"].tables
    assert norm(t17[0].title) == "一、2017年度江苏省高级人民法院部门收支预算总表"
    t19 = pdf_docs["jiangsu-court-2019-budget.pdf"].tables
    assert [t.code for t in t19] == [f"公开{n:02d}表" for n in range(1, 13)]


def test_attached_self_evaluation_reports_are_parts(docs):
    """A 自评报告 attached after the 说明 is a part of its own, its title often printed over two
    lines: GS24:1307–1308 "…部门整体支出绩效" / "自评报告", 1663–1665 "…补助资金" / "项目项目支出
    绩效自评报告", 2013–2015, 2428–2430 "…项目支出绩效自评" / "报告"; SC24:468, 733; SX23:2977, 3144.
    Before, they fell under 名词解释 / 附件 and their sentences were read as no section's."""
    def reports(key):
        return [(s.line, s.level) for s in docs[key].sections if s.title.endswith("报告")]

    assert reports("GS24") == [(1307, 1), (1663, 1), (2013, 1), (2428, 1)]
    assert reports("SC24") == [(468, 1), (733, 1)]
    assert reports("SX23") == [(2977, 1), (3144, 1)]
    assert reports("QH24") == []
    gs = {s.line: s for s in docs["GS24"].sections}
    assert gs[1307].title == "临夏市医疗保障局部门整体支出绩效自评报告"
    assert gs[2428].title == "2024 年城乡医疗救助县级补助项目支出绩效自评报告"
    assert gs[1215].end_line == 1306  # 第五部分 名词解释 ends where the first report begins

"""Which tables, listed tables and sections each report yields (read from the reports by hand)."""

from __future__ import annotations

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

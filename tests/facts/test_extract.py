"""Fact extraction on the five real reports; expected values read by hand from the report text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checker.facts.render import render_facts
from checker.model import Document, Fact


def _find(doc: Document, name: str, line: int) -> list[Fact]:
    return [f for f in doc.facts if f.name == name and f.line == line]


@pytest.mark.parametrize(("key", "name", "line", "value", "unit", "section"), [
    ("GS24", "收入总计", 853, "775.38", "万元", "说明.总体"),
    ("GS24", "变动率", 855, "3.61", "%", "说明.总体"),
    ("GS24", "基本支出", 867, "746.02", "万元", "说明.支出"),  # H17: "746.02" / "万元"
    ("GS24", "完成率", 907, "90.32", "%", "说明.一般公共预算.具体"),
    ("GS24", "金额", 1041, "5.08", "元", "说明.机关运行经费"),
    ("QH24", "本年收入合计", 429, "1112.92", "万元", "说明.收入"),
    ("QH24", "变动率", 523, "-3.50", "%", "说明.三公"),
    ("QH24", "决算数", 463, "0.48", "元", "说明.一般公共预算"),
    ("SC24", "变动率", 36, "2.2", "%", "说明.总体"),
    ("SC24", "决算数", 112, "1176.34", None, "说明.一般公共预算.具体"),
    ("SX23", "项目支出", 167, "203.12", "万元", "说明.支出"),  # "203.12 万" / "元"
    ("SX23", "占比", 169, "36.3", "%", "说明.支出"),
    ("GS21B", "政府采购总额", 90, "85", "万元", "说明.政府采购"),
])
def test_fact_values(docs: dict[str, Document], key: str, name: str, line: int, value: str,
                     unit: str | None, section: str) -> None:
    found = _find(docs[key], name, line)
    assert found, f"{key}: no {name} at line {line}"
    f = found[0]
    assert f.number.value == Decimal(value)
    assert f.unit == unit
    assert f.section == section
    assert f.sentence


def test_decimals_kept(docs: dict[str, Document]) -> None:
    f = _find(docs["QH24"], "决算数", 451)[0]  # "支出决算为 1108 万元"
    assert (f.number.value, f.number.decimals) == (Decimal(1108), 0)


def test_share_has_its_amount_and_whole(docs: dict[str, Document]) -> None:
    share = _find(docs["GS24"], "占比", 869)[0]
    siblings = [f for f in docs["GS24"].facts if f.group == share.group and f is not share]
    assert [(f.name, str(f.number.value)) for f in siblings] == [("金额", "746.02")]
    assert share.attrs["基数"] == "本年支出合计"
    assert share.label == "基本支出"


def test_change_current_from_earlier_sentence(docs: dict[str, Document]) -> None:
    """GS24:1043 '机关运行经费较上年决算数增加 22.94 万元' takes 79.03 from GS24:1035."""
    rate = _find(docs["GS24"], "变动率", 1043)[0]
    current = [f for f in docs["GS24"].facts if f.group == rate.group and f.name == "本年"]
    assert [str(f.number.value) for f in current] == ["79.03"]


def test_no_years_dates_or_document_numbers(docs: dict[str, Document]) -> None:
    for doc in docs.values():
        for f in doc.facts:
            if f.unit in ("万元", "元"):
                assert f.number.text not in ("2019", "2020", "2021", "2023", "2024"), f
    # "临州财社[2020]105 号" (GS21B:80) and "截至 2024 年 12 月 31 日" carry no amount
    assert not [f for f in docs["GS21B"].facts if f.number.text in ("105", "2020")]
    assert not [f for f in docs["GS24"].facts if f.line == 1069 and f.number.text in ("12", "31")]


def test_placeholders(docs: dict[str, Document]) -> None:
    hits = [(f.line, f.number.text) for f in docs["SC24"].facts if f.name == "占位符"]
    assert hits == [(225, "增加/减少"), (225, "增长/下降"), (229, "增加/减少"), (231, "增长/下降")]
    for key in ("GS24", "QH24", "SX23", "GS21B"):
        assert not [f for f in docs[key].facts if f.name == "占位符"], key


def test_genuine_yuan_rate_is_not_money(docs: dict[str, Document]) -> None:
    """"160 元/人" (SC24:770) is a rate, not an amount (the 642.77 万元 after it is one)."""
    assert [f.number.text for f in docs["SC24"].facts if f.line == 770] == ["642.77"]


def test_render_facts(docs: dict[str, Document]) -> None:
    text = render_facts(docs["GS24"])
    assert "775.38 万元" in text and "5.08 元" in text
    assert text.splitlines()[0].endswith(f"{len(docs['GS24'].facts)} facts")


def test_json_round_trip(docs: dict[str, Document]) -> None:
    from checker.schema import validate_document

    data = docs["QH24"].to_json()
    validate_document(data, "QH24")
    back = Document.from_json(data)
    assert [f.to_json() for f in back.facts] == data["facts"]


def test_carry_over_balance_facts(docs: dict[str, Document]) -> None:
    """SC24:528–532 "（三）结余分配和结转结余情况。本单位 2024 年决算报表年初结转结余 0.17 万元，年末" /
    "结转结余 0.18 万元。", under SC24:514 "二、部门资金收支情况" (section 说明.资金收支)."""
    got = [(f.name, f.line, f.number.text, f.unit, f.section) for f in docs["SC24"].facts
           if f.name in ("年初结转和结余", "年末结转和结余", "使用非财政拨款结余", "结余分配")]
    assert got == [("年初结转和结余", 530, "0.17", "万元", "说明.资金收支"),
                   ("年末结转和结余", 532, "0.18", "万元", "说明.资金收支")]
    # the 名词解释 definitions (GS24:1235–1253, SC24:339–346) and the tables carry none
    for key in ("GS24", "QH24", "SX23", "GS21B"):
        assert not [f for f in docs[key].facts if "结转和结余" in f.name or f.name == "结余分配"], key


def test_project_names_of_performance_paragraphs(docs: dict[str, Document]) -> None:
    """The name printed before "项目绩效自评综述/情况" is kept with the project's figures (N14)."""
    names = {(key, f.line): f.attrs.get("项目名称") for key in ("GS24", "QH24", "SX23")
             for f in docs[key].facts if f.name == "项目执行数"}
    assert names[("QH24", 611)] == "医保基金预决算会审"  # QH24:611 "3. 医保基金预决算会审项目绩效自评综述："
    assert names[("QH24", 756)] == "两定医疗机构准入核查及稽核"  # QH24:756 "9. 两定医疗机构准入核查…项目"
    # QH24:582 "2. 医疗服务和保障能力提升补助资金（2023 年）项目绩效自评综述"
    assert names[("QH24", 582)] == "医疗服务和保障能力提升补助资金（2023年）"
    assert names[("GS24", 1123)] == "城乡居民基本医疗保险补助"  # GS24:1119 "1.“城乡居民基本医疗保险补助”项目"
    assert names[("GS24", 1175)] == "关于下达中央财政医疗服务能力提升补助资金"  # GS24:1171
    assert names[("SX23", 607)] == "2020年中央医疗救助补助资金"  # SX23:605 "2020 年中央医疗救助补助资金项目…"
    assert None not in names.values()
    assert len(names) == 15  # QH24 10, GS24 3, SX23 2: unchanged by the name


def test_self_evaluation_report_facts(docs: dict[str, Document]) -> None:
    """The 自评报告 in their own words (checker/facts/patterns.yaml 绩效.报告*, 绩效.整体资金,
    绩效.人均合计, 绩效.列举合计): read now that a report is a part of its own."""
    def got(key, name):
        return [(f.line, f.number.text) for f in docs[key].facts if f.name == name]

    # GS24:1693 "全年执行数为 54 万元，执行率为 99.9%"; 1783 "预算执行率达到 100%"; the standard
    # "资金使用标准：资金到位率 100%，预算执行率 100%" (GS24:2161) is no result
    rates = got("GS24", "报告执行率")
    assert (1693, "99.9") in rates and (1783, "100") in rates
    assert not [line for line, _ in rates if line in (2161, 2558)]
    assert got("GS24", "报告满意度") == [(1807, "95")]
    assert got("GS24", "报告满意度分") == [(2624, "95")]
    assert got("GS24", "整体报告资金") == [(1406, "746.02"), (1410, "666.99"), (1418, "79.03"),
                                     (1424, "314.91")]
    # a sentence of a 绩效 form wrapped over lines with no punctuation on some (SX23:1935 "居民按提高
    # 参保补助标准后的差额2.7元追加县级"; 1584 "目标2：…用于购买各类办公")
    assert got("SX23", "人均合计") == [(1217, "75.1"), (1228, "75.1"), (1927, "1039.9"),
                                   (1936, "1039.9")]
    assert got("SX23", "列举合计") == [(1574, "60"), (1589, "60")]
    # SC24:985–986 "评价" / " 总分 100 分" is the score its grade is given for
    assert got("SC24", "综合得分") == [(986, "100")]

"""Indicator values (年度指标值 / 实际完成值): checker.parse.indicator, by properties and by the
values printed in the reports (each case cites its line)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from checker.parse.indicator import (
    BAND,
    DATE,
    QUANTITY,
    SEVERAL,
    UNPARSED,
    WORD,
    IndicatorValue,
    begins_value,
    parse_indicator,
    read_pair,
)

# ---- properties

SPELLINGS = {
    "≥": ["≥", "≧", ">=", "＞=", "＞＝"], "≤": ["≤", "≦", "<=", "＜=", "＜＝"],
    ">": [">", "＞"], "<": ["<", "＜"], "=": ["=", "＝"], None: [""],
}
UNITS = ["%", "％", "人", "人次", "次", "个", "万元", "元", "天", "日", "名", "万人", "年", "元/人", ""]

numbers = st.tuples(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=2)).map(
    lambda t: D(t[0]).scaleb(-t[1]))


@given(st.sampled_from(list(SPELLINGS)), st.data(), numbers, st.sampled_from(UNITS),
       st.sampled_from(["", " "]))
def test_quantity_reads_comparator_number_and_unit(cmp, data, value, unit, space):
    spelling = data.draw(st.sampled_from(SPELLINGS[cmp]))
    text = f"{spelling}{value}{space}{unit}"
    assume(not (cmp is None and unit == "年" and len(str(value)) == 4 and str(value)[:2] in ("19", "20")))
    # "2023年" is a date (SX23:1279), tested below
    v = parse_indicator(text)
    assert v.kind == QUANTITY, text
    assert v.comparator == cmp
    assert v.number == value and v.decimals == max(0, -value.as_tuple().exponent)
    want_unit = {"％": "%", "日": "天"}.get(unit, unit) or None
    assert v.unit == want_unit
    assert v.percent == (want_unit == "%")
    assert v.text == text  # the printed text is kept


@given(st.integers(min_value=0, max_value=100), st.integers(min_value=0, max_value=100),
       st.booleans())
def test_bands_are_fractions_in_order(a, b, mark_lower):
    if a == b:
        return
    hi, lo = max(a, b), min(a, b)
    text = f"{hi}%-{lo}%(含)" if mark_lower else f"{hi}%-{lo}%"
    v = parse_indicator(text)
    assert v.kind == BAND
    assert (v.low, v.high) == (D(lo).scaleb(-2), D(hi).scaleb(-2))
    # the lower bound is included (marked, or unmarked); the upper only at 100%: 80% belongs to
    # the band above "80%-60%(含)"
    assert v.low_inclusive is True
    assert v.high_inclusive == (hi == 100)


@given(st.text(max_size=30))
def test_any_text_gives_one_value_never_an_error(text):
    v = parse_indicator(text)
    assert isinstance(v, IndicatorValue)
    assert v.kind in (QUANTITY, BAND, DATE, WORD, SEVERAL, UNPARSED)
    assert (v.why is not None) == (v.kind == UNPARSED)
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.kind = WORD  # type: ignore[misc]


@given(st.sampled_from(["≥", ">", "≤", "<", "=", ""]), numbers, numbers, st.sampled_from(["%", "人", "万元"]))
def test_met_is_the_printed_comparison(cmp, target, actual, unit):
    pair = read_pair("指标", f"{cmp}{target}{unit}", f"{actual}{unit}")
    want = {"≥": actual >= target, ">": actual > target, "≤": actual <= target,
            "<": actual < target, "=": actual == target, "": actual >= target}[cmp]
    assert pair.quantitative and pair.met() is want


@given(st.integers(min_value=0, max_value=10**5), st.sampled_from(["满意度", "知晓率", "覆盖率", "报销比例"]))
def test_a_bare_bound_in_a_rate_row_must_be_a_percentage(n, name):
    pair = read_pair(f"参保人员{name}", f">{n}", "95")
    if n <= 100:
        assert pair.problem is None and pair.target.unit == "%" and pair.actual.unit == "%"
    else:
        assert pair.problem is not None and "没有单位" in pair.problem


@given(st.integers(min_value=0, max_value=10**5))
def test_a_bare_bound_elsewhere_is_a_count(n):
    pair = read_pair("印刷宣传册", f"≥{n}", str(n))  # QH24:794 "≥10000" / "10000"
    assert pair.problem is None and pair.quantitative and pair.met() is True


# ---- the values printed in the reports

REPORT_VALUES = [
    # text, kind, comparator, number, decimals, unit, note          # where
    ("≥1 次", QUANTITY, "≥", "1", 0, "次", None),                      # QH24:566
    ("=100%", QUANTITY, "=", "100", 0, "%", None),                     # QH24:569
    ("90%", QUANTITY, None, "90", 0, "%", None),                       # QH24:569 (actual)
    ("≥10000", QUANTITY, "≥", "10000", 0, None, None),                 # QH24:794 (no unit)
    ("=3 名", QUANTITY, "=", "3", 0, "名", None),                      # QH24:748
    ("=290 万元", QUANTITY, "=", "290", 0, "万元", None),              # GS24:2344
    ("248.58", QUANTITY, None, "248.58", 2, None, None),               # GS24:2344 (actual)
    (">=210000人", QUANTITY, "≥", "210000", 0, "人", None),            # GS24:2351–2353 joined
    ("<20 天", QUANTITY, "<", "20", 0, "天", None),                    # GS24:1988
    ("<=20 日", QUANTITY, "≤", "20", 0, "天", None),                   # GS24:2388 (日 → 天)
    (">98%", QUANTITY, ">", "98", 0, "%", None),                       # GS24:2379
    (">905", QUANTITY, ">", "905", 0, None, None),                     # GS24:2422 (see read_pair)
    ("54 万元", QUANTITY, None, "54", 0, "万元", None),                # GS24:1966
    ("≧99%", QUANTITY, "≥", "99", 0, "%", None),                       # SX23:2203
    ("4200人次", QUANTITY, None, "4200", 0, "人次", None),             # SX23:2193
    ("75.42 万元", QUANTITY, None, "75.42", 2, "万元", None),          # SX23:2217
    ("18.05万人", QUANTITY, None, "18.05", 2, "万人", None),           # SX23:1957
    ("2700/月/人", QUANTITY, None, "2700", 0, "/月/人", None),         # SX23:1161
    ("300元/人/年", QUANTITY, None, "300", 0, "元/人/年", None),       # SX23:1263
    ("≥1年", QUANTITY, "≥", "1", 0, "年", None),                       # SX23:1395
    ("23.6万元（据实结算）", QUANTITY, None, "23.6", 1, "万元", "（据实结算）"),  # SX23:1743–1745
    ("2万元(按会议费规定不超标准）", QUANTITY, None, "2", 0, "万元", "(按会议费规定不超标准）"),  # SX23:1688
    ("缴费基数1%", QUANTITY, None, "1", 0, "%", "缴费基数"),           # SX23:1865
    # spellings the five reports do not print
    ("95%以上", QUANTITY, "≥", "95", 0, "%", None),
    ("20天以内", QUANTITY, "≤", "20", 0, "天", None),
    ("不低于95%", QUANTITY, "≥", "95", 0, "%", None),
    ("１００％", QUANTITY, None, "100", 0, "%", None),
]


@pytest.mark.parametrize(("text", "kind", "cmp", "number", "decimals", "unit", "note"), REPORT_VALUES)
def test_report_quantities(text, kind, cmp, number, decimals, unit, note):
    v = parse_indicator(text)
    assert (v.kind, v.comparator, v.number, v.decimals, v.unit, v.note) == (
        kind, cmp, D(number), decimals, unit, note)


@pytest.mark.parametrize(("text", "kind", "word", "polarity"), [
    ("定性优良", WORD, "优良", "yes"),           # QH24:629
    ("良好", WORD, "良好", "yes"),               # QH24:629 (actual)
    ("是否有所提高", WORD, "是否有所提高", "question"),  # QH24:573
    ("有所提高", WORD, "有所提高", "yes"),       # QH24:573 (actual)
    ("定性年内完成", WORD, "年内完成", "yes"),   # QH24:572
    ("已完成", WORD, "已完成", "yes"),           # QH24:572 (actual)
    ("长期", WORD, "长期", "yes"),               # GS24:2411
    ("逐步提高", WORD, "逐步提高", "yes"),       # SX23:1384
    ("是", WORD, "是", "yes"),                   # SX23:1173
    ("否", WORD, "否", "no"),
    ("2023年度", DATE, "2023年度", None),        # SX23:1155
    ("2023年度6月前", DATE, "2023年度6月前", None),  # SX23:1859
])
def test_report_words_and_dates(text, kind, word, polarity):
    v = parse_indicator(text)
    assert (v.kind, v.word, v.polarity) == (kind, word, polarity)


def test_report_bands_and_lists():
    band = parse_indicator("100%-80%(含)")  # GS24:2413–2415, joined; also GS24:1605
    assert (band.kind, band.low, band.high, band.low_inclusive) == (BAND, D("0.8"), D("1"), True)
    lower = parse_indicator("80%-60%(含)")  # 80% belongs to the band above
    assert (lower.low, lower.high, lower.low_inclusive, lower.high_inclusive) == (
        D("0.6"), D("0.8"), True, False)
    two = parse_indicator("70%和60%")  # SX23:2221
    assert two.kind == SEVERAL and [p.number for p in two.parts] == [D(70), D(60)]
    three = parse_indicator("4批；2次；5台；")  # SX23:1614–1617
    assert three.kind == SEVERAL and [p.unit for p in three.parts] == ["批", "次", "台"]


def test_unparsed_says_why():
    v = parse_indicator("按计划推进")
    assert v.kind == UNPARSED and "按计划推进" in (v.why or "")
    assert parse_indicator("").kind == UNPARSED
    assert parse_indicator("100%-8").kind == UNPARSED  # GS24:2413 alone: the band's first half


def test_gs24_2422_is_unreadable_but_its_neighbours_are_not():
    """">905" (GS24:2422) parses as a bare bound, but a 满意度 is a rate: 905 is no percentage.
    The bare bounds of QH24:627 ("≥5" meetings) and QH24:794 ("≥10000" booklets) are counts."""
    bad = read_pair("参保人员满意度", ">905", "95", "5")
    assert bad.problem is not None and "905" in bad.problem and bad.met() is None
    assert not bad.quantitative
    meetings = read_pair("指标 1：年度召开基金预算、决算布置会和汇总、审核、分析会议", "≥5", "≥5")
    assert meetings.problem is None and meetings.met() is True
    satisfied = read_pair("指标 2：“两定机构”对医保服务满意度", "≥90%", "90")  # QH24:608
    assert satisfied.unit == "%" and satisfied.met() is True


@pytest.mark.parametrize(("label", "target", "actual", "met"), [
    ("结算时限", "<20 天", "20", False),                            # GS24:1988
    ("确保应保尽保", ">98%", "98", False),                          # GS24:1992
    ("资金投入", "=290 万元", "248.58", False),                     # GS24:2344
    ("经济投入", ">=40 万元", "36.97", False),                      # GS24:2751
    ("医疗待遇报销平均时限", "<=20 日", "20", True),                # GS24:2388
    ("城乡居民人口参保人数", ">=210000人", "210000", True),         # GS24:2351–2354
    ("参保政策覆盖率", "≧99%", "≧70%", False),                      # SX23:2203
    ("门诊补助费用", "200.89万元", "75.42 万元", False),            # SX23:2217
    ("住院救助人次", "4200人次", "4360人次", True),                 # SX23:2193
    ("二类救助对象比例", "70%和60%", "70%和60%", True),             # SX23:2221
    ("项目完成时间", "2023年度", "2023年度", True),                 # SX23:1155
    ("定点医药机构监督检查覆盖率", "=100%", "90%", False),          # QH24:569
    ("医保法治能力建设", "是否有所提高", "有所提高", True),         # QH24:576
    ("有效合理编制预算、决算", "定性优良", "良好", True),           # QH24:629
    ("DIP 试点进展模拟运行时间", "定性年内完成", "已完成", True),   # QH24:572
    ("确保城乡居民持续参保", "长期", "100%-80%(含)", None),         # GS24:2411–2416: a band, S06
    ("提升人才队伍建设", "是", "否", False),
])
def test_met_on_report_rows(label, target, actual, met):
    assert read_pair(label, target, actual).met() is met


def test_units_that_differ_are_not_compared():
    pair = read_pair("总成本", "100万元", "75.1元")
    assert not pair.quantitative and pair.met() is None and "units differ" in pair.why_not_comparable()


@pytest.mark.parametrize(("token", "begins"), [
    ("=290", True), (">=210000", True), ("248.58", True), ("长期", True), ("是", True),
    ("2023年度", True), ("不低于95%", True),
    ("人", False), ("万元", False), ("（据实结", False), ("算）", False), ("资金投入", False),
])
def test_begins_value(token, begins):
    assert begins_value(token) is begins

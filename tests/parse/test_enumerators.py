"""Narrative enumerators (checker/parse/enumerators.py): the lists found on the five reports and
the ones that repeat or skip a number, each read in the report."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from checker.parse.enumerators import chinese_numeral, to_chinese_numeral


def _breaks(doc) -> list[tuple[int, str, str]]:
    return [(f.line, f.attrs["编号"], f.attrs["应为编号"]) for f in doc.facts
            if f.name == "编号" and f.attrs.get("应为", f.number.text) != f.number.text]


def test_repeats_and_gaps_on_the_reports(docs):
    # GS21B:100 "2. 基本支出…" is followed by GS21B:102 "2. …" (domain.md U08)
    assert _breaks(docs["GS21B"]) == [(102, "2.", "3.")]
    # QH24:461 "（4）行政事业单位养老支出…" then QH24:463 "（4）其他社会保障和就业支出…"
    assert _breaks(docs["QH24"]) == [(463, "（4）", "（5）")]
    # GS24: 981 and 1003 both "2."; 2043 "（二）项目绩效目标" then 2081 "（二）项目实施与管理";
    # 2237 "（一）主要经验及做法" then 2253 "（三）建议和改进举措"; 2466 "（三）项目实施情况分析" then
    # 2494 "（二）项目实施与管理"; 2630 "1.评分结果" then 2638 "3. 主要结论"
    assert _breaks(docs["GS24"]) == [(1003, "2.", "3."), (2081, "（二）", "（三）"),
                                     (2253, "（三）", "（二）"), (2494, "（二）", "（四）"),
                                     (2638, "3.", "2.")]
    # SX23:947 "2.2022 年干部职工体检费项目…" is item 2 (not the decimal 2.2022), so 963 "3." follows;
    # SX23:2390 "十四、" resumes the outline after the 指标体系's own 一、–三、 (SX23:701–710)
    assert _breaks(docs["SX23"]) == []
    assert _breaks(docs["SC24"]) == []


def test_enumerators_keep_their_line_and_value(docs):
    qh = {f.line: f for f in docs["QH24"].facts if f.name == "编号"}
    # QH24:423 "一、收入支出决算总体情况说明" opens the 第三部分 outline: no predecessor
    assert qh[423].number.value == 1 and "应为" not in qh[423].attrs
    # QH24:427 "二、收入决算情况说明"
    assert (qh[427].number.value, qh[427].attrs["编号"], qh[427].attrs["应为"]) == (2, "二、", "2")
    sx = {f.line: f for f in docs["SX23"].facts if f.name == "编号"}
    assert (sx[947].number.value, sx[2390].number.value) == (2, 14)


@given(st.integers(min_value=1, max_value=99))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert chinese_numeral(to_chinese_numeral(n)) == n


def test_chinese_numerals() -> None:
    assert [chinese_numeral(t) for t in ("一", "十", "十二", "二十", "二十三", "十四")] == [
        1, 10, 12, 20, 23, 14]
    assert chinese_numeral("一二") is None and chinese_numeral("第一") is None

"""Text captures read as numbers by the parser (checker/parse/capture_numbers.py, Fact.numbers):
A12.perf's 人数 and 标准, A06.goal's list of spending items."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from checker.parse.capture_numbers import read_amounts, read_number

D = Decimal


def test_a_number_keeps_its_printed_interval_and_wan_counts_ten_thousand():
    n = read_number("3334")
    assert (n.value, n.low, n.high, n.text) == (D(3334), D("3333.5"), D("3334.5"), "3334")
    n = read_number("18.05万")  # SX23:1926 "对全县18.05万参保居民"
    assert (n.value, n.low, n.high, n.text) == (D(180500), D(180450), D(180550), "18.05万")
    assert read_number("1,200").value == 1200
    assert read_number("约300") is None and read_number("") is None


def test_amounts_sum_each_at_money_precision():
    # SX23:1584–1589: 10 + 10 + 6 + 6.4 + 7.6 + 10 = 50.0, six amounts at ± 0.005 each
    text = ("购买各类办公用品10万元，办公设备购置10万元，会议、培训费用6万元，开展各类专项检查费用6.4万元，"
            "网络建设维护等费用7.6万元，医保宣传印制彩页费用10万元")
    n = read_amounts(text)
    assert (n.value, n.low, n.high, n.text) == (D("50.0"), D("49.97"), D("50.03"), "50.0")
    assert read_amounts("没有金额") is None


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=4),
       st.booleans())
def test_a_printed_number_is_the_middle_of_its_interval(digits, decimals, wan):
    text = str(D(digits).scaleb(-decimals)) + ("万" if wan else "")
    n = read_number(text)
    unit = D(10) ** -decimals * (10000 if wan else 1)
    assert n.low < n.value < n.high and n.high - n.low == unit
    assert n.value - n.low == n.high - n.value and n.text == text


def test_the_parser_reads_them_onto_the_facts_of_sx23(docs):
    facts = [f for f in docs["SX23"].facts if f.name == "人均合计"]
    by_line = {f.line: f for f in facts}
    # SX23:1216–1217 "对全县3334名干部职工按人均300元标准…共75.1万元"
    f = by_line[1217]
    assert (f.numbers["人数"].value, f.numbers["标准"].value) == (3334, 300)
    assert f.attrs["人数"] == "3334"  # the text capture is kept as printed
    lists = [f for f in docs["SX23"].facts if f.name == "列举合计"]
    assert any(f.numbers["列举"].value == D("50.0") for f in lists)

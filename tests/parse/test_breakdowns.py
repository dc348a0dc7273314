"""The 其中 breakdowns the parser reads once onto the facts (checker/parse/breakdowns.py).

The sentences are the reports' (../shared/reports/, the same text as tests/fixtures/), quoted with
their line; every expected part was read by hand.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import InputError
from checker.model import Breakdown, Document, Fact, Number, Section
from checker.parse.breakdowns import amounts, read_breakdowns, read_list, words_of
from checker.parse.patterns import _load_cached, national_patterns
from checker.schema import validate_document

WORDS = words_of(national_patterns())


def _whole(doc: Document, line: int, text: str, name: str | None = None) -> Fact:
    return next(f for f in doc.facts if f.line == line and f.number.text == text
                and (name is None or f.name == name))


def _parts(doc: Document, line: int, text: str) -> list[tuple[str, int]]:
    b = _whole(doc, line, text).breakdown
    return [] if b is None else [(doc.facts[i].number.text, doc.facts[i].line) for i in b.parts]


# ---- the reports


def test_sx23_707_two_wholes_in_one_sentence(docs) -> None:
    # SX23:707–708 "基本支出355.52万元，其中人员经费333.34万元，公用经费22.18万元；项目支出203.12万元，
    # 其中镇村三级医保经办服务体系建设补助资金36.75万元，上级专项-医保服务能力建设补助资金50万元，干部职工
    # 体检费75万元，…大病救助资金23.52万元，…财政补助1.56万元，临聘人员工资16.2万元。"
    doc = docs["SX23"]
    assert _parts(doc, 707, "355.52") == [("333.34", 707), ("22.18", 707)]
    assert _parts(doc, 707, "203.12") == [("36.75", 707), ("50", 708), ("75", 708),
                                          ("23.52", 708), ("1.56", 708), ("16.2", 708)]
    b = _whole(doc, 707, "203.12").breakdown
    assert b is not None and not b.partial and not b.shares and b.unread is None
    # "预算支出总额558.64万元(不含财政代列）。": no 其中 after it
    assert _whole(doc, 707, "558.64").breakdown is None


def test_qh24_433_a_share_list_goes_on_past_the_semicolon(docs) -> None:
    # QH24:433 "本年支出合计 1112.15 万元，其中：基本支出 442.09 万元，占 39.75%；项目支出 670.07 万元，
    # 占 60.25%。"
    doc = docs["QH24"]
    assert _parts(doc, 433, "1112.15") == [("442.09", 433), ("670.07", 433)]
    b = _whole(doc, 433, "1112.15").breakdown
    assert b is not None and b.shares and not b.partial


def test_qh24_493_a_list_without_shares_ends_at_the_semicolon(docs) -> None:
    # QH24:493 "基本支出 437.93 万元，其中：人员经费 404.79 万元，主要包括：…等；公用经费 33.15 万元…"
    assert _parts(docs["QH24"], 493, "437.93") == [("404.79", 493)]


def test_what_is_no_whole(docs) -> None:
    # GS21B:90 "政府采购预算 85 万元，比上年预算数减少 5 万元，其中：…": 85 is not followed by 其中, and
    # 5 is a change: its parts would be changes too
    assert _whole(docs["GS21B"], 90, "85").breakdown is None
    assert _whole(docs["GS21B"], 90, "5").breakdown is None
    # QH24:507 "支出决算为2.41万元，完成预算的96.40%，其中：…": a share between the amount and 其中
    assert _whole(docs["QH24"], 507, "2.41").breakdown is None
    # GS21B:52 "…其中：当年财政拨款收入906.64万元，比上年预算减少4356.34万元。": the change is no part
    assert _parts(docs["GS21B"], 52, "912.65") == [("906.64", 52)]


def test_qh24_533_read_as(docs) -> None:
    # QH24:533 "政府采购支出总额 340.26 万元，其中：政府采购货物支出 340.26 万元、…工程支出 0 万元、…服务
    # 支出 0 万元。": the whole is read as 政府采购总额 and (the same printed number) 政府采购货物
    whole = _whole(docs["QH24"], 533, "340.26", "政府采购总额")
    assert "政府采购货物" in whole.read_as and "政府采购总额" not in whole.read_as
    assert [t for t, _ in _parts(docs["QH24"], 533, "340.26")] == ["340.26", "0", "0"]


def test_a_parsed_breakdown_is_in_the_document_json(docs) -> None:
    doc = docs["QH24"]
    data = json.loads(json.dumps(doc.to_json(), ensure_ascii=False))
    validate_document(data, "QH24")
    back = Document.from_json(data)
    assert [f.breakdown for f in back.facts] == [f.breakdown for f in doc.facts]
    assert [f.read_as for f in back.facts] == [f.read_as for f in doc.facts]
    (fact,) = [f for f in data["facts"] if f["line"] == 433 and f["number"]["text"] == "1112.15"]
    assert fact["breakdown"]["shares"] is True and len(fact["breakdown"]["parts"]) == 2


# ---- facts built by hand


def _fact(value: str, sentence: str, line: int = 1, unit: str = "万元", name: str = "金额") -> Fact:
    d = len(value.split(".")[1]) if "." in value else 0
    return Fact(name, Number(Decimal(value), d, value, line), unit, sentence, line, "case",
                section="说明.支出")


def _read(facts: list[Fact], sections: list[Section] | None = None) -> list[Fact]:
    read_breakdowns(facts, sections or [], national_patterns())
    return facts


def test_a_part_in_yuan_cannot_be_summed() -> None:
    s = "公用经费10.00万元，其中：办公费5.00万元，工会经费5.08元。"
    whole, *_ = _read([_fact("10.00", s), _fact("5.00", s), _fact("5.08", s, unit="元")])
    assert whole.breakdown == Breakdown([1, 2], unread="the part 5.08元 (line 1) is printed in 元 "
                                                     "in a 万元 breakdown (see U01)")


def test_the_share_list_continues_in_the_section_text() -> None:
    text = ("本年支出合计100.00万元，其中：基本支出60.00万元，占60.00%；项目支出40.00万元，占40.00%。"
            "其他说明30.00万元，占30.00%；")
    first = "本年支出合计100.00万元，其中：基本支出60.00万元，占60.00%；"
    second = "项目支出40.00万元，占40.00%。"
    facts = _read([_fact("100.00", first, 3), _fact("60.00", first, 3), _fact("40.00", second, 4),
                   _fact("30.00", "其他说明30.00万元，占30.00%；", 5)],
                  [Section("三、支出决算情况说明", 2, 2, 6, text=text)])
    assert facts[0].breakdown == Breakdown([1, 2], shares=True)  # stops at "。"


def test_the_words_are_data(tmp_path) -> None:
    """A pattern file's breakdown words extend the national ones (a plugin's, say)."""
    extra = tmp_path / "extra.yaml"
    extra.write_text("breakdowns:\n  restate: ['一并']\n", encoding="utf-8")
    from checker.parse.patterns import national_pattern_path

    ps = _load_cached((str(national_pattern_path()), str(extra)))
    s = "总额100万元，其中：甲30万元，乙20万元，一并50万元。"
    at = s.index("：") + 1
    assert [a.text for a in read_list(s, at, WORDS).parts] == ["30", "20", "50"]
    got = read_list(s, at, words_of(ps))
    assert [a.text for a in got.parts] == ["30", "20"] and got.closed


def test_a_misspelt_breakdown_key_is_named(tmp_path) -> None:
    p = tmp_path / "patterns.yaml"
    p.write_text("breakdowns:\n  chnage: [增加]\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        _load_cached((str(p),))
    assert "patterns.yaml" in str(info.value) and "'chnage'" in str(info.value)


def test_a_bad_breakdown_regex_is_named(tmp_path) -> None:
    p = tmp_path / "patterns.yaml"
    p.write_text("breakdowns:\n  change: ['(增加']\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"breakdowns\.change: bad regex"):
        _load_cached((str(p),))


# ---- read_list() and read_breakdowns() on generated clauses

LABELS = ["人员经费", "公用经费", "办公费", "差旅费", "甲项目", "乙项目资金", "体检费", "临聘人员工资"]
money = st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False, allow_infinity=False)


def _clause(items: list[tuple[str, Decimal]], sep: str = "，", tail: str = "。",
            share: bool = False) -> str:
    body = sep.join(f"{label}{value}万元" + ("，占12.5%" if share else "") for label, value in items)
    return f"项目支出999.99万元，其中：{body}{tail}"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LABELS), money), min_size=1, max_size=6),
       st.sampled_from(["，", "、"]))
def test_read_list_plain(items, sep) -> None:
    text = _clause(items, sep)
    start = text.index("其中：") + 3
    got = read_list(text, start, WORDS)
    assert [a.text for a in got.parts] == [str(v) for _, v in items]
    assert not got.partial and not got.closed and got.simple
    assert not any(got.shares)
    # the parts are in order, after the whole and apart from each other
    ends = [start] + [a.end for a in got.parts]
    assert all(a.start >= e for a, e in zip(got.parts, ends, strict=False))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LABELS), money.filter(lambda v: v != Decimal("999.99"))),
                min_size=1, max_size=6, unique_by=lambda x: x[1]),
       st.booleans())
def test_read_breakdowns_gives_the_part_facts_in_order(items, share) -> None:
    """The parts are the facts printed after the whole, in order, never the whole itself (each
    figure printed once: the same figure twice on one line is one fact, used for both)."""
    text = _clause(items, share=share)
    facts = _read([_fact("999.99", text, 7)] + [_fact(str(v), text, 7) for _, v in items])
    b = facts[0].breakdown
    assert b is not None and 0 not in b.parts
    assert [facts[i].number.text for i in b.parts] == [str(v) for _, v in items]
    assert b.parts == sorted(b.parts)
    assert b.shares is (share and len(items) >= 2) and not b.partial


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LABELS), money), min_size=1, max_size=5))
def test_read_list_partial_shares_and_details(items) -> None:
    start = len("项目支出999.99万元，其中：")
    assert read_list(_clause(items, tail="等。"), start, WORDS).partial
    shared = read_list(_clause(items, share=True), start, WORDS)
    assert all(shared.shares) and len(shared.parts) == len(items)
    # a bracketed detail and a change after the first part are not parts
    label, value = items[0]
    rest = "".join(f"，{lb}{v}万元" for lb, v in items[1:])
    text = f"项目支出999.99万元，其中：{label}{value}万元（其中：小项1.00万元），比上年增加2.00万元{rest}。"
    assert [a.text for a in read_list(text, start, WORDS).parts] == [str(v) for _, v in items]


def test_read_list_markers() -> None:
    s = "总额100万元，其中主要是甲30万元，乙20万元。"
    assert read_list(s, s.index("其中") + 2, WORDS).partial
    s = "总额100万元，其中：甲30万元，乙20万元，合计50万元。"
    got = read_list(s, s.index("：") + 1, WORDS)
    assert [a.text for a in got.parts] == ["30", "20"] and got.closed and not got.partial
    s = "总额100万元，其中：甲30万元，具体包括：丙10万元，丁20万元。"
    got = read_list(s, s.index("：") + 1, WORDS)
    assert [a.text for a in got.parts] == ["30"] and got.partial
    s = "经费2.50万元，其中：出国费预算0万元，支出决算为0万元，完成预算的0%。"
    assert not read_list(s, s.index("：") + 1, WORDS).simple
    assert [a.text for a in amounts("合计1,108.00万元，人均5元/人，占5%")] == ["1,108.00"]


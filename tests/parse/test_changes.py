"""Change statements broken down and restated, read once by the parser (checker/parse/changes.py).
The report sentences are the reports' (../shared/reports/), with their line."""

from __future__ import annotations

from decimal import Decimal

from checker.model import Fact, Number
from checker.parse.changes import read_changes
from checker.parse.patterns import national_patterns


def test_gs21b_56_a_change_broken_down(docs) -> None:
    # GS21B:56 "当年财政拨款支出906.64万元，比上年预算减少4356.34万元，具体安排为：基本支出589.65万元，
    # 比上年预算减少3831.34万元；项目支出323万元，比上年预算减少525万元。": 3831.34 + 525 = 4356.34
    doc = docs["GS21B"]
    whole = next(f for f in doc.facts if f.name == "变动额" and f.number.text == "4356.34" and f.line == 56)
    assert [(doc.facts[i].number.text, doc.facts[i].line) for i in whole.change_parts] == [
        ("3831.34", 56), ("525", 56)]
    # GS21B:52 "…比上年预算减少4356.34万元。当年财政拨款包括：…": no change statement follows in 收入预算
    first = next(f for f in doc.facts if f.name == "变动额" and f.line == 52)
    assert first.change_parts == [] and first.restated == []


def _change(group: int, current: str, change: str, direction: str, sentence: str,
            section: str = "预算.支出", name: str = "支出") -> list[Fact]:
    def fact(n: str, text: str, g: int, attrs: dict[str, str]) -> Fact:
        d = len(text.split(".")[1]) if "." in text else 0
        return Fact(n, Number(Decimal(text), d, text, 5), "万元", sentence, 5, "case",
                    section=section, group=g, attrs=attrs)

    return [fact(name, current, 100 + group, {}),
            fact("本年", current, group, {"方向": direction}),
            fact("变动额", change, group, {"方向": direction})]


def test_a_breakdown_needs_the_same_base_and_no_zero_after_it() -> None:
    whole = _change(1, "100.00", "20.00", "减少", "支出100.00万元，比上年预算减少20.00万元")
    a = _change(2, "60.00", "5.00", "减少", "基本支出60.00万元，比上年预算减少5.00万元", name="基本支出")
    b = _change(3, "40.00", "15.00", "减少", "项目支出40.00万元，比上年预算减少15.00万元", name="项目支出")
    facts = whole + a + b
    read_changes(facts, national_patterns())
    assert facts[2].change_parts == [5, 8]
    # on another base (上年决算) the statements after it are no breakdown
    other = _change(3, "40.00", "15.00", "减少", "项目支出40.00万元，比上年决算减少15.00万元",
                    name="项目支出")
    facts = whole + a + other
    read_changes(facts, national_patterns())
    assert facts[2].change_parts == []
    # a zero change right after the run: part of it or not, it cannot be told
    zero = _change(4, "10.00", "0", "增加", "其他支出10.00万元，比上年预算增加0万元", name="其他支出")
    facts = whole + a + b + zero
    read_changes(facts, national_patterns())
    assert facts[2].change_parts == []


def test_a_change_restated_about_the_same_item() -> None:
    first = _change(1, "30.00", "5.00", "增加", "机关运行经费30.00万元，比上年决算数增加5.00万元",
                    section="说明.机关运行经费", name="机关运行经费")
    again = _change(2, "30.00", "5.00", "增加", "机关运行经费支出30.00万元，较上年决算数增加5.00万元",
                    section="说明.机关运行经费", name="机关运行经费")
    elsewhere = _change(3, "30.00", "5.00", "增加", "机关运行经费30.00万元，比上年决算数增加5.00万元",
                        section="说明.其他", name="机关运行经费")
    facts = first + again + elsewhere
    read_changes(facts, national_patterns())
    assert facts[2].restated == [5]  # not the one of another section
    assert facts[5].restated == []


def test_the_readings_are_in_the_document_json(docs) -> None:
    from checker.model import Document
    from checker.schema import validate_document

    data = docs["GS21B"].to_json()
    validate_document(data, "GS21B")
    (whole,) = [f for f in data["facts"] if f.get("change_parts")]
    assert whole["number"]["text"] == "4356.34" and len(whole["change_parts"]) == 2
    back = Document.from_json(data)
    assert [f.change_parts for f in back.facts] == [f.change_parts for f in docs["GS21B"].facts]

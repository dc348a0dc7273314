"""The reason word the parser reads onto each fact (checker/parse/reasons.py): in its sentence or
the next sentence of its section. The sentences are the reports' (../shared/reports/), with their
line."""

from __future__ import annotations

from decimal import Decimal

from checker.model import Fact, Number, Section
from checker.parse.patterns import national_patterns
from checker.parse.reasons import read_reasons


def _fact(docs, key: str, name: str, line: int, text: str) -> Fact:
    return next(f for f in docs[key].facts if f.name == name and f.line == line and f.number.text == text)


def test_the_reason_in_the_next_sentence(docs) -> None:
    # QH24:479 "…完成年初预算的 2.89%。决算数小于预算数的主要原因是：根据项目进度支付，未支付完成。"
    assert _fact(docs, "QH24", "完成率", 479, "2.89").reason == "原因"
    # SX23:147–150 "…增加 14.97 万元，增长 2.68%。主要是人员新增收支增加。"
    assert _fact(docs, "SX23", "变动率", 149, "2.68").reason == "主要是"


def test_no_reason(docs) -> None:
    # GS21B:86 "…比上年预算数减少 4925.98 万元，（干部职工医疗保险由财政拨付到各预算单位、…）。": 由 is
    # not 由于
    assert _fact(docs, "GS21B", "变动额", 86, "4925.98").reason is None
    # SX23:707 "…其中镇村三级医保经办服务体系建设补助资金36.75万元…": 体系 is no reason (a bare 系)
    assert _fact(docs, "SX23", "金额", 707, "36.75").reason is None


def _case(sentence: str, sections: list[Section] | None = None) -> Fact:
    f = Fact("变动率", Number(Decimal(60), 0, "60", 2, True), "%", sentence, 2, "case",
             section="说明.支出")
    read_reasons([f], sections or [], national_patterns())
    return f


def test_the_reason_words() -> None:
    assert _case("支出增长60%，主要系人员增加。").reason == "主要系"
    assert _case("支出增长60%，由于人员增加。").reason == "由于"
    assert _case("支出增长60%，与机构改革关系密切。").reason is None
    assert _case("支出增长60%，主要系统建设支出。").reason is None  # 系统 is no 系


def test_the_window_is_the_sentence_without_its_section() -> None:
    text = "支出增长60%。原因是人员增加。"
    assert _case("支出增长60%。", [Section("三、支出决算情况", 2, 1, 3, text=text)]).reason == "原因"
    assert _case("支出增长60%。").reason is None  # no section text: the sentence alone

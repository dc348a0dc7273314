"""Narrative facts in the wording of published reports of other provinces (江苏 预算, 上海 决算).

Each expected value was read in the report's text (the PDF page given), where the sentence says
it in its province's words: 江苏 "政府采购预算总金额为 … 其中拟购买货物 …", "一般公共预算机关运行经费
预算支出 9193.40 万元", headings "十一、一般公共预算机关运行经费支出预算情况说明"; 上海 "政府采购金额（以合同
签订为准）为 …，其中：货物采购金额 …", "由中小企业供应商中标或成交的，采购金额 …", and the 项 a
paragraph opens with ("1、…行政运行（项）。主要用于：…。年初预算为 …").
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import FIXTURES

PDF = FIXTURES / "pdf"


@pytest.fixture(scope="module")
def published(pdf_docs):
    names = ["jiangsu-court-2017-budget", "jiangsu-court-2019-budget",
             "shanghai-putuo-finance-2024-final"]
    return {n: pdf_docs[f"{n}.pdf"] for n in names}


def _values(doc, name, section):
    return [f.number.value for f in doc.facts if f.name == name and f.section == section]


@pytest.mark.parametrize(("report", "name", "section", "values"), [
    # page 24: "2017 年本部门一般公共预算机关运行经费预算支出 9193.40 万元"
    ("jiangsu-court-2017-budget", "机关运行经费", "说明.机关运行经费", ["9193.40"]),
    # page 26: "政府采购预算总金额为 3742.4万元。其中拟购买货物 525.4万元；拟购买工程 500 万元；
    # 拟购买服务 2717万元。"
    ("jiangsu-court-2017-budget", "政府采购总额", "说明.政府采购", ["3742.4"]),
    ("jiangsu-court-2017-budget", "政府采购货物", "说明.政府采购", ["525.4"]),
    ("jiangsu-court-2017-budget", "政府采购工程", "说明.政府采购", ["500"]),
    ("jiangsu-court-2017-budget", "政府采购服务", "说明.政府采购", ["2717"]),
    # page 24–25: "其中拟采购货物支出 1637.72 万元；拟采购工程支出 530 万元；拟采购服务支出 3059.87万元"
    ("jiangsu-court-2019-budget", "政府采购货物", "说明.政府采购", ["1637.72"]),
    ("jiangsu-court-2019-budget", "政府采购服务", "说明.政府采购", ["3059.87"]),
    # page 24: "政府采购金额（以合同签订为准）为251.25万元，其中：货物采购金额4.79万元、工程采购金额
    # 0万元、服务采购金额246.47万元"; "由中小企业供应商中标或成交的，采购金额246.47万元"
    ("shanghai-putuo-finance-2024-final", "政府采购总额", "说明.政府采购", ["251.25"]),
    ("shanghai-putuo-finance-2024-final", "政府采购货物", "说明.政府采购", ["4.79"]),
    ("shanghai-putuo-finance-2024-final", "政府采购工程", "说明.政府采购", ["0"]),
    ("shanghai-putuo-finance-2024-final", "政府采购服务", "说明.政府采购", ["246.47"]),
    ("shanghai-putuo-finance-2024-final", "中小企业合同金额", "说明.政府采购", ["246.47", "4.79"]),
])
def test_amounts_in_provincial_wording(published, report, name, section, values):
    assert _values(published[report], name, section) == [Decimal(v) for v in values]


def test_an_amount_is_about_the_item_its_paragraph_opens_with(published):
    doc = published["shanghai-putuo-finance-2024-final"]
    # page 22: "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人员经费及
    # 公用经费等的基本支出。年初预算为 1560.05 万元，支出决算为 1511.89万元。"
    found = [(f.name, f.number.value) for f in doc.facts
             if f.label == "一般公共服务支出（类）财政事务（款）行政运行（项）"]
    assert found == [("预算数", Decimal("1560.05")), ("决算数", Decimal("1511.89"))]

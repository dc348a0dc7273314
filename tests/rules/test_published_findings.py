"""Every error finding on the published PDFs, reviewed: each is a true defect of the report.

A false error is worse than a miss. This test lists every error-level failure the whole rule set
(national and region packages) gives on each published PDF in tests/fixtures/pdf, and the set
must be exactly the reviewed one. A new error finding fails the test until someone has read the
page and either fixed the checker or added it here with the reason it is a real defect.
"""

from __future__ import annotations

from collections import Counter

import pytest

from checker.check import CheckSpec, Engine
from tests.conftest import FIXTURES

PDF = FIXTURES / "pdf"

# (rule, the message's text) → why it is a defect of the report, where a reader finds it
REVIEWED: dict[str, dict[tuple[str, str], str]] = {
    "shanghai-putuo-finance-2024-final.pdf": {
        ("N04", "第307行 财政拨款收入总计 0.3 万元，财政拨款收支总表为 2,961.68 万元"):
            "p.21: '2024年度财政拨款收入支出总计0.3万元'; the 财政拨款收入支出决算总表 (p.13) "
            "prints 总计 2,961.68 on both sides",
        ("A01", "第318行 一般公共服务支出（类） 占 71.73%，2106.66 ÷ 2940.05（一般公共预算支出）= 71.65%"):
            "p.21: '一般公共服务支出（类） 2106.66万元，占71.73%' of 2940.05: 71.65%; the four "
            "shares printed (71.73 + 11.11 + 2.07 + 15.16) add to 100.07%",
    },
    "jiangsu-court-2017-budget.pdf": {
        ("C08", "预算说明缺少一部分：说明.绩效"):
            "第三部分 预算情况说明 (pp.19–26) has twelve sections, one per table (一、收支预算总表"
            "情况说明 … 十二、政府采购预算情况说明), and none on 绩效目标; the 2018 (p.24 '（一）预算"
            "绩效目标设置情况说明') and 2019 (p.25 '十四、预算绩效目标设置情况说明') reports have one",
        ("C08", "预算说明缺少一部分：说明.国有资产"):
            "no 国有资产占用 statement anywhere in the 说明; the 2019 report has "
            "'十三、国有资产占用情况' (p.25)",
    },
    "jiangsu-court-2018-budget.pdf": {
        ("C08", "预算说明缺少一部分：说明.国有资产"):
            "no 国有资产占用 statement in the 说明 (pp.16–24); the 2019 report has one (p.25)",
    },
    "jiangsu-court-2019-budget.pdf": {},
}
# The 上海 template is a form to fill: every error is an unfilled placeholder (XX, 增加（减少）).
TEMPLATE = "shanghai-2024-final-template.pdf"


@pytest.fixture(scope="module")
def engine():
    return Engine(CheckSpec())


def _errors(engine, name):
    result = engine.check(PDF / name)
    assert result.error is None, result.error
    return [r for r in result.results if r.status.value == "failed" and r.severity == "error"]


@pytest.mark.parametrize("name", sorted(REVIEWED))
def test_every_error_on_a_published_pdf_is_a_reviewed_defect(engine, name):
    found = Counter((r.rule, r.message) for r in _errors(engine, name))
    assert set(found) == set(REVIEWED[name]), sorted(found)
    assert all(n == 1 for n in found.values()), found  # one finding per defect


def test_the_template_fails_only_on_its_placeholders(engine):
    errors = _errors(engine, TEMPLATE)
    assert errors and {r.rule for r in errors} == {"U04"}

"""Table titles: the variants provinces print map to one template; sentences never do.

The catalogue is ``checker/templates/titles.yaml``; its own examples are checked in
``tests/templates/test_catalogue.py``. These are further variants (other provinces, other years,
codes and units on the title line), the cases a title must not be taken for, and what the
segmenter makes of titles wrapped over two lines.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.parse.segment import segment
from checker.templates.loader import TemplateRegistry


@pytest.fixture(scope="module")
def national(registry: TemplateRegistry) -> TemplateRegistry:
    """The templates in force where no region is known (the region-only ones left out)."""
    return registry.for_region(None)


VARIANTS = [
    # 决算
    ("一、收入支出决算总表", "final.T01"),
    ("收入支出决算表", "final.T01"),
    ("表1 收入支出决算总表", "final.T01"),
    ("表 1:收入支出决算总表", "final.T01"),
    ("收入支出决算总表（公开01表）", "final.T01"),
    ("公开01表 收入支出决算总表", "final.T01"),
    ("收入支出决算总表 公开 01 表", "final.T01"),
    ("2023年度白河县医疗保障局收入支出决算总表", "final.T01"),
    ("二、收入决算总表", "final.T02"),
    ("三、支出决算总表", "final.T03"),
    ("四、财政拨款收入支出决算总表", "final.T04"),
    ("五、一般公共预算财政拨款收入支出决算表", "final.T05"),
    ("一般公共预算财政拨款基本支出决算明细表", "final.T06"),
    ("六、一般公共预算财政拨款基本支出决算表", "final.T06"),
    ("政府性基金预算财政拨款收入支出决算表", "final.T07"),
    ("国有资本经营预算财政拨款支出决算表", "final.T08"),
    ("九、《国有资本经营预算财政拨款收入支出决算表》", "final.T08"),
    ("七、财政拨款“三公”经费支出决算表", "final.T09"),
    ('财政拨款"三公"经费支出决算表', "final.T09"),
    ("财政拨款‘三公’经费支出决算表", "final.T09"),
    ("财政拨款三公经费支出决算表", "final.T09"),
    ("财政拨款 三公 经费支出决算表", "final.T09"),
    ("财政拨款“三公”经费及会议费、培训费支出决算表", "final.T09"),
    ("一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表", "final.T09"),
    ("财政拨款“三公”经费、会议费、培训费支出决算表", "final.T09"),
    ("八、“三公”经费、行政参公单位机关运行经费情况表", "final.T09"),
    # 预算: national names of 2019 on, 江苏's word order, 上海's, 甘肃's
    ("部门收支总表", "budget.B01"),
    ("单位收支总表", "budget.B01"),
    ("收支预算总表", "budget.B01"),
    ("部门收支预算总表", "budget.B01"),
    ("预算收支总表", "budget.B01"),
    ("部门收入支出预算总表", "budget.B01"),
    ("表1-1 部门收支总表", "budget.B01"),
    ("附表1 部门收支总表", "budget.B01"),
    ("部门收支总表 单位：万元", "budget.B01"),
    ("江苏省财政厅2020年部门收支总表", "budget.B01"),
    ("部门收入总表", "budget.B02"),
    ("收入预算总表", "budget.B02"),
    ("部门支出总表", "budget.B03"),
    ("支出预算总表", "budget.B03"),
    ("财政拨款收支总表", "budget.B04"),
    ("部门财政拨款收支预算总表", "budget.B04"),
    ("部门预算财政拨款收支总表", "budget.B04"),
    ("一般公共预算支出表", "budget.B07"),
    ("一般公共预算支出预算表（功能科目）", "budget.B07"),
    ("部门一般公共预算支出功能分类预算表", "budget.B07"),
    ("政府性基金预算支出表", "budget.B08"),
    ("政府性基金支出预算表", "budget.B08"),
    ("政府性基金预算财政拨款支出预算表", "budget.B08"),
    ("一般公共预算“三公”经费支出表", "budget.B10"),
    ("一般公共预算“三公”经费、会议费、培训费支出预算表", "budget.B10"),
    ("“三公”经费、会议费、培训费支出预算表", "budget.B10"),
    ("部门“三公”经费和机关运行经费预算表", "budget.B10"),
    ("部门政府采购预算表", "budget.B11"),
    ("政府采购支出预算表", "budget.B11"),
    ("部门预算机关运行经费表", "budget.B12"),
    ("一般公共预算机关运行经费支出预算表", "budget.B12"),
    ("财政拨款支出预算表（功能科目）", "budget.B14"),
    ("财政拨款基本支出预算表（经济科目）", "budget.B15"),
    ("一般公共预算基本支出表", "budget.B16"),
    ("部门一般公共预算拨款基本支出明细表", "budget.B16"),
    # 甘肃's own tables
    ("部门预算财政拨款收入表", "budget.B05"),
    ("部门预算财政拨款支出表", "budget.B06"),
]


@pytest.mark.parametrize(("title", "table_id"), VARIANTS)
def test_title_variant(national: TemplateRegistry, title: str, table_id: str):
    found = national.match_title(title)
    assert found is not None and found.template.id == table_id, title


NOT_TITLES = [
    "具体情况详见部门收支总表。",
    "详见附表1：收支总表",
    "根据收支预算总表，本年收入合计28,849.38万元",
    "2017年度收入预算总表反映了本部门的全部收入，",
    "第二部分 江苏省高级人民法院 2017 年度部门预算表",
    "一、收入支出决算总体情况说明",
    "上海市XX局2024年度部门决算表",
    "七、财政拨款“三公”经费支出决算情况说明",
    # 四川's tables are not national: recognised in 四川 reports only
    "财政拨款支出决算明细表",
    "一般公共预算财政拨款支出决算明细表",
]


@pytest.mark.parametrize("text", NOT_TITLES)
def test_not_a_title(national: TemplateRegistry, text: str):
    assert national.match_title(text) is None


def test_the_longest_own_name_wins(national: TemplateRegistry):
    """财政拨款 is no department: 财政拨款收支总表 is B04, not B01 after a prefix; likewise the
    收入支出决算表 of a fund is T07 / T08, not T01."""
    assert national.by_title("财政拨款收支总表").id == "budget.B04"
    assert national.by_title("政府性基金预算财政拨款收入支出决算表").id == "final.T07"
    assert national.by_title("国有资本经营预算财政拨款收入支出决算表").id == "final.T08"
    assert national.by_title("一般公共预算财政拨款收入支出决算表").id == "final.T05"
    assert national.by_title("一般公共预算基本支出预算表").id == "budget.B16"
    assert national.by_title("财政拨款基本支出预算表").id == "budget.B15"


def test_a_region_title_first_in_its_region(registry: TemplateRegistry):
    title = "十二、国有资本经营预算财政拨款支出决算表"
    assert registry.for_region("SC").by_title(title).id == "final.SC12"
    assert registry.for_region("GS").by_title(title).id == "final.T08"


def test_code_unit_and_prefix_are_reported(national: TemplateRegistry):
    found = national.match_title("公开01表 2017年度江苏省高级人民法院部门收支预算总表 单位：万元")
    assert found is not None and found.template.id == "budget.B01"
    assert (found.code, found.unit, found.prefix) == ("公开01表", "万元", "江苏省高级人民法院部门")


def test_kind_is_not_guessed_from_a_title_of_the_other_kind(national: TemplateRegistry):
    assert national.by_title("收入支出决算总表", "budget") is None
    assert national.by_title("部门收支总表", "final") is None


# ---------------------------------------------------------------- any prefix, any code

BASES = [
    ("收入支出决算总表", "final.T01"),
    ("财政拨款收入支出决算总表", "final.T04"),
    ("一般公共预算财政拨款基本支出决算明细表", "final.T06"),
    ("财政拨款“三公”经费支出决算表", "final.T09"),
    ("收支预算总表", "budget.B01"),
    ("收入总表", "budget.B02"),
    ("财政拨款收支总表", "budget.B04"),
    ("一般公共预算支出表", "budget.B07"),
    ("政府性基金预算支出表", "budget.B08"),
    ("一般公共预算“三公”经费支出表", "budget.B10"),
    ("政府采购预算表", "budget.B11"),
    ("财政拨款支出预算表", "budget.B14"),
    ("一般公共预算基本支出表", "budget.B16"),
]
ORDINALS = ["", "一、", "十二、", "（三）", "(4)", "5.", "6、"]
# department names: place-like characters (none of a table's own words) and an organ's ending
PLACE = st.text(alphabet=list("江苏浙河南北山东西省市县区高级人民法院医疗保障教育卫生健康文旅水利农业"),
                min_size=1, max_size=12)
ORGAN = st.sampled_from(["局", "厅", "委员会", "院", "中心", "办公室", "法院", "街道办事处"])
YEAR = st.builds(lambda y, form: form.format(y), st.integers(2000, 2035),
                 st.sampled_from(["{}年", "{}年度", "{} 年度", "{}年 "]))
CODE = st.builds(lambda n, form: form.format(n), st.integers(1, 15),
                 st.sampled_from(["公开{:02d}表", "公开 {} 表", "表{}", "表{}-1", "附表{}"]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    base=st.sampled_from(BASES),
    ordinal=st.sampled_from(ORDINALS),
    year=st.one_of(st.just(""), YEAR),
    department=st.one_of(st.just(""), st.builds(str.__add__, PLACE, ORGAN)),
    dept_word=st.sampled_from(["", "部门", "本部门"]),
    code=st.one_of(st.just(""), CODE),
    code_place=st.sampled_from(["after", "before", "bracket"]),
)
def test_any_ordinal_year_department_and_code(national, base, ordinal, year, department,
                                              dept_word, code, code_place):
    title, table_id = base
    text = f"{ordinal}{year}{department}{dept_word}{title}"
    if code and code_place == "after":
        text = f"{text} {code}"
    elif code and code_place == "bracket":
        text = f"{text}（{code}）"
    elif code:
        text = f"{code} {text}"
    found = national.match_title(text)
    assert found is not None and found.template.id == table_id, text
    if code:
        assert found.code is not None


# ---------------------------------------------------------------- segmentation


def _blocks(lines: list[str], registry: TemplateRegistry, kind: str | None = None):
    layout = segment(lines, registry, kind)
    return ([(b.template.id, b.title_line, b.start, b.continuations) for b in layout.tables],
            [(e.table_id, e.line, e.title) for e in layout.listed])


def test_a_title_wrapped_over_two_lines_is_one_title(national: TemplateRegistry):
    lines = [
        "九、2018年度江苏省高级人民法院“三公”经费、会议费、培训费支",
        "出预算表",
        "单位：万元",
        "合计\t因公出国（境）费用\t公务接待费",
        "2,558.20\t620.75\t183.95",
    ]
    tables, listed = _blocks(lines, national, "budget")
    assert tables == [("budget.B10", 1, 1, [2])] and listed == []


def test_a_wrapped_toc_entry_is_listed_once(national: TemplateRegistry):
    lines = [
        "目 录",
        "第二部分 江苏省高级人民法院 2018 年度预算表",
        "九、2018 年度江苏省高级人民法院“三公”经费、会议费、培训费支",
        "出预算表",
        "十、2018 年度江苏省高级人民法院政府性基金预算财政拨款支出预",
        "算表",
        "第三部分 江苏省高级人民法院 2018 年度预算安排情况说明",
    ]
    layout = segment(lines, national, "budget")
    assert layout.toc == (1, 7)
    assert [(e.table_id, e.line) for e in layout.listed] == [("budget.B10", 3), ("budget.B08", 5)]
    assert layout.listed[0].title.endswith("支出预算表")


def test_two_titles_on_consecutive_lines_are_not_joined(national: TemplateRegistry):
    lines = ["公开 01表", "收支预算总表", "部门名称：江苏省高级人民法院 单位:万元", "收入\t支出"]
    tables, _ = _blocks(lines, national, "budget")
    assert tables == [("budget.B01", 2, 1, [])]


def test_the_code_above_a_title_is_its_own(national: TemplateRegistry):
    """江苏 2019 公开09表: the unit cut in a narrow cell (单位：万 / 元), the next table's code
    close below; the table keeps the code printed above it, and its unit."""
    lines = [
        "公开 09表", "“三公”经费、会议费、培训费支出预算表", "单位：万", "部门名称：江苏省高级人民法院 元",
        "合计\t“三公”经费\t会议费", "2,382.02\t513.75\t271.02",
        "公开10表", "政府性基金预算财政拨款支出预算表", "部门名称：江苏省高级人民法院 单位：万元",
    ]
    layout = segment(lines, national, "budget")
    assert [(b.template.id, b.marker, b.unit) for b in layout.tables] == [
        ("budget.B10", "公开09表", "万元"), ("budget.B08", "公开10表", "万元")]


def test_a_sentence_naming_a_table_is_no_table(national: TemplateRegistry):
    lines = [
        "三、关于收支预算总表的说明",
        "具体情况详见部门收支总表。",
        "单位：万元",
        "收入总计28,849.38万元，详见收支预算总表",
        "单位：万元",
    ]
    tables, listed = _blocks(lines, national, "budget")
    assert tables == [] and listed == []


def test_a_title_needs_a_unit_or_code_nearby(national: TemplateRegistry):
    """Without either the title is a listed table (a 附表 list entry), never a body."""
    lines = ["附表", "一、部门收支总表", "二、部门收入总表", "三、部门支出总表"]
    tables, listed = _blocks(lines, national, "budget")
    assert tables == [] and [x[0] for x in listed] == ["budget.B01", "budget.B02", "budget.B03"]


def test_a_unit_on_the_title_line_confirms_it(national: TemplateRegistry):
    lines = ["部门收支总表 单位：万元", "收入\t支出", "项目\t预算数\t项目\t预算数"]
    layout = segment(lines, national, "budget")
    assert [(b.template.id, b.unit) for b in layout.tables] == [("budget.B01", "万元")]

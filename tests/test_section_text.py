"""model.SectionText: the innermost section of a line, found by bisection, is the one the
definition names (the deepest span holding the line: the last to start, later in walk order on
a tie), and the clauses after a sentence are read from the section's text without spaces."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.model import Section, SectionText


def _brute(sections: list[Section], line: int) -> Section | None:
    found = None
    for top in sections:
        for s in top.walk():
            if s.line <= line <= s.end_line and (found is None or s.line >= found.line):
                found = s
    return found


spans = st.tuples(st.integers(1, 40), st.integers(0, 15))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(spans, st.lists(spans, max_size=3)), max_size=5), st.integers(0, 60))
def test_innermost_is_the_definition(tree, line) -> None:
    sections = []
    for (a, n), kids in tree:
        top = Section(f"t{a}", 1, a, a + n)
        top.children = [Section(f"c{b}", 2, b, b + m) for b, m in kids]
        sections.append(top)
    assert SectionText(sections).innermost(line) is _brute(sections, line)


def test_clauses_after() -> None:
    s = Section("三、支出", 2, 1, 4, text="支出增长 60%。原因 是人员增加；其他。")
    texts = SectionText([s])
    assert texts.clauses_after(2, "支出增长60%。", 2) == ["原因是人员增加；", "其他。"]
    assert texts.clauses_after(9, "支出增长60%。", 2) is None  # no section holds line 9
    assert texts.clauses_after(2, "不在其中。", 2) is None

"""Meta data of a report: kind (决算/预算), year, department, unit.

* kind: ``final`` when 决算 occurs at least five times in the text (a 决算 report says it in
  every table title and section heading; a budget report hardly ever), else ``budget`` when
  预算 occurs at all.
* year: the most frequent "20NN 年度" (titles, headers and section headings repeat the report's
  year; a 决算 also names the year before it, less often), else the first "20NN 年" in the
  opening lines.
* department: a table header "部门：…" / "部门（单位）：…" / "单位名称：…", else the first line
  that ends with 局/委/院/中心/办公室 … in the opening lines.
"""

from __future__ import annotations

import re
from collections import Counter

from checker.labels import norm

HEAD_LINES = 40
YEAR = re.compile(r"(20\d{2})\s*年")
YEAR_OF_REPORT = re.compile(r"(20\d{2})\s*年度")
DEPT_HEADER = re.compile(r"部门(?:（单位）|\(单位\))?\s*[:：]\s*([^\s\d]+?)(?:\s|\d{4}|$)")
# Latin letters too: a published template writes the name as "上海市 XX 局"
DEPT_LINE = re.compile(r"^[\u4e00-\u9fffA-Za-z（）()]{3,30}(?:局|委员会|委|院|中心|办公室|所|站|队|馆)$")
PART = re.compile(r"^第[一二三四五六七八九十]+部分")


def head(lines: list[str], count: int = HEAD_LINES) -> list[str]:
    """The first ``count`` non-blank lines."""
    return [ln.strip() for ln in lines if ln.strip()][:count]


def detect_kind(lines: list[str]) -> str | None:
    """Return "final", "budget" or None."""
    text = "\n".join(lines)
    if text.count("决算") >= 5:
        return "final"
    return "budget" if "预算" in text else None


def detect_year(lines: list[str]) -> int | None:
    """The report's year (see the module docstring)."""
    counts = Counter(int(y) for y in YEAR_OF_REPORT.findall("\n".join(lines)))
    if counts:
        return counts.most_common(1)[0][0]
    for ln in head(lines):
        m = YEAR.search(ln)
        if m:
            return int(m.group(1))
    return None


def detect_department(lines: list[str]) -> str | None:
    """The department's name, from a table header or a title line."""
    for ln in lines:
        m = DEPT_HEADER.search(ln.replace("\t", " "))
        if m and len(m.group(1)) >= 3:
            return re.sub(r"（本级）$|\(本级\)$", "", m.group(1))
    for ln in head(lines):
        t = norm(ln)
        t = PART.sub("", re.sub(r"^\d{4}年(?:度)?", "", t))  # "第二部分 上海市XX局2024年度…"
        if DEPT_LINE.match(t):
            return t
        m = re.match(r"^(?:\d{4}年)?(.{3,30}?(?:局|委员会|院|中心))(?:\d{4}年度?)?(?:部门)?(?:决算|预算)", t)
        if m:
            return m.group(1)
    return None

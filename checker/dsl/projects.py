"""Rule-language functions that tie the 绩效 narrative to the 自评表 it speaks of
(rules/performance.rules). The figures a sentence prints in its own words (人数, 标准, a list of
spending items) are read by the parser: ``checker/parse/capture_numbers.py``.

A 自评报告 is written around one self-evaluation table: the 部门整体支出绩效自评报告 around the
部门整体支出绩效自评表, each 项目支出绩效自评报告 around its project's 项目支出绩效自评表. A
narrative fact is about the table

1. its sentence names: the project name printed before "…项目绩效自评综述：" (``f.项目名称``,
   QH24:549, SX23:935), the table whose 项目名称 (``t.subject``) is the same name (``same_name``);
2. else the report it stands in: the 自评报告 part of the document (a section at the top of
   the tree whose title ends in 自评报告 / 评价报告: the parser sets its ``report``, what the
   title reports on, checker/parse/segment.py) — a report on the 部门整体 speaks
   of the 部门整体支出绩效自评表 (or the 绩效指标体系 printed in its stead), a report on a project
   of the 项目支出绩效自评表 whose 项目名称 or title is the project the report's title names
   ("2024 年城乡居民基本医疗保险补助项目支出绩效自评报告" → the table "2024 年城乡居民基本医疗保险
   补助项目支出绩效自评表", GS24:2013, 2287).

=========================  ==========================================================
``report_table(f)``        the 自评表 fact ``f`` speaks of (above); not evaluated when no table
                           is named, or two are
``report_kind(f)``         that table's template id ("perf.project", "perf.department" …), ""
                           when none: for ``where``, it never fails
=========================  ==========================================================
"""

from __future__ import annotations

import re
from typing import Any

from checker.dsl.display import display
from checker.dsl.fact_ref import FactRef
from checker.dsl.function import Function
from checker.dsl.narrative_functions import same_name
from checker.dsl.quantities import Missing, NotEvaluated
from checker.dsl.view import TableRef
from checker.model import Fact, Section

__all__ = ["PROJECT_FUNCTIONS"]

PROJECT_IDS = ("perf.project",)
DEPARTMENT_IDS = ("perf.department", "perf.department_system")
# what a table's title prints after the project's name
_TABLE_TAIL = re.compile(r"(?:项目)*(?:支出)?绩效自评表$")
_SPACES = re.compile(r"\s+")


def _fact(value: Any, fname: str) -> Fact:
    if isinstance(value, FactRef):
        return value.fact
    raise NotEvaluated(f"{fname}() needs a fact, got {display(value)!r}")


def _report_section(sections: list[Section], line: int) -> Section | None:
    """The attached 自评报告 (a top section the parser marked as one) that holds ``line``."""
    for s in sections:
        if s.line <= line <= s.end_line and s.report is not None:
            return s
    return None


def _named(tables: list[TableRef], name: str) -> list[TableRef]:
    out = []
    for ref in tables:
        t = ref.view.table if ref.view is not None else None
        if t is None:
            continue
        stem = _TABLE_TAIL.sub("", _SPACES.sub("", t.title))
        if (t.subject and same_name(name, t.subject)) or (stem and same_name(name, stem)):
            out.append(ref)
    return out


def _find(ctx: Any, f: Fact) -> tuple[TableRef | None, str]:
    """The table the fact speaks of, or None and why."""
    memo = ctx.doc.memo.setdefault("report_table", {})
    key = (f.line, f.name, f.pattern, f.group)
    if key in memo:
        return memo[key]
    tables = [r for r in ctx.doc.all_tables() if r.template_id in PROJECT_IDS + DEPARTMENT_IDS]
    projects = [r for r in tables if r.template_id in PROJECT_IDS]
    found: tuple[TableRef | None, str]
    name = f.attrs.get("项目名称")
    section = _report_section(ctx.doc.document.sections, f.line)
    if name and (hits := _named(projects, name)):
        found = (hits[0], "") if len(hits) == 1 else (None, f"two 自评表 are named {name!r}")
    elif section is None:
        found = None, f"line {f.line} is in no 自评报告 and names no project of a 自评表"
    elif "整体" in section.title:
        dept = [r for r in tables if r.template_id in DEPARTMENT_IDS]
        found = (dept[0], "") if len(dept) == 1 else (
            None, f"{len(dept)} 部门整体支出绩效自评表 for the report {section.title!r}")
    else:
        stem = section.report or ""
        hits = _named(projects, stem) if stem else []
        found = (hits[0], "") if len(hits) == 1 else (
            None, f"no 项目支出绩效自评表 (or several) for the report {section.title!r}")
    memo[key] = found
    return found


def _report_table(ctx: Any, f: Any) -> TableRef:
    ref, why = _find(ctx, _fact(f, "report_table"))
    if ref is None:
        raise Missing(f"report_table(): {why}")
    return ref


def _report_kind(ctx: Any, f: Any) -> str:
    if not isinstance(f, FactRef):
        return ""
    ref, _ = _find(ctx, f.fact)
    return ref.template_id if ref is not None else ""


PROJECT_FUNCTIONS: list[Function] = [
    Function("report_table", _report_table, 1, 1, "any",
             doc="the 自评表 a 绩效 narrative fact speaks of (its project's name, else its 自评报告)",
             reads="narrative"),
    Function("report_kind", _report_kind, 1, 1, "string",
             doc="the template id of the 自评表 a fact speaks of, \"\" when none",
             reads="narrative"),
]

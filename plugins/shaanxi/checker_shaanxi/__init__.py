"""陕西 (SX) region plugin (domain.md §3.4).

The 陕西 三公 table with 会议费 and 培训费 ("…“三公”经费及会议费、培训费支出决算表", transposed)
is already read by the core ``sangong`` layout and the national final.T09 template. It adds:

* the template ``perf.department_system``: the 部门整体支出绩效指标体系 (SX23:696–918), read by
  the core ``perf_indicator_system`` layout (``templates/performance.yaml``);

* the rule-language functions ``declared_empty(t)`` (what the 目录's 是否空表 column says about
  table ``t``) and ``has_empty_declaration(t)`` (whether it says anything): the core records the
  declaration on each listed table, but the language has no property for it yet;
* rules: the 目录's 是否空表 agrees with the table bodies (``rules/shaanxi.rules``); the 执行率
  base and the 指标体系's weights and scores (``rules/shaanxi_performance.rules``);
* region detection: 陕西 place names (白河 …) and the 是否空表 目录 (``region.yaml``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.dsl.functions import Function
from checker.dsl.values import NotEvaluated, TableRef, display
from checker.hookspecs import hookimpl
from checker.region import RegionMatch, load_region_spec, match_region

HERE = Path(__file__).parent
SPEC = load_region_spec(HERE / "region.yaml")


def _declaration(ctx: Any, table: Any, fname: str) -> bool | None:
    if not isinstance(table, TableRef):
        raise NotEvaluated(f"{fname}() needs a table, got {display(table)!r}")
    for listed in ctx.doc.document.listed_tables:
        if listed.table_id == table.template_id and listed.empty_declared is not None:
            return listed.empty_declared
    return None


def _declared_empty(ctx: Any, table: Any) -> bool:
    """True / false as the 目录 declares table ``table`` empty (是) or not (否)."""
    declared = _declaration(ctx, table, "declared_empty")
    if declared is None:
        raise NotEvaluated(f"the 目录 does not say whether {table.name} is empty")
    return declared


def _has_empty_declaration(ctx: Any, table: Any) -> bool:
    """True when the 目录 says whether table ``table`` is empty."""
    return _declaration(ctx, table, "has_empty_declaration") is not None


DECLARED_EMPTY = Function("declared_empty", _declared_empty, 1, 1, "bool",
                          doc="the 目录's 是否空表 for the table (是 → true, 否 → false)")
HAS_EMPTY_DECLARATION = Function("has_empty_declaration", _has_empty_declaration, 1, 1, "bool",
                                 doc="the 目录 says whether the table is empty")


@hookimpl
def checker_templates() -> list[Path]:
    """perf.department_system, the 部门整体支出绩效指标体系."""
    return sorted((HERE / "templates").glob("*.yaml"))


@hookimpl
def checker_rule_paths() -> list[Path]:
    """The 陕西 rules."""
    return [HERE / "rules"]


@hookimpl
def checker_functions() -> dict[str, Function]:
    """``declared_empty(t)`` and ``has_empty_declaration(t)``."""
    return {f.name: f for f in (DECLARED_EMPTY, HAS_EMPTY_DECLARATION)}


@hookimpl
def checker_detect_region(lines: list[str]) -> RegionMatch | None:
    """SX when a 陕西 place name or a 目录 with 是否空表 is found."""
    return match_region(lines, SPEC)


@hookimpl
def checker_plugin_info() -> dict[str, str]:
    """Name and region."""
    return {"name": "shaanxi", "region": SPEC.name, "code": SPEC.code,
            "description": "陕西 决算: 目录 是否空表, 部门整体支出绩效指标体系"}

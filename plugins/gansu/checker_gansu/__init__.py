"""甘肃 (GS) region plugin (domain.md §3.1).

* templates: the 甘肃-only 预算 tables B05, B06, B11, B12, the funds block of the
  整体支出绩效目标申报表 (``perf.target.department``, layout ``target_funds``), and aliases for the
  national 决算 tables T01–T03, whose 2024 wording prints 部门 for 单位 and 上交 for 上缴 (hazard H3);
* rules: the internal sums of B05, B06, B11, B12; the 甘肃 cross-table identities X14, X16, X18,
  X19; the 预算说明 against the tables (N09 机关运行经费, N11 政府采购, N15 基本/项目) and the
  plausibility warning P02 (``rules/gansu.rules``);
* region detection: a 甘肃 place (临夏市 …) in the department name, on the cover or in a table
  header; the "金额部门：万元" header only supports a claim (``region.yaml``).
"""

from __future__ import annotations

from pathlib import Path

from checker.hookspecs import hookimpl
from checker.region import RegionMatch, load_region_spec, match_region

HERE = Path(__file__).parent
SPEC = load_region_spec(HERE / "region.yaml")


@hookimpl
def checker_templates() -> list[Path]:
    """GS 预算 tables B05, B06, B11, B12 and aliases for the national 决算 tables."""
    return sorted((HERE / "templates").glob("*.yaml"))


@hookimpl
def checker_rule_paths() -> list[Path]:
    """The 甘肃 rules."""
    return [HERE / "rules"]


@hookimpl
def checker_detect_region(lines: list[str]) -> RegionMatch | None:
    """GS when a 甘肃 place names the department, the cover or a table header; the 甘肃 header
    wording alone is a signature (score 1), which is no claim."""
    return match_region(lines, SPEC)


@hookimpl
def checker_plugin_info() -> dict[str, str]:
    """Name and region."""
    return {"name": "gansu", "region": SPEC.name, "code": SPEC.code,
            "description": "甘肃 决算/预算 formats"}

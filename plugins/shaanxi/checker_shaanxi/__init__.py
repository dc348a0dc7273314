"""陕西 (SX) region plugin (domain.md §3.4).

The 陕西 三公 table with 会议费 and 培训费 ("…“三公”经费及会议费、培训费支出决算表", transposed)
is already read by the core ``sangong`` layout and the national final.T09 template. It adds:

* the template ``perf.department_system``: the 部门整体支出绩效指标体系 (SX23:696–918), read by
  the core ``perf_indicator_system`` layout (``templates/performance.yaml``);

* rules: the 目录's 是否空表 agrees with the table bodies (``rules/shaanxi.rules``); the 执行率
  base and the 指标体系's weights and scores (``rules/shaanxi_performance.rules``);
* region detection: a 陕西 place (白河县 …) in the department name, on the cover or in a table
  header; the 是否空表 目录 only supports a claim (``region.yaml``).
"""

from __future__ import annotations

from pathlib import Path

from checker.hookspecs import hookimpl
from checker.region import RegionMatch, load_region_spec, match_region

HERE = Path(__file__).parent
SPEC = load_region_spec(HERE / "region.yaml")


@hookimpl
def checker_templates() -> list[Path]:
    """perf.department_system, the 部门整体支出绩效指标体系."""
    return sorted((HERE / "templates").glob("*.yaml"))


@hookimpl
def checker_rule_paths() -> list[Path]:
    """The 陕西 rules."""
    return [HERE / "rules"]


@hookimpl
def checker_detect_region(lines: list[str]) -> RegionMatch | None:
    """SX when a 陕西 place names the department, the cover or a table header; a 目录 with
    是否空表 alone is a signature (score 1), which is no claim."""
    return match_region(lines, SPEC)


@hookimpl
def checker_plugin_info() -> dict[str, str]:
    """Name and region."""
    return {"name": "shaanxi", "region": SPEC.name, "code": SPEC.code,
            "description": "陕西 决算: 目录 是否空表, 部门整体支出绩效指标体系"}

"""四川 (SC) region plugin (domain.md §3.3).

* templates: the 附表 titles that are not national tables — SC05 财政拨款支出决算明细表, SC07
  一般公共预算财政拨款支出决算明细表, SC09 一般公共预算财政拨款项目支出决算表, SC12
  国有资本经营预算财政拨款支出决算表 (columns provisional: see README.md);
* rules: the thirteen 附表 present, and the sums of SC05/SC07/SC09/SC12 (``rules/sichuan.rules``);
* region detection: 四川 place names (井研 …) and a 第五部分 附表 list with no table bodies.
"""

from __future__ import annotations

import re
from pathlib import Path

from checker.hookspecs import hookimpl
from checker.labels import norm
from checker.region import RegionMatch, load_region_spec, match_region

HERE = Path(__file__).parent
SPEC = load_region_spec(HERE / "region.yaml")
TABLE_CODE = re.compile(r"公开\d{1,2}表")


@hookimpl
def checker_templates() -> list[Path]:
    """The 附表 tables SC05, SC07, SC09, SC12."""
    return sorted((HERE / "templates").glob("*.yaml"))


@hookimpl
def checker_rule_paths() -> list[Path]:
    """The 四川 rules."""
    return [HERE / "rules"]


@hookimpl
def checker_detect_region(lines: list[str]) -> RegionMatch | None:
    """SC for a 四川 place name, or a 第五部分 附表 list in a text without table bodies."""
    match = match_region(lines, SPEC)
    if match is not None and match.score == 1 and any(TABLE_CODE.search(norm(x)) for x in lines):
        return None  # the 附表 heading, but table bodies are printed: not the 四川 layout
    return match


@hookimpl
def checker_plugin_info() -> dict[str, str]:
    """Name and region."""
    return {"name": "sichuan", "region": SPEC.name, "code": SPEC.code,
            "description": "四川 决算 附表 list"}

"""四川 (SC) region plugin (domain.md §3.3).

* templates: the 附表 titles that are not national tables — SC05 财政拨款支出决算明细表, SC07
  一般公共预算财政拨款支出决算明细表, SC09 一般公共预算财政拨款项目支出决算表, SC12
  国有资本经营预算财政拨款支出决算表 (columns provisional: see README.md);
* rules: the thirteen 附表 present, and the sums of SC05/SC07/SC09/SC12 (``rules/sichuan.rules``);
* region detection: a 四川 place (井研县 …) in the department name, on the cover or in a table
  header; a 第五部分 附表 list with no table bodies only supports a claim.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from checker.hookspecs import hookimpl
from checker.labels import norm
from checker.region import SIGNATURE, RegionMatch, load_region_spec, match_region

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
    """SC when a 四川 place names the department, the cover or a table header; a 第五部分 附表
    list is a signature (score 1, no claim) only in a text without table bodies."""
    match = match_region(lines, SPEC)
    if match is None or match.signature is None:
        return match
    if any(TABLE_CODE.search(norm(x)) for x in lines):
        # the 附表 heading, but table bodies are printed: not the 四川 layout
        if match.score <= SIGNATURE:
            return None
        return replace(match, evidence=match.evidence.replace(f"; {match.signature}", ""),
                       signature=None)
    return match


@hookimpl
def checker_plugin_info() -> dict[str, str]:
    """Name and region."""
    return {"name": "sichuan", "region": SPEC.name, "code": SPEC.code,
            "description": "四川 决算 附表 list"}

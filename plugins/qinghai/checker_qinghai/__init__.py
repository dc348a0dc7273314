"""青海 (QH) region plugin (domain.md §3.2).

* templates: QH10 机关运行经费支出情况表 and QH11 政府采购支出情况表 (公开10/11表), and QH09B,
  the 实物量 block under the 三公 table;
* post-parse step: reads the 实物量 block into ``final.QH09B`` (``counts.py``);
* rules: the 公开10/11 tables and the 实物量 counts (``rules/qinghai.rules``);
* region detection: a 青海 place (海东市 …) in the department name, on the cover or in a table
  header; the 公开10/11 table codes only support a claim (a 江苏 budget prints 公开10表 too)
  (``region.yaml``).
"""

from __future__ import annotations

from pathlib import Path

from checker.hookspecs import hookimpl
from checker.model import Document
from checker.region import RegionMatch, load_region_spec, match_region
from checker.templates.loader import TemplateRegistry
from checker_qinghai.counts import read_counts_block

HERE = Path(__file__).parent
SPEC = load_region_spec(HERE / "region.yaml")


@hookimpl
def checker_templates() -> list[Path]:
    """QH10 机关运行经费支出情况表, QH11 政府采购支出情况表 and QH09B 实物量."""
    return sorted((HERE / "templates").glob("*.yaml"))


@hookimpl
def checker_rule_paths() -> list[Path]:
    """The 青海 rules."""
    return [HERE / "rules"]


@hookimpl
def checker_detect_region(lines: list[str]) -> RegionMatch | None:
    """QH when a 青海 place names the department, the cover or a table header; a 公开10/11表
    code alone is a signature (score 1), which is no claim."""
    return match_region(lines, SPEC)


@hookimpl
def checker_post_parse(document: Document, registry: TemplateRegistry) -> None:
    """Read the 实物量 block under the 三公 table into final.QH09B, when the report has one."""
    read_counts_block(document, registry)


@hookimpl
def checker_plugin_info() -> dict[str, str]:
    """Name and region."""
    return {"name": "qinghai", "region": SPEC.name, "code": SPEC.code,
            "description": "青海 决算 formats"}

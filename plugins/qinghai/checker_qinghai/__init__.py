"""青海 (QH) region plugin: the two extra 决算 tables of 青海 reports (domain.md §3.2)."""

from __future__ import annotations

from pathlib import Path

from checker.hookspecs import hookimpl

HERE = Path(__file__).parent


@hookimpl
def checker_templates() -> list[Path]:
    """QH10 机关运行经费支出情况表 and QH11 政府采购支出情况表."""
    return sorted((HERE / "templates").glob("*.yaml"))


@hookimpl
def checker_plugin_info() -> dict[str, str]:
    """Name and region."""
    return {"name": "qinghai", "region": "青海", "description": "青海 决算 formats"}

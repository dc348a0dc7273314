"""甘肃 (GS) region plugin (domain.md §3.1): its extra 预算 tables, and the 2024 wording that
prints 部门 where the national template says 单位 (附属部门上交收入, 上交上级支出 …)."""

from __future__ import annotations

from pathlib import Path

from checker.hookspecs import hookimpl

HERE = Path(__file__).parent


@hookimpl
def checker_templates() -> list[Path]:
    """GS 预算 tables B05, B06, B11, B12 and aliases for the national 决算 tables."""
    return sorted((HERE / "templates").glob("*.yaml"))


@hookimpl
def checker_plugin_info() -> dict[str, str]:
    """Name and region."""
    return {"name": "gansu", "region": "甘肃", "description": "甘肃 决算/预算 formats"}

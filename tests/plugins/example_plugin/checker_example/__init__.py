"""A minimal region package: one extra table, one rule, region detection (docs/plugins.md)."""

from __future__ import annotations

from pathlib import Path

from checker.hookspecs import hookimpl
from checker.region import RegionMatch, load_region_spec, match_region

HERE = Path(__file__).parent
SPEC = load_region_spec(HERE / "region.yaml")


@hookimpl
def checker_templates() -> list[Path]:
    """The region's extra table."""
    return sorted((HERE / "templates").glob("*.yaml"))


@hookimpl
def checker_rule_paths() -> list[Path]:
    """The region's rules."""
    return [HERE / "rules"]


@hookimpl
def checker_detect_region(lines: list[str]) -> RegionMatch | None:
    """XX when a place name of region.yaml or its table code is found."""
    return match_region(lines, SPEC)


@hookimpl
def checker_plugin_info() -> dict[str, str]:
    """Name and region, for ``checker plugins``."""
    return {"name": "example", "region": SPEC.name, "code": SPEC.code,
            "description": "an example region"}

"""Region detection from a report's lines, driven by a plugin's data.

A region package describes how to recognise its reports in a small YAML file (the core never
names a province)::

    code: XX                       # region code used by ``applies … region XX`` and meta.region
    name: 示例                      # the province's name
    places: [示例省, 示例市, 示例县]   # place names
    signatures:                    # layout signatures: regex on one normalised line → what it is
      - {pattern: '公开12表', what: 'a table code only this region prints'}

:func:`match_region` looks for the evidence in decreasing strength and returns the strongest:

====  ===========================================================================
3     a place name in the department name (``checker.parse.meta.detect_department``)
2     a place name in the report's head (first :data:`HEAD_LINES` non-blank lines) or in a
      table header line ("部门：…", "单位：…")
1     a layout signature anywhere in the report
====  ===========================================================================

Lines are compared after :func:`checker.labels.norm` (width, brackets and spaces folded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.errors import InputError
from checker.labels import norm
from checker.parse.meta import detect_department

__all__ = ["HEAD_LINES", "RegionMatch", "RegionSpec", "load_region_spec", "match_region"]

HEAD_LINES = 15
HEADER = re.compile(r"^(?:部门|单位|编制单位|填报单位|主管部门)(?:\(单位\))?:")


@dataclass(frozen=True)
class RegionMatch:
    """A plugin's claim that a report is of its region: code, evidence, strength."""

    code: str
    evidence: str
    score: int = 1


@dataclass
class RegionSpec:
    """How a region's reports are recognised: place names and layout signatures."""

    code: str
    name: str = ""
    places: list[str] = field(default_factory=list)
    signatures: list[tuple[re.Pattern[str], str]] = field(default_factory=list)


def load_region_spec(path: Path) -> RegionSpec:
    """Read a region YAML file (format in the module docstring)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        return RegionSpec(
            code=str(data["code"]),
            name=str(data.get("name", "")),
            places=[str(p) for p in data.get("places", [])],
            signatures=[(re.compile(norm(s["pattern"])), str(s.get("what", s["pattern"])))
                        for s in data.get("signatures", [])],
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, re.error) as exc:
        raise InputError(str(path), f"bad region file: {exc}") from exc


def _place_in(text: str, places: list[str]) -> str | None:
    for p in places:
        if norm(p) in text:
            return p
    return None


_LAST_DEPARTMENT: list[Any] = [None, None]  # [lines, department]: every plugin asks of one report


def _department(lines: list[str]) -> str | None:
    if _LAST_DEPARTMENT[0] is not lines:
        _LAST_DEPARTMENT[:] = [lines, detect_department(lines)]
    return _LAST_DEPARTMENT[1]


def match_region(lines: list[str], spec: RegionSpec) -> RegionMatch | None:
    """The strongest evidence in ``lines`` that the report is of ``spec``'s region, or None."""
    department = _department(lines)
    if department and (p := _place_in(norm(department), spec.places)):
        return RegionMatch(spec.code, f"{p} in department name {department}", 3)
    seen = 0
    for number, raw in enumerate(lines, 1):
        text = norm(raw)
        if not text:
            continue
        seen += 1
        if seen > HEAD_LINES and not HEADER.match(text):
            continue
        if p := _place_in(text, spec.places):
            where = "report head" if seen <= HEAD_LINES else "table header"
            return RegionMatch(spec.code, f"{p} in {where} (line {number})", 2)
    for number, raw in enumerate(lines, 1):
        text = norm(raw)
        for pattern, what in spec.signatures:
            if pattern.search(text):
                return RegionMatch(spec.code, f"layout signature: {what} (line {number})", 1)
    return None

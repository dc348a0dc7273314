"""Table body layouts: each module reads one way tables are printed.

``LAYOUTS`` maps a template's ``layout`` name to the module's ``parse(block, lines, style)``:
the core's layouts, registered by ``checker.core_plugin`` through the ``checker_layouts`` hook
like any plugin's (a region-only layout lives in its region package's ``layouts/`` folder).
"""

from __future__ import annotations

from collections.abc import Callable

from checker.model import Table
from checker.parse.layouts import (
    code_rows,
    economic_groups,
    economic_names,
    item_rows,
    perf_department,
    perf_project,
    sangong,
    two_sided,
    unit_rows,
)
from checker.parse.segment import TableBlock

LayoutParser = Callable[[TableBlock, list[str], str], Table]
"""``parse(block, lines, style)``: one table block of the report's lines, read into a Table."""

LAYOUTS: dict[str, LayoutParser] = {
    "code_rows": code_rows.parse,
    "two_sided": two_sided.parse,
    "economic_groups": economic_groups.parse,
    "sangong": sangong.parse,
    "unit_rows": unit_rows.parse,
    "item_rows": item_rows.parse,
    "economic_names": economic_names.parse,
    "perf_project": perf_project.parse,
    "perf_department": perf_department.parse,
}

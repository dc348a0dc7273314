"""The core's own plugin: the national templates, rules, table layouts and file readers,
registered like any region's."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from checker.hookspecs import hookimpl
from checker.parse.document import JSON_READER
from checker.parse.layouts import LAYOUTS, LayoutParser
from checker.read.readers import LINE_READERS
from checker.read.registry import Reader


def _package_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


@hookimpl
def checker_templates() -> list[Path]:
    """The national 决算 and 预算 table templates."""
    return sorted(_package_dir("checker.templates").glob("*.yaml"))


@hookimpl
def checker_rule_paths() -> list[Path]:
    """The national rule files."""
    return [_package_dir("checker.rules")]


@hookimpl
def checker_layouts() -> dict[str, LayoutParser]:
    """The national table-body layouts (``checker/parse/layouts/``)."""
    return dict(LAYOUTS)


@hookimpl
def checker_readers() -> list[Reader]:
    """The report readers (``checker/read/readers.py``: PDF, workbook, text) and the parsed
    JSON document's."""
    return [*LINE_READERS, JSON_READER]


@hookimpl
def checker_plugin_info() -> dict[str, str]:
    """Name and scope of the core set."""
    return {"name": "core", "region": "national", "description": "national 决算/预算 rules"}

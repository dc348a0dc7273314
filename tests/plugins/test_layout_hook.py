"""The ``checker_layouts`` hook: the core's and the plugins' table layouts reach the parser, a
name taken twice keeps the first, and a template naming a layout nobody provides is reported."""

from __future__ import annotations

import warnings

import pytest

from checker.hookspecs import hookimpl
from checker.model import Table
from checker.parse.document import parse_raw
from checker.parse.layouts import LAYOUTS
from checker.parse.segment import TableBlock
from checker.plugins.collect import plugin_layouts
from checker.plugins.host import PluginWarning, load_plugins
from checker.plugins.pipeline import parse_raw_with_plugins
from checker.read.text import raw_from_bytes
from checker.templates.loader import TemplateRegistry, load_template_file
from tests.plugins.hosts import host_with

TEMPLATE = """templates:
  - id: final.XX01
    kind: final
    name: 示例收支表
    titles: ['.*示例收支表']
    layout: example_rows
    columns:
      - {key: 金额}
"""
REPORT = ("某某局2024年度部门决算\n\n第一部分 部门概况\n一、主要职能\n本局负责示例工作。\n\n"
          "表1\n2024年示例收支表\n单位：万元\n项目\t金额\n合计\t5\n")


def _parse_example(table: TableBlock, lines: list[str], style: str) -> Table:
    """A layout that reads nothing but says it was asked."""
    return Table(id=table.template.id, title=f"read by example_rows ({style})",
                 line=table.title_line, end_line=table.end)


class _Layouts:
    def __init__(self, layouts: dict) -> None:
        self.layouts = layouts

    @hookimpl
    def checker_layouts(self) -> dict:
        return self.layouts


def _registry(tmp_path) -> TemplateRegistry:
    path = tmp_path / "xx.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    return TemplateRegistry(load_template_file(path))


def _raw():
    return raw_from_bytes(REPORT.encode("utf-8"), "report.txt", "text")


def test_the_core_registers_its_layouts_through_the_hook():
    assert plugin_layouts(load_plugins(enable=False)) == LAYOUTS
    assert "code_rows" in LAYOUTS


def test_a_plugin_layout_reads_its_template_table(tmp_path):
    host = host_with(("xx", _Layouts({"example_rows": _parse_example})))
    doc = parse_raw_with_plugins(_raw(), host, _registry(tmp_path), "XX")
    assert doc.table("final.XX01").title == "read by example_rows (tsv)"


def test_a_layout_nobody_provides_names_the_template_and_its_file(tmp_path):
    doc = parse_raw(_raw(), _registry(tmp_path))
    assert doc.table("final.XX01") is None
    [note] = [n.text for n in doc.unrecognised if "example_rows" in n.text]
    assert "template final.XX01" in note and str(tmp_path / "xx.yaml") in note


def test_a_layout_name_taken_twice_keeps_the_first_with_a_warning():
    def other(block, lines, style):
        raise AssertionError("never called")

    host = host_with(("aa", _Layouts({"example_rows": _parse_example})),
                 ("bb", _Layouts({"example_rows": other, "code_rows": other})))
    with pytest.warns(PluginWarning) as caught:
        layouts = plugin_layouts(host)
    assert layouts["example_rows"] is _parse_example and layouts["code_rows"] is LAYOUTS["code_rows"]
    messages = sorted(str(w.message) for w in caught)
    assert messages == ["plugin 'bb': layout 'code_rows' already provided by plugin 'core'; ignored",
                        "plugin 'bb': layout 'example_rows' already provided by plugin 'aa'; ignored"]
    assert host.names() == ["core", "aa", "bb"]  # a clash is a warning, not a failure


def test_a_layout_that_is_not_callable_skips_the_plugin():
    host = host_with(("bad", _Layouts({"example_rows": "not a function"})))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        layouts = plugin_layouts(host)
    assert "example_rows" not in layouts and [n for n, _ in host.failed] == ["bad"]
    assert any("layout 'example_rows' is not callable" in str(w.message) for w in caught)

"""The title catalogue (checker/templates/titles.yaml): every example it gives resolves to its own
template and to no other, every entry belongs to a template, and a plugin adds forms through
``extends``."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.hookspecs import hookimpl
from checker.plugins.host import load_plugins
from checker.plugins.templates import build_registry
from checker.templates.loader import (
    TemplateRegistry,
    core_catalogue,
    core_template_files,
    extend_template,
    load_template_file,
    normalize_title,
)

CATALOGUE = core_catalogue()
EXAMPLES = [(tid, e["title"], e["source"]) for tid, es in CATALOGUE.examples.items() for e in es]


@pytest.fixture(scope="module")
def national(registry: TemplateRegistry) -> TemplateRegistry:
    return registry.for_region(None)


@pytest.mark.parametrize(("table_id", "title", "source"), EXAMPLES,
                         ids=[f"{t}:{x}" for t, x, _ in EXAMPLES])
def test_every_example_names_its_template_and_no_other(national, table_id, title, source):
    found = national.match_title(title)
    assert found is not None and found.template.id == table_id, (title, source)
    text = normalize_title(title)
    ties = [t.id for t in national.templates if t.prefix_length(text) == len(found.prefix)]
    assert ties == [table_id], (title, ties)


def test_every_entry_is_a_template_and_every_national_table_has_forms(registry):
    ids = {t.id for t in registry.templates}
    assert set(CATALOGUE.forms) <= ids
    core = [t for p in core_template_files() for t in load_template_file(p)]
    tables = {t.id for t in core if t.kind in ("final", "budget") and not t.id.startswith("perf.")}
    assert tables <= set(CATALOGUE.forms), tables - set(CATALOGUE.forms)
    assert all(CATALOGUE.examples.get(tid) for tid in tables)


def test_a_plugin_adds_a_title_form_with_extends(tmp_path):
    """甘肃-style: a national table under a name of the region's own."""
    path = tmp_path / "titles.yaml"
    path.write_text("templates:\n  - extends: budget.B01\n    titles: ['预算收支汇总表']\n",
                    encoding="utf-8")

    class _Plugin:
        @hookimpl
        def checker_templates(self) -> list[Path]:
            return [path]

    title = "一、2023年度临夏市医疗保障局部门预算收支汇总表"
    host = load_plugins(enable=False)
    assert build_registry(host).by_title(title) is None
    host.pm.register(_Plugin(), name="names")
    host.loaded.append(("names", "0", _Plugin))
    registry = build_registry(host)
    assert registry.by_title(title).id == "budget.B01"
    assert host.contributions["names"] == {"templates": 0, "extends": 1}


def test_extends_adds_columns_placement_and_options():
    """The 甘肃 package's B11: the national total column, then its 资金来源 columns."""
    base = {t.id: t for p in core_template_files() for t in load_template_file(p)}["budget.B11"]
    assert [c.key for c in base.columns] == ["小计"] and not base.placement
    extend_template(base, {
        "extends": "budget.B11",
        "columns": [{"key": "单位运转经费"}, {"key": "小计"}],
        "placement": {"total": "小计", "parts": ["单位运转经费"]},
        "options": {"header_words": ["资金来源", "项目"]},
    })
    assert [c.key for c in base.columns] == ["小计", "单位运转经费"]
    assert base.placement == {"total": "小计", "parts": ["单位运转经费"]}
    assert base.options["header_words"] == ["项目", "采购品目", "资金来源"]


def test_the_gansu_package_keeps_only_its_specifics(registry):
    b11, b12 = registry.get("budget.B11"), registry.get("budget.B12")
    assert b11.source.endswith("checker/templates/budget.yaml")
    assert [c.key for c in b11.columns] == ["小计", "单位运转经费", "单位项目资金", "省州专项经费",
                                            "财政拨款上年结转"]
    assert b11.row("其中：政府购买服务").key == "政府购买服务"
    assert [c.key for c in b12.columns] == ["合计", "基本支出", "项目支出"]
    assert b12.placement == {"total": "合计", "parts": ["基本支出", "项目支出"]}

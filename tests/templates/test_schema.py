"""Template files are checked against schemas/template.schema.json when they load: a misspelt key
is an error naming the file and the template, never silently ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import InputError
from checker.hookspecs import hookimpl
from checker.plugins.host import PluginWarning, load_plugins
from checker.plugins.templates import build_registry
from checker.schema import load_schema
from checker.templates.loader import (
    core_template_files,
    extend_template,
    load_catalogue,
    load_core_templates,
    load_template_file,
)

ROOT = Path(__file__).resolve().parents[2]
PLUGIN_FILES = sorted(ROOT.glob("plugins/*/checker_*/templates/*.yaml"))
EXAMPLE_FILES = sorted(ROOT.glob("tests/plugins/example_plugin/checker_example/templates/*.yaml"))

GOOD = """templates:
  - id: final.XX1
    kind: final
    name: 示例表
    titles: ['示例(?:情况)?表']
    layout: item_rows
    columns:
      - {key: 金额, col_no: 1, exact: true}
    rows:
      - {key: 合计, code: 301}
"""


def _file(tmp_path: Path, text: str, name: str = "t.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_schema_is_shipped_as_json():
    schema = load_schema("template")
    assert {"template", "extension", "catalogue"} <= set(schema["$defs"])


@pytest.mark.parametrize("path", [*core_template_files(), *PLUGIN_FILES, *EXAMPLE_FILES],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_every_template_file_is_valid(path: Path):
    load_template_file(path)


def test_a_valid_file_loads(tmp_path):
    (t,) = load_template_file(_file(tmp_path, GOOD))
    assert t.id == "final.XX1" and t.columns[0].exact and t.rows[0].code == "301"


@pytest.mark.parametrize(("good", "bad", "key", "near"), [
    ("exact: true", "exct: true", "exct", "exact"),
    ("    titles:", "    titels:", "titels", "titles"),
    ("    rows:", "    row:", "row", "rows"),
    ("    name: 示例表", "    nmae: 示例表", "nmae", "name"),
    ("{key: 合计, code: 301}", "{key: 合计, cod: 301}", "cod", "code"),
])
def test_a_misspelt_key_names_the_file_the_template_and_the_key(tmp_path, good, bad, key, near):
    path = _file(tmp_path, GOOD.replace(good, bad))
    with pytest.raises(InputError) as caught:
        load_template_file(path)
    message = str(caught.value)
    assert str(path) in message and "template final.XX1" in message
    assert f"unknown key '{key}' (did you mean '{near}'?)" in message


def test_a_wrong_value_is_an_error(tmp_path):
    with pytest.raises(InputError, match=r"template final\.XX1: kind: 'fnal' is not one of"):
        load_template_file(_file(tmp_path, GOOD.replace("kind: final", "kind: fnal")))
    with pytest.raises(InputError, match=r"template final\.XX1: .*'name' is a required property"):
        load_template_file(_file(tmp_path, GOOD.replace("    name: 示例表\n", "")))


def test_tree_columns_must_be_columns_of_the_template(tmp_path):
    (t,) = load_template_file(_file(tmp_path, GOOD.replace("    columns:", "    tree: [金额]\n    columns:")))
    assert t.tree == ["金额"]
    path = _file(tmp_path, GOOD.replace("    columns:", "    tree: [金 额]\n    columns:"), "bad.yaml")
    with pytest.raises(InputError) as caught:
        load_template_file(path)
    message = str(caught.value)
    assert str(path) in message and "final.XX1: tree column '金 额' is not one of its columns" in message



def test_an_under_header_must_be_a_regex(tmp_path):
    under = "    options: {under: {table: final.T09, header: '%s'}}\n    columns:"
    (t,) = load_template_file(_file(tmp_path, GOOD.replace("    columns:", under % "^项目统计数$")))
    assert t.options["under"] == {"table": "final.T09", "header": "^项目统计数$"}
    path = _file(tmp_path, GOOD.replace("    columns:", under % "^项目(统计数$"), "bad.yaml")
    with pytest.raises(InputError) as caught:
        load_template_file(path)
    message = str(caught.value)
    assert str(path) in message and "final.XX1: options.under.header: missing )" in message
    no_header = GOOD.replace("    columns:", "    options: {under: {table: final.T09}}\n    columns:")
    with pytest.raises(InputError, match="'header' is a required property"):
        load_template_file(_file(tmp_path, no_header, "bad2.yaml"))


def test_the_national_trees_are_the_code_tables():
    """T08's tables (shared domain.md §2.2 T08: "every amount column of T02, T03, T05, T07, T08
    (and B03, B07, B08)"; T13, T21, T26): the 功能分类 tables 公开02/03/05/07/08 and the 预算
    支出总表, 一般公共预算支出表 and 政府性基金预算支出表, and the 经济分类 tables 公开06 and
    基本支出预算明细表, each over the columns that add up (all of its amount columns)."""
    trees = {t.id: t.tree for t in load_core_templates() if t.tree}
    assert set(trees) == {"final.T02", "final.T03", "final.T05", "final.T06", "final.T07",
                          "final.T08", "budget.B03", "budget.B07", "budget.B08", "budget.B09"}
    assert trees["final.T05"] == ["小计", "基本支出", "项目支出"]
    assert trees["final.T06"] == ["决算数"]


def test_a_misspelt_top_level_key(tmp_path):
    with pytest.raises(InputError, match=r"unknown key 'template'.*did you mean 'templates'"):
        load_template_file(_file(tmp_path, GOOD.replace("templates:", "template:")))


def test_a_misspelt_key_in_an_extends_entry(tmp_path):
    text = "templates:\n  - extends: final.T03\n    colum_aliases:\n      基本支出: [基本]\n"
    path = _file(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_template_file(path)
    message = str(caught.value)
    assert str(path) in message and "extends final.T03" in message
    assert "unknown key 'colum_aliases' (did you mean 'column_aliases'?)" in message
    base = {t.id: t for t in load_core_templates()}["final.T03"]
    with pytest.raises(InputError, match=r"extends final\.T03: unknown key 'colum_aliases'"):
        extend_template(base, {"extends": "final.T03", "colum_aliases": {}})


def test_a_plugin_with_a_misspelt_key_is_skipped_with_a_warning_naming_it(tmp_path):
    path = _file(tmp_path, GOOD.replace("exact: true", "exct: true"))

    class _Plugin:
        @hookimpl
        def checker_templates(self) -> list[Path]:
            return [path]

    host = load_plugins(enable=False)
    host.pm.register(_Plugin(), name="typo")
    host.loaded.append(("typo", "0", _Plugin))
    with pytest.warns(PluginWarning) as caught:
        registry = build_registry(host)
    message = str(caught[0].message)
    assert "'typo'" in message and str(path) in message and "final.XX1" in message
    assert "exct" in message
    assert registry.get("final.XX1") is None and registry.get("final.T01") is not None


def test_the_catalogue_is_checked_too(tmp_path):
    catalogue = (ROOT / "checker/templates/titles.yaml").read_text(encoding="utf-8")
    path = _file(tmp_path, catalogue.replace("    forms: ['收入决算(?:总)?表']",
                                             "    froms: ['收入决算(?:总)?表']"), "titles.yaml")
    with pytest.raises(InputError, match=r"title catalogue: unknown key 'froms' \(did you mean 'forms'"):
        load_catalogue(path)
    path = _file(tmp_path, catalogue.replace("'收入决算(?:总)?表'", "'收入决算(?:总表'"), "titles.yaml")
    with pytest.raises(InputError, match=r"template final\.T02: bad title form"):
        load_catalogue(path)
    path = _file(tmp_path, catalogue.replace("${join}会议费", "${joint}会议费", 1), "titles.yaml")
    with pytest.raises(InputError, match=r"unknown title fragment \$\{joint\}"):
        load_catalogue(path)

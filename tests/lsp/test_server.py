"""`checker lsp` over stdio, as an editor speaks to it (tests/lsp/client.py): diagnostics with
their exact ranges, completion, hover, definition and formatting, against the real templates,
rule files and cases. Every expected range was counted by hand on the text beside it (0-based
lines and UTF-16 columns; every character of these texts is one UTF-16 unit)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from checker.lsp.fmt import format_text
from tests.lsp.client import LspClient

ROOT = Path(__file__).resolve().parents[2]


def _rng(l1: int, c1: int, l2: int, c2: int) -> dict:
    return {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of rule files: lsp.rules has a cases file that expects LSP10 only."""
    d = tmp_path_factory.mktemp("lsp")
    (d / "lsp.cases.yaml").write_text(
        "cases:\n  - name: 一个用例\n    expect:\n      LSP10: passed\n", encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def client(folder: Path):
    c = LspClient(ROOT)
    caps = c.initialize(folder)["capabilities"]
    assert caps["hoverProvider"] and caps["definitionProvider"]
    assert set(caps["completionProvider"]["triggerCharacters"]) == {".", "[", '"'}
    yield c
    assert c.close() == 0


def _uri(folder: Path, name: str) -> str:
    return (folder / name).as_uri()


def _labels(result: dict | list) -> list[str]:
    items = result["items"] if isinstance(result, dict) else result
    return [i["label"] for i in items]


def _complete(client: LspClient, uri: str, line: int, character: int) -> list[dict]:
    result = client.request("textDocument/completion", {
        "textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
    return result["items"] if isinstance(result, dict) else result


# ---- diagnostics


def test_a_syntax_error_is_placed_on_its_token(client, folder):
    text = 'rule LSP01 "语法错误"\n  let x = = 1\n'
    diags = client.open(_uri(folder, "syntax.rules"), text)
    assert len(diags) == 1
    # "  let x = = 1": the second "=" is character 10
    assert diags[0]["range"] == _rng(1, 10, 1, 11)
    assert diags[0]["message"].startswith("unexpected '='; expected ")
    assert diags[0]["severity"] == 1


def test_an_unknown_column_is_placed_on_the_name_with_a_suggestion(client, folder):
    text = ('rule LSP02 "未知列"\n  applies 决算\n  for row in 支出决算表.rows:\n'
            '    row.本年支出和计 = row.基本支出\n')
    diags = [d for d in client.open(_uri(folder, "column.rules"), text) if d["severity"] == 1]
    # "    row.本年支出和计": the name begins at character 8 and is 6 characters long
    assert [(d["range"], d["message"]) for d in diags] == [(
        _rng(3, 8, 3, 14),
        "table 支出决算表 (final.T03) has no column '本年支出和计'; did you mean '本年支出合计'?")]


def test_each_rule_is_compiled_so_each_error_is_reported(client, folder):
    text = ('rule LSP04 "一"\n  summ(1) = 1\n\nrule LSP05 "二"\n  收入支出决算总表[本年收入和计].金额 = 1\n')
    diags = [d for d in client.open(_uri(folder, "two.rules"), text) if d["severity"] == 1]
    assert [(d["range"], d["message"]) for d in diags] == [
        (_rng(1, 2, 1, 6), "unknown function 'summ'; did you mean 'sum'?"),
        # "  收入支出决算总表[本年收入和计]": the row name is characters 11–16
        (_rng(4, 11, 4, 17), "table 收入支出决算总表 (final.T01) has no row '本年收入和计'; "
                             "did you mean '本年收入合计'?"),
    ]


def test_a_rule_id_used_twice_here_or_in_an_installed_file(client, folder):
    text = 'rule LSP03 "一"\n  1 = 1\n\nrule LSP03 "二"\n  2 = 2\n\nrule T07 "重复"\n  3 = 3\n'
    path = folder / "dup.rules"
    diags = [d for d in client.open(path.as_uri(), text) if d["severity"] == 1]
    final = ROOT / "rules" / "final.rules"
    t07 = next(i for i, line in enumerate(final.read_text(encoding="utf-8").splitlines(), 1)
               if line.startswith("rule T07 "))
    assert [d["range"] for d in diags] == [_rng(3, 5, 3, 10), _rng(6, 5, 6, 8)]
    assert diags[0]["message"] == f"rule id LSP03 already defined at {path}:1"
    assert diags[1]["message"] == f"rule id T07 already defined at {final}:{t07}"


CASED = 'rule LSP10 "有用例"\n  1 = 1\n\nrule LSP11 "无用例"\n  1 = 1\n'


def test_a_rule_no_case_expects_is_a_warning(client, folder):
    diags = client.open(_uri(folder, "lsp.rules"), CASED)
    assert [(d["range"], d["severity"], d["message"]) for d in diags] == [
        (_rng(3, 5, 3, 10), 2, "rule LSP11 has no case: no case in lsp.cases.yaml expects it")]


def test_a_change_is_checked_again(client, folder):
    uri = _uri(folder, "change.rules")
    assert [d for d in client.open(uri, 'rule LSP20 "x"\n  1 = 1\n') if d["severity"] == 1] == []
    diags = client.change(uri, 'rule LSP20 "x"\n  1 = 1 +\n', 2)
    # "  1 = 1 +": nothing follows the "+" (character 8): the line's end is reported on it
    assert [d["range"] for d in diags if d["severity"] == 1] == [_rng(1, 8, 1, 9)]


# ---- completion

RULE = """\
rule LSP30 "补全"
  applies 决算
  for row in 支出决算表.rows:
    row.
  收入支出决算总表[
  收入支出决算总表[收入总计].
  支出决算表.
  for f in facts("
  let t = 支出
"""


@pytest.fixture(scope="module")
def completing(client, folder) -> str:
    uri = _uri(folder, "complete.rules")
    client.open(uri, RULE)
    return uri


def test_columns_after_a_row_variable(client, completing):
    items = _complete(client, completing, 3, 8)  # after "    row."
    labels = _labels(items)
    keys = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    assert [x for x in labels if x in keys] == keys  # final.T03's columns, in order
    assert {"label", "code", "key", "side", "line"} <= set(labels)
    assert "金额" not in labels  # a column of another table
    assert items[0]["textEdit"]["range"] == _rng(3, 8, 3, 8)


def test_rows_inside_a_tables_brackets(client, completing):
    labels = _labels(_complete(client, completing, 4, 11))  # after "  收入支出决算总表["
    assert {"本年收入合计", "收入总计", "支出总计", "一般公共服务支出", "201"} <= set(labels)


def test_columns_of_a_fixed_row_are_its_sides(client, completing):
    labels = _labels(_complete(client, completing, 5, 17))  # after "  收入支出决算总表[收入总计]."
    assert "金额" in labels and "收入金额" in labels
    assert "支出金额" not in labels  # the 支出 side's column


def test_properties_after_a_tables_dot(client, completing):
    labels = _labels(_complete(client, completing, 6, 8))  # after "  支出决算表."
    assert labels[:4] == ["rows", "行", "empty", "present"]


def test_fact_names_inside_facts_quotes(client, completing):
    items = _complete(client, completing, 7, 18)  # after '  for f in facts("'
    labels = _labels(items)
    assert {"收入总计", "支出总计", "本年收入合计"} <= set(labels)
    assert items[0]["textEdit"]["range"] == _rng(7, 18, 7, 18)


def test_table_names_and_functions_where_a_name_begins(client, completing):
    items = _complete(client, completing, 8, 12)  # after "  let t = 支出"
    by_label = {i["label"]: i for i in items}
    assert by_label["支出决算表"]["detail"] == "final.T03"
    assert by_label["支出决算表"]["textEdit"] == {"range": _rng(8, 10, 8, 12), "newText": "支出决算表"}
    assert by_label["sum"]["detail"] == "sum(x, …) → number"
    assert by_label["facts"]["detail"] == "facts([name][, section]) → facts"
    assert by_label["row"]["kind"] == 6  # a variable of the rule


# ---- hover and definition


def test_hover_on_a_rule_id_runs_its_cases(client, folder):
    uri = _uri(folder, "lsp.rules")
    client.open(uri, CASED)  # each test opens what it reads (xdist may run it alone)
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": 0, "character": 7}})
    value = hover["contents"]["value"]
    assert value.splitlines()[0] == "**LSP10** 有用例"
    assert "severity: error" in value
    assert f"source: {folder / 'lsp.rules'}:1" in value
    assert "cases: 1 of 1 as expected\n- ✓ 一个用例: expected passed" in value
    assert hover["range"] == _rng(0, 5, 0, 10)


def test_hover_on_a_real_rule_file(client):
    path = ROOT / "rules" / "final.rules"
    text = path.read_text(encoding="utf-8")
    assert [d for d in client.open(path.as_uri(), text) if d["severity"] == 1] == []
    line = next(i for i, s in enumerate(text.splitlines()) if s.startswith("rule T07 "))
    hover = client.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()},
                                                  "position": {"line": line, "character": 6}})
    value = hover["contents"]["value"]
    assert value.startswith("**T07** 支出决算表：每行 本年支出合计")
    assert "applies: 决算 · tags: 表内, 支出决算表" in value
    assert re.search(r"cases: (\d+) of \1 as expected", value)


def test_hover_on_a_function_and_a_table(client, completing):
    text = 'rule LSP40 "悬停"\n  sum(r.基本支出 for r in 支出决算表.rows) = 0\n'
    uri = completing.replace("complete.rules", "hover.rules")
    client.open(uri, text)
    fn = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                               "position": {"line": 1, "character": 3}})
    assert fn["contents"]["value"] == "```\nsum(x, …) → number\n```\n\nΣ of quantities (interval arithmetic)"
    assert fn["range"] == _rng(1, 2, 1, 5)
    # "  sum(r.基本支出 for r in 支出决算表.rows)": 支出决算表 is characters 22–26
    table = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": 1, "character": 23}})
    assert table["contents"]["value"].startswith("**支出决算表** `final.T03` (决算)\n\naliases: 公开03表")
    assert table["range"] == _rng(1, 22, 1, 27)
    defs = client.request("textDocument/definition", {"textDocument": {"uri": uri},
                                                      "position": {"line": 1, "character": 23}})
    yaml = ROOT / "checker" / "templates" / "final.yaml"
    line = yaml.read_text(encoding="utf-8").splitlines().index("  - id: final.T03")
    assert defs == [{"uri": yaml.as_uri(), "range": _rng(line, 0, line, 0)}]


# ---- formatting


def test_formatting_is_one_edit_and_then_none(client, folder):
    uri = _uri(folder, "fmt.rules")
    messy = 'rule LSP50 "排版"\n    let t=收入支出决算总表\n    t[收入总计].金额=t[支出总计].金额\n'
    client.open(uri, messy)
    edits = client.request("textDocument/formatting", {
        "textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": True}})
    tidy = 'rule LSP50 "排版"\n  let t = 收入支出决算总表\n  t[收入总计].金额 = t[支出总计].金额\n'
    assert edits == [{"range": _rng(0, 0, 3, 0), "newText": tidy}]
    assert format_text(messy) == tidy
    client.change(uri, tidy, 2)
    again = client.request("textDocument/formatting", {
        "textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": True}})
    assert again in ([], None)

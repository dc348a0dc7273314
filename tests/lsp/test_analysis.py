"""checker/lsp/analysis.py without a client: positions in the client's units, where an error
is placed, function signatures, and `checker lsp` without pygls."""

from __future__ import annotations

import sys
from dataclasses import replace

import pytest

from checker.cli import main
from checker.dsl.function import Function
from checker.dsl.parse import RuleError, parse_text

pytest.importorskip("lsprotocol")

from checker.lsp import analysis


@pytest.fixture(scope="module")
def ctx() -> analysis.Context:
    return analysis.load_context()


def test_columns_in_utf16_utf8_and_characters():
    line = "a𠀀支b"  # 𠀀 is outside the BMP: two UTF-16 units, four UTF-8 bytes
    assert [analysis.to_client(line, c) for c in range(5)] == [0, 1, 3, 4, 5]
    assert [analysis.to_client(line, c, "utf-8") for c in range(5)] == [0, 1, 5, 8, 9]
    assert [analysis.to_client(line, c, "utf-32") for c in range(5)] == [0, 1, 2, 3, 4]
    assert [analysis.from_client(line, u) for u in (0, 1, 3, 4, 5)] == [0, 1, 2, 3, 4]
    assert analysis.from_client(line, 8, "utf-8") == 3


def test_a_bad_dedent_is_placed_on_its_line(ctx):
    text = 'rule A "a"\n    let x = 1\n  x = 1\n'
    with pytest.raises(RuleError) as exc:
        parse_text(text)
    assert (exc.value.line, exc.value.col) == (3, 3)
    (diag,) = [d for d in analysis.diagnostics(ctx, text) if d.severity == 1]
    # "  x = 1": the dedented line, its first character
    assert (diag.range.start.line, diag.range.start.character, diag.range.end.character) == (2, 2, 3)
    assert diag.message.startswith("inconsistent indentation: Unexpected dedent to column 2")


def test_a_text_without_a_path_has_no_case_warnings(ctx):
    assert analysis.diagnostics(ctx, 'rule LSP60 "x"\n  1 = 1\n') == []


def test_signatures(ctx):
    fns = ctx.functions
    assert analysis.signature(fns["sum"]) == "sum(x, …) → number"
    assert analysis.signature(fns["round"]) == "round(x[, n]) → number"
    assert analysis.signature(fns["described"]) == "described(row, section[, amount]) → bool"
    assert analysis.signature(fns["named_half"]) == "named_half() → string"
    assert analysis.signature(fns["exists"]) == "exists(x) → bool"


def test_a_table_id_begun_completes_its_rest(ctx):
    text = 'rule LSP61 "x"\n  final.\n'
    labels = [i.label for i in analysis.completions(ctx, text, 1, 8)]
    assert {"T01", "T03", "T09"} <= set(labels)


def test_nothing_is_completed_in_a_comment(ctx):
    assert analysis.completions(ctx, 'rule LSP62 "x"\n  # 支出\n', 1, 6) == []


def test_a_text_that_does_not_parse_is_not_formatted():
    assert analysis.formatting('rule A "a"\n  a = = 1\n') == []


def test_checker_lsp_without_pygls_names_the_extra(monkeypatch, capsys):
    for name in ("pygls", "pygls.server", "pygls.lsp", "pygls.lsp.server"):
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "checker.lsp.server", raising=False)
    assert main(["lsp"]) == 2
    err = capsys.readouterr().err
    assert "checker lsp needs pygls" in err
    assert "pip install 'budget-checker[lsp]'" in err


def test_a_functions_string_arguments_complete_what_it_declares(ctx):
    # a plugin function whose second argument is a section key (Function.string_args): the
    # server learns it from the function, not from a list of names of its own
    lookup = Function("in_part", lambda c, x, key: True, 2, 2, "bool", string_args=("", "section"))
    here = replace(ctx, functions={**ctx.functions, "in_part": lookup})
    line = '  for f in facts() where in_part(f, "'
    labels = {i.label for i in analysis.completions(here, f'rule LSP71 "x"\n{line}\n', 1, len(line))}
    assert "说明.三公" in labels and "收入总计" not in labels
    text = 'rule LSP72 "x"\n  for f in facts("\n'
    labels = {i.label for i in analysis.completions(here, text, 1, len('  for f in facts("'))}
    assert "收入总计" in labels and "说明.三公" not in labels
    line = '  for f in facts() where in_part(f, "'  # a function the context does not know: nothing
    assert analysis.completions(ctx, f'rule LSP73 "x"\n{line}\n', 1, len(line)) == []

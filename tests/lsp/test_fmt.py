"""The rule formatter (checker/lsp/fmt.py) and `checker rules fmt`: one layout, idempotent, and
never a change of meaning (the trees before and after are compared)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.cli import main
from checker.dsl.parse import RuleError, parse_text
from checker.lsp.fmt import FormatError, ast_key, format_text, same_rules

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted([*ROOT.glob("rules/*.rules"), *ROOT.glob("plugins/*/checker_*/rules/*.rules")])

MESSY = """\


# header comment
rule  T1   "title"
    severity   warning
    applies 决算  region QH,SX year 2023 - 2024   # why
    tags a,b
    let t=收入支出决算总表
    t[本年收入合计] . 金额=t[ 事业收入 ].金额+ -1 *2
          + sum( r.金额 for r in t.rows where r.side="支出" and level( r )=1 )
    for row in 支出决算表.rows where has_children(row)
      and level(row) = 1 :
        row.本年支出合计 ≈ row.基本支出 ± 0.05 # tight
        # about when
        when exists(row.基本支出):   row.基本支出 >= 0
    message "{left} x"
# attached
rule T2 "t2"
  for col in [基本支出,
                  项目支出]:
     1 = 1



rule T3 "t3"
  require table 收支总表,
  支出决算表
"""

# checked by hand against the layout of docs/lsp.md
TIDY = """\
# header comment
rule T1 "title"
  severity warning
  applies 决算 region QH, SX year 2023-2024   # why
  tags a, b
  let t = 收入支出决算总表
  t[本年收入合计].金额 = t[事业收入].金额 + -1 * 2
    + sum(r.金额 for r in t.rows where r.side = "支出" and level(r) = 1)
  for row in 支出决算表.rows where has_children(row)
      and level(row) = 1:
    row.本年支出合计 ≈ row.基本支出 ± 0.05  # tight
    # about when
    when exists(row.基本支出): row.基本支出 >= 0
  message "{left} x"

# attached
rule T2 "t2"
  for col in [基本支出,
      项目支出]:
    1 = 1

rule T3 "t3"
  require table 收支总表,
    支出决算表
"""


def test_a_messy_file_is_laid_out():
    assert format_text(MESSY) == TIDY


def test_formatting_twice_changes_nothing():
    assert format_text(TIDY) == TIDY


def test_brackets_opened_on_a_continuation_line_indent_further():
    text = ('rule A "a"\n  require a = 1\n  or (b = 2\n  and (c = 3\n  or d = 4))\n'
            '  message "{left}"\n')
    assert format_text(text) == ('rule A "a"\n  require a = 1\n    or (b = 2\n      and (c = 3\n'
                                 '        or d = 4))\n  message "{left}"\n')


def test_a_backslash_continuation_is_kept():
    text = 'rule A "a"\n  let x = 1 \\\n+ 2\n  x = 3\n'
    assert format_text(text) == 'rule A "a"\n  let x = 1 \\\n    + 2\n  x = 3\n'


def test_signs_and_the_year_range_are_tight():
    assert format_text('rule A "a"\n  applies 预算 year 2023 -\n  x ≈ - 1 * (- 2) ± - 0.5\n') == (
        'rule A "a"\n  applies 预算 year 2023-\n  x ≈ -1 * (-2) ± -0.5\n')


def test_a_text_that_does_not_parse_is_an_error():
    with pytest.raises(RuleError) as exc:
        format_text('rule A "a"\n  a = = 1\n', "x.rules")
    assert (exc.value.line, exc.value.col) == (2, 7)


def test_the_tree_comparison_sees_a_change_of_meaning():
    a = parse_text('rule A "a"\n  x = 1 + 2\n')
    b = parse_text('rule A "a"\n\n  x   =   1+2\n')
    c = parse_text('rule A "a"\n  x = 1 - 2\n')
    assert same_rules(a, b)
    assert not same_rules(a, c)
    assert ast_key(a) != ast_key(c)


def test_a_formatter_bug_is_refused(monkeypatch):
    import checker.lsp.fmt as fmt

    monkeypatch.setattr(fmt, "_layout", lambda text: text.replace("1 + 2", "1 - 2"))
    with pytest.raises(FormatError, match="would change the rules"):
        fmt.format_text('rule A "a"\n  x = 1 + 2\n')


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_rule_file_formats_to_the_same_rules(path):
    text = path.read_text(encoding="utf-8")
    out = format_text(text, str(path))
    assert same_rules(parse_text(text), parse_text(out))
    assert format_text(out, str(path)) == out
    # only whitespace moved: the same characters, on as many lines
    assert [re.sub(r"\s", "", line) for line in out.splitlines() if line.strip()] == [
        re.sub(r"\s", "", line) for line in text.splitlines() if line.strip()]


def test_shipped_files_were_found():
    assert len(SHIPPED) >= 14


def test_rules_fmt_check_and_write(tmp_path, capsys):
    messy, tidy = tmp_path / "a.rules", tmp_path / "b.rules"
    messy.write_text(MESSY, encoding="utf-8")
    tidy.write_text(TIDY, encoding="utf-8")
    assert main(["rules", "fmt", "--check", str(messy), str(tidy)]) == 1
    out = capsys.readouterr()
    assert out.out == f"would reformat {messy}\n"
    assert "1 file would be reformatted, 1 unchanged" in out.err
    assert messy.read_text(encoding="utf-8") == MESSY
    assert main(["rules", "fmt", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"reformatted {messy}\n"
    assert messy.read_text(encoding="utf-8") == TIDY
    assert main(["rules", "fmt", "--check", str(tmp_path)]) == 0


def test_rules_fmt_reports_a_syntax_error(tmp_path, capsys):
    bad = tmp_path / "bad.rules"
    bad.write_text('rule A "a"\n  a = = 1\n', encoding="utf-8")
    assert main(["rules", "fmt", str(bad)]) == 2
    assert f"{bad}:2:7: unexpected '='" in capsys.readouterr().err
    assert bad.read_text(encoding="utf-8") == 'rule A "a"\n  a = = 1\n'


def test_the_shipped_rule_files_are_in_the_one_layout(capsys):
    # as `ruff format --check`: a rule file added or edited by hand is laid out by `rules fmt`
    assert main(["rules", "fmt", "--check", "rules", "plugins"]) == 0, capsys.readouterr().out

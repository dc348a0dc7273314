"""The parsed-rule cache: an unchanged rule file is not parsed again, a changed one is, a file
that does not parse is an error every time, and an entry that cannot be trusted is rebuilt."""

from __future__ import annotations

import pytest

import checker.dsl.rule_cache as rule_cache
from checker.dsl.parse import RuleError, parse_text
from checker.dsl.rule_cache import FOLDER, parse_file_cached

RULE = '''rule X01 "合计"
  severity error
  applies 决算
  for row in 支出决算表.rows:
    row.本年支出合计 = row.基本支出 + row.项目支出
  message "{row.科目名称}: {left} ≠ {right}"
'''


@pytest.fixture
def parses(monkeypatch):
    """Count the parses the cache does."""
    calls = []

    def counted(text, path):
        calls.append(path)
        return parse_text(text, path)

    monkeypatch.setattr(rule_cache, "_parsed", counted)
    return calls


def test_an_unchanged_file_is_parsed_once(tmp_path, parses):
    rules = tmp_path / "a.rules"
    rules.write_text(RULE, encoding="utf-8")
    first = parse_file_cached(rules, tmp_path / "cache")
    second = parse_file_cached(rules, tmp_path / "cache")
    assert len(parses) == 1
    assert [r.id for r in second.rules] == ["X01"]
    # the message placeholders are parsed with the file and kept with it
    assert [p.text for p in second.rules[0].message_parts if not isinstance(p, str)] == [
        "row.科目名称", "left", "right"]
    assert second.rules[0].message_parts == first.rules[0].message_parts


def test_a_changed_file_is_parsed_again(tmp_path, parses):
    rules = tmp_path / "a.rules"
    rules.write_text(RULE, encoding="utf-8")
    parse_file_cached(rules, tmp_path / "cache")
    rules.write_text(RULE.replace("X01", "X02"), encoding="utf-8")
    tree = parse_file_cached(rules, tmp_path / "cache")
    assert len(parses) == 2
    assert [r.id for r in tree.rules] == ["X02"]


def test_a_file_that_does_not_parse_is_an_error_every_time(tmp_path):
    rules = tmp_path / "bad.rules"
    rules.write_text(RULE.replace("row.基本支出 +", "row.基本支出 + )"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RuleError) as err:
            parse_file_cached(rules, tmp_path / "cache")
        assert err.value.line == 5
    assert not list((tmp_path / "cache").rglob("*.pkl"))


def test_a_bad_placeholder_is_located_at_parse_time(tmp_path):
    rules = tmp_path / "bad.rules"
    rules.write_text(RULE.replace("{row.科目名称}", "{row.科目名称 +}"), encoding="utf-8")
    with pytest.raises(RuleError) as err:
        parse_file_cached(rules, None)
    assert err.value.line == 6
    assert "placeholder" in err.value.message


def test_a_damaged_entry_is_rebuilt_silently(tmp_path, parses, capsys):
    rules = tmp_path / "a.rules"
    rules.write_text(RULE, encoding="utf-8")
    parse_file_cached(rules, tmp_path / "cache")
    (entry,) = (tmp_path / "cache" / FOLDER).glob("*.pkl")
    entry.write_bytes(entry.read_bytes()[:-7])
    tree = parse_file_cached(rules, tmp_path / "cache")
    assert [r.id for r in tree.rules] == ["X01"]
    assert len(parses) == 2
    assert capsys.readouterr().err == ""
    parse_file_cached(rules, tmp_path / "cache")  # the rebuilt entry serves again
    assert len(parses) == 2

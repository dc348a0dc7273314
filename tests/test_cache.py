"""The incremental cache: unchanged reports are neither parsed nor checked again, a changed byte
is, a rule change re-evaluates without re-parsing, and a damaged entry is rebuilt, never trusted."""

from __future__ import annotations

import shutil

import pytest

import checker.check as check_mod
from checker.cache import Cache, hash_files
from checker.check import CheckSpec, Engine
from checker.errors import CheckerError
from tests.cli.helpers import clean_copy, planted_copy
from tests.conftest import REPORTS


def _errors(result):
    return sorted((r.rule, r.message) for r in result.results if r.status.value == "failed")


@pytest.fixture
def counting(monkeypatch):
    """Count the parses and evaluations engines do."""
    calls = {"parse": 0, "evaluate": 0}
    real_parse, real_evaluate = Engine.parse, check_mod.evaluate

    def parse(self, path):
        calls["parse"] += 1
        return real_parse(self, path)

    def evaluate(*a, **kw):
        calls["evaluate"] += 1
        return real_evaluate(*a, **kw)

    monkeypatch.setattr(Engine, "parse", parse)
    monkeypatch.setattr(check_mod, "evaluate", evaluate)
    return calls


def test_an_unchanged_report_is_neither_parsed_nor_checked_again(tmp_path, counting):
    report = shutil.copy(REPORTS["QH24"], tmp_path / "qh.txt")
    engine = Engine(CheckSpec(cache_dir=str(tmp_path / "cache"), keep_passed=False))
    first = engine.check(report)
    assert counting == {"parse": 1, "evaluate": 1}
    again = engine.check(report)
    assert counting == {"parse": 1, "evaluate": 1}
    assert again.path == str(report) and _errors(again) == _errors(first)
    assert again.summary == first.summary
    # a copy under another name: its meta does not come from its name, the entry serves it too
    copy = shutil.copy(report, tmp_path / "copy.txt")
    assert engine.check(copy).path == str(copy)
    assert counting == {"parse": 1, "evaluate": 1}


def test_a_changed_byte_is_read_again(tmp_path, counting):
    report = clean_copy(tmp_path, "qh.txt")
    engine = Engine(CheckSpec(cache_dir=str(tmp_path / "cache"), keep_passed=False))
    engine.check(report)
    planted_copy(tmp_path, "qh.txt")  # 公开03表 合计 1,112.15 → 1,212.15, in place
    changed = engine.check(report)
    assert counting == {"parse": 2, "evaluate": 2}
    assert any(r.rule == "T07" for r in changed.results if r.status.value == "failed")


def test_a_rule_change_re_evaluates_without_re_parsing(tmp_path, counting):
    report = shutil.copy(REPORTS["SC24"], tmp_path / "sc.txt")
    rules = tmp_path / "extra.rules"
    rules.write_text('rule LOCAL1 "本地规则"\n  require count(facts("收入总计")) > 0\n', encoding="utf-8")
    cache = str(tmp_path / "cache")
    Engine(CheckSpec(cache_dir=cache, extra_rules=(str(rules),))).check(report)
    rules.write_text('rule LOCAL1 "本地规则"\n  require count(facts("收入总计")) > 1\n', encoding="utf-8")
    Engine(CheckSpec(cache_dir=cache, extra_rules=(str(rules),))).check(report)
    assert counting == {"parse": 1, "evaluate": 2}


def test_a_damaged_entry_is_rebuilt_with_a_warning(tmp_path, counting, capsys):
    report = shutil.copy(REPORTS["GS21B"], tmp_path / "gs.txt")
    folder = tmp_path / "cache"
    engine = Engine(CheckSpec(cache_dir=str(folder), keep_passed=False))
    first = engine.check(report)
    for entry in [*folder.glob("res/*.pkl"), *folder.glob("doc/*.pkl")]:
        blob = entry.read_bytes()
        entry.write_bytes(blob[: len(blob) // 2])  # cut short, as by a full disk
    again = engine.check(report)
    assert counting == {"parse": 2, "evaluate": 2}
    assert _errors(again) == _errors(first)
    err = capsys.readouterr().err
    assert err.count("damaged or of another version: removed, the report is read again") == 2
    # rebuilt: the third run is served from the cache again
    engine.check(report)
    assert counting == {"parse": 2, "evaluate": 2}


def test_info_and_clear(tmp_path):
    folder = tmp_path / "cache"
    engine = Engine(CheckSpec(cache_dir=str(folder), keep_passed=False))
    engine.check(REPORTS["GS21B"])
    info = Cache(folder, "", "").info()
    assert (info.documents, info.results) == (1, 1) and info.size > 0
    # one parsed entry per rule file, one template registry, one list of rule heads
    rule_files = {p for root in engine.rule_paths
                  for p in ([root] if root.is_file() else root.rglob("*.rules"))}
    assert info.engine == len(rule_files) + 2
    assert Cache(folder, "", "").clear() == 2 + info.engine
    assert Cache(folder, "", "").info().documents == 0


def test_the_same_bytes_named_as_the_narrative_half_are_checked_again(tmp_path, counting):
    """C02 reads the file's name (named_half()): SC24 lists 13 附表 and prints none, an error for
    the report, not for its 说明 file; the cached result of one name must not serve the other."""
    engine = Engine(CheckSpec(cache_dir=str(tmp_path / "cache"), keep_passed=False, select=("C02",)))
    whole = engine.check(shutil.copy(REPORTS["SC24"], tmp_path / "sc.txt"))
    assert [r.rule for r in whole.results if r.status.value == "failed"] == ["C02"]
    half = engine.check(shutil.copy(REPORTS["SC24"], tmp_path / "井研县医保局2024年部门决算说明.txt"))
    assert counting["evaluate"] == 2
    assert not [r for r in half.results if r.status.value == "failed"]
    again = engine.check(tmp_path / "sc.txt")  # one entry per content: the 说明 name's replaced it
    assert counting["evaluate"] == 3 and _errors(again) == _errors(whole)


def test_a_cached_result_names_the_report_it_is_given_for(tmp_path):
    from checker.findings import FileResult

    cache = Cache(tmp_path, "p", "r")
    doc = Engine(CheckSpec(no_plugins=True)).parse(REPORTS["QH24"])
    result = FileResult(path="a/qh.txt", results=(), warnings=("a/qh.txt: region QH …",))
    cache.put_result("c0ffee", "qh.txt", doc, result)
    hit = cache.get_result("c0ffee", "qh.txt", "b/other.txt")
    assert hit is not None and hit.path == "b/other.txt"
    assert hit.warnings == ("b/other.txt: region QH …",)


@pytest.fixture
def compiles(monkeypatch):
    """Count the rule compilations engines do (of all the rules)."""
    calls = []
    real = check_mod.compile_rules

    def counted(*a, **kw):
        calls.append(1)
        return real(*a, **kw)

    monkeypatch.setattr(check_mod, "compile_rules", counted)
    return calls


@pytest.fixture
def bodies(monkeypatch):
    """The ids of the rules whose bodies a warm engine compiles, one list per call."""
    calls = []
    real = check_mod.compile_bodies

    def counted(heads, *a, **kw):
        calls.append([h.id for h in heads])
        return real(heads, *a, **kw)

    monkeypatch.setattr(check_mod, "compile_bodies", counted)
    return calls


LOCAL = 'rule LOCAL1 "本地规则"\n  require count(facts("收入总计")) > 0\n'


def _heads(engine):
    return [(r.id, r.title, r.severity, r.tags, r.source, r.applies, r.text) for r in engine.rules]


def test_a_warm_engine_compiles_only_when_a_report_must_be_evaluated(tmp_path, compiles):
    report = shutil.copy(REPORTS["QH24"], tmp_path / "qh.txt")
    rules = tmp_path / "extra.rules"
    rules.write_text(LOCAL, encoding="utf-8")
    spec = CheckSpec(cache_dir=str(tmp_path / "cache"), extra_rules=(str(rules),))
    cold = Engine(spec)
    first = cold.check(report)
    assert len(compiles) == 1
    warm = Engine(spec)
    assert len(compiles) == 1  # the heads come from the cache
    assert _heads(warm) == _heads(cold) and "LOCAL1" in [r.id for r in warm.rules]
    assert _errors(warm.check(report)) == _errors(first)
    assert len(compiles) == 1  # a cached report needs no rules
    other = shutil.copy(REPORTS["SC24"], tmp_path / "sc.txt")
    assert warm.check(other).results
    assert len(compiles) == 1 and _heads(warm) == _heads(cold)  # only the bodies it needs


def test_a_warm_engine_compiles_the_rules_that_apply_to_a_report_once(tmp_path, compiles, bodies):
    """With the heads cached, a report the cache does not hold gets the bodies of the rules that
    apply to it, and its results are those of every rule compiled."""
    spec = CheckSpec(cache_dir=str(tmp_path / "cache"))
    Engine(spec)
    warm = Engine(spec)
    budget = shutil.copy(REPORTS["GS21B"], tmp_path / "gs.txt")
    got = warm.check(budget)
    assert len(compiles) == 1 and len(bodies) == 1
    meta = got_meta(warm, budget)
    applying = {r.id for r in warm.rules if r.applies.reason_not_applicable(meta) is None}
    assert set(bodies[0]) == applying and 0 < len(applying) < len(warm.rules)
    reference = Engine(CheckSpec())  # every rule compiled, no cache
    assert got.results == reference.check(budget).results
    final = shutil.copy(REPORTS["QH24"], tmp_path / "qh.txt")
    assert warm.check(final).results == reference.check(final).results
    assert not set(bodies[1]) & set(bodies[0])  # a body is compiled once
    again = shutil.copy(REPORTS["GS21B"], tmp_path / "gs-copy.txt")
    again.write_text(again.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # not cached
    warm.check(again)
    assert len(bodies) == 2  # every rule that applies to it has its body already


def got_meta(engine, path):
    """The meta of a report as the engine reads it."""
    return engine.parse(path).meta


def test_a_changed_rule_file_is_compiled_again(tmp_path, compiles):
    rules = tmp_path / "extra.rules"
    rules.write_text(LOCAL, encoding="utf-8")
    spec = CheckSpec(cache_dir=str(tmp_path / "cache"), extra_rules=(str(rules),))
    Engine(spec)
    rules.write_text(LOCAL.replace("本地规则", "改过的规则"), encoding="utf-8")
    engine = Engine(spec)
    assert len(compiles) == 2
    assert [r.title for r in engine.rules if r.id == "LOCAL1"] == ["改过的规则"]
    rules.write_text(LOCAL.replace("> 0", "> )"), encoding="utf-8")
    with pytest.raises(CheckerError):  # a rule error still stops the engine, warm cache or not
        Engine(spec)


def test_a_damaged_heads_entry_is_rebuilt_silently(tmp_path, compiles, capsys):
    folder = tmp_path / "cache"
    spec = CheckSpec(cache_dir=str(folder))
    first = _heads(Engine(spec))
    [entry] = folder.glob("rules/heads-*.pkl")
    entry.write_bytes(entry.read_bytes()[:100])  # cut short
    assert _heads(Engine(spec)) == first
    assert len(compiles) == 2 and capsys.readouterr().err == ""
    Engine(spec)
    assert len(compiles) == 2  # rebuilt: the next engine reads it again


def test_the_files_key_names_each_file_by_its_path(tmp_path):
    """A rule file moved to another folder keeps its name and bytes, but the findings name its
    path (a rule's source): results kept for the old path must not be reused."""
    a, b = tmp_path / "x" / "final.rules", tmp_path / "y" / "final.rules"
    for p in (a, b):
        p.parent.mkdir()
        p.write_text("rule A", encoding="utf-8")
    assert hash_files([a]) != hash_files([b])
    assert hash_files([b, a]) == hash_files([a, b])  # the order given does not matter

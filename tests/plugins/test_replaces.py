"""``replaces:`` in a region manifest: the national rule a package's rule takes the place of is
not applicable in that region's reports, with the reason naming both; a wrong key is an error
naming the manifest and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.check import CheckSpec, Engine
from checker.errors import InputError
from checker.hookspecs import hookimpl
from checker.plugins.host import load_plugins
from checker.plugins.replacements import apply_replacements
from checker.region import Replacement
from tests.conftest import REPORTS
from tests.plugins.hosts import host_with


class _Replaces:
    def __init__(self, national: str, rule: str, rules: Path) -> None:
        self.replacement = Replacement(national, rule, "XX", "/pkg/checker_xx/region.yaml")
        self.rules = rules

    @hookimpl
    def checker_rule_paths(self) -> list[Path]:
        return [self.rules]

    @hookimpl
    def checker_rule_replacements(self) -> list[Replacement]:
        return [self.replacement]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(CheckSpec(keep_passed=True))


def _host(tmp_path: Path, national: str, rule: str):
    rules = tmp_path / "xx.rules"
    rules.write_text('rule XX.S02 "t"\n  applies 决算 region XX\n  1 = 1\n', encoding="utf-8")
    return host_with(("xx", _Replaces(national, rule, rules))), rules


def test_the_replaced_rule_names_its_replacement_in_the_region(engine):
    s02 = engine.all_rules.get("S02")
    assert dict(s02.applies.replaced) == {
        "GS": "replaced in region GS by GS.S02 (plugin gansu)",
        "SX": "replaced in region SX by SX.S02 (plugin shaanxi)"}
    results = engine.check(REPORTS["GS24"]).results
    reasons = {r.reason for r in results if r.rule == "S02"}
    assert reasons == {"replaced in region GS by GS.S02 (plugin gansu)"}
    assert {r.status.value for r in results if r.rule == "S02"} == {"not_applicable"}
    assert any(r.rule == "GS.S02" and r.status.value != "not_applicable" for r in results)


def test_the_national_rule_still_runs_elsewhere(engine):
    results = engine.check(REPORTS["QH24"]).results
    assert any(r.rule == "S02" and r.status.value != "not_applicable" for r in results)


def test_an_unknown_national_rule_is_an_error_naming_the_manifest(tmp_path, engine):
    host, _ = _host(tmp_path, "S99", "XX.S02")
    with pytest.raises(InputError, match=r"region\.yaml.*replaces: S99: no national rule S99"):
        apply_replacements(host, engine.all_rules)


def test_a_rule_the_package_does_not_have_is_an_error(tmp_path, engine):
    host, _ = _host(tmp_path, "S02", "GS.S02")  # a rule, but another package's
    with pytest.raises(InputError, match=r"region\.yaml.*replaces: S02: GS.S02 is no rule of "
                                         r"plugin xx"):
        apply_replacements(host, engine.all_rules)


def test_the_rules_given_are_not_changed(engine):
    """Engines of one process share compiled rules (the rule cache): a new set is returned."""
    national = load_plugins(enable=False)
    assert apply_replacements(national, engine.all_rules) is engine.all_rules
    fresh = Engine(CheckSpec(no_plugins=True)).all_rules.get("S02")
    assert fresh.applies.replaced == ()


def test_an_omitted_rule_is_not_applicable_in_the_region_with_the_manifests_reason(engine):
    """青海 omits U10 (two decimals in tables): QH24 prints "1,108" and "12.8" by habit
    (domain.md §3.2); U10 still runs on the other reports."""
    qh = [r for r in engine.check(REPORTS["QH24"]).results if r.rule == "U10"]
    assert [r.status.value for r in qh] == ["not_applicable"]
    assert qh[0].reason.startswith("not checked in region QH: 青海 prints whole and one-decimal")
    assert qh[0].reason.endswith("(plugin qinghai)")
    gs = [r for r in engine.check(REPORTS["GS24"]).results if r.rule == "U10"]
    assert gs and all(r.status.value != "not_applicable" for r in gs)


def test_an_omission_of_an_unknown_national_rule_is_an_error(tmp_path, engine):
    host, _ = _host(tmp_path, "U99", "XX.S02")
    host.pm.get_plugin("xx").replacement = Replacement("U99", None, "XX", "/pkg/region.yaml", "why")
    with pytest.raises(InputError, match=r"region\.yaml.*omits: U99: no national rule U99"):
        apply_replacements(host, engine.all_rules)

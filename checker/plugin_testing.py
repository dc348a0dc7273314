"""pytest fixtures for plugin packages' tests: the installed plugins, their templates and
functions, and the real reports of the main repository.

A region package's ``tests/conftest.py`` imports them::

    from checker.plugin_testing import functions, host, registry, report  # noqa: F401

``report(name)`` finds ``tests/fixtures/<name>`` in a folder above the test file (the main
repository's reports) and skips the test when the package is tested on its own.

Rule cases, one pytest item each (a failure names its case), and every rule with a case::

    from checker.plugin_testing import check_rule_case, rule_case_params, untested_rules

    @pytest.mark.parametrize("case", rule_case_params(RULES))
    def test_rule_case(case, registry, functions):
        check_rule_case(case, registry, functions)

    def test_every_rule_has_a_case(registry, functions):
        assert not untested_rules([RULES], registry, functions)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from checker.dsl.compile import compile_rules
from checker.dsl.ir import RuleSet
from checker.dsl.testing import RuleCase, load_cases, run_case
from checker.plugins.collect import plugin_functions
from checker.plugins.host import PluginHost, load_plugins
from checker.plugins.templates import build_registry
from checker.templates.loader import TemplateRegistry

# (rule file, registry, functions) → the registry (kept, so that its id is not reused) and rules
_COMPILED: dict[tuple[Path, int, int], tuple[TemplateRegistry, RuleSet]] = {}


@pytest.fixture(scope="module")
def host() -> PluginHost:
    """The core and every installed plugin."""
    return load_plugins()


@pytest.fixture(scope="module")
def registry(host: PluginHost) -> TemplateRegistry:
    """Their templates."""
    return build_registry(host)


@pytest.fixture(scope="module")
def functions(host: PluginHost) -> dict:
    """Their rule-language functions."""
    return plugin_functions(host)


@pytest.fixture
def report(request: pytest.FixtureRequest) -> Callable[[str], Path]:
    """``report(name)``: a report of the main repository, or skip the test."""

    def get(name: str) -> Path:
        for folder in Path(request.path).resolve().parents:
            path = folder / "tests" / "fixtures" / name
            if path.exists():
                return path
        pytest.skip(f"{name} not available")

    return get


def rule_case_params(*paths: Path) -> list[object]:
    """Every case beside the rule files in ``paths`` (files or folders), as pytest params named
    ``<file>::<case name>``; a rule file without cases is a param that fails, naming it."""
    out: list[object] = []
    for root in paths:
        files = sorted(Path(root).rglob("*.rules")) if Path(root).is_dir() else [Path(root)]
        for f in files:
            cases = load_cases(f)
            if not cases:
                out.append(pytest.param(RuleCase(f, f, "(no cases)", {}), id=f"{f.name}::(no cases)"))
            out.extend(pytest.param(c, id=c.id) for c in cases)
    return out


def check_rule_case(case: RuleCase, registry: TemplateRegistry, functions: dict | None = None) -> None:
    """Assert that every expectation of one case holds (the rules of its file compiled once per
    registry), with the outcomes and the findings in the failure message."""
    assert case.data, f"{case.rules}: no cases beside this rule file"
    key = (case.rules, id(registry), id(functions))
    if key not in _COMPILED:
        _COMPILED[key] = (registry, compile_rules([case.rules], registry, functions))
    ruleset = _COMPILED[key][1]
    results, errors = run_case(case, ruleset, registry)
    assert not errors, "\n".join(errors)
    assert results, f"{case.id}: the case expects nothing"
    wrong = [f"{r.rule}: expected {r.expected}, got {r.actual}" + "".join(f"\n    {d}" for d in r.detail)
             for r in results if not r.ok]
    assert not wrong, f"{case.id}\n" + "\n".join(wrong)


def untested_rules(paths: list[Path], registry: TemplateRegistry,
                   functions: dict | None = None) -> list[str]:
    """``file: rule id`` for every rule that no case beside its file expects anything of."""
    out: list[str] = []
    for root in paths:
        files = sorted(Path(root).rglob("*.rules")) if Path(root).is_dir() else [Path(root)]
        for f in files:
            expected = {str(rule) for c in load_cases(f) for rule in c.data.get("expect") or {}}
            out += [f"{f.name}: {r.id}" for r in compile_rules([f], registry, functions).rules
                    if r.id not in expected]
    return out

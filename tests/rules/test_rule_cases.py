"""The cases beside every national rule file, one test each (``pytest -k 'T07'`` runs a rule's
cases; a failure names its case and shows the findings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.plugin_testing import check_rule_case, rule_case_params, untested_rules

RULES = Path(__file__).resolve().parents[2] / "rules"


@pytest.mark.parametrize("case", rule_case_params(RULES))
def test_rule_case(case, registry):
    check_rule_case(case, registry)


def test_every_rule_has_a_case(registry):
    assert not untested_rules([RULES], registry)

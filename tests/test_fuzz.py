"""A short run of the fuzz harness (benchmarks/fuzz.py) under hypothesis: mutated reports give
results or an input error, mutated rule texts compile or give a RuleError — never an internal
error. The long run (10⁵ reports) is the harness itself."""

from __future__ import annotations

import random
import sys
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.check import CheckSpec, Engine
from checker.read.text import read_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import fuzz

SC = Path(__file__).parent / "fixtures" / "sichuan-jingyan-yibao-2024-final.txt"
QH = Path(__file__).parent / "fixtures" / "qinghai-haidong-yibao-2024-final.txt"


@cache
def _engine() -> Engine:
    return Engine(CheckSpec(keep_passed=False))


@cache
def _base(path: Path):
    return read_text(path)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), which=st.sampled_from([SC, QH]))
def test_a_mutated_report_is_checked_or_refused_never_a_bug(seed, which):
    base = _base(which)
    lines = fuzz.mutate_report(base.lines, random.Random(seed))
    assert fuzz.check_report(_engine(), base, lines, "mutated.txt") is None


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), which=st.sampled_from(fuzz.RULES))
def test_a_mutated_rule_text_compiles_or_is_a_rule_error(seed, which):
    text = fuzz.mutate_rules(which.read_text(encoding="utf-8"), random.Random(seed))
    assert fuzz.compile_rules_text(_engine(), text) is None


def test_the_harness_can_see_a_bug(monkeypatch):
    # an exception the compiler does not expect is reported, not swallowed
    def boom(*_a, **_k):
        raise KeyError("planted")

    monkeypatch.setattr(fuzz, "compile_text", boom)
    assert "KeyError: 'planted'" in (fuzz.compile_rules_text(_engine(), "rule X \"t\"") or "")

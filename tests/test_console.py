"""checker.console: the console script runs the command line with the collector set for it."""

from __future__ import annotations

import gc
import sys

import pytest

from checker import console
from tests.cli.helpers import QH


def test_the_console_script_sets_the_collector_and_runs_the_command(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """``main`` raises the first generation's threshold, keeps the others, and gives the
    command's exit code (0: --fail-on never, whatever the report's findings)."""
    before = gc.get_threshold()
    monkeypatch.setattr(sys, "argv", ["checker", "check", "-q", "--fail-on", "never", str(QH)])
    try:
        assert console.main() == 0
        assert gc.get_threshold() == (console.GEN0_THRESHOLD, *before[1:])
    finally:
        gc.set_threshold(*before)
    assert "passed" in capsys.readouterr().out

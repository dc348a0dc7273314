"""The command line as a module: ``python -m checker.cli`` is the console script (the benchmarks
fall back on it when no ``checker`` script is installed)."""

from __future__ import annotations

import subprocess
import sys

from checker import __version__
from tests.cli.helpers import SC


def test_python_m_checker_cli_runs_the_command_line():
    done = subprocess.run([sys.executable, "-m", "checker.cli", "--version"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == f"checker {__version__}"


def test_python_m_checker_cli_checks_a_report():
    done = subprocess.run([sys.executable, "-m", "checker.cli", "check", "-q", "--no-cache",
                           "--fail-on", "never", str(SC)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{SC}: ") and "passed" in done.stdout

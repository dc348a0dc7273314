"""Helpers shared by the command-line and renderer tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
DATA = Path(__file__).parent / "data"
CLI_RULES = DATA / "cli.rules"
QH = FIXTURES / "qinghai-haidong-yibao-2024-final.txt"
SX = FIXTURES / "shaanxi-baihe-yibao-2023-final.txt"
SC = FIXTURES / "sichuan-jingyan-yibao-2024-final.txt"
GS = FIXTURES / "gansu-linxia-yibao-2024-final.txt"
GS_BUDGET = FIXTURES / "gansu-linxia-yibao-2021-budget.txt"
PLANTED_LINE = 175
# Only the test rules: stable whatever the national rule set holds.
TEST_RULES = ["--rules", str(CLI_RULES), "--select", "clitest"]


def planted_copy(folder: Path, name: str = "qh-planted.txt") -> Path:
    """The 青海 report with 公开03表 合计 本年支出合计 changed from 1,112.15 to 1,212.15 (line 175)."""
    lines = QH.read_text(encoding="utf-8").split("\n")
    assert lines[PLANTED_LINE - 1].startswith("合计\t\t1,112.15\t")
    lines[PLANTED_LINE - 1] = lines[PLANTED_LINE - 1].replace("1,112.15", "1,212.15", 1)
    out = folder / name
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def clean_copy(folder: Path, name: str = "qh.txt") -> Path:
    """An unchanged copy of the 青海 report."""
    out = folder / name
    shutil.copyfile(QH, out)
    return out


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the command line in-process; return (exit code, stdout, stderr)."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err

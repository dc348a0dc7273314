"""The pre-commit hooks, run the way a report repository runs them: a ``.pre-commit-config.yaml``
naming this repository by a local path and a ``rev``, as README's "pre-commit" section tells
a fork to do.

pre-commit clones the repository at that rev and installs it into an environment of its own
(``pip install . ./plugins/…``: the hook's ``additional_dependencies``). So that the test sees the
working tree (not only the last commit), the tree is copied into a temporary git repository with
one commit; CI, on a clean clone, sees the same files. The environment is built once for the
module, in a temporary ``PRE_COMMIT_HOME``; those tests are marked ``slow``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.parse.document import core_readers
from tests.cli.helpers import CLI_RULES, QH, ROOT, planted_copy, run

IGNORE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                                ".pytest_cache", ".ruff_cache", ".hypothesis")
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1"}


def _pre_commit() -> list[str]:
    exe = Path(sys.executable).with_name("pre-commit")
    if exe.exists():
        return [str(exe)]
    if shutil.which("pre-commit"):
        return ["pre-commit"]
    pytest.fail("pre-commit is not installed (it is in the dev extras: pip install -e '.[dev]')")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, **GIT_ENV})


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A copy of the working tree as a git repository with one commit."""
    repo = tmp_path_factory.mktemp("hooks") / "budget-checker"
    shutil.copytree(ROOT, repo, ignore=IGNORE)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "snapshot for the pre-commit test")
    return repo


def _rev(repo: Path) -> str:
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pre-commit-home")
    # PIP_NO_BUILD_ISOLATION=0 (pip's spelling of "no isolation"): the five local packages are
    # built with the setuptools of the virtualenv pre-commit makes instead of each fetching its
    # own into an isolated build environment — 12 s instead of 28 s, the same installed files
    return {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never",
            "PIP_NO_BUILD_ISOLATION": "0"}


def _reports_repo(folder: Path, hook_repo: Path, test_rules: bool = True) -> Path:
    """A repository of reports using the hook from ``hook_repo`` at its commit; with
    ``test_rules`` its .checker.yaml selects the test rules only."""
    folder.mkdir()
    _git(folder, "init", "-q")
    (folder / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {_rev(hook_repo)}\n    hooks:\n"
        "      - id: checker-check\n", encoding="utf-8")
    if test_rules:
        (folder / ".checker.yaml").write_text(f"rules: ['{CLI_RULES}']\nselect: [clitest]\n",
                                              encoding="utf-8")
    return folder


def _run_hook(cwd: Path, env: dict[str, str], *files: str) -> subprocess.CompletedProcess:
    cmd = [*_pre_commit(), "run", "checker-check", "--verbose", "--files", *files]
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def test_hooks_file_declares_both_hooks():
    import yaml

    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hooks = {h["id"]: h for h in yaml.safe_load(text)}
    assert hooks["checker-check"]["entry"] == "checker check"
    files = re.compile(hooks["checker-check"]["files"])  # every suffix a folder is searched for
    assert [s for s in core_readers().folder_suffixes() if not files.search(f"a{s}")] == []
    assert hooks["checker-check"]["language"] == "python"
    assert hooks["checker-rules-test"]["entry"] == "checker rules test"
    assert hooks["checker-rules-test"]["pass_filenames"] is False
    assert hooks["checker-rules-test"]["files"] == r"\.rules$|\.cases\.ya?ml$"


@pytest.mark.slow
def test_pre_commit_fails_on_a_planted_error_and_passes_a_clean_report(tmp_path, hook_repo, env):
    reports = _reports_repo(tmp_path / "reports", hook_repo)
    planted_copy(reports, "report.txt")
    shutil.copyfile(QH, reports / "clean.txt")
    _git(reports, "add", "-A")

    bad = _run_hook(reports, env, "report.txt")
    log = bad.stdout + bad.stderr
    assert bad.returncode != 0, log
    assert "report.txt:175: error CLI.t03 支出决算表 合计 本年支出合计: 1,212.15 ≠ 1112.16" in log

    good = _run_hook(reports, env, "clean.txt")
    log = good.stdout + good.stderr
    assert good.returncode == 0, log
    # only warnings: the three empty tables without a note
    assert "clean.txt: 27 passed, 3 failed, 0 not evaluated, 1 not applicable" in log
    assert "error CLI." not in log


def qh_planted(folder: Path) -> Path:
    """The 青海 report with 公开11表's 政府采购货物支出 changed from 340.26 to 304.26 (line 415):
    QH.T11 (合计 = 货物 + 工程 + 服务), a 青海 rule, fails."""
    lines = QH.read_text(encoding="utf-8").split("\n")
    assert lines[414] == "1. 政府采购货物支出\t2\t340.26"
    lines[414] = "1. 政府采购货物支出\t2\t304.26"
    out = folder / "qh-planted.txt"
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


@pytest.mark.slow
def test_the_hook_checks_with_the_region_rules(tmp_path, hook_repo, env, capsys):
    """The hook's environment holds the four region packages: a 青海 report gets the 青海 rules
    (a planted QH.T11 failure), and the same counts as ``checker check`` with the plugins."""
    reports = _reports_repo(tmp_path / "reports", hook_repo, test_rules=False)
    report = qh_planted(reports)
    _git(reports, "add", "-A")

    result = _run_hook(reports, env, report.name)
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert f"{report.name}:414: error QH.T11 政府采购支出情况表 " in log, log
    assert "is not installed" not in log  # no region left out
    here = run(capsys, "check", "--no-cache", "-q", report)[1].strip()
    counts = here.split(": ", 1)[1]
    assert f"{report.name}: {counts}" in log, (here, log)

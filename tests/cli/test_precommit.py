"""The pre-commit hooks, run the way a report repository runs them (``pre-commit try-repo``).

``try-repo`` installs this project into its own environment from a git repository. So that the
test sees the working tree (not only the last commit), the tree is copied into a temporary git
repository with one commit; CI, on a clean clone, sees the same files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import CLI_RULES, QH, ROOT, planted_copy

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


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}


def _reports_repo(folder: Path) -> Path:
    """A repository of reports whose .checker.yaml selects the test rules."""
    folder.mkdir()
    _git(folder, "init", "-q")
    (folder / ".checker.yaml").write_text(f"rules: ['{CLI_RULES}']\nselect: [clitest]\n", encoding="utf-8")
    return folder


def _try_repo(hook_repo: Path, cwd: Path, env: dict[str, str], *files: str) -> subprocess.CompletedProcess:
    cmd = [*_pre_commit(), "try-repo", str(hook_repo), "checker-check", "--verbose", "--files", *files]
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def test_hooks_file_declares_both_hooks():
    import yaml

    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hooks = {h["id"]: h for h in yaml.safe_load(text)}
    assert hooks["checker-check"]["entry"] == "checker check"
    assert hooks["checker-check"]["files"] == r"\.(txt|json|pdf|xlsx)$"
    assert hooks["checker-check"]["language"] == "python"
    assert hooks["checker-rules-test"]["entry"] == "checker rules test"
    assert hooks["checker-rules-test"]["pass_filenames"] is False
    assert hooks["checker-rules-test"]["files"] == r"\.rules$|\.cases\.ya?ml$"


def test_pre_commit_fails_on_a_planted_error_and_passes_a_clean_report(tmp_path, hook_repo, env):
    reports = _reports_repo(tmp_path / "reports")
    planted_copy(reports, "report.txt")
    shutil.copyfile(QH, reports / "clean.txt")
    _git(reports, "add", "-A")

    bad = _try_repo(hook_repo, reports, env, "report.txt")
    log = bad.stdout + bad.stderr
    assert bad.returncode != 0, log
    assert "report.txt:175: error CLI.t03 支出决算表 合计: 1,212.15 ≠ 1112.16" in log

    good = _try_repo(hook_repo, reports, env, "clean.txt")
    log = good.stdout + good.stderr
    assert good.returncode == 0, log
    # only warnings (empty tables without a note; how many depends on the region plugins installed)
    assert "clean.txt: 27 passed, " in log and "error CLI." not in log

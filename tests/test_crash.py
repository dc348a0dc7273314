"""An internal error is not an input error: a bug met on one report is said to be one (exit code
3, the traceback saved to the file the message names) and the other reports are still checked;
a report that cannot be read stays an input error (exit code 2)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import checker.check as check_mod
from tests.cli.helpers import QH, SC, run


def _saved(err: str) -> Path:
    m = re.search(r"traceback: (\S+\.txt)", err)
    assert m, err
    return Path(m.group(1))


def test_a_bug_while_reading_is_an_internal_error(capsys, monkeypatch, tmp_path):
    real = check_mod.Engine.parse

    def parse(self, path):
        if path.name == SC.name:
            raise KeyError("planted")
        return real(self, path)

    monkeypatch.setattr(check_mod.Engine, "parse", parse)
    code, out, err = run(capsys, "check", "--cache-dir", tmp_path, "--format", "json",
                         "--fail-on", "never", SC, QH)
    assert code == 3
    assert "internal error while reading it — a bug in the checker, not a fault of the report" in err
    saved = _saved(err)
    assert saved.parent == tmp_path / "crashes"
    text = saved.read_text(encoding="utf-8")
    assert "KeyError: 'planted'" in text and str(SC) in text and "Traceback" in text
    files = json.loads(out)
    assert files[0]["internal_error"] is True and "internal error" in files[0]["error"]
    assert files[1]["path"] == str(QH) and files[1]["summary"]["passed"] > 0  # the next one ran


def test_a_bug_while_evaluating_is_an_internal_error(capsys, monkeypatch, tmp_path):
    def evaluate(*_args, **_kw):
        raise ZeroDivisionError("planted in evaluation")

    monkeypatch.setattr(check_mod, "evaluate", evaluate)
    code, _out, err = run(capsys, "check", "--cache-dir", tmp_path, SC)
    assert code == 3 and "internal error while evaluating the rules" in err
    assert "ZeroDivisionError: planted in evaluation" in _saved(err).read_text(encoding="utf-8")


def test_a_damaged_file_stays_an_input_error(capsys, tmp_path):
    bad = tmp_path / "damaged.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    code, _out, err = run(capsys, "check", "--no-cache", bad)
    assert code == 2 and "damaged.pdf" in err and "internal error" not in err

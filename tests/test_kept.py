"""checker.kept: stores of derived values in the cache folder, never trusted blindly."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import kept
from tests.conftest import reopen_kept


def test_a_value_kept_is_found_by_the_next_run(kept_folder: Path) -> None:
    """``put`` then ``save``: a new run ``get``s the value; a run that adds nothing writes
    nothing."""
    kept.put("t/one", ("k", 1), [1, 2])
    assert kept.save() == []
    entry = kept_folder / "t" / "one.pkl"
    written = entry.stat().st_mtime_ns
    reopen_kept(kept_folder)
    assert kept.get("t/one", ("k", 1)) == [1, 2]
    assert kept.get("t/one", ("k", 2)) is None
    assert kept.save() == [] and entry.stat().st_mtime_ns == written


def test_a_damaged_file_is_dropped_silently(kept_folder: Path) -> None:
    """A store whose file does not check out holds nothing (the values are derived again) and
    is written whole on the next save."""
    kept.put("t/one", "k", "v")
    kept.save()
    entry = kept_folder / "t" / "one.pkl"
    entry.write_bytes(entry.read_bytes()[:40])
    reopen_kept(kept_folder)
    assert kept.get("t/one", "k") is None
    kept.put("t/one", "k", "v2")
    assert kept.save() == []
    reopen_kept(kept_folder)
    assert kept.get("t/one", "k") == "v2"


def test_a_store_grown_past_twice_what_a_run_used_keeps_what_it_used(
        kept_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries of texts that changed stay behind until the store holds more than twice what a
    run used (plus SLACK); then only the run's entries are written."""
    monkeypatch.setattr(kept, "SLACK", 1)
    for i in range(5):
        kept.put("t/s", f"old{i}", i)
    kept.save()  # 5 entries, all used by the run that made them: all written
    reopen_kept(kept_folder)
    assert kept.get("t/s", "old1") == 1
    kept.put("t/s", "new", 9)
    kept.save()  # 6 entries, 2 used: 6 > 2 × 2 + 1, so only the two are written
    reopen_kept(kept_folder)
    assert [kept.get("t/s", k) for k in ("old0", "old1", "old4", "new")] == [None, 1, None, 9]
    kept.put("t/s", "x", 0)
    kept.save()  # 3 entries, 3 used: all written
    reopen_kept(kept_folder)
    assert [kept.get("t/s", k) for k in ("old1", "new", "x")] == [1, 9, 0]


def test_without_a_folder_nothing_is_kept(tmp_path: Path) -> None:
    """No folder (``--no-cache``): ``put`` keeps nothing, ``get`` finds nothing."""
    kept.use(None)
    kept.put("t/s", "k", 1)
    assert not kept.active() and kept.get("t/s", "k") is None and kept.save() == []


def test_a_folder_that_cannot_be_written_is_said_and_the_run_goes_on(tmp_path: Path) -> None:
    """A cache folder that is a file: ``save`` gives the reason, raises nothing."""
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    kept.use(blocked)
    try:
        kept.put("t/s", "k", 1)
        problems = kept.save()
        assert len(problems) == 1 and str(blocked) in problems[0]
    finally:
        kept.use(None)


def test_a_value_that_cannot_be_kept_is_said_not_raised(kept_folder: Path) -> None:
    """A store holding something pickle refuses is not written; the reason names the store's
    file, and the other stores are written."""
    kept.put("t/bad", "k", lambda: None)
    kept.put("t/good", "k", 1)
    (problem,) = kept.save()
    assert "bad.pkl" in problem and "cannot be written" in problem
    reopen_kept(kept_folder)
    assert kept.get("t/good", "k") == 1 and kept.get("t/bad", "k") is None

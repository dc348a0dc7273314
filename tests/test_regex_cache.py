"""checker.regex_cache: a pattern from the kept code is the pattern ``re.compile`` makes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import regex_cache
from checker.parse.patterns import national_patterns
from tests.conftest import FIXTURES


@pytest.fixture
def kept(tmp_path: Path) -> Iterator[Path]:
    """The cache in a folder of its own, and none again after the test."""
    regex_cache.use(tmp_path)
    yield tmp_path
    regex_cache.use(None)


def _reopen(folder: Path) -> None:
    """What a new process does: forget the patterns in memory and read the file."""
    regex_cache.use(None)
    regex_cache.use(folder)


def _catalogue() -> list[re.Pattern[str]]:
    ps = national_patterns()
    return [p.regex for p in ps.patterns] + [rx for _name, rx, _secs in ps.statements]


def test_catalogue_from_kept_code_matches_as_compiled(kept: Path) -> None:
    """Every national fact pattern, compiled, saved, and taken back from the file as a new run
    would, finds the same matches (spans and groups) in a report as ``re.compile``'s."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    sources = [rx.pattern for rx in _catalogue()]
    assert len(sources) > 50
    for s in sources:
        regex_cache.compile(s)
    assert regex_cache.save() is None
    assert list((kept / regex_cache.FOLDER).glob("*.pkl"))
    _reopen(kept)
    hits = 0
    for s in sources:
        got, want = regex_cache.compile(s), re.compile(s)
        assert (got.pattern, got.flags, got.groups, got.groupindex) == (
            want.pattern, want.flags, want.groups, want.groupindex)
        for text in texts:
            a = [(m.span(), m.groups()) for m in got.finditer(text)]
            b = [(m.span(), m.groups()) for m in want.finditer(text)]
            assert a == b, s
            hits += len(a)
    assert hits > 150  # the patterns did match something: the comparison had matches to compare
    assert regex_cache.save() is None  # nothing new: the file is not written again


def test_bad_pattern_raises_as_re_does(kept: Path) -> None:
    """A pattern that does not compile raises ``re.error``, as ``re.compile`` does."""
    with pytest.raises(re.error, match="missing"):
        regex_cache.compile("(?P<a>x")


def test_damaged_file_is_rebuilt_silently(kept: Path) -> None:
    """A file that does not check out is dropped: the patterns are compiled and kept anew."""
    regex_cache.compile("[一-鿿]+表")
    regex_cache.save()
    (entry,) = (kept / regex_cache.FOLDER).glob("*.pkl")
    entry.write_bytes(entry.read_bytes()[:40])
    _reopen(kept)
    assert regex_cache.compile("[一-鿿]+表").fullmatch("支出决算表")
    assert regex_cache.save() is None
    _reopen(kept)
    assert ("[一-鿿]+表", 0) in regex_cache._known()


def test_code_the_engine_refuses_falls_back(kept: Path) -> None:
    """Kept code that ``_sre`` refuses (a file of another build) gives the pattern compiled as
    usual, and the entry is replaced."""
    regex_cache.compile("a+b")
    store = regex_cache._known()
    flags, _code, groups, groupindex, indexgroup = store[("a+b", 0)]
    store[("a+b", 0)] = (flags, [9999, 1, 2], groups, groupindex, indexgroup)
    rx = regex_cache.compile("a+b")
    assert rx.fullmatch("aab") and not rx.fullmatch("ba")
    assert store[("a+b", 0)][1] != [9999, 1, 2]


def test_no_folder_writes_nothing(tmp_path: Path) -> None:
    """Without a folder (``--no-cache``) a pattern is ``re.compile``'s and nothing is kept."""
    regex_cache.use(None)
    assert regex_cache.compile("x(?P<n>\\d+)").match("x12")["n"] == "12"
    assert regex_cache.save() is None
    assert not list(tmp_path.iterdir())


def test_past_the_limit_only_what_the_run_used_is_kept(kept: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A file grown past LIMIT entries keeps, when written, only the patterns the run used."""
    monkeypatch.setattr(regex_cache, "LIMIT", 3)
    for i in range(5):
        regex_cache.compile(f"old{i}")
    regex_cache.save()
    _reopen(kept)
    regex_cache.compile("old1")
    regex_cache.compile("new")
    regex_cache.save()
    _reopen(kept)
    assert set(regex_cache._known()) == {("old1", 0), ("new", 0)}


_PIECES = st.sampled_from(["a", "b", "一", "表", "[一-鿿]", "\\d", "(?P<g>a|b)", "(b)", "x*?",
                           "(?:表|a)+", "[^a]", "(?=b)", "(?<!a)", "$", "^", ".", "\\s"])


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(_PIECES, min_size=1, max_size=6), flags=st.sampled_from([0, re.I, re.M]),
       text=st.text(alphabet="ab一表1 \n", max_size=12))
def test_kept_code_matches_as_compiled(tmp_path_factory: pytest.TempPathFactory, parts: list[str],
                                       flags: int, text: str) -> None:
    """Random patterns, taken back from the file, match as ``re.compile``'s do."""
    source = "".join(parts)
    try:
        want = re.compile(source, flags)
    except re.error:  # two groups named g: the cache raises the same error
        regex_cache.use(None)
        with pytest.raises(re.error):
            regex_cache.compile(source, flags)
        return
    folder = tmp_path_factory.mktemp("rx")
    regex_cache.use(folder)
    try:
        regex_cache.compile(source, flags)
        regex_cache.save()
        _reopen(folder)
        got = regex_cache.compile(source, flags)
        assert (source, int(flags)) in regex_cache._known()
        assert got.flags == want.flags and got.groupindex == want.groupindex
        assert [(m.span(), m.groups()) for m in got.finditer(text)] == [
            (m.span(), m.groups()) for m in want.finditer(text)]
    finally:
        regex_cache.use(None)

"""checker.regex_cache: a pattern from the kept code is the pattern ``re.compile`` makes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import kept, regex_cache
from checker.parse.patterns import national_patterns
from tests.conftest import FIXTURES, reopen_kept


def _code(pattern: str, flags: int = 0) -> object:
    return kept.get(regex_cache.STORE, (pattern, flags))


def test_catalogue_from_kept_code_matches_as_compiled(kept_folder: Path) -> None:
    """Every national fact pattern, compiled, saved, and taken back from the file as a new run
    would, finds the same matches (spans and groups) in the reports as ``re.compile``'s."""
    ps = national_patterns()
    sources = [p.regex.pattern for p in ps.patterns] + [rx.pattern for _n, rx, _s in ps.statements]
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    assert len(sources) > 50
    for s in sources:
        regex_cache.compile(s)
    assert kept.save() == []
    entry = kept_folder / f"{regex_cache.STORE}.pkl"
    written = entry.stat().st_mtime_ns
    reopen_kept(kept_folder)
    hits = 0
    for s in sources:
        assert _code(s) is not None
        got, want = regex_cache.compile(s), re.compile(s)
        assert (got.pattern, got.flags, got.groups, got.groupindex) == (
            want.pattern, want.flags, want.groups, want.groupindex)
        for text in texts:
            a = [(m.span(), m.groups()) for m in got.finditer(text)]
            b = [(m.span(), m.groups()) for m in want.finditer(text)]
            assert a == b, s
            hits += len(a)
    assert hits > 150  # the patterns did match something: the comparison had matches to compare
    assert kept.save() == [] and entry.stat().st_mtime_ns == written  # nothing new: not written


def test_bad_pattern_raises_as_re_does(kept_folder: Path) -> None:
    """A pattern that does not compile raises ``re.error``, as ``re.compile`` does."""
    with pytest.raises(re.error, match="missing"):
        regex_cache.compile("(?P<a>x")


def test_code_the_engine_refuses_falls_back(kept_folder: Path) -> None:
    """Kept code that ``_sre`` refuses (a file of another build) gives the pattern compiled as
    usual, and the entry is replaced."""
    regex_cache.compile("a+b")
    flags, _code_list, groups, groupindex, indexgroup = _code("a+b")
    kept.put(regex_cache.STORE, ("a+b", 0), (flags, [9999, 1, 2], groups, groupindex, indexgroup))
    rx = regex_cache.compile("a+b")
    assert rx.fullmatch("aab") and not rx.fullmatch("ba")
    assert _code("a+b")[1] != [9999, 1, 2]


def test_no_folder_is_re_compile(tmp_path: Path) -> None:
    """Without a folder (``--no-cache``) a pattern is ``re.compile``'s and nothing is kept."""
    kept.use(None)
    assert regex_cache.compile("x(?P<n>\\d+)").match("x12")["n"] == "12"
    assert _code("x(?P<n>\\d+)") is None and kept.save() == []


_PIECES = st.sampled_from(["a", "b", "一", "表", "[一-鿿]", "\\d", "(?P<g>a|b)", "(b)", "x*?",
                           "(?:表|a)+", "[^a]", "(?=b)", "(?<!a)", "$", "^", ".", "\\s"])


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(_PIECES, min_size=1, max_size=6), flags=st.sampled_from([0, re.I, re.M]),
       text=st.text(alphabet="ab一表1 \n", max_size=12))
def test_kept_code_matches_as_compiled(tmp_path_factory: pytest.TempPathFactory, parts: list[str],
                                       flags: int, text: str) -> None:
    """Random patterns, taken back from the file, match as ``re.compile``'s do."""
    source = "".join(parts)
    folder = tmp_path_factory.mktemp("rx")
    kept.use(folder)
    try:
        try:
            want = re.compile(source, flags)
        except re.error:  # two groups named g: the cache raises the same error
            with pytest.raises(re.error):
                regex_cache.compile(source, flags)
            return
        regex_cache.compile(source, flags)
        kept.save()
        reopen_kept(folder)
        assert _code(source, int(flags)) is not None
        got = regex_cache.compile(source, flags)
        assert got.flags == want.flags and got.groupindex == want.groupindex
        assert [(m.span(), m.groups()) for m in got.finditer(text)] == [
            (m.span(), m.groups()) for m in want.finditer(text)]
    finally:
        kept.use(None)

"""checker.yaml_load: one reader of the data files, its values kept between runs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker import kept
from checker.parse.patterns import national_pattern_path
from checker.yaml_load import STORE, YamlError, load_yaml
from tests.conftest import reopen_kept


def test_a_kept_value_is_the_parsed_value_and_a_fresh_copy(kept_folder: Path) -> None:
    """The national pattern file, read, kept and read again by a new run, is the value PyYAML
    gives; each call gets its own copy, so a caller that changes it changes nothing else."""
    text = national_pattern_path().read_text(encoding="utf-8")
    want = yaml.safe_load(text)
    assert load_yaml(text) == want
    assert kept.save() == []
    reopen_kept(kept_folder)
    first = load_yaml(text)
    assert first == want and kept.get(STORE, _key(text)) is not None
    first["patterns"].clear()
    assert load_yaml(text) == want


def test_a_text_that_does_not_parse_is_refused_every_time(kept_folder: Path) -> None:
    """PyYAML's message, line and column, as a YamlError; nothing is kept for the text."""
    bad = "a: 1\nb: [2, 3\n"
    for _ in range(2):
        with pytest.raises(YamlError, match="line 3"):
            load_yaml(bad)
    assert kept.get(STORE, _key(bad)) is None


def test_without_a_folder_the_text_is_parsed(tmp_path: Path) -> None:
    """No folder (``--no-cache``): parsed each time, nothing written."""
    kept.use(None)
    assert load_yaml("x: [1, 2]\n") == {"x": [1, 2]}
    assert kept.save() == [] and not list(tmp_path.iterdir())


def _key(text: str) -> bytes:
    import hashlib

    return hashlib.sha256(text.encode()).digest()

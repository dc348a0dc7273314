"""The ``checker_readers`` and ``checker_renderers`` hooks: a plugin's file type and output format
reach ``checker check`` (its choices, its --help, the report read and the output written), a
suffix or format taken twice keeps the first, and an unknown suffix names the file and the
suffixes that are known."""

from __future__ import annotations

import importlib.metadata
import shutil
import sys
from pathlib import Path

import pytest

from checker.cli import main
from checker.errors import InputError
from checker.hookspecs import hookimpl
from checker.parse.document import core_readers
from checker.plugins.collect import plugin_readers
from checker.plugins.host import PluginWarning
from checker.read.registry import Reader
from checker.read.text import read_text
from checker.render.base import Renderer
from checker.render.json import JsonRenderer
from checker.render.registry import renderer_registry
from tests.conftest import REPORTS
from tests.plugins.hosts import host_with

HERE = Path(__file__).parent


@pytest.fixture
def formats_plugin(monkeypatch):
    """The test plugin ``checker_formats`` installed (an entry point of the group checker)."""
    monkeypatch.syspath_prepend(str(HERE / "format_plugin"))
    real = importlib.metadata.entry_points
    ep = importlib.metadata.EntryPoint(name="formats", value="checker_formats", group="checker")

    def entry_points(**kwargs):
        return [*real(**kwargs), ep] if kwargs.get("group") == "checker" else real(**kwargs)

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    yield
    sys.modules.pop("checker_formats", None)


def test_a_plugin_reader_and_format_check_a_report_end_to_end(formats_plugin, tmp_path, capsys):
    text = REPORTS["QH24"]
    md = tmp_path / "report.md"
    shutil.copy(text, md)
    assert main(["check", "--no-cache", "--fail-on", "never", "--format", "tally", str(md)]) == 0
    got = capsys.readouterr().out.strip()
    assert main(["check", "--no-cache", "--fail-on", "never", "--format", "tally", str(text)]) == 0
    want = capsys.readouterr().out.strip()
    assert got.startswith(f"tally {md} failed=") and "passed=" in got
    assert got.removeprefix(f"tally {md}") == want.removeprefix(f"tally {text}")  # read as text


def test_a_folder_is_searched_for_the_plugin_suffix(formats_plugin, tmp_path, capsys):
    shutil.copy(REPORTS["QH24"], tmp_path / "report.md")
    assert main(["check", "--no-cache", "--fail-on", "never", "--format", "tally", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith(f"tally {tmp_path / 'report.md'} ")


def test_help_and_choices_come_from_the_registries(formats_plugin, capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "tally" in text and "Markdown text (.md)" in text and "*.md" in text
    with pytest.raises(SystemExit) as stop:
        main(["--no-plugins", "check", "--format", "tally", "x.txt"])
    assert stop.value.code == 2 and "invalid choice: 'tally'" in capsys.readouterr().err


def test_without_the_plugin_its_suffix_is_unknown(tmp_path, capsys):
    md = tmp_path / "report.md"
    shutil.copy(REPORTS["QH24"], md)
    assert main(["--no-plugins", "check", "--no-cache", str(md)]) == 2
    err = capsys.readouterr().err
    assert f"{md}: unsupported file type '.md' (expected .pdf, .xlsx, .xlsm, .txt" in err


def test_an_unknown_suffix_names_the_file_and_the_known_suffixes(tmp_path):
    doc = tmp_path / "report.doc"
    doc.write_text("x", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        core_readers().read(doc)
    message = str(caught.value)
    assert str(doc) in message and "'.doc'" in message
    assert all(s in message for s in (".pdf", ".xlsx", ".txt", ".tsv", ".json"))


class _Twice:
    @hookimpl
    def checker_readers(self) -> list[Reader]:
        return [Reader("other text", (".txt", ".note"), "other text", read=read_text)]

    @hookimpl
    def checker_renderers(self) -> list[type[Renderer]]:
        class Other(JsonRenderer):
            name = "json"

        return [Other]


class _Bad:
    @hookimpl
    def checker_readers(self) -> list:
        return ["not a reader"]


def test_a_suffix_or_format_taken_twice_keeps_the_first():
    host = host_with(("twice", _Twice()))
    with pytest.warns(PluginWarning) as caught:
        readers = plugin_readers(host)
        renderers = renderer_registry(host)
    messages = [str(w.message) for w in caught]
    assert ("plugin 'twice': reader of '.txt' files already provided by plugin 'core'; ignored"
            in messages)
    assert "plugin 'twice': format 'json' already provided by plugin 'core'; ignored" in messages
    assert readers.owner(".txt").name == "text" and readers.owner(".note").name == "other text"
    assert renderers["json"] is JsonRenderer



def test_a_clash_met_by_two_hosts_is_warned_once():
    """The cli's parser and check.Engine each collect the readers: one warning, not two."""
    with pytest.warns(PluginWarning) as caught:
        plugin_readers(host_with(("twice-again", _Twice())))
        plugin_readers(host_with(("twice-again", _Twice())))
    assert [str(w.message) for w in caught] == [
        "plugin 'twice-again': reader of '.txt' files already provided by plugin 'core'; ignored"]

def test_a_plugin_giving_no_reader_is_skipped():
    host = host_with(("bad", _Bad()))
    with pytest.warns(PluginWarning, match="checker_readers returned an unusable value"):
        readers = plugin_readers(host)
    assert "bad" not in host.names() and readers.owner(".pdf") is not None


def test_a_reader_needs_one_function_and_dotted_suffixes():
    with pytest.raises(ValueError, match=r"read .* or load"):
        Reader("none", (".x",), "nothing")
    with pytest.raises(ValueError, match="start with a dot"):
        Reader("bad", ("x",), "bad", read=read_text)



def test_a_light_command_builds_its_parser_without_the_plugins(monkeypatch, capsys):
    import checker.plugins.host as host_mod

    def refuse(enable: bool = True):
        raise AssertionError("plugins loaded for a light command")

    monkeypatch.setattr(host_mod, "load_plugins", refuse)
    assert main(["schema", "findings"]) == 0 and '"$schema"' in capsys.readouterr().out
    with pytest.raises(AssertionError, match="plugins loaded"):
        main(["check", "--help"])


def test_checker_plugins_names_the_readers_and_formats_a_plugin_adds(formats_plugin, capsys):
    assert main(["plugins"]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = next(i for i, x in enumerate(lines) if x.startswith("formats "))
    assert lines[at + 1].split() == ["adds", "readers", ".md;", "formats", "tally"]
    core = lines[next(i for i, x in enumerate(lines) if x.startswith("core ")) + 1]
    assert "readers .pdf .xlsx" in core and "(no suffix)" in core and "layouts code_rows" in core

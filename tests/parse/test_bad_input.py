"""Bad input: one clear message naming the file, exit code 2, no traceback; others still parse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main
from checker.errors import InputError
from checker.parse.document import parse_path
from tests.conftest import REPORTS


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b"\n\n   \n", "the file is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("image-only.txt", b"\x0c\n\x0c\n 1 \n 2 \n", "no Chinese text"),
        ("latin1.txt", "caf\u00e9 r\u00e9sum\u00e9".encode("latin-1"), "cannot decode"),
        ("no-tables.txt", "这是一段没有表格也没有编号标题的文字。\n".encode(), "no table"),
    ],
)
def test_unreadable_report_gives_one_clear_error(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        parse_path(path, _registry())
    assert str(path) in str(info.value) and message in str(info.value)
    code, _, err = _run(capsys, "parse", "--summary", str(path))
    assert code == 2
    assert err.count("checker: error:") == 1 and str(path) in err and message in err
    assert "Traceback" not in err


def _registry():
    from checker.plugins.host import load_plugins
    from checker.plugins.templates import build_registry

    return build_registry(load_plugins())


def test_other_files_still_parse(tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code, out, err = _run(capsys, "parse", "--summary", str(bad), str(REPORTS["QH24"]))
    assert code == 2
    assert "empty.txt: the file is empty" in err
    assert "final.T01" in out and "海东市医疗保障局" in out


def test_truncated_report_still_parses_what_is_there(tmp_path, registry):
    lines = REPORTS["SX23"].read_text(encoding="utf-8").splitlines()
    cut = tmp_path / "cut.txt"
    # cut in the middle of 公开03 (SX23:2610)
    cut.write_text("\n".join(lines[:2609]) + "\n", encoding="utf-8")
    doc = parse_path(cut, registry)
    assert doc.table("final.T02") is not None
    t03 = doc.table("final.T03")
    assert t03 is not None and [r.code for r in t03.rows][-1] == "210"
    assert doc.table("final.T04") is None


def test_folder_without_reports(tmp_path, capsys):
    (tmp_path / "readme.md").write_text("nothing", encoding="utf-8")
    code, _, err = _run(capsys, "parse", str(tmp_path))
    assert code == 2 and "folder holds no report file" in err and str(tmp_path) in err


def test_missing_file_and_directory_as_file(tmp_path, capsys):
    code, _, err = _run(capsys, "parse", str(tmp_path / "nope.txt"))
    assert code == 2 and "no such file" in err
    with pytest.raises(InputError, match="is a directory"):
        parse_path(tmp_path, _registry())


def test_gb18030_and_bom_and_crlf(tmp_path, registry):
    text = REPORTS["QH24"].read_text(encoding="utf-8")
    for name, data in [
        ("gbk.txt", text.encode("gb18030")),
        ("bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8")),
        ("crlf.txt", text.replace("\n", "\r\n").encode("utf-8")),
    ]:
        p = tmp_path / name
        p.write_bytes(data)
        doc = parse_path(p, registry)
        t = doc.table("final.T01")
        assert t is not None and t.rows[0].line == 93, name


def test_invalid_json_document(tmp_path, capsys):
    p = tmp_path / "doc.json"
    p.write_text('{"schema_version": "1", "meta": {}}', encoding="utf-8")
    code, _, err = _run(capsys, "parse", "--summary", str(p))
    assert code == 2 and "not a valid document" in err and str(p) in err


def test_json_round_trip(tmp_path, capsys, docs):
    out = tmp_path / "gs24.json"
    assert main(["parse", str(REPORTS["GS24"]), "-o", str(out)]) == 0
    again = parse_path(Path(out), _registry())
    written = json.loads(out.read_text(encoding="utf-8"))
    assert again.to_json() == written
    # `checker parse` runs the plugins: the region is detected, the tables are those of the text
    assert written["meta"]["region"] == "GS"
    expected = docs["GS24"].to_json()
    assert {k: v for k, v in written.items() if k != "meta"} == {
        k: v for k, v in expected.items() if k != "meta"}

"""Text reports in the encodings they are saved in: UTF-16 with a BOM (Notepad's "Unicode", LE
or BE) reads like its UTF-8 copy; UTF-16 without a BOM is refused with advice, not called binary.
"""

from __future__ import annotations

import codecs

import pytest

from checker.errors import InputError
from checker.parse.document import parse_path
from checker.read.text import decode, looks_like_utf16, read_text
from tests.conftest import REPORTS

UTF16 = [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)]


@pytest.fixture(scope="module")
def gs21b_text() -> str:
    return REPORTS["GS21B"].read_text(encoding="utf-8")


@pytest.mark.parametrize(("encoding", "bom"), UTF16)
def test_utf16_with_bom_reads_like_its_utf8_copy(tmp_path, registry, gs21b_text, encoding, bom):
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text(gs21b_text, encoding="utf-8")
    utf16 = tmp_path / f"{encoding}.txt"
    # Notepad writes CRLF line ends
    utf16.write_bytes(bom + gs21b_text.replace("\n", "\r\n").encode(encoding))
    a, b = read_text(utf8), read_text(utf16)
    assert b.encoding == encoding and a.encoding == "utf-8"
    assert b.lines == a.lines and b.style == a.style
    doc_a, doc_b = parse_path(utf8, registry), parse_path(utf16, registry)
    assert doc_b.meta.source.encoding == encoding
    assert [t.id for t in doc_b.tables] == [t.id for t in doc_a.tables]
    assert {k: v for k, v in doc_b.to_json().items() if k != "meta"} == {
        k: v for k, v in doc_a.to_json().items() if k != "meta"}
    assert (doc_b.meta.department, doc_b.meta.year, doc_b.meta.kind) == (
        doc_a.meta.department, doc_a.meta.year, doc_a.meta.kind)


@pytest.mark.parametrize(("encoding", "order"), [("utf-16-le", "little"), ("utf-16-be", "big")])
def test_utf16_without_bom_is_refused_with_advice(encoding, order):
    data = "部门：临夏市医疗保障局 2024 年度\n一、收入支出决算总表\n合计 775.38\n".encode(encoding)
    assert looks_like_utf16(data) == encoding
    with pytest.raises(InputError) as caught:
        decode(data, "report.txt")
    message = str(caught.value)
    assert f"looks like UTF-16 text ({order}-endian) without a byte-order mark" in message
    assert "save it as UTF-8, or as UTF-16 with a BOM" in message
    assert "binary" not in message


def test_binary_files_are_still_binary():
    for data in (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"PK\x03\x04\x14\x00\x06\x00\x08\x00"):
        assert looks_like_utf16(data) is None
        with pytest.raises(InputError, match="binary file"):
            decode(data, "x.txt")


def test_broken_or_empty_utf16_and_utf32():
    with pytest.raises(InputError, match="cannot decode the text as UTF-16 LE"):
        decode(codecs.BOM_UTF16_LE + "部门".encode("utf-16-le") + b"\x00\xd8", "x.txt")
    with pytest.raises(InputError, match="empty"):
        decode(codecs.BOM_UTF16_LE + " \r\n".encode("utf-16-le"), "x.txt")
    with pytest.raises(InputError, match="UTF-32"):
        decode(codecs.BOM_UTF32_LE + "部门".encode("utf-32-le"), "x.txt")


def test_utf8_and_gb18030_unchanged():
    text = "部门：临夏市医疗保障局\n"
    assert decode(text.encode("utf-8"), "x") == (text, "utf-8")
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8"), "x") == (text, "utf-8-sig")
    assert decode(text.encode("gb18030"), "x") == (text, "gb18030")

"""The JSON form written and read from the model's fields (checker/jsonform.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.jsonform import JsonForm, is_default, is_falsy, is_none, json_field
from checker.model import Cell, Document, Number, Row
from checker.plugins.host import load_plugins
from checker.plugins.pipeline import parse_with_plugins
from checker.plugins.templates import build_registry
from checker.schema import validate_document
from tests.conftest import REPORTS


@dataclass
class _Inner(JsonForm):
    amount: Decimal
    tag: str | None = json_field(default=None, omit=is_none)


@dataclass
class _Outer(JsonForm):
    name: str
    inner: _Inner | None = None
    items: list[_Inner] = field(default_factory=list)
    by_key: dict[str, _Inner] = field(default_factory=dict)
    flag: bool = json_field(default=False, omit=is_falsy)
    level: int = json_field(default=3, omit=is_default)
    alias: str = json_field(default="", omit=lambda v, o: v == o.name, absent=lambda got: got["name"])
    derived: str = json_field(default="", skip=True)


def test_fields_are_the_keys_with_their_conversions():
    o = _Outer("a", _Inner(Decimal("1.50")), [_Inner(Decimal("2E+1"), "t")], {"k": _Inner(Decimal("0"))},
               alias="a", derived="x")
    assert o.to_json() == {"name": "a", "inner": {"amount": "1.50"}, "items": [{"amount": "20", "tag": "t"}],
                           "by_key": {"k": {"amount": "0"}}}
    back = _Outer.from_json(o.to_json())
    assert back == _Outer("a", _Inner(Decimal("1.50")), [_Inner(Decimal("20"), "t")],
                          {"k": _Inner(Decimal("0"))}, alias="a")
    assert back.derived == ""  # not part of the form: the default when read back


def test_omitted_keys_read_back_as_their_default_or_what_absent_derives():
    o = _Outer("b", flag=True, level=5, alias="c")
    assert o.to_json() == {"name": "b", "inner": None, "items": [], "by_key": {}, "flag": True,
                           "level": 5, "alias": "c"}
    assert _Outer.from_json({"name": "b"}) == _Outer("b", alias="b")
    with pytest.raises(KeyError, match="'name' is missing"):
        _Outer.from_json({})


def test_a_cell_writes_blank_and_its_text_only_where_it_is_not_its_numbers():
    n = Number(Decimal("5.08"), 2, "5.08", 7)
    assert Cell(n, 7, "5.08").to_json() == {"blank": False, "number": n.to_json(), "line": 7}
    assert Cell(None, 7, "—").to_json() == {"blank": True, "line": 7, "text": "—"}
    assert Cell.from_json({"blank": False, "number": n.to_json(), "line": 7}).text == "5.08"
    assert Cell.from_json({"blank": True, "line": 7}) == Cell(None, 7, "")


def test_a_row_writes_its_printed_code_only_where_it_differs():
    row = Row("社会保障和就业支出", "208", 12, code="208", code_printed="208")
    assert "code_printed" not in row.to_json()
    assert Row.from_json(row.to_json()).code_printed == "208"
    truncated = Row("x", "2080", 12, code="2080501", code_printed="20805", code_truncated=True)
    assert Row.from_json(truncated.to_json()) == truncated


def test_a_document_written_before_performance_was_dropped_still_loads(tmp_path):
    host = load_plugins()
    doc = parse_with_plugins(REPORTS["SX23"], host, build_registry(host))
    data = json.loads(json.dumps(doc.to_json()))
    validate_document(data)
    assert "performance" not in data
    data["performance"] = []  # as every earlier version wrote it
    validate_document(data)
    assert Document.from_json(data).to_json() == doc.to_json()


_decimals = st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False,
                        allow_infinity=False)
_numbers = st.builds(lambda v, line, pct: Number(v, 2, f"{v:,}", line, pct), _decimals,
                     st.integers(1, 10**5), st.booleans())
_cells = st.builds(Cell, st.none() | _numbers, st.integers(1, 10**5), st.text(max_size=8),
                   st.none() | st.sampled_from(["parent column", "ambiguous"]))


@given(st.builds(Row, st.text(max_size=10), st.text(max_size=10), st.integers(1, 10**5),
                 st.dictionaries(st.text(min_size=1, max_size=4), _cells, max_size=4),
                 st.none() | st.from_regex(r"\d{3,7}", fullmatch=True)))
def test_any_row_reads_back_as_written(row):
    data = json.loads(json.dumps(row.to_json(), ensure_ascii=False))
    back = Row.from_json(data)
    assert back.to_json() == row.to_json()
    for key, cell in row.cells.items():
        assert back.cells[key].number == cell.number
        assert back.cells[key].printed == cell.printed

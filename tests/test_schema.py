"""Every parsed document validates against the project's own schema (schemas/document.schema.json):
the five text reports and the published PDFs, each checked for every violation, not the first."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import InputError
from checker.model import Document
from checker.schema import _validator, validate_document
from tests.conftest import FIXTURES, REPORTS

PDFS = sorted((FIXTURES / "pdf").glob("*.pdf"))


def _violations(doc: Document) -> list[str]:
    return [f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
            for e in _validator("document").iter_errors(doc.to_json())]


@pytest.mark.parametrize("key", sorted(REPORTS))
def test_text_reports_validate(docs: dict[str, Document], key: str) -> None:
    assert _violations(docs[key]) == []


@pytest.mark.parametrize("path", PDFS, ids=[p.stem for p in PDFS])
def test_pdf_reports_validate(pdf_docs: dict[str, Document], path: Path) -> None:
    assert _violations(pdf_docs[path.name]) == []


def test_table_ids_with_several_parts_validate(docs: dict[str, Document]) -> None:
    """GS21B's 整体支出绩效目标申报表 is perf.target.department (three parts, as the template
    schema allows): its document once failed its own schema."""
    data = docs["GS21B"].to_json()
    assert "perf.target.department" in {t["id"] for t in data["tables"]}
    validate_document(data, "GS21B")
    data["tables"][0]["id"] = "perf..department"
    with pytest.raises(InputError, match="does not match"):
        validate_document(data, "GS21B")


def test_data_that_passed_are_remembered_and_failing_data_never(tmp_path, monkeypatch):
    from checker.errors import InputError
    from checker.schema import check

    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path))
    good = {"code": "XX", "name": "示例", "places": ["示例县"]}
    check(good, "region", "x/region.yaml", "bad region file")
    stamps = list((tmp_path / "schemas").iterdir())
    assert len(stamps) == 1 and stamps[0].name.startswith("region-")
    check(good, "region", "x/region.yaml", "bad region file")  # remembered: no second stamp
    assert len(list((tmp_path / "schemas").iterdir())) == 1
    bad = {**good, "placs": []}
    for _ in range(2):  # checked, and refused, every time
        with pytest.raises(InputError, match="unknown key 'placs'"):
            check(bad, "region", "x/region.yaml", "bad region file")
    assert len(list((tmp_path / "schemas").iterdir())) == 1

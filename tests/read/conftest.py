"""Generated PDF and workbook versions of the real reports, made once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.dsl.compile import compile_rules
from checker.dsl.ir import RuleSet
from checker.model import Document
from checker.templates.loader import TemplateRegistry
from tests.read.generate import write_pdf, write_xlsx

RULES = Path(__file__).resolve().parents[2] / "rules"
# The reports with tables (SC24 prints none of its own: its tables are a 附表 list).
WITH_TABLES = ["GS24", "QH24", "SX23", "GS21B"]


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory, docs: dict[str, Document],
              registry: TemplateRegistry) -> dict[tuple[str, str], Path]:
    """(report, "pdf" | "xlsx") → a file written from the parsed text report."""
    folder = tmp_path_factory.mktemp("generated")
    out: dict[tuple[str, str], Path] = {}
    for key in WITH_TABLES:
        out[(key, "pdf")] = write_pdf(docs[key], registry, folder / f"{key}.pdf")
        out[(key, "pdf-unruled")] = write_pdf(docs[key], registry, folder / f"{key}-unruled.pdf",
                                              ruled=False)
        out[(key, "xlsx")] = write_xlsx(docs[key], registry, folder / f"{key}.xlsx")
    return out


@pytest.fixture(scope="session")
def national_rules(registry: TemplateRegistry) -> RuleSet:
    """The national rules on the standard tables (final.rules, budget.rules), compiled.

    The rules on the narrative (facts read from the 情况说明 text) and on the performance tables
    are left out: the generated files hold the standard tables only, as a workbook does.
    """
    # budget.rules also holds the 预算说明 rule N15 (tag 说明): left out like the narrative rules
    return compile_rules([RULES / "final.rules", RULES / "budget.rules"], registry).select(
        exclude=["说明"])

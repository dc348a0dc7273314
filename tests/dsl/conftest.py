"""Shared fixtures for the rule-language tests."""

from __future__ import annotations

from typing import Any

import pytest

from checker.dsl.compile import compile_text
from checker.dsl.evaluate import evaluate
from checker.dsl.ir import RuleSet
from checker.dsl.testing import build_document
from checker.findings import Result
from checker.model import Document
from checker.templates.loader import TemplateRegistry, load_core_templates


@pytest.fixture(scope="session")
def registry() -> TemplateRegistry:
    """The national templates."""
    return TemplateRegistry(load_core_templates())


def doc(registry: TemplateRegistry, tables: dict[str, Any], **meta: Any) -> Document:
    """A document from the compact case format (values as strings keep their decimals)."""
    meta.setdefault("kind", "final")
    return build_document({"meta": meta, "tables": tables}, registry)


def run(registry: TemplateRegistry, rules: str, tables: dict[str, Any], **meta: Any) -> list[Result]:
    """Compile ``rules`` and evaluate them on a document made of ``tables``."""
    ruleset: RuleSet = compile_text(rules, registry, "test.rules")
    return evaluate(ruleset, doc(registry, tables, **meta), registry)

"""Shared fixtures: the five real reports, parsed once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from checker import kept
from checker.model import Document
from checker.parse.document import parse_path
from checker.plugins.collect import plugin_layouts
from checker.plugins.host import load_plugins
from checker.plugins.templates import build_registry
from checker.templates.loader import TemplateRegistry

FIXTURES = Path(__file__).parent / "fixtures"
PDF_FIXTURES = FIXTURES / "pdf"
REPORTS = {
    "GS24": FIXTURES / "gansu-linxia-yibao-2024-final.txt",
    "QH24": FIXTURES / "qinghai-haidong-yibao-2024-final.txt",
    "SC24": FIXTURES / "sichuan-jingyan-yibao-2024-final.txt",
    "SX23": FIXTURES / "shaanxi-baihe-yibao-2023-final.txt",
    "GS21B": FIXTURES / "gansu-linxia-yibao-2021-budget.txt",
}


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """`checker check` keeps a cache in the user's folder: the tests keep theirs apart."""
    import os

    os.environ.setdefault("CHECKER_CACHE_DIR", str(tmp_path_factory.mktemp("checker-cache")))


@pytest.fixture
def kept_folder(tmp_path: Path) -> Iterator[Path]:
    """checker.kept's stores in a folder of the test's own, and none again after it."""
    kept.use(tmp_path)
    yield tmp_path
    kept.use(None)


def reopen_kept(folder: Path) -> None:
    """What a new process does: nothing kept in memory, the store files on disk."""
    kept.use(None)
    kept.use(folder)


@pytest.fixture(scope="session")
def registry() -> TemplateRegistry:
    """Templates of the core and every installed plugin."""
    return build_registry(load_plugins())


@pytest.fixture(scope="session")
def docs(registry: TemplateRegistry) -> dict[str, Document]:
    """The five reports, parsed with the layouts of the core and every installed plugin."""
    layouts = plugin_layouts(load_plugins())
    return {key: parse_path(path, registry, layouts=layouts) for key, path in REPORTS.items()}


class _ParsedOnDemand(dict):
    """File name → parsed document, each parsed the first time a test asks for it."""

    def __init__(self, registry: TemplateRegistry) -> None:
        super().__init__()
        self.registry = registry

    def __missing__(self, name: str) -> Document:
        doc = self[name] = parse_path(PDF_FIXTURES / name, self.registry)
        return doc


@pytest.fixture(scope="session")
def pdf_docs(registry: TemplateRegistry) -> dict[str, Document]:
    """The published PDFs of tests/fixtures/pdf by file name, each parsed once per session (with
    the core's layouts, as ``parse_path`` does by default): tests read them, none changes them."""
    return _ParsedOnDemand(registry)

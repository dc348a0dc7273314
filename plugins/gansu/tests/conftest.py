"""Fixtures for this plugin's tests: the installed plugins, their templates and functions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from checker.plugins import PluginHost, build_registry, load_plugins, plugin_functions
from checker.templates.loader import TemplateRegistry

# The real reports of the main repository (absent when the package is tested on its own).
REPORTS = Path(__file__).resolve().parents[3] / "tests" / "fixtures"


@pytest.fixture(scope="module")
def host() -> PluginHost:
    """The core and every installed plugin."""
    return load_plugins()


@pytest.fixture(scope="module")
def registry(host: PluginHost) -> TemplateRegistry:
    """Their templates."""
    return build_registry(host)


@pytest.fixture(scope="module")
def functions(host: PluginHost) -> dict:
    """Their rule-language functions."""
    return plugin_functions(host)


@pytest.fixture
def report() -> Callable[[str], Path]:
    """``report(name)``: a report of the main repository, or skip the test."""

    def get(name: str) -> Path:
        path = REPORTS / name
        if not path.exists():
            pytest.skip(f"{name} not available")
        return path

    return get

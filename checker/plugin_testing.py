"""pytest fixtures for plugin packages' tests: the installed plugins, their templates and
functions, and the real reports of the main repository.

A region package's ``tests/conftest.py`` imports them::

    from checker.plugin_testing import functions, host, registry, report  # noqa: F401

``report(name)`` finds ``tests/fixtures/<name>`` in a folder above the test file (the main
repository's reports) and skips the test when the package is tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from checker.plugins import PluginHost, build_registry, load_plugins, plugin_functions
from checker.templates.loader import TemplateRegistry


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
def report(request: pytest.FixtureRequest) -> Callable[[str], Path]:
    """``report(name)``: a report of the main repository, or skip the test."""

    def get(name: str) -> Path:
        for folder in Path(request.path).resolve().parents:
            path = folder / "tests" / "fixtures" / name
            if path.exists():
                return path
        pytest.skip(f"{name} not available")

    return get

"""Plugin hooks: the reference manual of what a plugin can add.

The core registers its own national templates and rules through these same hooks
(``checker.core_plugin``); a region package does the same from its own package, found through
the ``checker`` entry-point group. Every hook is optional. Hooks that return lists are called
on every plugin and their results concatenated; ``checker_detect_region`` stops at the first
answer that is not None.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("checker")
hookimpl = pluggy.HookimplMarker("checker")


@hookspec
def checker_templates() -> list[Path]:
    """Return YAML template files (see checker/templates/loader.py for their format).

    A template with a new id adds a table; an entry ``extends: <id>`` adds aliases, titles,
    markers, column aliases and row labels to an existing template.
    """


@hookspec
def checker_rule_paths() -> list[Path]:
    """Return folders or files of ``.rules`` files to compile with the core's."""


@hookspec
def checker_fact_patterns() -> list[Path]:
    """Return YAML files of narrative fact patterns."""


@hookspec(firstresult=True)
def checker_detect_region(lines: list[str]) -> str | None:
    """Return this plugin's region code when the report's lines are this region's, else None."""


@hookspec
def checker_functions() -> dict[str, Any]:
    """Return extra rule-language functions: name → callable (see checker/dsl/functions.py)."""


@hookspec
def checker_plugin_info() -> dict[str, Any]:
    """Return {'name', 'region', 'description'} for ``checker plugins``."""

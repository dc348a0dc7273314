"""docs/plugins.md tells the truth about the packages: its table of the region packages has one
row per installed region package, with the templates, extends entries, rule files and rules
that ``checker plugins`` lists for it."""

from __future__ import annotations

from pathlib import Path

from checker.plugins.describe import describe_plugins
from checker.plugins.host import load_plugins
from checker.plugins.templates import build_registry

DOC = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"
COUNTS = ["templates", "extends", "rule files", "rules"]


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def documented_counts(text: str) -> dict[str, list[str]]:
    """Entry-point name → the four counts, from the markdown table whose header has them."""
    lines = text.splitlines()
    start = next(i for i, x in enumerate(lines)
                 if x.startswith("|") and all(c in _cells(x) for c in ["package", *COUNTS]))
    header = _cells(lines[start])
    rows: dict[str, list[str]] = {}
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = dict(zip(header, _cells(line), strict=True))
        name = cells["package"].strip("`").removeprefix("checker-")
        rows[name] = [cells[c] for c in COUNTS]
    return rows


def listed_counts() -> dict[str, list[str]]:
    """Plugin name → the four counts ``checker plugins`` shows for it (the core left out)."""
    host = load_plugins()
    lines = describe_plugins(host, build_registry(host)).splitlines()
    out = {}
    for name in host.names()[1:]:
        line = next(x for x in lines if x.startswith(f"{name} "))
        words = line.split()
        # name, version, code and province name (two words), then the four counts
        out[name] = words[4:8]
    return out


def test_the_counts_table_matches_the_installed_plugins():
    documented = documented_counts(DOC.read_text(encoding="utf-8"))
    assert documented == listed_counts()


def test_the_table_is_found_and_read():
    text = ("| package | region | templates | extends | rule files | rules | adds |\n"
            "|---|---|---:|---:|---:|---:|---|\n"
            "| `checker-xx` | XX 示例 | 1 | 2 | 3 | 4 | a table |\n\nafter\n")
    assert documented_counts(text) == {"xx": ["1", "2", "3", "4"]}

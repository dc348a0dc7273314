"""Region quirks live in their plugin packages: no province or place name in checker/ or rules/."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAMES = ("甘肃", "青海", "四川", "陕西", "临夏", "海东", "井研", "白河")


def test_core_names_no_region():
    offenders = []
    for folder in ("checker", "rules"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".yaml", ".rules", ".lark", ".json"}:
                text = path.read_text(encoding="utf-8")
                offenders += [f"{path.relative_to(ROOT)}: {n}" for n in NAMES if n in text]
    assert offenders == []

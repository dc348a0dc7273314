"""Which files of a folder are the two halves of one report (a 说明 file and a 表 file).

Some provinces publish a department's report as two files. They are paired by name first —
the same name once the half's word is taken out (``checker/pairing.yaml``: 说明 … / 表 …), in
the same folder — and the pair is kept only when what the two files say of themselves agrees:
the department and the year, where both files name them. :func:`pair_halves` gives the files in
input order, each half-pair as one tuple (说明 first).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from checker.yaml_load import load_yaml

__all__ = ["half_of", "pair_halves", "same_report"]

Item = Path | tuple[Path, ...]
_SEPARATORS = re.compile(r"[\s_\-—–.·()（）【】\[\]]+")


@lru_cache(maxsize=1)
def _words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = load_yaml(resources.files("checker").joinpath("pairing.yaml").read_text("utf-8"))
    return tuple(data["narrative"]), tuple(data["tables"])


def half_of(path: Path) -> tuple[str, str] | None:
    """("narrative" | "tables", the name without that word), or None for a name of neither."""
    stem = path.stem
    narrative, tables = _words()
    for half, words in (("narrative", narrative), ("tables", tables)):
        for w in words:
            if w in stem:
                rest = stem.replace(w, "", 1)
                return half, _SEPARATORS.sub("", rest).lower()
    return None


def pair_halves(paths: list[Path], parsed: Callable[[Path], bool]) -> list[Item]:
    """The paths, with each 说明 file and 表 file of one name in one folder made one tuple;
    ``parsed`` tells a document parsed already (``ReaderRegistry.is_parsed``), never paired."""
    groups: dict[tuple[Path, str], dict[str, list[Path]]] = {}
    for p in paths:
        found = half_of(p)
        if found is not None and not parsed(p):
            groups.setdefault((p.parent, found[1]), {}).setdefault(found[0], []).append(p)
    pairs: dict[Path, tuple[Path, Path]] = {}
    for halves in groups.values():
        a, b = halves.get("narrative", []), halves.get("tables", [])
        if len(a) == 1 and len(b) == 1:
            pairs[a[0]] = pairs[b[0]] = (a[0], b[0])
    out: list[Item] = []
    done: set[tuple[Path, Path]] = set()
    for p in paths:
        pair = pairs.get(p)
        if pair is None:
            out.append(p)
        elif pair not in done:
            done.add(pair)
            out.append(pair)
    return out


def same_report(metas: list[tuple[str | None, int | None]]) -> bool:
    """True when files that name their department or year name the same ones."""
    departments = {d for d, _y in metas if d}
    years = {y for _d, y in metas if y}
    return len(departments) <= 1 and len(years) <= 1

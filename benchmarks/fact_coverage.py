"""What the rules do with the narrative facts of each report: verified, reported, not evaluated.

    .venv/bin/python benchmarks/fact_coverage.py [REPORT …]    (default: tests/fixtures/*.txt)

A fact is *reported* when a failed result compares it or is about it, *verified* when a passed
result does and none failed, *not evaluated* when only results that could not be evaluated touch
it, and *unused* when no result names it (a fact read for context: the 本年 beside a change, a
count). The 编号 facts (enumerators) are counted apart: U08 checks each list, not each number.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.check import CheckSpec, Engine  # noqa: E402
from checker.dsl.evaluate import evaluate  # noqa: E402
from checker.findings import Status  # noqa: E402


def coverage(engine: Engine, path: Path) -> Counter[str]:
    """Counts of facts by what the rules did with them."""
    doc = engine.parse(path)
    results = evaluate(engine.ruleset, doc, engine.registry)
    touched: dict[tuple[int, str], set[Status]] = {}
    for r in results:
        keys = {(o.line, o.column or "") for o in r.operands if o.table == "narrative"}
        for _, value in r.instance:
            if "[" in value and "]=" in value:  # a fact bound by a loop: 名称[节]=值
                keys.add((-1, value))
        for k in keys:
            touched.setdefault(k, set()).add(r.status)
    out: Counter[str] = Counter()
    for f in doc.facts:
        if f.name == "编号":
            out["enumerators"] += 1
            continue
        out["facts"] += 1
        statuses: set[Status] = set()
        bound = f"{f.name}[", f"={f.number.text}"
        for (line, what), v in touched.items():
            compared = line == f.line and what in (f.name, f.label or "")
            looped = line == -1 and what.startswith(bound[0]) and what.endswith(bound[1])
            if compared or looped:
                statuses |= v
        if Status.FAILED in statuses:
            out["reported"] += 1
        elif Status.PASSED in statuses:
            out["verified"] += 1
        elif Status.NOT_EVALUATED in statuses:
            out["not evaluated"] += 1
        else:
            out["unused"] += 1
    return out


def main(argv: list[str]) -> None:
    """Print one line per report."""
    paths = [Path(a) for a in argv] or sorted((ROOT / "tests" / "fixtures").glob("*.txt"))
    engine = Engine(CheckSpec())
    cols = ["facts", "verified", "reported", "not evaluated", "unused", "enumerators"]
    print(f"{'report':44}" + "".join(f"{c:>14}" for c in cols))
    for p in paths:
        c = coverage(engine, p)
        print(f"{p.name:44}" + "".join(f"{c[k]:>14}" for k in cols))


if __name__ == "__main__":
    main(sys.argv[1:])

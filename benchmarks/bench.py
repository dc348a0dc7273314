"""Timing of the parse stage on the five bundled reports (median of repeated runs).

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench.py [--runs N]``). Prints, per
report, the median and best parse time and the counts of tables / rows / filled cells / sections,
and the cold start of ``checker parse --summary`` on one report (a fresh process).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from checker.parse.document import parse_path
from checker.plugins.host import load_plugins
from checker.plugins.templates import build_registry
from checker.summary import document_counts

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "tests" / "fixtures").glob("*.txt"))


def main() -> int:
    """Run the benchmark and print a table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=15, help="timed runs per report (default 15)")
    args = ap.parse_args()
    registry = build_registry(load_plugins())
    print(f"{'report':42} {'median ms':>9} {'best ms':>8} {'tables':>6} {'rows':>5} "
          f"{'cells':>6} {'sections':>8}")
    for path in REPORTS:
        parse_path(path, registry)  # warm-up
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            doc = parse_path(path, registry)
            times.append((time.perf_counter() - t0) * 1000)
        c = document_counts(doc)
        print(f"{path.name:42} {statistics.median(times):9.1f} {min(times):8.1f} "
              f"{c['tables']:>6} {c['rows']:>5} {c['cells']:>6} {c['sections']:>8}")
    checker = Path(sys.executable).parent / "checker"
    cold = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([str(checker), "parse", "--summary", str(REPORTS[0])], check=True,
                       capture_output=True)
        cold.append((time.perf_counter() - t0) * 1000)
    print(f"cold start, checker parse --summary on one report: median {statistics.median(cold):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

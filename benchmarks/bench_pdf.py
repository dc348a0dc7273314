"""Timing of PDF reading: pages per second, on the real template and on a generated report.

    .venv/bin/python benchmarks/bench_pdf.py [--runs 5]

1. the real published 2024 决算 template of a 上海 district (tests/fixtures/pdf, 23 pages);
2. GS24 written back as a PDF with ruled tables (reportlab, as the tests make it).

For each: the median of ``--runs`` runs of reading only (``read_pdf``: text and ruled tables into
numbered lines) and of reading + parsing (``parse_path``), as seconds and pages per second.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.parse.document import parse_path  # noqa: E402
from checker.plugins import build_registry, load_plugins  # noqa: E402
from checker.read.pdf import read_pdf  # noqa: E402

REAL = ROOT / "tests" / "fixtures" / "pdf" / "shanghai-2024-final-template.pdf"
TEXT = ROOT / "tests" / "fixtures" / "gansu-linxia-yibao-2024-final.txt"


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def page_count(path: Path) -> int:
    """The number of pages of a PDF."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def main() -> int:
    """Run the benchmark and print pages per second."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5, help="timed runs per file (default 5)")
    args = ap.parse_args()
    registry = build_registry(load_plugins())
    with tempfile.TemporaryDirectory() as tmp:
        from tests.read.generate import write_pdf

        generated = write_pdf(parse_path(TEXT, registry), registry, Path(tmp) / "GS24.pdf")
        print(f"{'file':<40} {'pages':>5} {'read s':>8} {'pages/s':>8} {'+parse s':>9} {'pages/s':>8}")
        for name, path in (("shanghai-2024-final-template.pdf", REAL), ("GS24 generated", generated)):
            pages = page_count(path)
            read = _median(lambda p=path: read_pdf(p), args.runs)
            full = _median(lambda p=path: parse_path(p, registry), args.runs)
            print(f"{name:<40} {pages:>5} {read:>8.3f} {pages / read:>8.1f} {full:>9.3f} "
                  f"{pages / full:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

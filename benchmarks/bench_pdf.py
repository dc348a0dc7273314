"""Timing of PDF reports: pages per second to read, to parse and to check.

    .venv/bin/python benchmarks/bench_pdf.py [--runs 5] [PDF ...]

By default: the five published PDFs of tests/fixtures/pdf (上海 2024 决算 and its template, 江苏
预算 2017–2019) and GS24 written back as a PDF with ruled tables (reportlab, as the tests make
it). For each file, the median of ``--runs`` runs of

* reading only (``read_pdf``: characters, rulings, ruled tables and text lines),
* reading + parsing (``parse_path``: tables by their headers, sections, facts),
* reading + parsing + checking with every rule (the rules compiled once, before timing),

as seconds and pages per second; then the totals. Run it on an otherwise idle machine: it is
single-threaded, so the figures are per core.
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

from checker.check import CheckSpec, Engine  # noqa: E402
from checker.parse.document import parse_path  # noqa: E402
from checker.plugins.host import load_plugins  # noqa: E402
from checker.plugins.templates import build_registry  # noqa: E402
from checker.read.pdf import read_pdf  # noqa: E402
from checker.read.pdf_page import open_pdf  # noqa: E402

PDFS = sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf"))
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
    pdf = open_pdf(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def main() -> int:
    """Run the benchmark and print pages per second."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdfs", nargs="*", type=Path, help="PDF files (default: the fixtures)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per file (default 5)")
    args = ap.parse_args()
    registry = build_registry(load_plugins())
    engine = Engine(CheckSpec())
    with tempfile.TemporaryDirectory() as tmp:
        files = [(p.name, p) for p in (args.pdfs or PDFS)]
        if not args.pdfs:
            from tests.read.generate import write_pdf

            generated = write_pdf(parse_path(TEXT, registry), registry, Path(tmp) / "GS24.pdf")
            files.append(("GS24 generated", generated))
        print(f"{'file':<40} {'pages':>5} {'read s':>7} {'p/s':>6} {'parse s':>8} {'p/s':>6} "
              f"{'check s':>8} {'p/s':>6}")
        total = [0, 0.0, 0.0, 0.0]
        for name, path in files:
            pages = page_count(path)
            read = _median(lambda p=path: read_pdf(p), args.runs)
            parse = _median(lambda p=path: parse_path(p, registry), args.runs)
            check = _median(lambda p=path: engine.check(p), args.runs)
            total[0] += pages
            total[1] += read
            total[2] += parse
            total[3] += check
            print(f"{name:<40} {pages:>5} {read:>7.3f} {pages / read:>6.1f} {parse:>8.3f} "
                  f"{pages / parse:>6.1f} {check:>8.3f} {pages / check:>6.1f}")
        n, read, parse, check = total
        print(f"{'total':<40} {n:>5} {read:>7.3f} {n / read:>6.1f} {parse:>8.3f} {n / parse:>6.1f} "
              f"{check:>8.3f} {n / check:>6.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

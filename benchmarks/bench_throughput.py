"""Throughput of ``checker check`` over many reports: reports per second, cold and warm.

    .venv/bin/python benchmarks/bench_throughput.py [--texts 1000] [--pdfs 100] [--jobs 2]
                                                   [--no-dask] [--distinct]

Builds a folder of ``--texts`` text reports (the five of tests/fixtures, over and over) and one
of ``--pdfs`` PDF reports (the five of tests/fixtures/pdf), then times, as a new process each,
``checker check -q`` on each folder:

* ``-j 1`` and ``-j N`` with a new, empty cache (cold), and once more on the same cache (warm: an
  unchanged folder);
* ``--executor dask`` on a LocalCluster of N workers, cold;
* ``--no-cache`` with ``-j N``.

By default the copies are byte for byte the same as their original, so that a cold run with the
cache parses each distinct report once (as a province's folder holding re-published copies
does); ``--distinct`` gives every copy a different trailing line ending, so that every one is
read and checked: the cost of a folder of different reports. Memory is the peak resident size
of the largest process (the command or a worker). Run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "tests" / "fixtures").glob("*.txt"))
PDFS = sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf"))


def checker() -> list[str]:
    """The console script next to this interpreter."""
    exe = Path(sys.executable).with_name("checker")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "checker.cli"]


def build(folder: Path, sources: list[Path], n: int, distinct: bool) -> Path:
    """``n`` copies of the sources in ``folder`` (distinct: each with other trailing bytes)."""
    folder.mkdir(parents=True)
    for i in range(n):
        src = sources[i % len(sources)]
        out = folder / f"{i:05d}-{src.name}"
        if distinct:
            tail = b"\n" * (1 + i // len(sources)) if src.suffix == ".txt" else f"\n%{i}\n".encode()
            out.write_bytes(src.read_bytes() + tail)
        else:
            shutil.copyfile(src, out)
    return folder


def timed(args: list[str]) -> tuple[float, float]:
    """(seconds, peak resident MB of the command and its children) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([*checker(), *args], capture_output=True, text=True)
    wall = time.perf_counter() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return wall, peak / 1024


def main() -> int:
    """Run the benchmark and print reports per second."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", type=int, default=1000, help="text reports (default 1000)")
    ap.add_argument("--pdfs", type=int, default=100, help="PDF reports (default 100)")
    ap.add_argument("--jobs", type=int, default=2, help="workers (default 2)")
    ap.add_argument("--no-dask", action="store_true", help="leave out the Dask runs")
    ap.add_argument("--distinct", action="store_true", help="every copy different (no reuse)")
    args = ap.parse_args()
    try:
        import distributed  # noqa: F401
        dask = not args.no_dask
    except ImportError:
        dask = False
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        sets = [("text", build(base / "texts", TEXTS, args.texts, args.distinct), args.texts),
                ("pdf", build(base / "pdfs", PDFS, args.pdfs, args.distinct), args.pdfs)]
        pages = sum(
            len(__import__("pypdfium2").PdfDocument(str(PDFS[i % len(PDFS)])))
            for i in range(args.pdfs))
        print(f"{'reports':10} {'run':34} {'seconds':>8} {'reports/s':>10} {'peak MB':>8}")
        for kind, folder, n in sets:
            runs: list[tuple[str, list[str]]] = []
            for jobs in sorted({1, args.jobs}):
                cache = base / f"cache-{kind}-{jobs}"
                runs.append((f"-j {jobs}, cold cache", ["-j", str(jobs), "--cache-dir", str(cache)]))
                runs.append((f"-j {jobs}, warm cache (unchanged)",
                             ["-j", str(jobs), "--cache-dir", str(cache)]))
            runs.append((f"-j {args.jobs}, no cache", ["-j", str(args.jobs), "--no-cache"]))
            if dask:
                runs.append((f"dask LocalCluster {args.jobs} workers, cold",
                             ["--executor", "dask", "-j", str(args.jobs), "--cache-dir",
                              str(base / f"cache-{kind}-dask")]))
            for label, extra in runs:
                wall, peak = timed(["check", "-q", "--fail-on", "never", *extra, str(folder)])
                print(f"{kind + ' ' + str(n):10} {label:34} {wall:8.2f} {n / wall:10.1f} {peak:8.0f}")
            if kind == "pdf":
                print(f"{'':10} ({pages} pages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Timing of ``checker check``: per report (warm), cold start, and many files in parallel.

    .venv/bin/python benchmarks/bench_check.py [--repeat 7] [--copies 100] [--jobs 2]

0. engine build in this process: with an empty cache folder (everything compiled and kept),
   then from that warm cache (the median of ``--repeat`` builds: nothing compiled);
1. parse + check of each bundled report in this process, engine built once, after one warm-up
   run: the median of ``--repeat`` runs;
2. cold start: ``checker check -q`` on one report as a new process, the median of ``--cold``
   runs (10), with a fresh cache folder each time and with a warm one (the report cached);
3. ``checker check -j N`` over ``--copies`` copies of each of the five reports (500 files by
   default) in a temporary folder: wall time and files per second.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.check import CheckSpec, Engine  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"


def checker_command() -> list[str]:
    """The console script next to this interpreter, else ``python -m checker.cli``."""
    exe = Path(sys.executable).with_name("checker")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "checker.cli"]


def timed(cmd: list[str]) -> float:
    """Wall time of one subprocess run (its exit code is not checked: findings give 1)."""
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed


def per_report(engine: Engine, reports: list[Path], repeat: int) -> list[tuple[str, float, int]]:
    """(name, median seconds, results) for each report."""
    rows = []
    for path in reports:
        engine.check(path)  # warm-up
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            fr = engine.check(path)
            times.append(time.perf_counter() - start)
        rows.append((path.name, statistics.median(times), len(fr.results)))
    return rows


def main() -> None:
    """Run the three measurements and print a table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--cold", type=int, default=10, help="runs of each cold-start measurement")
    ap.add_argument("--copies", type=int, default=100, help="copies of each of the five reports")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()

    reports = sorted(FIXTURES.glob("*.txt"))
    start = time.perf_counter()
    engine = Engine(CheckSpec())
    build = time.perf_counter() - start
    print(f"engine (plugins, templates, {len(engine.rules)} rules compiled): {build * 1000:.0f} ms\n")

    print(f"{'report':45} {'parse+check (median, ms)':>25} {'results':>8}")
    rows = per_report(engine, reports, args.repeat)
    for name, t, n in rows:
        print(f"{name:45} {t * 1000:25.1f} {n:8d}")
    print(f"{'total of the five':45} {sum(t for _, t, _ in rows) * 1000:25.1f}\n")

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        Engine(CheckSpec(cache_dir=tmp))
        empty = time.perf_counter() - start
        builds = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            Engine(CheckSpec(cache_dir=tmp))
            builds.append(time.perf_counter() - start)
    print(f"{'engine build, empty cache folder':75} {empty * 1000:8.0f} ms")
    print(f"{'engine build, warm cache (median)':75} {statistics.median(builds) * 1000:8.0f} ms\n")

    cmd = checker_command()
    one = str(reports[0])
    with tempfile.TemporaryDirectory() as tmp:
        fresh = statistics.median(
            timed([*cmd, "check", "-q", "--cache-dir", f"{tmp}/{i}", one]) for i in range(args.cold))
        timed([*cmd, "check", "-q", "--cache-dir", f"{tmp}/warm", one])
        warm = statistics.median(
            timed([*cmd, "check", "-q", "--cache-dir", f"{tmp}/warm", one]) for _ in range(args.cold))
    print(f"{'cold start, fresh cache: checker check -q ' + reports[0].name:75} {fresh * 1000:8.0f} ms")
    print(f"{'cold start, warm cache: checker check -q ' + reports[0].name:75} {warm * 1000:8.0f} ms")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(args.copies):
            for r in reports:
                shutil.copyfile(r, folder / f"{i:03d}-{r.name}")
        n = args.copies * len(reports)
        wall = timed([*cmd, "check", "-q", "--fail-on", "never", "-j", str(args.jobs), str(folder)])
    print(f"{f'checker check -j {args.jobs} on {n} files':75} {wall:8.1f} s   {n / wall:6.1f} files/s")


if __name__ == "__main__":
    main()

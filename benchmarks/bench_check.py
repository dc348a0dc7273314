"""Timing of ``checker check``: per report (warm), cold start, and many files in parallel.

    .venv/bin/python benchmarks/bench_check.py [--repeat 7] [--copies 100] [--jobs 2]
    .venv/bin/python benchmarks/bench_check.py --cold-only [--cold 10]   # measurement 2 alone

0. engine build in this process: with an empty cache folder (everything compiled and kept),
   then from that warm cache (the median of ``--repeat`` builds: nothing compiled);
1. parse + check of each bundled report in this process, engine built once, after one warm-up
   run: the median of ``--repeat`` runs;
2. cold start: ``checker check -q`` on one report as a new process, the median of ``--cold``
   runs (10), with a fresh cache folder each time and with a warm one (the report cached);
   then, for each bundled report, the case a pre-commit run on an edited report meets: the
   rules and templates cached, the report not (its ``doc`` and ``res`` entries removed before
   every run), wall time and CPU time (user + sys) of the process, medians. The CPU time is
   the figure to compare on a busy machine; the wall time, on a quiet one. Python's bytecode
   of the checker is written first (``compileall``), as an installed package has it;
3. ``checker check -j N`` over ``--copies`` copies of each of the five reports (500 files by
   default) in a temporary folder: wall time and files per second.
"""

from __future__ import annotations

import argparse
import compileall
import os
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


def timed_cpu(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU time (user + sys of the child) of one subprocess run."""
    before = os.times()
    wall = timed(cmd)
    after = os.times()
    return wall, (after.children_user - before.children_user
                  + after.children_system - before.children_system)


def cold_per_report(cmd: list[str], reports: list[Path], runs: int) -> list[tuple[str, float, float]]:
    """(name, median wall, median CPU) of ``checker check -q`` on each report from a new process,
    rules and templates cached, the report not (its document and result entries removed)."""
    compileall.compile_dir(ROOT / "checker", quiet=1)  # as an installed package has them
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        timed([*cmd, "check", "-q", "--cache-dir", tmp, str(reports[0])])  # rules, templates kept
        for path in reports:
            walls, cpus = [], []
            for _ in range(runs):
                for kept in ("doc", "res"):
                    shutil.rmtree(Path(tmp) / kept, ignore_errors=True)
                wall, cpu = timed_cpu([*cmd, "check", "-q", "--cache-dir", tmp, str(path)])
                walls.append(wall)
                cpus.append(cpu)
            rows.append((path.name, statistics.median(walls), statistics.median(cpus)))
    return rows


def print_cold(cmd: list[str], reports: list[Path], runs: int) -> None:
    """Measurement 2's table: each report checked from a cold process, its results not cached."""
    print(f"{'cold start, rules cached, report not (median of ' + str(runs) + ')':45} "
          f"{'wall ms':>8} {'cpu ms':>8}")
    for name, wall, cpu in cold_per_report(cmd, reports, runs):
        print(f"{name:45} {wall * 1000:8.0f} {cpu * 1000:8.0f}")
    print(f"(load average {os.getloadavg()[0]:.2f}: wall times are the CPU times' when it is "
          "below 0.5 or so)\n")


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
    ap.add_argument("--cold-only", action="store_true",
                    help="only the cold start of each report, its results not cached")
    args = ap.parse_args()

    reports = sorted(FIXTURES.glob("*.txt"))
    cmd = checker_command()
    if args.cold_only:
        print_cold(cmd, reports, args.cold)
        return
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

    one = str(reports[0])
    with tempfile.TemporaryDirectory() as tmp:
        fresh = statistics.median(
            timed([*cmd, "check", "-q", "--cache-dir", f"{tmp}/{i}", one]) for i in range(args.cold))
        timed([*cmd, "check", "-q", "--cache-dir", f"{tmp}/warm", one])
        warm = statistics.median(
            timed([*cmd, "check", "-q", "--cache-dir", f"{tmp}/warm", one]) for _ in range(args.cold))
    print(f"{'cold start, fresh cache: checker check -q ' + reports[0].name:75} {fresh * 1000:8.0f} ms")
    print(f"{'cold start, warm cache: checker check -q ' + reports[0].name:75} {warm * 1000:8.0f} ms\n")
    print_cold(cmd, reports, args.cold)

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

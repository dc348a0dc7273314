"""The HTML output against the JSON output over many reports (issue: within 2× of JSON).

    .venv/bin/python benchmarks/bench_html.py [--reports 1000] [--jobs 1]

Builds a folder of ``--reports`` copies of the five text reports of tests/fixtures, warms a new
cache with one ``checker check --format json`` run over it (so that both outputs below are
timed on the same cached parses and results, as a re-run over a province's folder is; with
``--cold``, no cache: each report is parsed and checked by both), then times, as a new process
each:

* ``checker check --format json -o findings.json FOLDER``;
* ``checker check --format html -o pages/ FOLDER`` (one page per report, index.html,
  summary.csv);
* ``checker check --format html -o one.html`` over the first 50 (one page holding them).

and prints seconds, reports per second, peak resident memory and the bytes written. Run it on
an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_throughput import TEXTS, build, timed


def size(path: Path) -> int:
    """Bytes of a file, or of every file below a folder."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    """Build the folder, warm the cache, time the outputs."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--cold", action="store_true",
                        help="no cache: every report parsed and checked by both outputs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = build(root / "reports", TEXTS, args.reports, distinct=False)
        few = build(root / "few", TEXTS, min(50, args.reports), distinct=False)
        cache = ["--no-cache"] if args.cold else ["--cache-dir", str(root / "cache")]
        cache += ["-j", str(args.jobs), "--fail-on", "never"]
        if not args.cold:
            timed(["check", "-q", *cache, "--format", "json", "-o", str(root / "warm.json"),
                   str(folder)])
        runs = [
            ("json", ["check", *cache, "--format", "json", "-o", str(root / "f.json"),
                      str(folder)], root / "f.json", args.reports),
            ("html folder", ["check", *cache, "--format", "html", "-o", f"{root / 'pages'}/",
                             str(folder)], root / "pages", args.reports),
            ("html one page", ["check", *cache, "--format", "html", "-o",
                               str(root / "one.html"), str(few)], root / "one.html",
             min(50, args.reports)),
        ]
        base = None
        print(f"{'output':14} {'reports':>7} {'seconds':>8} {'reports/s':>9} {'peak MB':>8} "
              f"{'written MB':>10}")
        for name, command, out, n in runs:
            seconds, peak = timed(command)
            base = base or seconds
            ratio = f"   {seconds / base:.2f}× json" if name == "html folder" else ""
            print(f"{name:14} {n:>7} {seconds:8.2f} {n / seconds:9.1f} {peak:8.0f} "
                  f"{size(out) / 1e6:10.1f}{ratio}")


if __name__ == "__main__":
    main()

"""Fuzz harness: mutated reports through the readers, the parser and the rules, and mutated rule
texts through the rule compiler; the count of internal errors (bugs) must be 0.

    .venv/bin/python benchmarks/fuzz.py [--reports 100000] [--rules 20000] [--seed 1]
                                         [--out fuzz-crashes/] [--seconds N] [-j N]
                                         [--whole] [--start K] [--rules-start K]

* A mutated report is an excerpt of one of the five text reports of tests/fixtures
  (:func:`excerpt`: its head, where the title, department and year are, and one to three runs
  of lines cut from the rest, 50–300 lines in all; ``--whole``: the whole report) with 1–6
  random edits (:func:`mutate_report`: a line deleted, doubled, swapped, cut short; a digit, a
  separator or a unit changed; CJK or ASCII junk inserted; the whole text cut), read, segmented,
  parsed and checked against the full rule set through ``Engine.check`` as ``checker check``
  does. An excerpt is a few table blocks and narrative sections, so a case costs a tenth of a
  whole report and the rules still meet every kind of table. An input error is a right answer; an internal
  error (``FileResult.internal``) is a bug: its report is written to ``--out``.
* A mutated rule text is one of the shipped ``.rules`` files with 1–4 random edits
  (:func:`mutate_rules`), compiled with ``compile_text``: a ``RuleError`` (any CheckerError) is a
  right answer, any other exception a bug, written to ``--out`` with its traceback.

Case ``i`` is drawn from its own ``random.Random(f"{seed}:{part}:{i}")``, so a run is the same
whatever ``-j`` (worker processes, each building the engine once) and can be resumed or split
with ``--start K`` (begin the reports at case K) and ``--rules-start K`` (the rule texts); cases
K … ``--reports`` − 1 are run (``--start 40000 --reports 100000``: the last 60,000). Prints the
counts and the rate, and a progress line every few thousand cases; exit code 1 when any bug was
found. ``tests/test_fuzz.py`` runs a short, seeded version of both with hypothesis.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
import traceback
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.check import CheckSpec, Engine  # noqa: E402
from checker.dsl.compile import compile_text  # noqa: E402
from checker.errors import CheckerError  # noqa: E402
from checker.read.text import RawDocument, read_text  # noqa: E402

REPORTS = sorted((ROOT / "tests" / "fixtures").glob("*.txt"))
RULES = sorted((ROOT / "rules").glob("*.rules")) + sorted(ROOT.glob("plugins/*/checker_*/rules/*.rules"))
JUNK = ["万元", "元", "%", "（", "）", "\t", " ", "，", "。", "：", "合计", "其中", "增加", "减少",
        "201", "2080505", "-", "−", "0.00", "1,234.56", "\u3000", "表", "公开03表", "XX", "\n"]
RULE_JUNK = ["(", ")", "[", "]", ":", "=", "+", "×", "÷", "for", "in", "where", "when", "let",
             "require", "rule", "\"", "\n", "  ", ".", ",", "facts(", "prev(", "row.", "合计"]


def mutate_report(lines: list[str], rng: random.Random) -> list[str]:
    """The lines with 1–6 random edits."""
    out = list(lines)
    for _ in range(rng.randint(1, 6)):
        if not out:
            out = [rng.choice(JUNK)]
        i = rng.randrange(len(out))
        edit = rng.randrange(9)
        if edit == 0:
            del out[i]
        elif edit == 1:
            out.insert(i, out[i])
        elif edit == 2:
            j = rng.randrange(len(out))
            out[i], out[j] = out[j], out[i]
        elif edit == 3:
            out[i] = out[i][: rng.randint(0, len(out[i]))]
        elif edit == 4:
            out[i] = "".join(rng.choice("0123456789") if c.isdigit() and rng.random() < 0.3 else c
                             for c in out[i])
        elif edit == 5:
            at = rng.randint(0, len(out[i]))
            out[i] = out[i][:at] + rng.choice(JUNK) + out[i][at:]
        elif edit == 6:
            out[i] = out[i].replace("\t", rng.choice([" ", "  ", ""]))
        elif edit == 7:
            out = out[: rng.randint(0, len(out))]
        else:
            out.insert(i, "".join(rng.choice(JUNK) for _ in range(rng.randint(1, 8))))
    return out


def excerpt(lines: list[str], rng: random.Random, head: int = 40) -> list[str]:
    """The report's first ``head`` lines and one to three runs cut from the rest (50–300 lines
    in all, in the report's order): a few table blocks and narrative sections."""
    if len(lines) <= 300:
        return list(lines)
    body = len(lines) - head
    runs = rng.randint(1, 3)
    want = rng.randint(50, 300) - head
    starts = sorted(rng.randrange(body) for _ in range(runs))
    keep: set[int] = set()
    for at in starts:
        keep.update(range(head + at, min(len(lines), head + at + max(1, want // runs))))
    return lines[:head] + [lines[i] for i in sorted(keep)]


def mutate_rules(text: str, rng: random.Random) -> str:
    """The rule text with 1–4 random edits."""
    for _ in range(rng.randint(1, 4)):
        if not text:
            return rng.choice(RULE_JUNK)
        at = rng.randrange(len(text))
        edit = rng.randrange(4)
        if edit == 0:
            text = text[:at] + text[at + rng.randint(1, 8):]
        elif edit == 1:
            text = text[:at] + rng.choice(RULE_JUNK) + text[at:]
        elif edit == 2:
            lines = text.split("\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:
            text = text[:at]
    return text


def check_report(engine: Engine, base: RawDocument, lines: list[str], name: str) -> str | None:
    """None, or what the bug was, for one mutated report."""
    raw = replace(base, lines=lines, path=name)
    result = engine.check(Path(name), raw=raw)
    return result.error if result.internal else None


def compile_rules_text(engine: Engine, text: str) -> str | None:
    """None, or the traceback of a bug, for one mutated rule text."""
    try:
        compile_text(text, engine.registry, "<fuzz>", engine.functions)
    except CheckerError:
        return None
    except RecursionError:
        return None  # a deeply nested expression: the parser's limit, reported as such upstream
    except Exception:
        return traceback.format_exc()
    return None


_WORKER: dict[str, object] = {}


def _setup() -> None:
    """Build the engine, read the reports and the rule texts once in this process."""
    if not _WORKER:
        _WORKER["engine"] = Engine(CheckSpec(keep_passed=False))
        _WORKER["bases"] = [read_text(p) for p in REPORTS]
        _WORKER["texts"] = [p.read_text(encoding="utf-8") for p in RULES]


def run_case(job: tuple[str, int, int, bool]) -> tuple[str, int, str | None, str]:
    """One case ``(part, i, seed, whole)``: ``(part, i, problem or None, sample)``."""
    part, i, seed, whole = job
    _setup()
    engine = _WORKER["engine"]
    assert isinstance(engine, Engine)
    rng = random.Random(f"{seed}:{part}:{i}")
    if part == "reports":
        base = rng.choice(_WORKER["bases"])  # type: ignore[arg-type]
        lines = base.lines if whole else excerpt(base.lines, rng)
        lines = mutate_report(lines, rng)
        return part, i, check_report(engine, base, lines, f"fuzz-{i}.txt"), "\n".join(lines)
    sample = mutate_rules(rng.choice(_WORKER["texts"]), rng)  # type: ignore[arg-type]
    return part, i, compile_rules_text(engine, sample), sample


def main() -> int:
    """Run both fuzzers; print the counts."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=100_000)
    ap.add_argument("--rules", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0, help="begin the reports at this case")
    ap.add_argument("--rules-start", type=int, default=0, help="begin the rule texts at this case")
    ap.add_argument("--seconds", type=float, default=0, help="stop each part after this long")
    ap.add_argument("--whole", action="store_true", help="whole reports, not excerpts")
    ap.add_argument("-j", "--jobs", type=int, default=1, help="worker processes")
    ap.add_argument("--out", type=Path, default=Path("fuzz-crashes"))
    args = ap.parse_args()
    pool = multiprocessing.Pool(args.jobs) if args.jobs > 1 else None
    bugs = 0
    try:
        for part, first, total in (("reports", args.start, args.reports),
                                   ("rules", args.rules_start, args.rules)):
            start, done = time.perf_counter(), 0
            jobs = ((part, i, args.seed, args.whole) for i in range(first, total))
            results = pool.imap_unordered(run_case, jobs, chunksize=8) if pool else map(run_case, jobs)
            for _part, i, problem, sample in results:
                done += 1
                if problem is not None:
                    bugs += 1
                    args.out.mkdir(parents=True, exist_ok=True)
                    (args.out / f"{part}-{i}.txt").write_text(sample, encoding="utf-8")
                    (args.out / f"{part}-{i}.error.txt").write_text(problem, encoding="utf-8")
                if done % 5000 == 0:
                    print(f"  {part}: {done} done, {time.perf_counter() - start:.0f} s, "
                          f"internal errors so far: {bugs}", flush=True)
                if args.seconds and time.perf_counter() - start > args.seconds:
                    break
            seconds = time.perf_counter() - start
            print(f"{part}: {done} mutated, {seconds:.0f} s ({done / max(seconds, 1e-9):.0f}/s), "
                  f"internal errors so far: {bugs}", flush=True)
    finally:
        if pool is not None:
            pool.terminate()
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main())

"""The ``checker`` console script: sets the process up for a short run, then the command line.

A command's objects (modules, templates, rules, the parsed report) mostly live until it exits,
and the cyclic collector's default — a pass every 700 new objects, promoting survivors to older
generations that are traversed again — walks them over and over: about 35 ms of a 0.35 s check
of one report. Every 50,000 new objects still frees the cycles of a long run over many reports.
The threshold is set before :mod:`checker.cli` is imported, because the imports make most of
those objects; that is why this module imports nothing of the checker at its top.
"""

from __future__ import annotations

import gc

__all__ = ["main"]

GEN0_THRESHOLD = 50_000


def main() -> int:
    """Entry point of the ``checker`` console script (``checker.cli.main`` with the process's
    collector set for it)."""
    gc.set_threshold(GEN0_THRESHOLD, *gc.get_threshold()[1:])
    from checker.cli import main as command_line

    return command_line()

"""Baselines: known failures, kept outside the reports, each with a reason.

A baseline file is YAML, a list of entries keyed by the finding's fingerprint (rule id, instance,
operands, department and year — no line numbers, so it survives a re-typeset report)::

    - fingerprint: 3f2a9c0d1e4b5a67
      rule: T07
      reason: 单位已说明：差额为四舍五入

A failed result whose fingerprint and rule match an entry is *baselined*: it is still reported,
marked as such, and does not count towards the exit code. Entries that matched nothing are
returned so the caller can warn about them. ``checker check --write-baseline FILE`` writes the
current failures with the reason ``TODO: explain`` (keeping the reasons of entries already in
the baseline that still match).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from checker.errors import CheckerError
from checker.findings import FileResult, Status
from checker.yaml_load import YamlError, load_yaml

__all__ = ["TODO_REASON", "Baseline", "BaselineEntry", "BaselineError", "load_baseline",
           "write_baseline"]

TODO_REASON = "TODO: explain"


class BaselineError(CheckerError):
    """A baseline file that cannot be read or is not a list of entries."""


@dataclass(frozen=True)
class BaselineEntry:
    """One known failure: its fingerprint, its rule and why it is accepted."""

    fingerprint: str
    rule: str
    reason: str = TODO_REASON

    def to_json(self) -> dict[str, str]:
        """The YAML/JSON form."""
        return {"fingerprint": self.fingerprint, "rule": self.rule, "reason": self.reason}


@dataclass
class Baseline:
    """A set of entries, looked up by (fingerprint, rule)."""

    entries: list[BaselineEntry]
    path: Path | None = None

    def __post_init__(self) -> None:
        self._index = {(e.fingerprint, e.rule): e for e in self.entries}
        self._used: set[tuple[str, str]] = set()

    def match(self, fingerprint: str, rule: str) -> BaselineEntry | None:
        """The entry for this failure (and remember it was used), or None."""
        entry = self._index.get((fingerprint, rule))
        if entry is not None:
            self._used.add((fingerprint, rule))
        return entry

    def unused(self, rules: Iterable[str] | None = None) -> list[BaselineEntry]:
        """Entries that matched no failure (only those of ``rules``, when given)."""
        wanted = set(rules) if rules is not None else None
        return [e for e in self.entries if (e.fingerprint, e.rule) not in self._used
                and (wanted is None or e.rule in wanted)]


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file; a missing file is an error (the user named it)."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found") from None
    except (OSError, UnicodeDecodeError, YamlError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
    if data is None:
        data = []
    if not isinstance(data, list):
        raise BaselineError(f"{path}: a baseline is a list of {{fingerprint, rule, reason}} entries")
    entries: list[BaselineEntry] = []
    for i, item in enumerate(data, 1):
        if not isinstance(item, dict) or "fingerprint" not in item or "rule" not in item:
            raise BaselineError(f"{path}: entry {i} needs 'fingerprint' and 'rule'")
        entries.append(BaselineEntry(str(item["fingerprint"]), str(item["rule"]),
                                     str(item.get("reason") or TODO_REASON)))
    return Baseline(entries, path)


def baseline_entries(files: Iterable[FileResult], previous: Baseline | None = None) -> list[BaselineEntry]:
    """One entry per current failure (no repeats), keeping reasons already given in ``previous``."""
    out: dict[tuple[str, str], BaselineEntry] = {}
    for f in files:
        for r in f.results:
            if r.status is not Status.FAILED or (r.fingerprint, r.rule) in out:
                continue
            old = previous._index.get((r.fingerprint, r.rule)) if previous else None
            out[(r.fingerprint, r.rule)] = old or BaselineEntry(r.fingerprint, r.rule)
    return list(out.values())


def write_baseline(path: Path, entries: list[BaselineEntry]) -> None:
    """Write entries as a YAML baseline file."""
    import yaml  # only to write one: a check that reads a baseline need not import it

    text = ("# checker baseline: known failures, by fingerprint. Replace each 'TODO: explain'\n"
            "# with the reason the failure is accepted.\n")
    if entries:
        text += yaml.safe_dump([e.to_json() for e in entries], allow_unicode=True, sort_keys=False)
    else:
        text += "[]\n"
    path.write_text(text, encoding="utf-8")

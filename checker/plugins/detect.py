"""Which region a report is: the plugins' claims (``checker_detect_region``), and the region files
the core knows whose plugin is not installed."""

from __future__ import annotations

from typing import Any

from checker.model import Document
from checker.plugins.host import PluginHost
from checker.region import CLAIM, RegionMatch, known_regions, match_region

__all__ = ["NOT_DETECTED", "detect_region", "detect_report_region", "document_lines", "missing_region"]


NOT_DETECTED = "not detected: national rules only"


def _as_match(out: Any) -> RegionMatch:
    if isinstance(out, RegionMatch):
        return out
    if isinstance(out, str):
        return RegionMatch(out, "the plugin recognised the report", 1)
    if isinstance(out, tuple) and len(out) in (2, 3):
        return RegionMatch(str(out[0]), str(out[1]), int(out[2]) if len(out) == 3 else 1)
    raise TypeError(f"expected a RegionMatch, (code, evidence) or a code, got {out!r}")


def detect_region(host: PluginHost, lines: list[str]) -> tuple[str | None, str]:
    """Ask every plugin whether the report is its region: (region code or None, how).

    Only a claim counts (``checker.region``: a place in the department name 3, on the cover or
    in a table header 2); a layout signature alone (score 1) never sets a region. The strongest
    claim wins; two regions tied at the top are told apart by a layout signature when exactly
    one of them has one, else the region is not detected. A plugin that answers a bare code or
    a ``(code, evidence)`` pair claims the report (score 2). No claim gives
    ``(None, "not detected: …national rules only")``, naming any signature that was seen.
    """
    claims: list[tuple[str, RegionMatch]] = []
    signatures: list[tuple[str, RegionMatch]] = []
    for name, out in host.call("checker_detect_region", lines=lines):
        try:
            if isinstance(out, str):  # the plugin's own recognition: a claim
                match = RegionMatch(out, "the plugin recognised the report", CLAIM)
            elif isinstance(out, tuple) and len(out) == 2:
                match = RegionMatch(str(out[0]), str(out[1]), CLAIM)
            else:
                match = _as_match(out)
        except (TypeError, ValueError) as exc:
            host.fail(name, f"checker_detect_region: {exc}")
            continue
        (claims if match.score >= CLAIM else signatures).append((name, match))
    if not claims:
        if not signatures:
            return None, NOT_DETECTED
        seen = "; ".join(f"plugin {n} ({m.code}): {m.evidence}" for n, m in signatures)
        return None, (f"not detected: no plugin claimed it (a layout signature alone is no "
                      f"claim: {seen}); national rules only")
    best = max(m.score for _, m in claims)
    top = [(n, m) for n, m in claims if m.score == best]
    if len({m.code.upper() for _, m in top}) > 1:
        signed = [(n, m) for n, m in top if m.signature]
        if len({m.code.upper() for _, m in signed}) == 1:
            name, match = signed[0]
            return match.code.upper(), f"plugin {name}: {match.evidence} (tie broken by the signature)"
        who = "; ".join(f"plugin {n}: {m.code} ({m.evidence})" for n, m in top)
        return None, f"not detected: ambiguous ({who}); national rules only"
    name, match = top[0]
    return match.code.upper(), f"plugin {name}: {match.evidence}"


def missing_region(host: PluginHost, lines: list[str]) -> RegionMatch | None:
    """The claim of a region the core knows (``checker.region.known_regions``: the region files
    of this repository's region packages) whose plugin is not installed, or None.

    Asked when no installed plugin claimed a report, so that a report checked without its
    region's rules says so instead of silently passing the national rules only. Nothing is
    asked when the plugins are disabled (``--no-plugins``): the user chose the national set.
    """
    if host.disabled:
        return None
    installed = {str(info.get("code", "")).upper()
                 for _, info in host.call("checker_plugin_info") if isinstance(info, dict)}
    claims = []
    for spec in known_regions():
        if spec.code.upper() in installed:
            continue
        match = match_region(lines, spec)
        if match is not None and match.score >= CLAIM:
            claims.append((match, spec))
    best = max((m.score for m, _ in claims), default=0)
    top = [(m, spec) for m, spec in claims if m.score == best]
    if len(top) != 1:  # none, or two regions tied: nothing certain to say
        return None
    found, spec = top[0]
    where = f"{spec.package} (plugins/{spec.folder} of budget-checker)" if spec.package else "its package"
    return RegionMatch(spec.code.upper(), f"region {spec.code.upper()} ({found.evidence}), but its "
                       f"plugin {where} is not installed", found.score, found.signature)


def detect_report_region(host: PluginHost, lines: list[str]) -> tuple[str | None, str, str | None]:
    """:func:`detect_region`, and when no installed plugin claims the report, the code of a
    known region whose plugin is missing (:func:`missing_region`), with its evidence in ``how``."""
    code, how = detect_region(host, lines)
    if code is not None or how.startswith("not detected: ambiguous"):
        return code, how, None
    missing = missing_region(host, lines)
    if missing is None:
        return code, how, None
    return None, f"not detected: {missing.evidence}; national rules only", missing.code


def document_lines(document: Document) -> list[str]:
    """The text a parsed document keeps, as lines for region detection: the department, the
    section headings and texts, the table titles and notes."""
    lines = [document.meta.department or ""]
    for top in document.sections:
        for s in top.walk():
            lines.append(s.title)
            lines.extend(s.text.splitlines())
    for t in document.tables:
        lines.append(t.title)
        lines.extend(n.text for n in t.notes)
    lines.extend(e.title for e in document.listed_tables)
    return lines

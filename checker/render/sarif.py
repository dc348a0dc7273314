"""SARIF 2.1.0 output, for code-scanning services and editors.

* one run; ``tool.driver.rules`` lists every rule that ran (id, title, default level, tags);
* one result per failure (``kind: fail``, level ``error`` / ``warning`` / ``note``) and per
  instance not evaluated (``kind: review``, level ``none``, the reason as message); passed
  instances only with ``--show-passed`` (``kind: pass``);
* each result points at the report (``physicalLocation``: the path as given, the line of its
  first operand) and carries the fingerprint in ``partialFingerprints``; its ``properties``
  hold both sides, the difference, the tolerance and every operand, and for a PDF or workbook
  the ``place`` of that line (``page 3``, ``公开01表!A5:H5``);
* a failure a baseline accepts gets an ``external`` suppression with the baseline's reason;
* a report that could not be read is a ``toolExecutionNotification`` and makes
  ``executionSuccessful`` false;
* written a report at a time (``checker check`` streams it): only the list of reports is held.

Validated in the tests against the official schema (tests/render/data/sarif-schema-2.1.0.json).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from checker.check import CheckedFile
from checker.findings import Result, Status
from checker.render.base import RenderContext, Renderer, location_line, rendered

__all__ = ["SARIF_SCHEMA", "SarifRenderer"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "checkerFingerprint/v1"


def artifact_uri(path: str) -> str:
    """The report path as a URI reference (forward slashes, percent-encoded)."""
    return quote(Path(path).as_posix(), safe="/:")


def _location(uri: str, line: int | None) -> dict[str, Any]:
    phys: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if line is not None and line >= 1:
        phys["region"] = {"startLine": line}
    return {"physicalLocation": phys}


def _result(f: CheckedFile, r: Result, uri: str, index: dict[str, int]) -> dict[str, Any]:
    data = r.to_json()
    if r.status is Status.FAILED:
        kind, level = "fail", LEVELS.get(r.severity, "warning")
        text = r.message or r.title
    elif r.status is Status.NOT_EVALUATED:
        kind, level = "review", "none"
        text = f"not evaluated: {r.reason or r.message}"
    else:
        kind, level = "pass", "none"
        text = r.message or r.title
    out: dict[str, Any] = {"ruleId": r.rule}
    if r.rule in index:
        out["ruleIndex"] = index[r.rule]
    out.update({
        "kind": kind,
        "level": level,
        "message": {"text": text},
        "locations": [_location(uri, location_line(r))],
        "partialFingerprints": {FINGERPRINT_KEY: f.result.fingerprint(r)},
        "properties": {k: data[k] for k in ("status", "instance", "lines", "operator", "left",
                                            "right", "difference", "tolerance", "operands",
                                            "source", "reason") if k in data},
    })
    place = f.result.place(r)
    if place is not None:  # a PDF page or workbook cells: the line is one of the extracted text
        out["properties"]["place"] = place
    if f.is_baselined(r):
        out["suppressions"] = [{"kind": "external", "state": "accepted",
                                "justification": f.baselined[r.fingerprint]}]
    return out


def _driver(ctx: RenderContext) -> dict[str, Any]:
    rules = [{
        "id": info.id,
        "name": info.id.replace(".", "_"),
        "shortDescription": {"text": info.title},
        "defaultConfiguration": {"level": LEVELS.get(info.severity, "warning")},
        "properties": {"tags": list(info.tags), "applies": info.applies, "source": info.source},
    } for info in ctx.rules]
    driver: dict[str, Any] = {
        "name": "checker",
        "fullName": "budget-checker (部门预算/决算公开 checks)",
        "informationUri": "https://github.com/budget-checker/budget-checker",
        "rules": rules,
    }
    if ctx.version:
        driver["version"] = ctx.version
    return driver


def _indented(value: Any, depth: int) -> str:
    """``value`` as JSON indented by one space a level, starting ``depth`` levels in."""
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * depth)


class SarifRenderer(Renderer):
    """SARIF 2.1.0 (JSON)."""

    name = "sarif"

    def render(self, files: list[CheckedFile], ctx: RenderContext) -> str:
        """The SARIF log, indented."""
        return rendered(self, files, ctx)

    def write(self, files: Iterable[CheckedFile], ctx: RenderContext, out: TextIO) -> None:
        """The log written a report's results at a time: the rules first, then the results as
        each report arrives, then the reports (artifacts) and the invocation (JSON objects have
        no key order, so nothing waits for the end)."""
        index = {info.id: i for i, info in enumerate(ctx.rules)}
        notifications: list[dict[str, Any]] = []
        artifacts: list[dict[str, Any]] = []
        out.write('{\n "$schema": ' + json.dumps(SARIF_SCHEMA) + ',\n "version": "2.1.0",\n'
                  ' "runs": [\n  {\n   "tool": {\n    "driver": ' + _indented(_driver(ctx), 4)
                  + '\n   },\n   "columnKind": "unicodeCodePoints",\n   "results": [')
        first = True
        for f in files:
            uri = artifact_uri(f.path)
            artifacts.append({"location": {"uri": uri}, "roles": ["analysisTarget"]})
            if f.error:
                notifications.append({"level": "error", "message": {"text": f.error},
                                      "locations": [_location(uri, None)]})
                continue
            for r in f.result.results:
                if r.status in (Status.FAILED, Status.NOT_EVALUATED) or (
                        ctx.show_passed and r.status is Status.PASSED):
                    out.write(("" if first else ",") + "\n    " + _indented(_result(f, r, uri, index), 4))
                    first = False
            out.flush()
        invocation = {"executionSuccessful": not notifications,
                      "toolExecutionNotifications": notifications}
        out.write(("\n   ],\n" if not first else "],\n")
                  + '   "artifacts": ' + _indented(artifacts, 3) + ",\n"
                  + '   "invocations": ' + _indented([invocation], 3) + "\n  }\n ]\n}\n")

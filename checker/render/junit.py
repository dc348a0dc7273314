"""JUnit XML output, for CI systems that show test reports.

One ``<testsuite>`` per report file and one ``<testcase>`` per rule instance (``classname`` the
rule id, ``name`` the rule and its instance). A failure is ``<failure>`` (its message, with both
sides and the operands in the body); an instance not evaluated is
``<skipped message="not evaluated: reason">``; one not applicable is
``<skipped message="not applicable: reason">``; a failure a baseline accepts is
``<skipped message="baselined: reason">``. A report that cannot be read is a suite with one
``<error>``.
"""

from __future__ import annotations

import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import TextIO
from xml.sax.saxutils import quoteattr

from checker.check import CheckedFile
from checker.findings import Result, Status
from checker.render.base import RenderContext, Renderer, location_line, rendered
from checker.render.text import _detail

__all__ = ["JunitRenderer"]

TOTALS = ("tests", "failures", "errors", "skipped")
SPOOL_BYTES = 8 << 20  # suites beyond this wait on disk for the totals the root element needs


def _case_name(r: Result) -> str:
    inst = ", ".join(f"{k}={v}" for k, v in r.instance)
    return f"{r.rule} {r.title}" + (f" [{inst}]" if inst else "")


def _body(r: Result, place: str | None) -> str:
    lines = [r.message]
    if place is not None:
        lines.append(f"at {place}")
    detail = _detail(r)
    if detail:
        lines.append(detail)
    for o in r.operands:
        lines.append(f"  {o.binding()} line {o.line}: {o.text!r}")
    lines.append(f"rule: {r.source}  fingerprint: {r.fingerprint}")
    return "\n".join(lines)


def _suite(f: CheckedFile) -> ET.Element:
    suite = ET.Element("testsuite", name=f.path)
    if f.error:
        case = ET.SubElement(suite, "testcase", classname="checker", name="read report", file=f.path)
        ET.SubElement(case, "error", message=f.error, type="InputError").text = f.error
        suite.set("tests", "1")
        suite.set("errors", "1")
        suite.set("failures", "0")
        suite.set("skipped", "0")
        return suite
    failures = skipped = 0
    for r in f.result.results:
        case = ET.SubElement(suite, "testcase", classname=r.rule, name=_case_name(r), file=f.path)
        line = location_line(r)
        if line is not None:
            case.set("line", str(line))
        if f.is_baselined(r):
            skipped += 1
            ET.SubElement(case, "skipped", message=f"baselined: {f.baselined[r.fingerprint]}")
        elif r.status is Status.FAILED:
            failures += 1
            failure = ET.SubElement(case, "failure", message=r.message, type=r.severity)
            failure.text = _body(r, f.result.place(r))
        elif r.status is Status.NOT_EVALUATED:
            skipped += 1
            ET.SubElement(case, "skipped", message=f"not evaluated: {r.reason or r.message}")
        elif r.status is Status.NOT_APPLICABLE:
            skipped += 1
            ET.SubElement(case, "skipped", message=f"not applicable: {r.reason or r.message}")
    suite.set("tests", str(len(f.result.results)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    return suite


class JunitRenderer(Renderer):
    """JUnit XML (the common Jenkins/GitLab flavour)."""

    name = "junit"
    keeps_passed = True

    def render(self, files: list[CheckedFile], ctx: RenderContext) -> str:
        """The XML document with its declaration."""
        return rendered(self, files, ctx)

    def write(self, files: Iterable[CheckedFile], ctx: RenderContext, out: TextIO) -> None:
        """The document, holding one report's suite at a time: the suites are spooled (to disk
        beyond a few MB) until the totals of ``<testsuites>`` are known."""
        totals = dict.fromkeys(TOTALS, 0)
        with tempfile.SpooledTemporaryFile(SPOOL_BYTES, mode="w+", encoding="utf-8") as spool:
            for f in files:
                suite = _suite(f)
                ET.indent(suite, level=1)
                spool.write("  " + ET.tostring(suite, encoding="unicode").rstrip() + "\n")
                for k in totals:
                    totals[k] += int(suite.get(k, "0"))
            attrs = " ".join(f"{k}={quoteattr(str(v))}" for k, v in totals.items())
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                      f'<testsuites name="checker" {attrs}>\n')
            spool.seek(0)
            shutil.copyfileobj(spool, out)
            out.write("</testsuites>\n")

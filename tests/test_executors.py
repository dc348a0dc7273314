"""The same findings, in the same order, whatever checks the reports: this process, a local pool
of two workers, a Dask LocalCluster of two workers; a worker killed mid-run loses nothing."""

from __future__ import annotations

import json

import pytest

from checker.check import CheckSpec, Engine, apply_baseline
from checker.cli import main
from checker.executors import run
from checker.render.json import to_json
from tests.conftest import FIXTURES, REPORTS

PDFS = sorted((FIXTURES / "pdf").glob("*.pdf"))
ITEMS = [*REPORTS.values(), *PDFS]


def _findings(results):
    out = []
    for item in to_json(apply_baseline(list(results), None)):
        failures = sorted((r["rule"], r["status"], r.get("message") or r.get("reason") or "")
                          for r in item["results"])
        out.append((item["path"], failures, item["summary"]))
    return out


@pytest.fixture(scope="module")
def engine():
    return Engine(CheckSpec(keep_passed=False))


@pytest.fixture(scope="module")
def serial(engine):
    return _findings(run(ITEMS, engine, jobs=1))


def test_a_local_pool_gives_the_findings_of_one_process(engine, serial):
    assert [p for p, _f, _s in serial] == [str(p) for p in ITEMS]
    assert _findings(run(ITEMS, engine, jobs=2)) == serial


def _need_dask() -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")


@pytest.mark.dask
def test_a_dask_cluster_gives_the_findings_of_one_process(engine, serial):
    _need_dask()
    assert _findings(run(ITEMS, engine, executor="dask", jobs=2)) == serial


@pytest.mark.dask
def test_a_killed_worker_has_its_report_retried_and_nothing_is_lost(engine, tmp_path,
                                                                    monkeypatch):
    _need_dask()
    marker = tmp_path / "killed"
    victim = REPORTS["QH24"]
    monkeypatch.setenv("CHECKER_TEST_KILL_ONCE", f"{victim.name}:{marker}")
    items = list(REPORTS.values())
    results = list(run(items, engine, executor="dask", jobs=2))
    assert marker.exists()  # the worker checking QH24 did die
    assert [r.path for r in results] == [str(p) for p in items]
    assert not any(r.error for r in results)
    expected = _findings(run(items, engine, jobs=1))
    assert _findings(results) == expected


def test_jsonl_streams_one_line_per_report(capsys):
    code = main(["check", "--format", "jsonl", "--no-cache", *map(str, REPORTS.values())])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    items = [json.loads(x) for x in lines]
    assert [i["path"] for i in items] == [str(p) for p in REPORTS.values()]
    assert all(r["status"] in ("failed", "not_evaluated") for i in items for r in i["results"])
    assert all("parsed_document" not in i for i in items)
    code = main(["check", "--format", "jsonl", "--no-cache", "--with-document",
                 str(REPORTS["GS21B"])])
    [item] = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert item["parsed_document"]["meta"]["year"] == 2021

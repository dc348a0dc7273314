"""Where reports are checked: in this process, in a local process pool, or on a Dask cluster.

Every executor takes the reports to check (a path, or the tuple of paths of a report published
as several) and yields their results **in input order, as soon as the next one is done** — the
output streams, and no more results are held than the ones finished ahead of the next in line.

* ``local`` (the default): in this process for ``jobs == 1``, else a process pool of ``jobs``
  workers, each building its own engine once (``checker.check.Engine``).
* ``dask``: Dask distributed (``pip install budget-checker[dask]``): the scheduler at
  ``--scheduler tcp://host:8786``, or a ``LocalCluster`` of ``jobs`` single-threaded worker
  processes when no address is given. Each worker builds its engine once, from the same
  :class:`~checker.check.CheckSpec`. A worker that dies has its report run again once on
  another worker (``distributed.scheduler.allowed-failures`` = 1 on a local cluster); a report
  that kills a worker twice is reported as an error for that report, and the others go on.

A worker process that fails in any other way gives an error result naming the report, never a
lost one.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from checker.check import Engine
from checker.findings import FileResult
from checker.pairing import Item

__all__ = ["EXECUTORS", "check_paths", "item_name", "run_dask", "run_local"]

Progress = Callable[[Item], None] | None
EXECUTORS = ("local", "dask")

_WORKER: dict[str, Any] = {}


def item_name(item: Item) -> str:
    """A report as the output names it: its path, or its files' paths joined by " + "."""
    return str(item) if isinstance(item, Path) else " + ".join(str(p) for p in item)


def _wire(item: Item) -> str | tuple[str, ...]:
    return str(item) if isinstance(item, Path) else tuple(str(p) for p in item)


def _unwire(item: str | tuple[str, ...]) -> Item:
    return Path(item) if isinstance(item, str) else tuple(Path(p) for p in item)


def _engine(spec: Any) -> Any:
    """This process's engine for ``spec``, built once (a worker checks many reports)."""
    engine = _WORKER.get("engine")
    if engine is None or engine.spec != spec:
        warnings.simplefilter("ignore")  # the main process has already shown plugin warnings
        engine = _WORKER["engine"] = Engine(spec)
    return engine


def _fault_hook(item: Item) -> None:
    """Test-only: ``CHECKER_TEST_KILL_ONCE=<name>:<marker file>`` ends the worker process the
    first time it checks a report of that file name (the marker records that it did)."""
    spec = os.environ.get("CHECKER_TEST_KILL_ONCE")
    if not spec:
        return
    name, _, marker = spec.partition(":")
    names = [item.name] if isinstance(item, Path) else [p.name for p in item]
    if name in names and marker and not os.path.exists(marker):
        Path(marker).write_text("killed once", encoding="utf-8")
        os._exit(1)


def check_in_worker(spec: Any, item: str | tuple[str, ...]) -> list[FileResult]:
    """Check one report in a worker process (the unit of work of every executor)."""
    target = _unwire(item)
    _fault_hook(target)
    return _engine(spec).check_item(target)


def _in_order(done: Iterator[tuple[int, list[FileResult]]], total: int,
              items: list[Item], progress: Progress) -> Iterator[FileResult]:
    """Yield results by input index as soon as the next index is done."""
    ahead: dict[int, list[FileResult]] = {}
    nxt = 0
    for i, results in done:
        ahead[i] = results
        if progress:
            progress(items[i])
        while nxt in ahead:
            yield from ahead.pop(nxt)
            nxt += 1
    while nxt < total:  # pragma: no cover - every index is reported above
        yield from ahead.pop(nxt, [])
        nxt += 1


def _cached(items: list[Item], engine: Any) -> dict[int, list[FileResult]]:
    """What the cache holds, taken in this process: workers start only for the reports to read."""
    return {i: r for i, it in enumerate(items) if (r := engine.cached(it)) is not None}


def _worker_failed(item: Item, how: str, exc: BaseException) -> list[FileResult]:
    """The result of a report whose worker failed: an input error naming it (the others go on)."""
    name = item_name(item)
    return [FileResult(path=name, results=(),
                       error=f"{name}: worker failed{how}: {type(exc).__name__}: {exc}")]


def run_local(items: list[Item], engine: Any, jobs: int = 1,
              progress: Progress = None) -> Iterator[FileResult]:
    """Check the reports here (``jobs == 1``) or in a pool of ``jobs`` worker processes."""
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            yield from engine.check_item(item)
            if progress:
                progress(item)
        return
    hits = _cached(items, engine)
    if len(hits) == len(items):
        yield from _in_order(iter(hits.items()), len(items), items, progress)
        return
    # imported here: a one-report run (the pre-commit hook's) does not pay for the pool (~10 ms)
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=min(jobs, len(items) - len(hits))) as pool:
        futures = {pool.submit(check_in_worker, engine.spec, _wire(it)): i
                   for i, it in enumerate(items) if i not in hits}

        def done() -> Iterator[tuple[int, list[FileResult]]]:
            for fut in as_completed(futures):
                i = futures[fut]
                try:
                    yield i, fut.result()
                except Exception as exc:  # a worker died: name the report, go on
                    yield i, _worker_failed(items[i], "", exc)

        yield from _in_order(_with(hits, done()), len(items), items, progress)


def _with(hits: dict[int, list[FileResult]],
          done: Iterator[tuple[int, list[FileResult]]]) -> Iterator[tuple[int, list[FileResult]]]:
    """The results already at hand, then the others as they are done."""
    yield from hits.items()
    yield from done


def run_dask(items: list[Item], engine: Any, jobs: int = 2, scheduler: str | None = None,
             progress: Progress = None) -> Iterator[FileResult]:
    """Check the reports on a Dask cluster (the scheduler's address, or a LocalCluster)."""
    try:
        import dask
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_completed
    except ImportError:
        raise RuntimeError("--executor dask needs Dask distributed: pip install "
                           "'budget-checker[dask]'") from None
    hits = _cached(items, engine)
    if len(hits) == len(items):
        yield from _in_order(iter(hits.items()), len(items), items, progress)
        return
    misses = [i for i in range(len(items)) if i not in hits]
    cluster = None
    with dask.config.set({"distributed.scheduler.allowed-failures": 1,
                          "distributed.worker.daemon": False,
                          "distributed.logging.distributed": "error"}):
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(n_workers=max(1, min(jobs, len(misses))), threads_per_worker=1,
                                   processes=True, dashboard_address=None, silence_logs=40)
            client = Client(cluster)
        try:
            futures = client.map(check_in_worker, [engine.spec] * len(misses),
                                 [_wire(items[i]) for i in misses], pure=False)
            index = {f.key: i for f, i in zip(futures, misses, strict=True)}

            def done() -> Iterator[tuple[int, list[FileResult]]]:
                for fut in dask_completed(futures):
                    i = index[fut.key]
                    try:
                        yield i, fut.result()
                    except Exception as exc:  # KilledWorker after the retry, or a failure
                        yield i, _worker_failed(items[i], " twice", exc)
                    fut.release()

            yield from _in_order(_with(hits, done()), len(items), items, progress)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def run(items: Iterable[Item], engine: Any, executor: str = "local", jobs: int = 1,
        scheduler: str | None = None, progress: Progress = None) -> Iterator[FileResult]:
    """Check the reports with the executor named (``local`` or ``dask``), in input order."""
    listed = list(items)
    if executor == "dask":
        return run_dask(listed, engine, jobs=jobs, scheduler=scheduler, progress=progress)
    return run_local(listed, engine, jobs=jobs, progress=progress)


def check_paths(paths: list[Item], engine: Engine, jobs: int = 1,
                progress: Progress = None) -> list[FileResult]:
    """Check every report (a path, or a tuple of the paths of one report published as several),
    in input order; ``jobs > 1`` uses that many worker processes."""
    return list(run_local(paths, engine, jobs=jobs, progress=progress))

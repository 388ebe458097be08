"""``recbench check``'s conformance part: every reference implementation against its vectors.

Runs are independent, so they go to worker processes (one per core by default), longest first;
each worker loads the Recommendation again and sends the report back as JSON. A run whose
content address (``run_key``) is that of a whole run that passed is answered from the store.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from conformance.harness.ics import ics_for_implementation
from conformance.harness.preparation import PreparedRun, prepare_run
from conformance.harness.run_key import run_key
from conformance.harness.runner import ProgressListener, RunOptions, run_prepared
from conformance.harness.store import ResultsStore
from conformance.reports.model import Report
from conformance.reports.verdicts import Verdict
from conformance.spec.catalog import Catalog
from conformance.spec.diagnostics import SpecError
from conformance.spec.loading import load_recommendation
from conformance.spec.model import PathLocation


@dataclass(frozen=True)
class RunSummary:
    """One implementation's run: its report, or the problem that kept it from running."""

    recommendation: str
    implementation: str
    report: Report | None
    problem: str | None = None
    cached: bool = False  # the report is a stored one, of a run with the same content address

    @property
    def passed(self) -> bool:
        """True when the run passed (see ``Report.passed``)."""
        return self.report is not None and self.report.passed

    @property
    def verdict(self) -> Verdict:
        """The run's verdict; error when it could not run."""
        return self.report.verdict if self.report is not None else Verdict.ERROR


RunDone = Callable[[RunSummary, int, int], None]
"""Told of each finished run with how many are done and how many there are."""


@dataclass(frozen=True)
class _Planned:
    index: int
    prepared: PreparedRun
    key: str | None
    weight: int  # bytes of vectors to run: the longest runs start first


def check_references(
    catalog: Catalog,
    *,
    store: ResultsStore | None = None,
    progress: ProgressListener | None = None,
    options: RunOptions | None = None,
    workers: int = 1,
    use_cache: bool = True,
    run_done: RunDone | None = None,
) -> list[RunSummary]:
    """Run every ``kind: reference`` implementation kept in the repository against its Recommendation.

    Every option is claimed. Reports go to ``store`` when given, under their content address;
    with ``use_cache``, a run whose address is that of a stored whole run that passed is not
    run again (its summary says ``cached``). ``workers`` > 1 runs that many runs at once in
    worker processes (``progress`` is then not told about sets, only ``run_done`` about runs).
    Implementations kept in another git repository are skipped (they would need a checkout).
    """
    options = options or RunOptions()
    summaries: dict[int, RunSummary] = {}
    planned: list[_Planned] = []
    for loaded in catalog.recommendations:
        for implementation in loaded.model.implementations:
            if implementation.kind != "reference" or not isinstance(implementation.location, PathLocation):
                continue
            index = len(summaries) + len(planned)
            try:
                prepared = prepare_run(loaded, ics_for_implementation(loaded, implementation), options.selection)
            except SpecError as error:
                summaries[index] = RunSummary(loaded.model.id, implementation.name, None, str(error))
                continue
            whole = not (options.selection.select or options.selection.skip or options.selection.shard)
            key = run_key(prepared) if store is not None and whole else None
            stored = store.cached(key) if store is not None and key is not None and use_cache else None
            if stored is not None:
                summaries[index] = RunSummary(loaded.model.id, implementation.name, stored, cached=True)
            else:
                weight = sum(_size(prepared.loaded.folder / entry.file) for entry in prepared.entries)
                planned.append(_Planned(index, prepared, key, weight))
    total = len(summaries) + len(planned)
    if run_done is not None:
        for done, summary in enumerate(list(summaries.values()), 1):
            run_done(summary, done, total)
    planned.sort(key=lambda item: -item.weight)

    def finished(item: _Planned, outcome: Report | str) -> None:
        loaded, name = item.prepared.loaded, item.prepared.ics.model.implementation.name
        if isinstance(outcome, str):
            summary = RunSummary(loaded.model.id, name, None, outcome)
        else:
            if store is not None:
                store.record(outcome, cache_key=item.key)
            summary = RunSummary(loaded.model.id, name, outcome)
        summaries[item.index] = summary
        if run_done is not None:
            run_done(summary, len(summaries), total)

    if workers <= 1 or len(planned) <= 1:
        for item in planned:
            finished(item, run_prepared(item.prepared, options=options, progress=progress))
    else:
        _run_in_workers(planned, options, min(workers, len(planned)), finished)
    return [summaries[index] for index in sorted(summaries)]


def default_workers() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _run_in_workers(
    planned: list[_Planned], options: RunOptions, workers: int, finished: Callable[[_Planned, Report | str], None]
) -> None:
    # spawn, not fork: the parent has threads (the status line), which fork would copy mid-lock
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures: dict[Future[tuple[bool, str]], _Planned] = {
            pool.submit(_run_one, item.prepared.loaded.path, item.prepared.ics.model.implementation.name,
                        options.jobs, options.max_details): item
            for item in planned
        }
        for future in as_completed(futures):
            try:
                ran, text = future.result()
            except Exception as error:  # a lost worker costs its run, not the others
                ran, text = False, f"the worker running it ended: {type(error).__name__}: {error}"
            finished(futures[future], Report.model_validate_json(text) if ran else text)


def _run_one(recommendation: Path, implementation: str, jobs: int, max_details: int) -> tuple[bool, str]:
    """In a worker: run one reference implementation; (True, report JSON) or (False, the problem)."""
    try:
        loaded = load_recommendation(recommendation)
        entry = loaded.model.implementation(implementation)
        if entry is None:
            return False, f"{recommendation}: no implementation {implementation!r} any more (the file changed)"
        prepared = prepare_run(loaded, ics_for_implementation(loaded, entry))
    except SpecError as error:
        return False, str(error)
    return True, run_prepared(prepared, options=RunOptions(jobs=jobs, max_details=max_details)).to_json()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0

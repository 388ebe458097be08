"""Running a campaign: every declared implementation whose prerequisites are here, each through the harness.

An implementation whose prerequisites are missing is skipped, with what is missing; one whose
ICS the harness refuses is reported with the diagnostics; neither is ever counted as passed.
Runs go in parallel threads (``jobs``); python-adapter targets that risk crashing the process
are served from a child by their ICS (``isolate: true``). Reports are stored from the calling
thread only, since a SQLite connection belongs to the thread that opened it.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from conformance.campaign.declarations import Declared
from conformance.campaign.prerequisites import Readiness, check_prerequisites
from conformance.errors import RecbenchError
from conformance.harness.ics import Ics, LoadedIcs, load_ics
from conformance.harness.runner import RunOptions, run_conformance
from conformance.harness.store import ResultsStore
from conformance.reports.model import Report
from conformance.spec.model import VectorSetEntry
from conformance.spec.vectors import VectorSet, load_vector_set

# every deviating vector is kept in the report (recbench conform keeps 1,000 a set): the report is
# the evidence the expected-failure entries and upstream bug reports are drafted from
MAX_DETAILS = 65536


class OutcomeStatus(StrEnum):
    ran = "ran"  # a complete report exists (whatever its verdict)
    skipped = "skipped"  # prerequisites missing
    refused = "refused"  # the harness refused the ICS before running (a usage error of ours)


@dataclass(frozen=True)
class CampaignOutcome:
    """What became of one declared implementation."""

    declared: Declared
    status: OutcomeStatus
    detail: str = ""
    version: str | None = None
    report: Report | None = None
    run_id: int | None = None  # in the results store, when one was given


def campaign_ics(declared: Declared, version: str | None) -> LoadedIcs:
    """The declaration's ICS, naming the version installed here (as the report must).

    The ICS file states the version its expected failures were established with; the run
    records the one actually installed, so the matrix never credits one version with another's
    result. Built by validation of the file's own fields, not by copying the model.
    """
    written = load_ics(declared.declaration.ics_path)
    if version is None or version == written.model.implementation.version:
        return written
    fields = written.model.model_dump(by_alias=True, exclude_unset=True)
    fields["implementation"] = {**fields["implementation"], "version": version}
    return LoadedIcs(
        Ics.model_validate(fields), written.base, written.path, written.source, written.sha256, written.document,
        written.prefix,
    )


class SharedVectorSets:
    """A vector-set loader shared by the runs of a campaign: each file is parsed once, not once per implementation.

    Five G.711 implementations share four 65,538-vector files; parsing them dominates otherwise.
    Thread-safe; the sets stay in memory until the loader is dropped.
    """

    def __init__(self) -> None:
        self._sets: dict[tuple[Path, str], VectorSet] = {}
        self._lock = threading.Lock()

    def __call__(self, entry: VectorSetEntry, folder: Path) -> VectorSet:
        key = (folder, entry.id)
        with self._lock:
            found = self._sets.get(key)
            if found is None:
                found = self._sets[key] = load_vector_set(entry, folder)
            return found


def run_campaign(
    declared: Sequence[Declared],
    *,
    store: ResultsStore | None = None,
    jobs: int = 1,
    done: Callable[[CampaignOutcome], None] | None = None,
    loader: SharedVectorSets | None = None,
) -> list[CampaignOutcome]:
    """Run each declared implementation that can run here; return the outcomes in ``declared``'s order.

    ``done`` is told of each outcome as it comes (from the calling thread). Each run is a whole
    run (every set), so its stored report stands in the results matrix. ``loader`` may be shared
    with other campaigns of the same process (a test suite).
    """
    _importable(declared)
    loader = loader or SharedVectorSets()
    outcomes: dict[int, CampaignOutcome] = {}
    futures: dict[Future[CampaignOutcome], int] = {}
    with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="campaign") as pool:
        for index, item in enumerate(declared):
            readiness = check_prerequisites(item)
            if not readiness.present:
                outcomes[index] = _tell(CampaignOutcome(item, OutcomeStatus.skipped, readiness.reason), done)
                continue
            futures[pool.submit(_run_one, item, readiness, loader)] = index
        for future in as_completed(futures):
            outcome = future.result()
            if outcome.report is not None and store is not None:
                outcome = CampaignOutcome(outcome.declared, outcome.status, outcome.detail, outcome.version,
                                          outcome.report, store.record(outcome.report))
            outcomes[futures[future]] = _tell(outcome, done)
    return [outcomes[index] for index in range(len(declared))]


def _run_one(item: Declared, readiness: Readiness, loader: SharedVectorSets) -> CampaignOutcome:
    try:
        ics = campaign_ics(item, readiness.version)
        written = load_ics(item.declaration.ics_path).model.implementation.version
        report = run_conformance(item.recommendation, ics, options=RunOptions(max_details=MAX_DETAILS, loader=loader))
    except RecbenchError as error:
        return CampaignOutcome(item, OutcomeStatus.refused, "\n".join(error.lines), readiness.version)
    detail = "" if written == ics.model.implementation.version else (
        f"installed {ics.model.implementation.version}; its ICS was written for {written}")
    return CampaignOutcome(item, OutcomeStatus.ran, detail, readiness.version, report)


def _tell(outcome: CampaignOutcome, done: Callable[[CampaignOutcome], None] | None) -> CampaignOutcome:
    if done is not None:
        done(outcome)
    return outcome


def _importable(declared: Sequence[Declared]) -> None:
    """Put the repository root (where campaign_adapters/ lives) on the import path once, before any thread.

    The python driver adds and removes an ICS's ``python_path`` around each run; runs sharing
    one folder in parallel threads must not take it away from each other.
    """
    for item in declared:
        root = str(item.recommendation.repository.resolve())
        if root not in sys.path:
            sys.path.insert(0, root)

"""Running an implementation against a Recommendation's vectors: the harness's entry point.

``run_conformance`` takes a loaded Recommendation and an ICS and returns a ``Report``. Vector
sets whose required options the ICS does not claim are not applicable. Each applicable set is
loaded (hashes checked), its vectors sent through the adapter (joined into batches where the
interface allows), each answer judged, and the results streamed to an optional ``RunSink``.
Whatever the implementation does, the run ends with a report; an interruption (Ctrl-C) still
hands the sink a valid partial report before the exception goes on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import platform
import threading
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast

from conformance import __version__
from conformance.editions.manifest import matching_release
from conformance.harness.adapters import make_adapter
from conformance.harness.batching import Batch, JoinPlan, join_plan, joined_expected, joined_request, partition
from conformance.harness.batching import split_outputs as split_batch
from conformance.harness.comparison import as_integer_list, excerpt, excerpt_inputs, tolerance_words
from conformance.harness.expected_failures import ExpectedFailureList
from conformance.harness.ics import LoadedIcs
from conformance.harness.identity import git_state
from conformance.harness.judging import PASSED, Judgement, judge
from conformance.harness.outcomes import (
    NOT_RUN_DEADLINE,
    Adapter,
    AdapterIdentity,
    AdapterUnavailable,
    Outcome,
    Output,
)
from conformance.harness.preparation import PreparedRun, prepare_run
from conformance.harness.selection import SetSelection, unclaimed_options
from conformance.harness.values import input_preparer
from conformance.reports.assembly import RunHeader, assemble
from conformance.reports.model import (
    Deviation,
    Environment,
    ImplementationInfo,
    RecommendationInfo,
    Report,
    Selection,
    SetResult,
    VectorFileInfo,
    VectorResult,
)
from conformance.reports.recorder import RunSink
from conformance.reports.verdicts import NON_PASSING, Verdict
from conformance.spec.adapter_settings import PythonSettings, adapter_target
from conformance.spec.diagnostics import SpecError
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import Interface, VectorSetEntry
from conformance.spec.vectors import TestVector, VectorSet
from conformance.text import depth_exceeds, safe_text, safe_value

SINGLES_PER_CALL = 512  # vectors handed to the adapter at once when they cannot be joined


@dataclass(frozen=True)
class RunOptions:
    """How to run: which sets, how many in parallel, how many failure details to keep per set.

    ``loader`` replaces ``load_vector_set`` (e.g. a cache shared by several runs of one process).
    """

    selection: SetSelection = field(default_factory=SetSelection)
    jobs: int = 1
    max_details: int = 1000
    loader: Callable[[VectorSetEntry, Path], VectorSet] | None = None


class ProgressListener(Protocol):
    """Told how a run advances (the CLI draws a progress bar from it). Called from worker threads too."""

    def run_started(self, sets: Sequence[str]) -> None:
        """The sets the run covers, in order."""
        ...

    def set_started(self, set_id: str, vectors: int) -> None:
        """A set with ``vectors`` vectors begins."""
        ...

    def vectors_done(self, set_id: str, count: int) -> None:
        """``count`` more vectors of the set were judged."""
        ...

    def set_finished(self, result: SetResult) -> None:
        """A set is done."""
        ...


class RunInterrupted(Exception):
    """A run stopped early by request (the ``cancel`` event); carries the partial report."""

    def __init__(self, report: Report) -> None:
        super().__init__("the run was interrupted")
        self.report = report


def run_conformance(
    loaded: LoadedRecommendation,
    ics: LoadedIcs,
    *,
    options: RunOptions | None = None,
    progress: ProgressListener | None = None,
    sink: RunSink | None = None,
    cancel: threading.Event | None = None,
) -> Report:
    """Run the implementation ``ics`` describes against the vectors of ``loaded``; return the report.

    Raises ``SpecError`` before running anything when ``prepare_run`` refuses the ICS or the
    selection (``SelectionError``). A
    set ``cancel`` event stops the run early with ``RunInterrupted`` (carrying the partial
    report); so does KeyboardInterrupt, re-raised as is.
    """
    options = options or RunOptions()
    prepared = prepare_run(loaded, ics, options.selection, loader=options.loader)
    return run_prepared(prepared, options=options, progress=progress, sink=sink, cancel=cancel)


def run_prepared(
    prepared: PreparedRun,
    *,
    options: RunOptions | None = None,
    progress: ProgressListener | None = None,
    sink: RunSink | None = None,
    cancel: threading.Event | None = None,
) -> Report:
    """Run a prepared run (``prepare_run`` made every check and chose the sets); return the report.

    ``options.selection`` and ``options.loader`` were for ``prepare_run``; here only the jobs and
    the detail cap count. Interruptions behave as for ``run_conformance``.
    """
    return _Run(prepared, options or RunOptions(), progress, sink, cancel).execute()


def environment() -> Environment:
    """recbench, Python and platform of this process."""
    return Environment(
        recbench=__version__, python=platform.python_version(), platform=f"{platform.system()} "
        f"{platform.release()} {platform.machine()}".strip(),
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class _Run:
    """State of one run: the header, finished sets, the adapters in use."""

    def __init__(
        self,
        prepared: PreparedRun,
        options: RunOptions,
        progress: ProgressListener | None,
        sink: RunSink | None,
        cancel: threading.Event | None,
    ) -> None:
        self.prepared = prepared
        self.loaded = prepared.loaded
        self.ics = prepared.ics
        self.options = options
        self.xfail = prepared.expected
        self.progress = progress
        self.sink = sink
        self.cancel = cancel or threading.Event()
        self.lock = threading.RLock()
        self.entries = list(prepared.entries)
        self.results: dict[str, SetResult] = {}
        self.active: dict[str, _SetRun] = {}
        self.adapters: list[Adapter] = []
        self.local = threading.local()
        self.notes: list[str] = []
        self.unavailable: str | None = None
        timeouts = self.ics.model.adapter.timeouts
        self.deadline = time.monotonic() + timeouts.run if timeouts.run else None
        self.header = self._header()

    # -- header ------------------------------------------------------------------------------

    def _header(self) -> RunHeader:
        model, ics = self.loaded.model, self.ics.model
        settings = ics.adapter
        target = adapter_target(settings)
        location = ics.implementation.location
        folder = self.ics.resolve(location)
        identity = ImplementationInfo(
            name=ics.implementation.name, version=ics.implementation.version, vendor=ics.implementation.vendor,
            language=ics.implementation.language, adapter=settings.type, target=target, location=location,
            git=git_state(folder) if folder.exists() else None,
        )
        selection = self.prepared.selection
        return RunHeader(
            recommendation=RecommendationInfo(
                id=model.id, title=model.title, edition=model.edition, folder=self.loaded.folder.name,
                sha256=hashlib.sha256(self.loaded.path.read_bytes()).hexdigest(),
                vector_sets=[entry.id for entry in model.vector_sets], release=matching_release(self.loaded),
            ),
            implementation=identity,
            ics=ics.recorded(),
            ics_source=self.ics.source,
            ics_sha256=self.ics.sha256,
            environment=environment(),
            started=_now(),
            selection=Selection(
                select=list(selection.select), skip=list(selection.skip), shard=selection.shard_text,
                sets=[entry.id for entry in self.entries],
            ),
            listed=tuple(self.xfail.entries),
        )

    def _identify(self, identity: AdapterIdentity) -> None:
        if identity.served_name is None:
            return
        served = safe_text(f"{identity.served_name} {identity.served_version or ''}".strip())
        with self.lock:
            self.header = self.header.served_as(served)

    # -- running -----------------------------------------------------------------------------

    def execute(self) -> Report:
        if self.progress is not None:
            self.progress.run_started([entry.id for entry in self.entries])
        if self.sink is not None:
            self.sink.started(self._report(complete=False))
        try:
            if self.options.jobs > 1 and len(self.entries) > 1:
                self._run_parallel()
            else:
                for entry in self.entries:
                    if self.cancel.is_set():
                        break
                    self._finish_set(self._run_set(entry))
        except BaseException:
            self._close_adapters()
            report = self._report(complete=False, reason="interrupted")
            if self.sink is not None:
                self.sink.finished(report)
            raise
        self._close_adapters()
        interrupted = self.cancel.is_set()
        report = self._report(complete=not interrupted, reason="interrupted" if interrupted else None)
        if self.sink is not None:
            self.sink.finished(report)
        if interrupted:
            raise RunInterrupted(report)
        return report

    def _run_parallel(self) -> None:
        jobs = min(self.options.jobs, len(self.entries))
        with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="recbench-set") as pool:
            futures: dict[Future[SetResult], str] = {
                pool.submit(self._run_set, entry, True): entry.id for entry in self.entries
            }
            pending = set(futures)
            try:
                while pending:
                    done, pending = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
                    for future in done:
                        self._finish_set(future.result())
            except BaseException:
                self.cancel.set()
                for future in pending:
                    future.cancel()
                self._close_adapters()  # unblocks workers waiting on children
                raise

    def _finish_set(self, result: SetResult) -> None:
        with self.lock:
            self.results[result.id] = result
            self.active.pop(result.id, None)
        if self.sink is not None:  # on disk first: the progress display may be where Ctrl-C lands
            with self.lock:
                self.sink.set_finished(result)
                self.sink.snapshot(self._report(complete=False))
        if self.progress is not None:
            self.progress.set_finished(result)

    def _adapter(self, isolate: bool) -> Adapter | None:
        """This thread's adapter, opened on first use; None when the implementation cannot be driven."""
        adapter: Adapter | None = getattr(self.local, "adapter", None)
        if adapter is not None or self.unavailable is not None:
            return adapter
        adapter = make_adapter(self.ics, self.loaded.model.interfaces, isolate=isolate)
        try:
            identity = adapter.open()
        except AdapterUnavailable as error:
            adapter.close()
            with self.lock:
                self.unavailable = self.unavailable or f"the implementation cannot be driven: {error}"
            return None
        self._identify(identity)
        with self.lock:
            self.adapters.append(adapter)
        self.local.adapter = adapter
        return adapter

    def _close_adapters(self) -> None:
        with self.lock:
            adapters, self.adapters = self.adapters, []
        for adapter in adapters:
            try:
                adapter.close()
            except Exception as error:  # closing must not hide the run's outcome
                self.notes.append(f"closing the adapter failed: {type(error).__name__}: {error}")
            self.notes.extend(note for note in adapter.notes() if note not in self.notes)

    def _run_set(self, entry: VectorSetEntry, parallel: bool = False) -> SetResult:
        model = self.loaded.model
        identity = _SetIdentity(entry.id, entry.interface, tuple(entry.requires), tuple(entry.covers),
                                entry.id in self.xfail.whole_sets)
        missing = unclaimed_options(entry, self.ics.model.options)
        if missing:
            return identity.result(verdict=Verdict.NOT_APPLICABLE, reason=(
                f"requires option{'s' if len(missing) > 1 else ''} {', '.join(missing)}, not claimed in the ICS"))
        declared = self.ics.model.declared_not_applicable(entry.id, entry.interface)
        if declared is not None:
            return identity.result(verdict=Verdict.NOT_APPLICABLE,
                                   reason=f"declared not applicable in the ICS: {declared}")
        try:
            vector_set = self.prepared.vector_set(entry)
        except SpecError as error:
            return identity.unusable(f"the vector file cannot be used: {error}")
        identity = dataclasses.replace(
            identity, source=VectorFileInfo(file=entry.file, sha256=vector_set.sha256, payloads=vector_set.payloads),
            vectors=len(vector_set.vectors))
        interface = model.interface(entry.interface)
        if interface is None:
            return identity.unusable(f"interface {entry.interface!r} is not declared")
        set_run = _SetRun(identity, vector_set, interface, self.ics, self.xfail, self.options.max_details)
        with self.lock:
            self.active[entry.id] = set_run
        if self.progress is not None:
            self.progress.set_started(entry.id, len(vector_set.vectors))
        adapter = self._adapter(isolate=parallel)
        if adapter is None:
            set_run.record_rest(Verdict.ERROR, self.unavailable or "the implementation cannot be driven")
            return set_run.result(complete=True)
        try:
            set_run.run(adapter, self.deadline, self.cancel, self._chunk_done)
        except Exception as error:
            if self.cancel.is_set():  # the adapter was closed under us to stop the run
                return set_run.result(complete=False)
            self.notes.append(safe_text(
                f"{entry.id}: harness error: {''.join(traceback.format_exception(error))[-2000:]}"))
            set_run.record_rest(Verdict.ERROR, safe_text(f"harness error: {type(error).__name__}: {error}"))
        finally:
            self.prepared.release(entry.id)
        return set_run.result(complete=not self.cancel.is_set())

    def _chunk_done(self, set_run: _SetRun, count: int) -> None:
        if self.progress is not None:
            self.progress.vectors_done(set_run.identity.id, count)
        if self.sink is not None:
            passed, fresh = set_run.take_news()
            with self.lock:
                self.sink.chunk(set_run.identity.id, passed, fresh)
                if self.sink.snapshot_due():
                    self.sink.snapshot(self._report(complete=False))

    def _report(self, *, complete: bool, reason: str | None = None) -> Report:
        with self.lock:
            sets = list(self.results.values())
            if not complete:
                sets += [run.result(complete=False) for run in self.active.values()]
            notes = list(self.notes)
            if self.unavailable and self.unavailable not in notes:
                notes.append(self.unavailable)
            if reason:
                notes.append(f"the run was {reason}; this report is partial")
            finished = complete or reason is not None
            header = self.header.finished_at(_now()) if finished else self.header
            return assemble(header, sets, self.loaded.model, complete=complete, notes=notes)


@dataclass(frozen=True)
class _SetIdentity:
    """What a set's result says before any vector ran."""

    id: str
    interface: str
    requires: tuple[str, ...]
    covers: tuple[str, ...]
    listed: bool  # the whole set is in the expected-failure list
    source: VectorFileInfo | None = None
    vectors: int = 0

    def result(self, **outcome: Any) -> SetResult:
        """The set's result: this identity and ``outcome`` (verdict, reason, counts ...)."""
        return SetResult(
            id=self.id, interface=self.interface, requires=list(self.requires), covers=list(self.covers),
            listed=self.listed, source=self.source, vectors=self.vectors, **outcome,
        )

    def unusable(self, reason: str) -> SetResult:
        """The set could not run at all: one error for the set (or one per vector), never a silent pass."""
        count = max(self.vectors, 1)
        return self.result(verdict=Verdict.ERROR, reason=safe_text(reason), counts={Verdict.ERROR: count},
                           unexpected_failures=0 if self.listed else count)


@dataclass
class _Worst:
    rank: int = -1
    position: int = 0
    verdict: Verdict = Verdict.NOT_APPLICABLE
    reason: str = ""


class _SetRun:
    """One vector set being run: sends vectors, judges answers, keeps counts and details."""

    def __init__(
        self,
        identity: _SetIdentity,
        vector_set: VectorSet,
        interface: Interface,
        ics: LoadedIcs,
        xfail: ExpectedFailureList,
        max_details: int,
    ) -> None:
        self.identity = identity
        self.vectors: list[TestVector] = vector_set.vectors
        self.interface = interface
        self.settings = ics.model.adapter
        self.declared_flags = frozenset(ics.model.flags)
        self.listed_whole = identity.listed
        self.listed = xfail.listed_in(identity.id)
        self.max_details = max_details
        self.prepare = input_preparer(interface)
        self.copy_inputs = isinstance(self.settings, PythonSettings)  # an in-process call may mutate them
        self.counts: dict[Verdict, int] = dict.fromkeys(Verdict, 0)
        self.details: dict[int, VectorResult] = {}
        self.omitted = 0
        self.unexpected = 0
        self.done = [False] * len(self.vectors)
        self.worst = _Worst()
        self.fresh: list[VectorResult] = []
        self.fresh_passed = 0
        self.deviation: tuple[float, int, str, int | None] | None = None  # size, test id, output, offset
        self.started = time.monotonic()

    # -- recording ---------------------------------------------------------------------------

    def record(self, position: int, judgement: Judgement) -> None:
        """The verdict of the vector at ``position``."""
        self.done[position] = True
        verdict = judgement.verdict
        vector = self.vectors[position]
        listed = self.listed_whole or vector.id in self.listed
        self.counts[verdict] += 1
        if judgement.deviation is not None and (self.deviation is None or judgement.deviation[2] > self.deviation[0]):
            output, offset, size = judgement.deviation
            self.deviation = (size, vector.id, output, offset)
        if verdict is Verdict.PASS and vector.id not in self.listed:
            # a pass is news only as a listed vector's unexpected pass; in a set listed whole the
            # set's verdict says whether the listing is stale, so passes are not kept one by one
            self.fresh_passed += 1
            return
        reason = safe_text(judgement.reason)
        worst = self.worst
        if verdict.rank > worst.rank or (verdict.rank == worst.rank and position < worst.position):
            self.worst = _Worst(verdict.rank, position, verdict, f"vector {vector.id}: {reason}" if reason else "")
        if verdict in NON_PASSING and not listed:
            self.unexpected += 1
        if verdict is not Verdict.PASS and len(self.details) >= self.max_details:
            # listed or not, a failure beyond the cap is counted only; a listed vector's pass is
            # always kept, as the unexpected pass that makes the list stale
            self.omitted += 1
            return
        shown = verdict is not Verdict.PASS
        result = VectorResult(
            id=vector.id, verdict=verdict, reason=reason, comment=safe_text(vector.comment) or None,
            flags=[safe_text(flag) for flag in vector.flags], result=vector.result,
            inputs=safe_value(excerpt_inputs(vector.inputs, judgement.mismatch, vector.expected)) if shown else None,
            expected=safe_value(excerpt(vector.expected, judgement.mismatch)) if shown else None,
            provided=_shown_provided(judgement) if shown else None,
            expected_failure=listed,
        )
        self.details[position] = result
        self.fresh.append(result)

    def record_passes(self, positions: Sequence[int]) -> None:
        """Many vectors passed at once (a joined batch that matched as a whole)."""
        if self.listed and any(self.vectors[p].id in self.listed for p in positions):
            for position in positions:
                self.record(position, PASSED)
            return
        done = self.done
        for position in positions:
            done[position] = True
        self.counts[Verdict.PASS] += len(positions)
        self.fresh_passed += len(positions)

    def record_rest(self, verdict: Verdict, reason: str) -> None:
        """Every vector not judged yet gets ``verdict`` (the implementation cannot be driven, time is up)."""
        for position, done in enumerate(self.done):
            if not done:
                self.record(position, Judgement(verdict, reason))

    def take_news(self) -> tuple[int, list[VectorResult]]:
        """Passes and results recorded since the last call (for streaming)."""
        passed, fresh = self.fresh_passed, self.fresh
        self.fresh_passed, self.fresh = 0, []
        return passed, fresh

    def result(self, *, complete: bool) -> SetResult:
        """The set's result so far."""
        counts = {verdict: count for verdict, count in self.counts.items() if count}
        verdict, reason = self.worst.verdict, self.worst.reason
        if counts.get(Verdict.PASS) and self.worst.rank < Verdict.PASS.rank:
            verdict, reason = Verdict.PASS, ""
        elif not counts and not self.vectors:
            reason = "the set holds no vectors"
        return self.identity.result(
            verdict=verdict,
            reason=reason,
            counts=counts,
            results=[self.details[position] for position in sorted(self.details)],
            details_omitted=self.omitted,
            unexpected_failures=self.unexpected,
            complete=complete,
            seconds=round(time.monotonic() - self.started, 3),
            largest_deviation=self._largest_deviation(),
        )

    def _largest_deviation(self) -> Deviation | None:
        if self.deviation is None:
            return None
        size, test_id, output, offset = self.deviation
        field = self.interface.outputs.get(output)
        words = tolerance_words(field.tolerance) if field is not None else ""
        return Deviation(value=size, vector=test_id, output=safe_text(output), offset=offset, tolerance=words)

    # -- running -----------------------------------------------------------------------------

    def run(
        self,
        adapter: Adapter,
        deadline: float | None,
        cancel: threading.Event,
        chunk_done: Callable[[_SetRun, int], None],
    ) -> None:
        """Send every vector through ``adapter`` and judge the answers."""
        settings = self.settings
        plan = join_plan(self.interface) if settings.batch else None
        batches, singles = partition(plan, self.vectors, settings.batch_size)
        name = self.interface.name
        for batch in batches:
            if self._halted(cancel, deadline):
                return
            assert plan is not None
            request = self.prepare(joined_request(plan, batch, self.vectors))
            [outcome] = adapter.call(name, [request], deadline)
            singles.extend(self._judge_batch(plan, batch, outcome))
            chunk_done(self, len(batch.positions))
        singles.sort()
        step = SINGLES_PER_CALL
        for start in range(0, len(singles), step):
            if self._halted(cancel, deadline):
                return
            positions = singles[start:start + step]
            requests = [self._single_request(self.vectors[position].inputs) for position in positions]
            outcomes = adapter.call(name, requests, deadline)
            vectors, interface, flags, record = self.vectors, self.interface, self.declared_flags, self.record
            for position, outcome in zip(positions, outcomes, strict=True):
                record(position, judge(vectors[position], outcome, interface, flags))
            chunk_done(self, len(positions))

    def _halted(self, cancel: threading.Event, deadline: float | None) -> bool:
        """True when no more calls may be made: the run was cancelled, or its time is up (the rest are errors)."""
        if cancel.is_set():
            return True
        if deadline is not None and time.monotonic() >= deadline:
            self.record_rest(Verdict.ERROR, NOT_RUN_DEADLINE)
            return True
        return False

    def _single_request(self, inputs: Mapping[str, Any]) -> dict[str, Any]:
        if self.copy_inputs:
            return self.prepare({key: value.copy() if type(value) is list else value for key, value in inputs.items()})
        return self.prepare(inputs)

    def _judge_batch(self, plan: JoinPlan, batch: Batch, outcome: Outcome) -> list[int]:
        """Judge a joined answer; return the positions to run alone (all of them when it went wrong)."""
        if not isinstance(outcome, Output) or not isinstance(outcome.values, Mapping):
            return list(batch.positions)
        expected = joined_expected(plan, batch, self.vectors)
        provided: dict[str, list[Any]] = {}
        whole_match = True
        for name in plan.array_outputs:
            value = outcome.values.get(name)
            values = as_integer_list(value) if name in plan.integer_outputs else (
                list(value) if isinstance(value, list | tuple) else None)
            if values is None or len(values) != len(expected[name]):
                return list(batch.positions)
            provided[name] = values
            if values != expected[name] or (
                name in plan.integer_outputs and not all(type(item) is int for item in values)
            ):
                whole_match = False
        if whole_match:
            self.record_passes(batch.positions)
            return []
        again = []
        for position, share in split_batch(plan, batch, self.vectors, provided):
            judgement = judge(self.vectors[position], Output(share), self.interface, self.declared_flags)
            if judgement.verdict is Verdict.PASS:
                self.record(position, judgement)
            else:
                again.append(position)  # judged alone, so its verdict does not depend on batching
        return again


def _shown_provided(judgement: Judgement) -> dict[str, Any] | None:
    """What the implementation provided, report-sized and safe to store."""
    provided = judgement.provided
    if provided is None:
        return None
    if isinstance(provided, Mapping) and not depth_exceeds(provided):
        return cast(dict[str, Any], safe_value(excerpt(provided, judgement.mismatch)))
    if isinstance(provided, str):
        return {"returned": safe_text(provided[:256])}
    return {"returned": safe_value(provided)}

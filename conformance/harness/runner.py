"""Running an implementation against a Recommendation's vectors: the harness's entry point.

``run_conformance`` takes a loaded Recommendation and an ICS and returns a ``Report``. Vector
sets whose required options the ICS does not claim are not applicable. Each applicable set is
loaded (hashes checked), its vectors sent through the adapter (joined into batches where the
interface allows), each answer judged, and the results streamed to an optional ``RunSink``.
Whatever the implementation does, the run ends with a report; an interruption (Ctrl-C) still
hands the sink a valid partial report before the exception goes on.
"""

from __future__ import annotations

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
from typing import Any, Protocol

from conformance import __version__
from conformance.harness.adapters import make_adapter
from conformance.harness.batching import Batch, JoinPlan, join_plan, joined_expected, joined_request, partition
from conformance.harness.batching import split_outputs as split_batch
from conformance.harness.comparison import Mismatch, as_integer_list, compare_outputs, excerpt
from conformance.harness.expected_failures import ExpectedFailureList, expected_failures
from conformance.harness.ics import LoadedIcs
from conformance.harness.ics_check import check_ics, check_setup
from conformance.harness.identity import git_state
from conformance.harness.outcomes import (
    NOT_RUN_DEADLINE,
    Adapter,
    AdapterIdentity,
    AdapterUnavailable,
    Broken,
    Outcome,
    Output,
    Rejected,
)
from conformance.harness.selection import SetSelection, select_sets, unclaimed_options
from conformance.harness.values import input_preparer, to_plain
from conformance.reports.assembly import assemble
from conformance.reports.model import (
    Environment,
    ExpectedFailures,
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
from conformance.spec.adapter_settings import PythonSettings
from conformance.spec.diagnostics import SpecError
from conformance.spec.fieldtypes import parse_array_type
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import Interface, VectorSetEntry
from conformance.spec.vectors import TestVector, VectorSet, load_vector_set

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

    Raises ``SpecError`` before running anything when the ICS does not fit the Recommendation,
    its adapter's settings name what is not there, or its expected-failure file is unusable. A
    set ``cancel`` event stops the run early with ``RunInterrupted`` (carrying the partial
    report); so does KeyboardInterrupt, re-raised as is.
    """
    problems = check_ics(ics, loaded) + check_setup(ics)
    if problems:
        raise SpecError(problems)
    run = _Run(loaded, ics, options or RunOptions(), expected_failures(ics), progress, sink, cancel)
    return run.execute()


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
        loaded: LoadedRecommendation,
        ics: LoadedIcs,
        options: RunOptions,
        xfail: ExpectedFailureList,
        progress: ProgressListener | None,
        sink: RunSink | None,
        cancel: threading.Event | None,
    ) -> None:
        self.loaded = loaded
        self.ics = ics
        self.options = options
        self.xfail = xfail
        self.progress = progress
        self.sink = sink
        self.cancel = cancel or threading.Event()
        self.lock = threading.RLock()
        self.entries = select_sets(loaded.model.vector_sets, loaded.folder, options.selection)
        self.results: dict[str, SetResult] = {}
        self.active: dict[str, _SetRun] = {}
        self.adapters: list[Adapter] = []
        self.local = threading.local()
        self.notes: list[str] = []
        self.unavailable: str | None = None
        timeouts = ics.model.adapter.timeouts
        self.deadline = time.monotonic() + timeouts.run if timeouts.run else None
        self.header = self._header()

    # -- header ------------------------------------------------------------------------------

    def _header(self) -> Report:
        model, ics = self.loaded.model, self.ics.model
        settings = ics.adapter
        target = settings.target if isinstance(settings, PythonSettings) else " ".join(settings.command)
        location = ics.implementation.location
        folder = self.ics.resolve(location)
        identity = ImplementationInfo(
            name=ics.implementation.name, version=ics.implementation.version, vendor=ics.implementation.vendor,
            language=ics.implementation.language, adapter=settings.type, target=target, location=location,
            git=git_state(folder) if folder.exists() else None,
        )
        selection = self.options.selection
        return Report(
            complete=False, passed=False, verdict=Verdict.NOT_APPLICABLE,
            recommendation=RecommendationInfo(
                id=model.id, title=model.title, edition=model.edition, folder=self.loaded.folder.name,
                sha256=hashlib.sha256(self.loaded.path.read_bytes()).hexdigest(),
                vector_sets=[entry.id for entry in model.vector_sets],
            ),
            implementation=identity,
            ics=ics.model_dump(mode="json", by_alias=True),
            ics_source=self.ics.source,
            ics_sha256=self.ics.sha256,
            environment=environment(),
            started=_now(),
            selection=Selection(
                select=list(selection.select), skip=list(selection.skip), shard=selection.shard_text,
                sets=[entry.id for entry in self.entries],
            ),
            expected_failures=ExpectedFailures(listed=list(self.xfail.entries)),
        )

    def _identify(self, identity: AdapterIdentity) -> None:
        if identity.served_name is None:
            return
        served = f"{identity.served_name} {identity.served_version or ''}".strip()
        with self.lock:
            implementation = self.header.implementation.model_copy(update={"served_as": served})
            self.header = self.header.model_copy(update={"implementation": implementation})

    # -- running -----------------------------------------------------------------------------

    def execute(self) -> Report:
        if self.progress is not None:
            self.progress.run_started([entry.id for entry in self.entries])
        if self.sink is not None:
            self.sink.started(self.header)
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
        base = SetResult(id=entry.id, interface=entry.interface, verdict=Verdict.NOT_APPLICABLE,
                         requires=list(entry.requires), covers=list(entry.covers),
                         listed=entry.id in self.xfail.whole_sets)
        missing = unclaimed_options(entry, self.ics.model.options)
        if missing:
            return base.model_copy(update={"reason": f"requires option{'s' if len(missing) > 1 else ''} "
                                                     f"{', '.join(missing)}, not claimed in the ICS"})
        try:
            vector_set = (self.options.loader or load_vector_set)(entry, self.loaded.folder)
        except SpecError as error:
            return self._set_error(base, f"the vector file cannot be used: {error}")
        source = VectorFileInfo(file=entry.file, sha256=vector_set.sha256, payloads=dict(vector_set.payloads))
        base = base.model_copy(update={"source": source, "vectors": len(vector_set.vectors)})
        interface = model.interface(entry.interface)
        if interface is None:
            return self._set_error(base, f"interface {entry.interface!r} is not declared")
        set_run = _SetRun(base, vector_set, interface, self.ics, self.xfail, self.options.max_details)
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
            self.notes.append(f"{entry.id}: harness error: {''.join(traceback.format_exception(error))[-2000:]}")
            set_run.record_rest(Verdict.ERROR, f"harness error: {type(error).__name__}: {error}")
        return set_run.result(complete=not self.cancel.is_set())

    def _set_error(self, base: SetResult, reason: str) -> SetResult:
        return base.model_copy(update={
            "verdict": Verdict.ERROR, "reason": reason, "counts": {Verdict.ERROR: max(base.vectors, 1)},
            "unexpected_failures": 0 if base.listed else max(base.vectors, 1),
        })

    def _chunk_done(self, set_run: _SetRun, count: int) -> None:
        if self.progress is not None:
            self.progress.vectors_done(set_run.base.id, count)
        if self.sink is not None:
            passed, fresh = set_run.take_news()
            with self.lock:
                self.sink.chunk(set_run.base.id, passed, fresh)
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
            header = self.header.model_copy(update={"finished": _now()}) if finished else self.header
            return assemble(header, sets, self.loaded.model, complete=complete, notes=notes)


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
        base: SetResult,
        vector_set: VectorSet,
        interface: Interface,
        ics: LoadedIcs,
        xfail: ExpectedFailureList,
        max_details: int,
    ) -> None:
        self.base = base
        self.vectors: list[TestVector] = vector_set.vectors
        self.interface = interface
        self.settings = ics.model.adapter
        self.declared_flags = frozenset(ics.model.flags)
        self.listed_whole = base.listed
        self.listed = xfail.listed_in(base.id)
        self.max_details = max_details
        self.prepare = input_preparer(interface)
        self.exact_kinds: dict[str, type] = {
            name: int if parse_array_type(field.type) is not None else str
            for name, field in interface.outputs.items()
            if parse_array_type(field.type) is not None or field.type in ("string", "enum")
        }
        self.copy_inputs = isinstance(self.settings, PythonSettings)  # an in-process call may mutate them
        self.counts: dict[Verdict, int] = dict.fromkeys(Verdict, 0)
        self.details: dict[int, VectorResult] = {}
        self.omitted = 0
        self.unexpected = 0
        self.done = [False] * len(self.vectors)
        self.worst = _Worst()
        self.fresh: list[VectorResult] = []
        self.fresh_passed = 0
        self.started = time.monotonic()

    # -- recording ---------------------------------------------------------------------------

    def record(
        self,
        position: int,
        verdict: Verdict,
        reason: str = "",
        provided: Any = None,
        mismatch: Mismatch | None = None,
    ) -> None:
        """The verdict of the vector at ``position``."""
        self.done[position] = True
        vector = self.vectors[position]
        listed = self.listed_whole or vector.id in self.listed
        self.counts[verdict] += 1
        if verdict is Verdict.PASS and not listed:
            self.fresh_passed += 1
            return
        worst = self.worst
        if verdict.rank > worst.rank or (verdict.rank == worst.rank and position < worst.position):
            self.worst = _Worst(verdict.rank, position, verdict, f"vector {vector.id}: {reason}" if reason else "")
        if verdict in NON_PASSING and not listed:
            self.unexpected += 1
        if not listed and len(self.details) >= self.max_details:
            self.omitted += 1
            return
        shown_provided = None
        if provided is not None:
            shown_provided = excerpt(provided, mismatch) if isinstance(provided, Mapping) else {
                "returned": to_plain(provided) if not isinstance(provided, str) else provided[:256]}
        result = VectorResult(
            id=vector.id, verdict=verdict, reason=reason, comment=vector.comment or None,
            flags=list(vector.flags), result=vector.result,
            expected=excerpt(vector.expected, mismatch) if verdict is not Verdict.PASS else None,
            provided=shown_provided if verdict is not Verdict.PASS else None,
            expected_failure=listed,
        )
        self.details[position] = result
        self.fresh.append(result)

    def record_passes(self, positions: Sequence[int]) -> None:
        """Many vectors passed at once (a joined batch that matched as a whole)."""
        if self.listed_whole or (self.listed and any(self.vectors[p].id in self.listed for p in positions)):
            for position in positions:
                self.record(position, Verdict.PASS)
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
                self.record(position, verdict, reason)

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
        return self.base.model_copy(update={
            "verdict": verdict,
            "reason": reason,
            "counts": counts,
            "results": [self.details[position] for position in sorted(self.details)],
            "details_omitted": self.omitted,
            "unexpected_failures": self.unexpected,
            "complete": complete,
            "seconds": round(time.monotonic() - self.started, 3),
        })

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
            for position, outcome in zip(positions, outcomes, strict=True):
                self._judge(position, outcome)
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

    def _exact_match(self, expected: Mapping[str, Any], provided: Any) -> bool:
        """True when ``provided`` certainly matches: the fast path for the common case (plain
        lists of integers and strings); False sends the answer to ``compare_outputs``, the judge."""
        if type(provided) is not dict:
            return False
        kinds = self.exact_kinds
        for name, want in expected.items():
            kind = kinds.get(name)
            got = provided.get(name)
            if kind is int:
                if type(got) is not list or got != want:
                    return False
                for item in got:
                    if type(item) is not int:
                        return False
            elif kind is str:
                if type(got) is not str or got != want:
                    return False
            else:
                return False
        return True

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
        outputs = self.interface.outputs
        for position, share in split_batch(plan, batch, self.vectors, provided):
            expected_values = self.vectors[position].expected
            assert expected_values is not None
            if compare_outputs(outputs, expected_values, share) is None:
                self.record(position, Verdict.PASS)
            else:
                again.append(position)  # judged alone, so its verdict does not depend on batching
        return again

    def _judge(self, position: int, outcome: Outcome) -> None:
        vector = self.vectors[position]
        expectation = vector.result
        if isinstance(outcome, Broken):
            self.record(position, Verdict.ERROR, outcome.reason)
            return
        if not isinstance(outcome, Output | Rejected):
            self.record(position, Verdict.NOT_APPLICABLE, outcome.reason)
            return
        if expectation == "invalid":
            if isinstance(outcome, Rejected):
                self.record(position, Verdict.PASS)
            else:
                self.record(position, Verdict.FAIL, "accepted an input that must be rejected", outcome.values)
            return
        if isinstance(outcome, Rejected):
            if expectation == "acceptable":
                self._acceptable(position, vector, f"rejected it ({outcome.reason})")
            else:
                self.record(position, Verdict.FAIL, f"rejected a valid input: {outcome.reason}")
            return
        if vector.expected is None:
            if expectation == "acceptable":
                self._acceptable(position, vector, "accepted it")
            else:
                self.record(position, Verdict.PASS)
            return
        if expectation == "valid" and self._exact_match(vector.expected, outcome.values):
            self.record(position, Verdict.PASS)
            return
        mismatch = compare_outputs(self.interface.outputs, vector.expected, outcome.values)
        if mismatch is not None:
            self.record(position, Verdict.FAIL, mismatch.reason, outcome.values, mismatch)
        elif expectation == "acceptable":
            self._acceptable(position, vector, "accepted it with the expected output")
        else:
            self.record(position, Verdict.PASS)

    def _acceptable(self, position: int, vector: TestVector, behaviour: str) -> None:
        if self.declared_flags.intersection(vector.flags):
            self.record(position, Verdict.PASS)
            return
        flags = ", ".join(vector.flags) or "none"
        self.record(
            position, Verdict.INCONCLUSIVE,
            f"acceptable vector: the implementation {behaviour}; either is allowed, and the ICS declares "
            f"none of its flags ({flags})",
        )

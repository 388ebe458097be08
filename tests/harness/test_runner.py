"""The runner on the toy Recommendation: applicability, verdict rules, traceability, expected failures."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from conformance.harness import RunInterrupted, RunOptions, SetSelection, load_ics, run_conformance
from conformance.reports.model import Report, SetResult
from conformance.reports.recorder import ReportFile
from conformance.reports.verdicts import Verdict
from conformance.spec.diagnostics import SpecError
from conformance.spec.loading import LoadedRecommendation
from tests.harness.conftest import RunToy
from tests.harness.toy import chaos_adapter, python_adapter, write_ics

ALL_FAULTS = ["negate-basic/3", "negate-basic/100", "negate-payload", "scale-basic/2", "checksum-basic/10"]


def by_id(report: Report) -> dict[str, SetResult]:
    return {result.id: result for result in report.sets}


def test_correct_implementation_with_declared_flag_passes(run_toy: RunToy) -> None:
    report = run_toy(python_adapter(), flags=["EmptyData"])
    assert report.verdict is Verdict.PASS and report.passed and report.complete
    assert report.counts == {Verdict.PASS: 46}
    assert report.reason == ""


def test_acceptable_vector_is_inconclusive_without_its_flag(run_toy: RunToy) -> None:
    report = run_toy(python_adapter())
    checksum = by_id(report)["checksum-basic"]
    assert checksum.verdict is Verdict.INCONCLUSIVE
    assert "declares none of its flags (EmptyData)" in checksum.reason
    assert report.verdict is Verdict.INCONCLUSIVE and not report.passed  # never a silent pass


def test_unclaimed_options_make_sets_not_applicable_never_passed(run_toy: RunToy) -> None:
    report = run_toy(python_adapter(), options=["base"])
    sets = by_id(report)
    assert sets["checksum-basic"].verdict is Verdict.NOT_APPLICABLE
    assert sets["checksum-basic"].reason == "requires option checksums, not claimed in the ICS"
    assert sets["checksum-basic"].counts == {}
    rows = {row.id: row for row in report.requirements}
    assert rows["Z-R2"].status == "not-applicable" and rows["Z-R1"].verdict is Verdict.PASS
    nothing = run_toy(python_adapter(), options=[])
    assert nothing.verdict is Verdict.NOT_APPLICABLE and not nothing.passed
    assert nothing.reason == "no applicable vector set ran"


def test_traceability(run_toy: RunToy) -> None:
    report = run_toy(python_adapter("toy_impl:Faulty"))
    rows = {row.id: row for row in report.requirements}
    assert (rows["Z-R1"].status, rows["Z-R1"].verdict) == ("tested", Verdict.FAIL)
    assert rows["Z-R1"].covered_by == ["negate-basic", "negate-payload"]
    assert (rows["Z-R2"].status, rows["Z-R2"].verdict) == ("tested", Verdict.INCONCLUSIVE)
    assert (rows["Z-R4"].status, rows["Z-R4"].verdict) == ("untested", None)
    assert (rows["Z-R5"].status, rows["Z-R5"].verdict) == ("inspection", None)
    partial = run_toy(python_adapter(), run=RunOptions(selection=SetSelection(select=("negate-basic",))))
    assert {row.id: row.status for row in partial.requirements}["Z-R1"] == "partial"
    assert {row.id: row.status for row in partial.requirements}["Z-R2"] == "not-run"


def test_expected_failures_keep_a_faulty_run_green(run_toy: RunToy) -> None:
    report = run_toy(python_adapter("toy_impl:Faulty"), expected_failures=ALL_FAULTS)
    assert report.verdict is Verdict.FAIL  # the verdict stays honest
    assert report.passed
    assert sorted(report.expected_failures.matched) == sorted(ALL_FAULTS)
    assert report.expected_failures.unexpected_failure_count == 0


def test_listed_vector_that_passes_fails_the_run(run_toy: RunToy) -> None:
    report = run_toy(python_adapter("toy_impl:Faulty"), expected_failures=[*ALL_FAULTS, "negate-basic/1"])
    assert not report.passed
    assert report.expected_failures.unexpected_passes == ["negate-basic/1"]
    listed_set = run_toy(python_adapter(), flags=["EmptyData"], expected_failures=["scale-basic"])
    assert listed_set.expected_failures.unexpected_passes == ["scale-basic"] and not listed_set.passed


def test_a_set_listed_whole_records_only_what_did_not_pass(run_toy: RunToy) -> None:
    # before: every vector of a listed set was recorded, passes included (77 KB -> 17.5 MB for G.711)
    report = run_toy(python_adapter("toy_impl:Faulty"), expected_failures=["negate-basic"])
    [negate] = [result for result in report.sets if result.id == "negate-basic"]
    assert negate.counts[Verdict.PASS] > 0
    assert negate.results and all(vector.verdict is not Verdict.PASS for vector in negate.results)
    assert all(vector.expected_failure for vector in negate.results)
    assert negate.listed and negate.unexpected_failures == 0


def test_a_listed_test_id_the_set_does_not_have_is_refused_as_stale(run_toy: RunToy, tmp_path: Path) -> None:
    # before: never reported, so the list went stale silently
    with pytest.raises(SpecError, match=r"RB702 .*negate-basic/999: set 'negate-basic' has no test 999"):
        run_toy(python_adapter("toy_impl:Faulty"), expected_failures=[*ALL_FAULTS, "negate-basic/999"])
    (tmp_path / "known.txt").write_text("scale-basic/12345\n")
    with pytest.raises(SpecError, match=r"RB702 expected_failures_file: scale-basic/12345"):
        run_toy(python_adapter("toy_impl:Faulty"), expected_failures_file="known.txt")


def test_unlisted_failure_fails_the_run(run_toy: RunToy) -> None:
    report = run_toy(python_adapter("toy_impl:Faulty"), expected_failures=ALL_FAULTS[:-1])
    assert not report.passed
    assert report.expected_failures.unexpected_failures == ["checksum-basic/10"]


def test_expected_failure_file(run_toy: RunToy, tmp_path: Path) -> None:
    (tmp_path / "known.txt").write_text("# known bugs\n" + "\n".join(f"{e}  # bug" for e in ALL_FAULTS) + "\n\n")
    report = run_toy(python_adapter("toy_impl:Faulty"), expected_failures_file="known.txt")
    assert report.passed
    (tmp_path / "known.txt").write_text("negate-basic/x\n")
    with pytest.raises(SpecError, match=r"known\.txt:1:1: RB701 'negate-basic/x'"):
        run_toy(python_adapter("toy_impl:Faulty"), expected_failures_file="known.txt")


def test_selection_and_shards_partition_the_sets(run_toy: RunToy) -> None:
    skipped = run_toy(python_adapter(), run=RunOptions(selection=SetSelection(skip=("negate-*",))))
    assert skipped.selection.sets == ["checksum-basic", "scale-basic"]
    shards = [
        run_toy(python_adapter(), run=RunOptions(selection=SetSelection(shard=(index, 3))))
        for index in (1, 2, 3)
    ]
    owned = [set_id for report in shards for set_id in report.selection.sets]
    assert sorted(owned) == sorted(["negate-basic", "negate-payload", "checksum-basic", "scale-basic"])
    assert all(report.selection.shard == f"{index}/3" for index, report in enumerate(shards, 1))


def test_detail_cap(run_toy: RunToy) -> None:
    report = run_toy(python_adapter("toy_impl:Faulty"), run=RunOptions(max_details=1))
    negate = by_id(report)["negate-basic"]
    assert [vector.id for vector in negate.results] == [3]
    assert negate.details_omitted == 1 and negate.unexpected_failures == 2
    assert negate.reason.startswith("vector 3:")


def test_exception_is_an_error_not_a_rejection(run_toy: RunToy) -> None:
    report = run_toy(python_adapter("toy_impl:Crashy"), flags=["EmptyData"])
    negate = by_id(report)["negate-basic"]
    assert negate.verdict is Verdict.ERROR
    assert negate.reason == "vector 4: RuntimeError: unlucky number"
    assert negate.counts == {Verdict.PASS: 36, Verdict.ERROR: 1}


def test_outputs_of_the_wrong_shape_fail(run_toy: RunToy) -> None:
    report = run_toy(python_adapter("toy_impl:Odd", batch=False))
    reasons = {vector.id: vector.reason for vector in by_id(report)["negate-basic"].results}
    assert reasons == {
        1: "the implementation returned a list of 3 items, expected a mapping of outputs",
        2: "output 'values' is missing",
        3: "values: expected a list of integers, provided the string '-7'",
        5: "values: item 0 is the number 32767.0, expected an integer",
    }


def test_in_process_calls_cannot_damage_the_vectors(run_toy: RunToy) -> None:
    for _ in range(2):
        report = run_toy(python_adapter("toy_impl:Mutating", batch=False), run=RunOptions(
            selection=SetSelection(select=("negate-basic",))))
        assert report.sets[0].verdict is Verdict.PASS


def test_adapter_settings_naming_nothing_are_refused_before_running(run_toy: RunToy) -> None:
    with pytest.raises(SpecError, match=r"ics-0\.yaml:\d+:\d+: RB700 adapter\.target: no module 'no_such_module'"):
        run_toy(python_adapter("no_such_module:Thing"))
    with pytest.raises(SpecError, match=r"adapter\.command: program 'no-such-program-here' not found on PATH"):
        run_toy({"type": "process", "command": ["no-such-program-here"]})


@pytest.mark.parametrize("isolate", [False, True])
def test_an_implementation_that_fails_to_load_is_an_error_for_every_vector(
    run_toy: RunToy, tmp_path: Path, isolate: bool
) -> None:
    # its own fault, like a child that dies before its hello: verdicts, not an unusable ICS
    (tmp_path / "broken_at_import.py").write_text("raise RuntimeError('missing shared library')\n")
    adapter = {"type": "python", "target": "broken_at_import:Codec", "python_path": ["."], "isolate": isolate}
    report = run_toy(adapter)
    assert report.complete and report.verdict is Verdict.ERROR and report.counts == {Verdict.ERROR: 46}
    assert "RuntimeError: missing shared library" in report.reason
    unwelcoming = run_toy(python_adapter("toy_impl:Unwelcoming", isolate=isolate))
    assert unwelcoming.counts == {Verdict.ERROR: 46}
    assert "RuntimeError: no licence key" in unwelcoming.reason


def test_missing_method_is_an_error(run_toy: RunToy) -> None:
    report = run_toy(python_adapter("toy_impl:Toy.negate"), run=RunOptions(
        selection=SetSelection(select=("negate-basic",))))
    assert report.verdict is Verdict.ERROR


def test_parallel_jobs_serve_python_targets_from_children(run_toy: RunToy) -> None:
    one = run_toy(python_adapter("toy_impl:Faulty"))
    two = run_toy(python_adapter("toy_impl:Faulty"), run=RunOptions(jobs=2))
    assert [(s.id, s.verdict, s.counts) for s in one.sets] == [(s.id, s.verdict, s.counts) for s in two.sets]
    assert two.implementation.served_as is not None


@pytest.mark.parametrize(("fields", "words"), [
    ({"recommendation": "ITU-T G.711"}, "the ICS is for ITU-T G.711, not ITU-T Z.999"),
    ({"edition": "2020-01-01"}, "claims the 2020-01-01 edition"),
    ({"options": ["base", "turbo"]}, "'turbo' is not an option of ITU-T Z.999"),
    ({"expected_failures": ["no-such-set/1"]}, "no vector set 'no-such-set'"),
])
def test_ics_that_does_not_fit_is_refused_before_running(
    toy: LoadedRecommendation, tmp_path: Path, fields: dict[str, object], words: str
) -> None:
    path = write_ics(tmp_path / "ics.yaml", python_adapter())
    document = json.loads(path.read_text())
    document.update(fields)
    path.write_text(json.dumps(document))
    with pytest.raises(SpecError, match=words):
        run_conformance(toy, load_ics(path))


class _StopAfterFirstSet:
    def __init__(self, cancel: threading.Event | None = None) -> None:
        self.cancel = cancel

    def run_started(self, sets: Sequence[str]) -> None:
        pass

    def set_started(self, set_id: str, vectors: int) -> None:
        pass

    def vectors_done(self, set_id: str, count: int) -> None:
        pass

    def set_finished(self, result: SetResult) -> None:
        if self.cancel is not None:
            self.cancel.set()
        else:
            raise KeyboardInterrupt


def test_cancelled_run_leaves_a_valid_partial_report(toy: LoadedRecommendation, tmp_path: Path) -> None:
    ics = load_ics(write_ics(tmp_path / "ics.yaml", python_adapter()))
    cancel = threading.Event()
    sink = ReportFile(tmp_path / "r.json")
    with pytest.raises(RunInterrupted) as stopped:
        run_conformance(toy, ics, progress=_StopAfterFirstSet(cancel), sink=sink, cancel=cancel)
    assert not stopped.value.report.complete and not stopped.value.report.passed
    on_disk = Report.model_validate_json((tmp_path / "r.json").read_text())
    assert not on_disk.complete and [s.id for s in on_disk.sets] == ["negate-basic"]
    assert "the run was interrupted; this report is partial" in on_disk.notes
    assert (tmp_path / "r.json.journal").is_file()


def test_ctrl_c_leaves_a_valid_partial_report(toy: LoadedRecommendation, tmp_path: Path) -> None:
    ics = load_ics(write_ics(tmp_path / "ics.yaml", chaos_adapter("none")))
    with pytest.raises(KeyboardInterrupt):
        run_conformance(toy, ics, progress=_StopAfterFirstSet(), sink=ReportFile(tmp_path / "r.json"))
    on_disk = Report.model_validate_json((tmp_path / "r.json").read_text())
    assert not on_disk.complete and on_disk.finished is not None
    assert on_disk.sets[0].verdict is Verdict.PASS
    journal = [json.loads(line) for line in (tmp_path / "r.json.journal").read_text().splitlines()]
    assert journal[0]["event"] == "started" and journal[-1]["event"] == "set"


def test_finished_run_replaces_the_partial_report_and_drops_the_journal(
    toy: LoadedRecommendation, tmp_path: Path
) -> None:
    ics = load_ics(write_ics(tmp_path / "ics.yaml", python_adapter(), flags=["EmptyData"]))
    report = run_conformance(toy, ics, sink=ReportFile(tmp_path / "r.json"))
    assert Report.model_validate_json((tmp_path / "r.json").read_text()) == report
    assert not (tmp_path / "r.json.journal").exists()


def test_a_set_compared_within_a_tolerance_reports_its_largest_deviation(run_toy: RunToy) -> None:
    passing = by_id(run_toy(python_adapter(), flags=["EmptyData"]))["scale-basic"]
    assert passing.verdict is Verdict.PASS and passing.largest_deviation is not None
    deviation = passing.largest_deviation
    # 3.0 x 0.1 = 0.30000000000000004 against 0.3000001: the largest of the set, within abs 1e-6
    assert (deviation.vector, deviation.output, deviation.offset) == (2, "values", 0)
    assert deviation.value == pytest.approx(0.3000001 - 0.30000000000000004, abs=1e-12)
    assert deviation.tolerance == "abs 1e-06"
    assert deviation.describe() in passing.remarks() and "of vector 2; tolerance abs 1e-06" in deviation.describe()
    failing = by_id(run_toy(python_adapter("toy_impl:Faulty"), flags=["EmptyData"]))["scale-basic"]
    assert failing.largest_deviation is not None and failing.largest_deviation.vector == 2
    assert failing.largest_deviation.value == pytest.approx(0.31 - 0.3000001)
    # exact comparisons have no deviation to report
    assert by_id(run_toy(python_adapter(), flags=["EmptyData"]))["negate-basic"].largest_deviation is None

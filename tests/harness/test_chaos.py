"""The chaos suite: misbehaving children cost verdicts, never the run.

Each mode of tests/harness/fixtures/chaos_child.py misbehaves on the vector whose values hold 13
(negate-basic vector 4). Every run must end, within a bound, with a complete report whose
verdicts say exactly what happened.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from conformance.harness import RunOptions, SetSelection
from conformance.reports.model import Report
from conformance.reports.verdicts import Verdict
from tests.harness.conftest import RunToy, within
from tests.harness.toy import chaos_adapter, chaos_command, wait_gone

NEGATE = RunOptions(selection=SetSelection(select=("negate-basic",)))
VECTORS = 37  # in negate-basic
TRIGGERED = 4  # the vector holding 13


def run_chaos(run_toy: RunToy, mode: str, seconds: float = 30, **settings: Any) -> Report:
    return _complete_run(run_toy, chaos_adapter(mode, **settings), seconds)


def _complete_run(run_toy: RunToy, adapter: dict[str, Any], seconds: float) -> Report:
    """Run the negate set through ``adapter``; the report is complete and every vector has a verdict."""
    report = within(seconds, lambda: run_toy(adapter, run=NEGATE))
    assert report.complete and report.finished is not None
    [result] = report.sets
    assert sum(result.counts.values()) == VECTORS
    return report


def only_triggered_fails(report: Report, words: str) -> None:
    [result] = report.sets
    assert result.verdict is Verdict.ERROR
    assert result.counts == {Verdict.PASS: VECTORS - 1, Verdict.ERROR: 1}, result.counts
    [broken] = result.results
    assert broken.id == TRIGGERED and words in broken.reason, broken.reason


@pytest.mark.parametrize("batch", [True, False])
def test_crash_costs_one_vector_and_the_child_is_restarted(run_toy: RunToy, batch: bool) -> None:
    report = run_chaos(run_toy, "crash", batch=batch)
    only_triggered_fails(report, "exited with status 3 before answering")
    assert any("restarted" in note for note in report.notes)


def test_hang_is_killed_after_the_request_timeout(run_toy: RunToy) -> None:
    report = run_chaos(run_toy, "hang", batch=False, timeouts={"request": 1})
    only_triggered_fails(report, "no answer within 1 s (request timeout); the child was killed")


def test_garbage_line_is_a_protocol_violation(run_toy: RunToy) -> None:
    report = run_chaos(run_toy, "garbage", batch=False)
    only_triggered_fails(report, "protocol violation: a response line is not a JSON object: 'this is not JSON'")


@pytest.mark.parametrize("batch", [True, False])
def test_json_nested_beyond_parsing_is_a_protocol_violation(run_toy: RunToy, batch: bool) -> None:
    report = run_chaos(run_toy, "deep", batch=batch)
    only_triggered_fails(report, "protocol violation: a response line is not a JSON object")


def test_wrong_id_is_a_protocol_violation(run_toy: RunToy) -> None:
    report = run_chaos(run_toy, "wrong-id", batch=False)
    only_triggered_fails(report, "matches no request in flight")


def test_huge_output_is_capped(run_toy: RunToy) -> None:
    report = run_chaos(run_toy, "huge", batch=False, max_output_bytes=65536)
    only_triggered_fails(report, "longer than the output cap of 65536 bytes")


def test_early_exit_costs_the_requests_left_unanswered(run_toy: RunToy) -> None:
    report = run_chaos(run_toy, "early-exit", batch=False, max_restarts=20)
    [result] = report.sets
    assert result.verdict is Verdict.ERROR
    assert result.counts[Verdict.ERROR] >= 1 and result.counts[Verdict.PASS] >= VECTORS - 10
    assert all("exited with status 0 before answering" in vector.reason for vector in result.results)


def test_stderr_flood_cannot_block_the_child(run_toy: RunToy) -> None:
    report = run_chaos(run_toy, "stderr-flood", batch=False)
    assert report.sets[0].counts == {Verdict.PASS: VECTORS}
    assert any("bytes on stderr" in note for note in report.notes)
    assert any(note.startswith("child stderr (last lines): xxx") for note in report.notes)


def test_slow_start_within_the_startup_timeout_passes(run_toy: RunToy) -> None:
    report = run_chaos(run_toy, "slow-start")
    assert report.sets[0].counts == {Verdict.PASS: VECTORS}


def test_start_beyond_the_startup_timeout_is_an_error_for_every_vector(run_toy: RunToy) -> None:
    report = run_chaos(run_toy, "very-slow-start", seconds=15, timeouts={"startup": 0.5})
    [result] = report.sets
    assert result.counts == {Verdict.ERROR: VECTORS}
    assert "no hello line within 0.5 s (startup timeout)" in result.reason


@pytest.mark.parametrize(("mode", "words"), [
    ("bad-hello", "announces protocol 'something-else/9'"),
    ("no-hello", "exited with status 0 before its hello line"),
])
def test_a_child_without_a_proper_hello_is_an_error(run_toy: RunToy, mode: str, words: str) -> None:
    report = run_chaos(run_toy, mode)
    assert report.sets[0].counts == {Verdict.ERROR: VECTORS}
    assert words in report.sets[0].reason


def test_answers_out_of_order_are_matched_by_id(run_toy: RunToy) -> None:
    report = run_chaos(run_toy, "reorder", batch=False)
    assert report.sets[0].counts == {Verdict.PASS: VECTORS}


def test_run_time_limit_ends_a_run_that_never_answers(run_toy: RunToy) -> None:
    report = run_chaos(run_toy, "hang-always", seconds=20, batch=False, timeouts={"request": 30, "run": 1})
    [result] = report.sets
    assert result.counts == {Verdict.ERROR: VECTORS}
    assert "time limit" in result.reason


def test_a_child_that_keeps_crashing_is_given_up(run_toy: RunToy) -> None:
    report = run_chaos(run_toy, "no-hello", max_restarts=2)
    assert report.sets[0].verdict is Verdict.ERROR


def test_restart_limit_marks_the_rest_as_errors(run_toy: RunToy) -> None:
    report = run_chaos(run_toy, "early-exit", batch=False, max_restarts=1)
    [result] = report.sets
    assert result.counts[Verdict.ERROR] > 1
    assert any("restarted 1 time, the limit" in vector.reason for vector in result.results)


def test_a_command_writing_json_nested_beyond_parsing_costs_its_vectors(run_toy: RunToy) -> None:
    write = "import sys; open(sys.argv[1], 'w').write('[' * 100000 + ']' * 100000)"
    adapter = {"type": "command", "command": [sys.executable, "-c", write, "{output}"], "batch": False}
    report = within(60, lambda: run_toy(adapter, run=NEGATE))
    [result] = report.sets
    assert report.complete and result.counts == {Verdict.ERROR: VECTORS}
    assert result.reason.startswith("vector 1: the output file is not JSON"), result.reason


def only_triggered(report: Report, verdict: Verdict, words: str) -> None:
    """The triggered vector alone has ``verdict``, its reason holds ``words``; the report serialises."""
    [result] = report.sets
    assert result.counts == {Verdict.PASS: VECTORS - 1, verdict: 1}, (result.counts, result.results)
    [touched] = result.results
    assert touched.id == TRIGGERED and words in touched.reason, touched.reason
    assert json.loads(report.to_json())["sets"][0]["id"] == "negate-basic"


def run_chaos_command(run_toy: RunToy, mode: str, seconds: float = 60, **settings: Any) -> Report:
    return _complete_run(run_toy, chaos_command(mode, **settings), seconds)


ANSWERS = [
    ("surrogate-rejected", Verdict.FAIL, "bad \\ud800 input"),
    ("surrogate-error", Verdict.ERROR, "the implementation reported an error: broken \\udfff here"),
    ("surrogate-output", Verdict.FAIL, "expected"),
    ("nested", Verdict.ERROR, "protocol violation: the answer nests deeper than 32 levels"),
    ("all-three", Verdict.ERROR, "protocol violation: the answer holds output, rejected, error"),
]


@pytest.mark.parametrize("batch", [True, False])
@pytest.mark.parametrize(("mode", "verdict", "words"), ANSWERS)
def test_a_strange_answer_costs_its_vector_only(
    run_toy: RunToy, mode: str, verdict: Verdict, words: str, batch: bool
) -> None:
    report = run_chaos(run_toy, mode, batch=batch)
    only_triggered(report, verdict, words)
    assert not any("restarted" in note for note in report.notes)  # the child went on


@pytest.mark.parametrize(("mode", "verdict", "words"), ANSWERS)
def test_a_strange_output_file_costs_its_vector_only(
    run_toy: RunToy, mode: str, verdict: Verdict, words: str
) -> None:
    only_triggered(run_chaos_command(run_toy, mode), verdict, words)


def test_lone_surrogates_in_the_hello_are_made_safe(run_toy: RunToy) -> None:
    report = run_chaos(run_toy, "surrogate-hello")
    assert report.sets[0].counts == {Verdict.PASS: VECTORS}
    assert report.implementation.served_as == "chaos \\ud800 \\udfff"
    report.to_json().encode("utf-8")


@pytest.mark.parametrize(("mode", "words"), [
    ("dev-zero", "the output file was refused: it is a symbolic link, expected a regular file"),
    ("fifo", "the output file was refused: it is a FIFO (named pipe), expected a regular file"),
    ("folder", "the output file was refused: it is a folder, expected a file"),
])
def test_an_output_that_is_no_regular_file_is_refused_unread(run_toy: RunToy, mode: str, words: str) -> None:
    only_triggered(run_chaos_command(run_toy, mode, timeouts={"request": 30, "run": 60}), Verdict.ERROR, words)


def test_a_command_deleting_the_temporary_folder_costs_its_vector_only(run_toy: RunToy) -> None:
    only_triggered(run_chaos_command(run_toy, "delete-temp"), Verdict.ERROR, "without writing its output file")


def test_a_command_flooding_its_output_is_drained_and_capped(run_toy: RunToy) -> None:
    report = run_chaos_command(run_toy, "flood")
    assert report.sets[0].counts == {Verdict.PASS: VECTORS}
    [note] = [note for note in report.notes if "stdout and stderr" in note]
    assert "1 command run wrote more than" in note and "the most: 20971545 bytes" in note, note


@pytest.mark.parametrize("kind", ["process", "command"])
def test_a_helper_that_left_the_session_is_ended_with_the_run(run_toy: RunToy, tmp_path: Path, kind: str) -> None:
    pid_file = tmp_path / "helper.pid"
    env = {"CHAOS_PID_FILE": str(pid_file)}
    if kind == "process":
        report = run_chaos(run_toy, "setsid-helper", env=env)
    else:
        report = run_chaos_command(run_toy, "setsid-helper", env=env)
    assert report.sets[0].counts == {Verdict.PASS: VECTORS}
    pid = int(pid_file.read_text())
    assert wait_gone(pid), f"helper {pid} still runs"

"""The same vectors give the same verdicts through every adapter (python, process, command)."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.reports.model import Report
from conformance.reports.verdicts import Verdict
from tests.harness.conftest import RunToy
from tests.harness.toy import command_adapter, python_adapter, served_adapter


def verdicts(report: Report) -> dict[str, Any]:
    """What must not depend on the adapter: per set, verdict, counts and each non-passing vector."""
    return {
        result.id: (result.verdict, dict(result.counts), result.reason,
                    [(vector.id, vector.verdict, vector.reason) for vector in result.results])
        for result in report.sets
    }


@pytest.mark.parametrize("target", ["toy_impl:Toy", "toy_impl:Faulty"])
def test_python_process_and_command_agree(run_toy: RunToy, target: str) -> None:
    in_process = run_toy(python_adapter(target))
    served = run_toy(served_adapter(target))
    command = run_toy(command_adapter(target))
    assert verdicts(in_process) == verdicts(served) == verdicts(command)
    assert served.implementation.served_as == f"{target} unknown"


def test_batching_does_not_change_verdicts(run_toy: RunToy) -> None:
    joined = run_toy(python_adapter("toy_impl:Faulty"))
    alone = run_toy(python_adapter("toy_impl:Faulty", batch=False))
    tiny = run_toy(python_adapter("toy_impl:Faulty", batch_size=2))
    assert verdicts(joined) == verdicts(alone) == verdicts(tiny)


def test_faulty_verdicts_are_the_expected_ones(run_toy: RunToy) -> None:
    report = run_toy(python_adapter("toy_impl:Faulty"))
    sets = {result.id: result for result in report.sets}
    negate = sets["negate-basic"]
    assert negate.verdict is Verdict.FAIL
    assert negate.reason == "vector 3: values: first differing item at offset 0: expected -7, provided 7 (length 1)"
    [seven, overflow] = negate.results
    assert seven.expected == {"values": [-7]} and seven.provided == {"values": [7]}
    assert overflow.id == 100 and overflow.reason == "accepted an input that must be rejected"
    payload = sets["negate-payload"].results[0]
    assert "first differing item at offset 6" in payload.reason
    assert payload.provided == {"values": {"length": 100, "start": 2, "items": [
        -3, -4, -5, -6, 7, -8, -9, -10, -11, -12, -13, -14, -15, -16, -17, -18]}}
    scale = sets["scale-basic"]
    assert scale.verdict is Verdict.FAIL and scale.results[0].id == 2
    assert "tolerance abs 1e-06" in scale.reason
    assert sets["checksum-basic"].verdict is Verdict.INCONCLUSIVE
    assert report.verdict is Verdict.FAIL and not report.passed

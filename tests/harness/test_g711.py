"""G.711 through every adapter: the reference in-process, served as a child, a C child, a command.

All must give the same verdicts on the full vector sets (131,594 vectors, with the exhaustive
ones). The C implementation (fixtures/g711_child.c) is compiled with gcc by the test; without
gcc those tests are skipped.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conformance.harness import RunOptions, ics_for_implementation, load_ics, run_conformance
from conformance.reports.model import Report
from conformance.reports.verdicts import Verdict
from conformance.spec.catalog import load_catalog
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import VectorSetEntry
from conformance.spec.vectors import VectorSet, load_vector_set
from tests.conftest import REPOSITORY
from tests.harness.toy import FIXTURES

_CACHE: dict[str, VectorSet] = {}


def cached(entry: VectorSetEntry, folder: Path) -> VectorSet:
    """Load each G.711 vector set once for the whole module (loading dominates otherwise)."""
    if entry.id not in _CACHE:
        _CACHE[entry.id] = load_vector_set(entry, folder)
    return _CACHE[entry.id]


OPTIONS = RunOptions(loader=cached)


@pytest.fixture(scope="module")
def g711() -> LoadedRecommendation:
    found = load_catalog(REPOSITORY).find("G.711")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def reference_verdicts(g711: LoadedRecommendation) -> dict[str, Any]:
    implementation = g711.model.implementation("reference")
    assert implementation is not None
    report = run_conformance(g711, ics_for_implementation(g711, implementation), options=OPTIONS)
    assert report.passed and report.counts == {Verdict.PASS: 131594}
    return verdicts(report)


@pytest.fixture(scope="module")
def c_child(tmp_path_factory: pytest.TempPathFactory) -> Path:
    compiler = shutil.which("gcc")
    if compiler is None:
        pytest.skip("gcc is not installed")
    program = tmp_path_factory.mktemp("c") / "g711_child"
    subprocess.run([compiler, "-O2", "-Wall", "-Wextra", "-Werror", "-o", str(program),
                    str(FIXTURES / "g711_child.c")], check=True, capture_output=True, timeout=120)
    return program


def verdicts(report: Report) -> dict[str, Any]:
    return {result.id: (result.verdict, dict(result.counts),
                        [(vector.id, vector.verdict) for vector in result.results]) for result in report.sets}


def run_with(g711: LoadedRecommendation, tmp_path: Path, adapter: dict[str, Any],
             options: tuple[str, ...] = ("a-law", "mu-law", "validates-input")) -> Report:
    import json

    path = tmp_path / "ics.yaml"
    path.write_text(json.dumps({
        "recommendation": "ITU-T G.711", "implementation": {"name": "under test", "version": "1"},
        "options": list(options), "adapter": adapter,
    }))
    return run_conformance(g711, load_ics(path), options=OPTIONS)


def test_reference_served_as_a_child(g711: LoadedRecommendation, reference_verdicts: dict[str, Any]) -> None:
    implementation = g711.model.implementation("reference-process")
    assert implementation is not None
    report = run_conformance(g711, ics_for_implementation(g711, implementation), options=OPTIONS)
    assert verdicts(report) == reference_verdicts
    assert report.implementation.served_as == "recbench G.711 reference 0.1.0"


def test_reference_one_request_per_vector(
    g711: LoadedRecommendation, tmp_path: Path, reference_verdicts: dict[str, Any]
) -> None:
    report = run_with(g711, tmp_path, {"type": "process", "batch": False,
                                       "command": ["python", "-m", "reference_impl.g711", "serve"]})
    assert verdicts(report) == reference_verdicts


def test_c_child_over_the_process_protocol(
    g711: LoadedRecommendation, tmp_path: Path, c_child: Path, reference_verdicts: dict[str, Any]
) -> None:
    report = run_with(g711, tmp_path, {"type": "process", "command": [str(c_child)]})
    assert verdicts(report) == reference_verdicts
    assert report.implementation.served_as == "g711-c 1.0"
    alone = run_with(g711, tmp_path, {"type": "process", "command": [str(c_child)], "batch": False})
    assert verdicts(alone) == reference_verdicts


def test_command_with_json_files(
    g711: LoadedRecommendation, tmp_path: Path, reference_verdicts: dict[str, Any]
) -> None:
    report = run_with(g711, tmp_path, {"type": "command", "command": [
        sys.executable, "-m", "reference_impl._serve", "reference_impl.g711:Implementation",
        "--files", "{input}", "{output}"]})
    assert verdicts(report) == reference_verdicts


def test_c_tool_with_binary_files(g711: LoadedRecommendation, tmp_path: Path, c_child: Path) -> None:
    report = run_with(g711, tmp_path, {
        "type": "command",
        "command": [str(c_child), "{interface}", "{law}", "{input}", "{output}"],
        "files": {
            "encode": {"input": "samples", "input_format": "int16le", "output": "codes", "output_format": "uint8"},
            "decode": {"input": "codes", "input_format": "uint8", "output": "samples", "output_format": "int16le"},
        },
    })
    assert report.verdict is Verdict.PASS
    # the out-of-range inputs of the rejection vectors cannot be written in the files' formats
    assert report.counts == {Verdict.PASS: 131594 - 6, Verdict.NOT_APPLICABLE: 6}
    rejects = next(result for result in report.sets if result.id == "alaw-encode-rejects")
    unsendable = rejects.results[0]
    assert unsendable.id == 1 and "cannot be written as int16le" in unsendable.reason


def requirement_verdicts(report: Report) -> dict[str, str]:
    return {item.id: item.verdict.value if item.verdict else item.status for item in report.requirements}


def test_a_child_that_does_not_validate_input_passes_every_coding_requirement(
    g711: LoadedRecommendation, tmp_path: Path, c_child: Path
) -> None:
    lenient = {"type": "process", "command": [str(c_child), "--no-range-check"]}
    coding = {"G711-R2": "pass", "G711-R3": "pass", "G711-R4": "pass", "G711-R5": "pass", "G711-R6": "pass"}
    # claiming validation it does not do fails the validation requirement alone
    claimed = run_with(g711, tmp_path, lenient)
    assert claimed.verdict is Verdict.FAIL
    assert requirement_verdicts(claimed) | coding == requirement_verdicts(claimed)
    assert requirement_verdicts(claimed)["G711-R9"] == "fail"
    # an ICS that leaves validates-input out makes the rejection sets not applicable
    honest = run_with(g711, tmp_path, lenient, options=("a-law", "mu-law"))
    assert honest.passed and honest.verdict is Verdict.PASS
    assert requirement_verdicts(honest) | coding == requirement_verdicts(honest)
    assert requirement_verdicts(honest)["G711-R9"] == "not-applicable"
    rejects = [result for result in honest.sets if result.id.endswith("-rejects")]
    assert len(rejects) == 4
    assert all(result.verdict is Verdict.NOT_APPLICABLE and "validates-input" in result.reason for result in rejects)

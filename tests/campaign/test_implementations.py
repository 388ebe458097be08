"""Every declared third-party implementation, run through the campaign: verdicts and expected failures hold.

The PyPI and standard-library ones must be present (the README's test command installs the
'campaign' extra) and pass with exactly their expected failures. The apt- and npm-based ones must be
reported skipped, "not installed: ...", never passed, where their packages are absent; where they
are present, ``nox -s campaign`` runs them (FFmpeg's G.711 alone runs its 1,928 deviating vectors
one ffmpeg process each, minutes on a small machine), and RECBENCH_CAMPAIGN_APT=1 runs them here too.
"""

from __future__ import annotations

import os

import pytest

from conformance.campaign import (
    Declared,
    OutcomeStatus,
    SharedVectorSets,
    check_prerequisites,
    declared_implementations,
    run_campaign,
)
from conformance.reports.model import Report
from conformance.reports.verdicts import Verdict
from conformance.spec.catalog import load_catalog
from tests.conftest import REPOSITORY

DECLARED = declared_implementations(load_catalog(REPOSITORY))
BY_ID = {f"{item.recommendation.folder.name}-{item.name}": item for item in DECLARED}
VECTOR_SETS = SharedVectorSets()  # each worker parses a vector file once, whatever runs it

# per implementation, the vectors of each set that must not pass (the deviations found), by verdict
DEVIATIONS: dict[str, dict[str, dict[Verdict, int]]] = {
    "g711-audioop": {
        "ulaw-encode-exhaustive": {Verdict.FAIL: 508}, "ulaw-stl-sweep": {Verdict.FAIL: 1},
    },
    "g711-ffmpeg": {"alaw-encode-exhaustive": {Verdict.FAIL: 964}, "ulaw-encode-exhaustive": {Verdict.FAIL: 964}},
    "g711-sox": {"alaw-encode-exhaustive": {Verdict.FAIL: 1020}, "ulaw-encode-exhaustive": {Verdict.FAIL: 510}},
    "g711-spandsp": {"ulaw-encode-exhaustive": {Verdict.FAIL: 127}},
    "g711-alawmulaw": {"alaw-encode-exhaustive": {Verdict.FAIL: 127}, "ulaw-encode-exhaustive": {Verdict.FAIL: 127}},
    "g711-g711-npm": {"alaw-encode-exhaustive": {Verdict.FAIL: 896}, "ulaw-encode-exhaustive": {Verdict.FAIL: 127}},
    "x667-uuid": {"represent-generated": {Verdict.FAIL: 9}, "name-based-md5-generated": {Verdict.FAIL: 3}},
}


def run(item: Declared) -> Report:
    outside = item.declaration.model.install.via in ("apt", "npm")  # not installed by the README's command
    if outside:
        readiness = check_prerequisites(item)
        if readiness.present and os.environ.get("RECBENCH_CAMPAIGN_APT") != "1":
            pytest.skip(f"{item.declaration.model.install.via}-based and installed: `nox -s campaign` runs it "
                        "(or RECBENCH_CAMPAIGN_APT=1)")
    (outcome,) = run_campaign([item], loader=VECTOR_SETS)
    if outside and outcome.status is OutcomeStatus.skipped:
        assert outcome.report is None and outcome.detail.startswith("not installed: ")
        pytest.skip(outcome.detail)
    assert outcome.status is OutcomeStatus.ran, outcome.detail
    assert outcome.report is not None
    return outcome.report


def test_enough_implementations_are_declared() -> None:
    assert len(DECLARED) >= 12
    assert len({item.recommendation.model.id for item in DECLARED}) >= 6


@pytest.mark.parametrize("key", sorted(BY_ID))
def test_implementation_passes_with_exactly_its_expected_failures(key: str) -> None:
    report = run(BY_ID[key])
    assert report.complete and report.passed, report.reason
    assert report.verdict is not Verdict.NOT_APPLICABLE  # something applicable ran
    assert not report.expected_failures.unexpected_failures and not report.expected_failures.unexpected_passes
    for set_id, counts in DEVIATIONS.get(key, {}).items():
        result = next(item for item in report.sets if item.id == set_id)
        for verdict, count in counts.items():
            assert result.counts.get(verdict, 0) == count, (set_id, verdict)
    if key == "g711-audioop":
        audioop_mu_law_deviation_is_the_508_known_inputs(report)


def audioop_mu_law_deviation_is_the_508_known_inputs(report: Report) -> None:
    """Four inputs at each of the 127 negative decision values, each given the code one below."""
    result = next(item for item in report.sets if item.id == "ulaw-encode-exhaustive")
    failed = [vector for vector in result.results if vector.verdict is Verdict.FAIL]
    assert len(failed) == 508 and all(vector.expected_failure for vector in failed)
    inputs = sorted(vector.inputs["samples"][0] for vector in failed if vector.inputs)
    assert all(sample < 0 for sample in inputs)
    starts = [sample for sample in inputs if sample - 1 not in inputs]
    assert len(starts) == 127 and all({start, start + 1, start + 2, start + 3} <= set(inputs) for start in starts)
    for vector in failed:
        assert vector.provided is not None and vector.expected is not None
        assert vector.provided["codes"][0] == vector.expected["codes"][0] - 1
    assert not any(item.counts.get(Verdict.FAIL) for item in report.sets if item.id.startswith("alaw"))

"""CVSS v3.x and v4.0 scoring against published calculator results."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.hygiene.cvss import CvssError, score_vector, severity_of

VECTORS = [
    tuple(line.split(" - "))
    for line in (Path(__file__).parent / "data" / "cvss-vectors.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
]


@pytest.mark.parametrize(("vector", "expected"), VECTORS)
def test_score_matches_first_calculators(vector: str, expected: str) -> None:
    assert score_vector(vector).score == float(expected)


def test_versions_and_severity() -> None:
    scored = score_vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
    assert (scored.version, scored.score, scored.severity) == ("3.1", 9.8, "critical")
    assert score_vector("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").version == "3.0"
    assert score_vector("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N"
                        ).severity == "none"


def test_v3_temporal_and_environmental_metrics_lower_the_score() -> None:
    base = score_vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").score
    temporal = score_vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U").score
    environmental = score_vector(
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:L/IR:L/AR:L/MAV:P").score
    assert temporal < base and environmental < base


def test_scale() -> None:
    assert [severity_of(s) for s in (0.0, 0.1, 3.9, 4.0, 6.9, 7.0, 8.9, 9.0, 10.0)] == [
        "none", "low", "low", "medium", "medium", "high", "high", "critical", "critical"]


@pytest.mark.parametrize("vector", [
    "CVSS:2.0/AV:N", "CVSS:3.1/AV:N/AC:L", "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:4.0/AV:N/FOO:1", "garbage",
])
def test_bad_vectors_raise_a_clear_error(vector: str) -> None:
    with pytest.raises(CvssError, match=r"CVSS|metric|prefix"):
        score_vector(vector)

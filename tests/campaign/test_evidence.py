"""Expected-failure entries drafted with their evidence, and the upstream bug report, from a real run."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.campaign.evidence import expected_failure_lines
from conformance.harness import load_ics, run_conformance
from conformance.reports.model import Report
from conformance.reports.upstream import UpstreamReportError, upstream_bug_report
from conformance.spec.catalog import load_catalog
from tests.conftest import REPOSITORY

ICS = """\
recommendation: ITU-T V.41
implementation: {{name: buggy-crc, version: "1"}}
options: [octets-msb-first]
adapter: {{type: python, target: "tests.campaign.buggy_crc:V41", python_path: ["{root}"]}}
not_applicable:
  - {{interface: encode_bits, reason: octets only}}
  - {{interface: check_block, reason: octets only}}
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    path = tmp_path_factory.mktemp("ics") / "buggy.yaml"
    path.write_text(ICS.format(root=REPOSITORY), encoding="utf-8")
    loaded = load_catalog(REPOSITORY).find("V.41")
    assert loaded is not None
    return run_conformance(loaded, load_ics(path))


def test_each_failure_becomes_an_entry_with_its_evidence(report: Report) -> None:
    lines = expected_failure_lines(report)
    assert lines and all(line.startswith("encode-octets-msb-first-generated/") for line in lines)
    first = lines[0]
    assert "# fail; input {" in first and "; expected {\"check_octets\": " in first and "; provided {" in first
    assert first.endswith("requirement V41-R1, V41-R2, V41-R3")


def test_the_upstream_report_names_the_smallest_vector_its_source_and_how_to_reproduce(report: Report) -> None:
    text = upstream_bug_report(report, load_catalog(REPOSITORY))
    assert text.startswith("# buggy-crc 1 gives values other than ITU-T V.41 on ")
    assert "## The smallest failing vector" in text and "expected: {\"check_octets\": " in text
    assert "**V41-R1** (shall, clause 2)" in text
    assert "tools/vectors/fcs.py" in text  # the provenance of the expected value
    assert "$ recbench vectors show 'ITU-T V.41' encode-octets-msb-first-generated/" in text
    assert "--select encode-octets-msb-first-generated" in text


def test_no_wrong_answer_no_bug_report(report: Report) -> None:
    passing = Report.model_validate({**report.model_dump(by_alias=True), "sets": []})
    with pytest.raises(UpstreamReportError, match="nothing to report upstream"):
        upstream_bug_report(passing, load_catalog(REPOSITORY))


def test_declared_not_applicable_sets_say_why(report: Report) -> None:
    result = next(item for item in report.sets if item.id == "check-block-generated")
    assert result.verdict.value == "not-applicable"
    assert result.reason == "declared not applicable in the ICS: octets only"


def test_the_ics_refuses_an_unknown_not_applicable_target(tmp_path: Path) -> None:
    from conformance.harness import prepare_run
    from conformance.spec.diagnostics import SpecError

    path = tmp_path / "ics.yaml"
    path.write_text(ICS.format(root=REPOSITORY).replace("interface: encode_bits", "vector_set: no-such-set"),
                    encoding="utf-8")
    loaded = load_catalog(REPOSITORY).find("V.41")
    assert loaded is not None
    with pytest.raises(SpecError) as caught:
        prepare_run(loaded, load_ics(path))
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "RB700"
    assert "not_applicable[0]: ITU-T V.41 has no vector set 'no-such-set'" in diagnostic.message
    assert diagnostic.line == 6

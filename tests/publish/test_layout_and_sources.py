"""Site paths, relative links, and an implementation's source link at its commit."""

from __future__ import annotations

import json

from conformance.publish import layout
from conformance.publish.sources import source_link
from conformance.reports.model import Report
from conformance.spec.model import Implementation


def test_relative_links_between_pages() -> None:
    assert layout.relative("recommendations/g711.md", layout.report_html(7)) == "../reports/run-7.html"
    assert layout.relative(layout.HOME, layout.recommendation_page("g711"), html=True) == "recommendations/g711.html"
    assert layout.relative(layout.MATRIX, layout.MATRIX) == "matrix.md"


def _implementation(location: dict[str, str]) -> Implementation:
    return Implementation.model_validate({
        "name": "x", "kind": "third-party", "language": "C", "location": location, "license": "MIT",
        "adapter": {"type": "command", "command": ["./x", "{input}", "{output}"]}})


def test_a_source_here_is_linked_at_the_commit_of_its_report(tmp_path: object) -> None:
    report = Report.model_validate(json.loads(json.dumps(_minimal_report())))
    link = source_link(_implementation({"path": "impl/x"}), report, "https://git.example.org/t/{commit}/{path}")
    assert link.url == "https://git.example.org/t/" + "a" * 40 + "/impl/x"
    assert link.label == "impl/x @ " + "a" * 12
    assert source_link(_implementation({"path": "impl/x"}), report, None).url is None


def test_a_source_elsewhere_is_its_clone_url_at_its_pinned_commit() -> None:
    link = source_link(_implementation({"git": "https://git.example.org/x.git", "commit": "b" * 40}), None, None)
    assert link.url == "https://git.example.org/x.git" and link.label.endswith("@ " + "b" * 12)
    assert source_link(_implementation({"git": "ssh://host/x", "commit": "b" * 40}), None, None).url is None


def _minimal_report() -> dict[str, object]:
    return {
        "complete": True, "passed": True, "verdict": "pass",
        "recommendation": {"id": "ITU-T X.1", "title": "t", "edition": "2020-01-01", "folder": "x1",
                           "sha256": "0" * 64},
        "implementation": {"name": "x", "version": "1", "adapter": "command", "target": "./x",
                           "git": {"commit": "a" * 40, "dirty": False}},
        "ics": {}, "ics_source": "test", "environment": {"recbench": "0", "python": "3", "platform": "p"},
        "started": "2026-01-01T00:00:00+00:00",
    }

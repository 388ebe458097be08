"""The campaign as Markdown: the matrix of docs/campaign.md, written from a campaign's outcomes (pure)."""

from __future__ import annotations

from collections.abc import Sequence

from conformance.campaign.running import CampaignOutcome, OutcomeStatus
from conformance.reports.model import Report
from conformance.reports.verdicts import Verdict

MATRIX_START = "<!-- campaign-matrix: start (written by `recbench campaign --markdown`) -->"
MATRIX_END = "<!-- campaign-matrix: end -->"


def outcome_text(outcome: CampaignOutcome) -> str:
    """'passed', 'passed, with 514 expected failures', 'failed (fail)', 'skipped: not installed: ffmpeg' …"""
    report = outcome.report
    if outcome.status is OutcomeStatus.skipped:
        return f"skipped: {outcome.detail}"
    if outcome.status is OutcomeStatus.refused or report is None:
        return "refused: its ICS is unusable"
    expected = expected_failure_count(report)
    if not report.passed:
        return f"failed ({report.verdict.value})"
    if report.verdict is Verdict.NOT_APPLICABLE:
        return "nothing applicable"  # never counted as passed (the run says so too)
    return f"passed, with {expected} expected failure{'s' if expected != 1 else ''}" if expected else "passed"


def expected_failure_count(report: Report) -> int:
    """Vectors that did not pass and were expected not to (the report's list of them stops at 1,000)."""
    return sum(1 for result in report.sets for vector in result.results if vector.expected_failure)


def not_applicable_sets(outcome: CampaignOutcome) -> int:
    """How many of the Recommendation's vector sets were not applicable to the implementation."""
    report = outcome.report
    return sum(1 for result in report.sets if result.verdict is Verdict.NOT_APPLICABLE) if report else 0


def campaign_markdown(outcomes: Sequence[CampaignOutcome]) -> str:
    """The matrix section, between its markers, for docs/campaign.md."""
    lines = [
        MATRIX_START, "",
        "| Recommendation | Implementation | Upstream | Version | Installed via | Outcome | Vectors passed "
        "| Sets not applicable |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for outcome in outcomes:
        model = outcome.declared.declaration.model
        upstream = model.upstream.project + (f" ({model.upstream.component})" if model.upstream.component else "")
        report = outcome.report
        passed = ""
        if report is not None:
            total = sum(count for verdict, count in report.counts.items() if verdict is not Verdict.NOT_APPLICABLE)
            passed = f"{report.counts.get(Verdict.PASS, 0)} / {total}"
        sets = f"{not_applicable_sets(outcome)} / {len(report.sets)}" if report is not None else ""
        lines.append(
            f"| {outcome.declared.recommendation.model.id} | {_cell(model.name)} | {_cell(upstream)} "
            f"| {_cell(outcome.version or '')} | {model.install.via} | {_cell(outcome_text(outcome))} "
            f"| {passed} | {sets} |"
        )
    lines += ["", MATRIX_END, ""]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def splice_matrix(document: str, section: str) -> str:
    """``document`` with its matrix section (between the markers) replaced by ``section``.

    A document without the markers gets the section appended, so that a new page can start empty.
    """
    start, end = document.find(MATRIX_START), document.find(MATRIX_END)
    if start < 0 or end < start:
        return document.rstrip("\n") + ("\n\n" if document.strip() else "") + section
    tail = document[end + len(MATRIX_END):].lstrip("\n")
    return document[:start] + section + ("\n" + tail if tail else "")

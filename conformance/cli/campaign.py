"""``recbench campaign`` and ``recbench report upstream`` / ``report expected-failures``: third-party runs.

The library (``conformance.campaign``, ``conformance.reports.upstream``) is imported inside the
commands, so ``recbench --help`` does not pay for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from conformance.cli.common import (
    Exit,
    OutputFormat,
    catalog_or_fail,
    console,
    errors,
    fail,
    repository_root,
    shown,
    visible,
)
from conformance.cli.conform import StoreOption, _read_report, report_app, report_matrix

if TYPE_CHECKING:
    from conformance.campaign import CampaignOutcome


def campaign(
    recommendation: Annotated[
        str | None, typer.Option("--rec", help="Only this Recommendation (id or folder).")] = None,
    implementation: Annotated[
        str | None, typer.Option("--impl", help="Only the implementation of this name.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", min=1, help="Implementations run at once.")] = 1,
    store: StoreOption = None,
    reports: Annotated[Path | None, typer.Option(
        "--reports", help="Also write each complete report as REPORTS/<folder>-<name>.json.")] = None,
    markdown: Annotated[Path | None, typer.Option(
        "--markdown", help="Write the matrix as Markdown into this page, between its markers (docs/campaign.md).",
    )] = None,
    root: Annotated[Path | None, typer.Option("--root", help="Repository root.")] = None,
) -> None:
    """Run every declared third-party implementation whose prerequisites are here; print the matrix.

    An implementation whose prerequisites are missing is skipped ("not installed: ..."), never
    counted as passed. Complete reports go into the results store. Exit status: 0 when every
    implementation that ran passed (expected failures allowed), 1 when one did not, 2 when an
    ICS or declaration is unusable.
    """
    from conformance.campaign import OutcomeStatus, declared_implementations, run_campaign
    from conformance.campaign.markdown import campaign_markdown, expected_failure_count, splice_matrix
    from conformance.errors import RecbenchError
    from conformance.harness import ResultsStore, default_store_path
    from conformance.reports.recorder import write_atomically

    repository = repository_root(root)
    catalog = catalog_or_fail(repository)
    try:
        declared = declared_implementations(catalog, recommendation=recommendation, implementation=implementation)
    except RecbenchError as error:
        for line in error.lines:
            errors.print(visible(line), markup=False, soft_wrap=True)
        raise typer.Exit(int(Exit.UNUSABLE)) from None
    if not declared:
        fail("no third-party implementation is declared (recommendations/<rec>/implementations/<name>.yaml)")
    if reports is not None and reports.exists() and not reports.is_dir():
        fail(f"{reports}: not a folder")
    if markdown is not None and markdown.exists() and not markdown.is_file():
        fail(f"{markdown}: not a regular file")
    path = store or default_store_path(repository)
    path.parent.mkdir(parents=True, exist_ok=True)

    def told(outcome: CampaignOutcome) -> None:
        errors.print(visible(f"{outcome.declared.label}: {_said(outcome)}"), markup=False, soft_wrap=True)

    with ResultsStore(path) as results:
        outcomes = run_campaign(declared, store=results, jobs=jobs, done=told)
    if reports is not None:
        reports.mkdir(parents=True, exist_ok=True)
        for outcome in outcomes:
            if outcome.report is not None:
                name = f"{outcome.declared.recommendation.folder.name}-{outcome.declared.name}.json"
                write_atomically(reports / name, outcome.report.to_json())
    if markdown is not None:
        page = markdown.read_text("utf-8") if markdown.is_file() else ""
        write_atomically(markdown, splice_matrix(page, campaign_markdown(outcomes)))
    table = Table(title="Campaign", title_justify="left")
    for column in ("Recommendation", "Implementation", "Version", "Outcome", "Expected failures", "Note"):
        table.add_column(column, overflow="fold")
    for outcome in outcomes:
        report = outcome.report
        table.add_row(
            outcome.declared.recommendation.model.id, shown(outcome.declared.name), shown(outcome.version or ""),
            shown(_said(outcome)),
            str(expected_failure_count(report)) if report is not None else "",
            shown(outcome.detail if outcome.status is OutcomeStatus.ran else ""),
        )
    console.print(table)
    report_matrix(store=path, output_format=OutputFormat.text, root=repository)
    if any(outcome.status is OutcomeStatus.refused for outcome in outcomes):
        raise typer.Exit(int(Exit.UNUSABLE))
    failed = any(outcome.report is not None and not outcome.report.passed for outcome in outcomes)
    raise typer.Exit(int(Exit.FINDINGS if failed else Exit.OK))


def _said(outcome: CampaignOutcome) -> str:
    """One line: 'skipped: not installed: ffmpeg', 'passed, with 514 expected failures', 'fail' …"""
    from conformance.campaign import OutcomeStatus
    from conformance.campaign.markdown import outcome_text

    if outcome.status is OutcomeStatus.refused:
        return f"refused: {outcome.detail}"
    return outcome_text(outcome)


def report_upstream(
    report_path: Annotated[Path, typer.Argument(metavar="REPORT", help="A JSON report of a third-party run.")],
    out: Annotated[Path | None, typer.Option("--out", help="Write the Markdown here instead of printing it.")] = None,
    root: Annotated[Path | None, typer.Option("--root", help="Repository root (for the Recommendation).")] = None,
) -> None:
    """A ready-to-file bug report (Markdown) for the upstream project: what fails, the smallest vector, how to
    reproduce it."""
    from conformance.reports.upstream import UpstreamReportError, upstream_bug_report

    report = _read_report(report_path)
    catalog = catalog_or_fail(repository_root(root))
    try:
        text = upstream_bug_report(report, catalog)
    except UpstreamReportError as error:
        fail(str(error), Exit.FINDINGS)
    if out is None:
        console.print(visible(text), markup=False, soft_wrap=True, highlight=False, end="")
        return
    from conformance.reports.recorder import write_atomically

    write_atomically(out, text)
    console.print(visible(f"wrote {out}"), markup=False, soft_wrap=True)


def report_expected_failures(
    report_path: Annotated[Path, typer.Argument(metavar="REPORT", help="A JSON report.")],
) -> None:
    """Draft expected-failure entries (set/id  # evidence) from a report's non-passing vectors."""
    from conformance.campaign.evidence import expected_failure_lines

    for line in expected_failure_lines(_read_report(report_path)):
        console.print(visible(line), markup=False, soft_wrap=True, highlight=False)


def register(app: typer.Typer) -> None:
    """Mount ``campaign`` on the app and the report writers on ``report``."""
    app.command()(campaign)
    report_app.command("upstream")(report_upstream)
    report_app.command("expected-failures")(report_expected_failures)

"""``recbench check``: the whole workbench over a repository, on embedded defaults, offline.

Lint every Recommendation, run every reference implementation against its vectors, audit every
implementation's dependencies, then print the catalogue. Exit 0 when all three are clean.
The library is imported inside the commands, so that ``recbench --help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from conformance.cli.common import (
    Exit,
    catalog_or_fail,
    console,
    errors,
    render_diagnostics,
    repository_root,
    shown,
    visible,
)

if TYPE_CHECKING:
    from rich.status import Status

    from conformance.harness import RunSummary
    from conformance.reports.model import SetResult


class _StatusLine:
    """A ProgressListener that keeps one status line saying which vector set is running."""

    def __init__(self, status: Status) -> None:
        self._status = status
        self._done = 0
        self._total = 0

    def run_started(self, sets: Sequence[str]) -> None:
        self._total += len(sets)

    def set_started(self, set_id: str, vectors: int) -> None:
        self._status.update(f"conformance: {set_id} ({vectors:,} vectors), {self._done}/{self._total} sets done")

    def vectors_done(self, set_id: str, count: int) -> None:
        pass

    def set_finished(self, result: SetResult) -> None:
        self._done += 1

    def run_done(self, summary: RunSummary, done: int, total: int) -> None:
        state = "cached" if summary.cached else summary.verdict.value
        self._status.update(visible(f"conformance: {done}/{total} runs done "
                                    f"({summary.recommendation} {summary.implementation}: {state})"))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _lint_part(repository: Path) -> bool:
    from conformance.spec.lint import lint_paths

    console.rule("Lint")
    result = lint_paths([repository])
    render_diagnostics(result.diagnostics)
    count = len(result.diagnostics)
    verdict = f"[red]{_plural(count, 'finding')}[/]" if count else "[green]clean[/]"
    console.print(f"{_plural(len(result.files), 'Recommendation')} linted: {verdict}")
    return count == 0


def _conformance_part(repository: Path, jobs: int | None, use_cache: bool) -> bool:
    from rich.table import Table

    from conformance.harness import ResultsStore, check_references, default_store_path
    from conformance.harness.references import default_workers

    console.rule("Conformance of the reference implementations")
    catalog = catalog_or_fail(repository)
    with ResultsStore(default_store_path(repository)) as store, errors.status("conformance") as status:
        line = _StatusLine(status)
        summaries = check_references(catalog, store=store, progress=line, run_done=line.run_done,
                                     workers=jobs or default_workers(), use_cache=use_cache)
    table = Table(title_justify="left")
    for column in ("Recommendation", "Implementation", "Verdict", "Vectors", "Seconds"):
        table.add_column(column, no_wrap=column != "Recommendation")
    for summary in summaries:
        table.add_row(shown(summary.recommendation), shown(summary.implementation), *_summary_cells(summary))
    console.print(table)
    for summary in summaries:
        if summary.problem:
            console.print(visible(f"{summary.recommendation} {summary.implementation}: {summary.problem}"),
                          markup=False, soft_wrap=True)
    passed = sum(summary.passed for summary in summaries)
    colour = "green" if passed == len(summaries) else "red"
    console.print(f"[{colour}]{passed} of {_plural(len(summaries), 'run')} passed[/]")
    return passed == len(summaries)


def _summary_cells(summary: RunSummary) -> tuple[str, str, str]:
    verdict = summary.verdict.value
    colour = {"pass": "green", "inconclusive": "yellow"}.get(verdict, "red")
    report = summary.report
    if report is None:
        return f"[{colour}]{verdict}[/]", "-", "-"
    seconds = "cached" if summary.cached else f"{sum(result.seconds for result in report.sets):.1f}"
    return f"[{colour}]{verdict}[/]", f"{sum(report.counts.values()):,}", seconds


def _audit_part(repository: Path) -> bool:
    from conformance.hygiene import check_summary
    from conformance.hygiene.advisories import AdvisoryImportError
    from conformance.hygiene.policy import PolicyError

    console.rule("Dependency audit (offline, embedded advisory data)")
    try:
        summary = check_summary(repository, record_history=True)
    except (PolicyError, AdvisoryImportError) as error:
        # The message quotes the policy file, whose keys may look like markup ("[/x]" = 1).
        console.print(f"[red]audit not possible:[/] {shown(error)}", soft_wrap=True)
        return False
    for line in summary.lines:
        console.print(visible(line), markup=False, soft_wrap=True)
    return not summary.policy_violated


def check(
    root: Annotated[Path | None, typer.Option("--root", help="Repository root.")] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Runs at once, each in its own process (default: one per core)."),
    ] = None,
    cache: Annotated[
        bool, typer.Option("--cache/--no-cache", help="Answer a run from the store when its implementation, vectors, "
                           "ICS and recbench are unchanged since a whole run that passed.")
    ] = True,
    conformance: Annotated[bool, typer.Option(help="Run the reference implementations.")] = True,
    audit: Annotated[bool, typer.Option(help="Audit the dependencies.")] = True,
) -> None:
    """Run the whole workbench over the repository: lint, conformance of every reference, dependency audit."""
    from conformance.cli.app import print_catalog

    repository = repository_root(root)
    parts = {"lint": _lint_part(repository)}
    if conformance:
        parts["conformance"] = _conformance_part(repository, jobs, cache)
    if audit:
        parts["audit"] = _audit_part(repository)
    console.rule("Catalogue")
    print_catalog(catalog_or_fail(repository))
    failed = [name for name, ok in parts.items() if not ok]
    console.print(
        f"[red]check failed: {', '.join(failed)}[/]" if failed else "[green]check passed: " + ", ".join(parts) + "[/]"
    )
    raise typer.Exit(int(Exit.FINDINGS if failed else Exit.OK))

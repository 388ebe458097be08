"""``recbench check``'s conformance part: every reference implementation against its vectors."""

from __future__ import annotations

from dataclasses import dataclass

from conformance.harness.ics import ics_for_implementation
from conformance.harness.preparation import prepare_run
from conformance.harness.runner import ProgressListener, RunOptions, run_prepared
from conformance.harness.store import ResultsStore
from conformance.reports.model import Report
from conformance.reports.verdicts import Verdict
from conformance.spec.catalog import Catalog
from conformance.spec.diagnostics import SpecError
from conformance.spec.model import PathLocation


@dataclass(frozen=True)
class RunSummary:
    """One implementation's run: its report, or the problem that kept it from running."""

    recommendation: str
    implementation: str
    report: Report | None
    problem: str | None = None

    @property
    def passed(self) -> bool:
        """True when the run passed (see ``Report.passed``)."""
        return self.report is not None and self.report.passed

    @property
    def verdict(self) -> Verdict:
        """The run's verdict; error when it could not run."""
        return self.report.verdict if self.report is not None else Verdict.ERROR


def check_references(
    catalog: Catalog,
    *,
    store: ResultsStore | None = None,
    progress: ProgressListener | None = None,
    options: RunOptions | None = None,
) -> list[RunSummary]:
    """Run every ``kind: reference`` implementation kept in the repository against its Recommendation.

    Every option is claimed. Reports go to ``store`` when given. Implementations kept in another
    git repository are skipped (they would need a checkout).
    """
    summaries = []
    for loaded in catalog.recommendations:
        for implementation in loaded.model.implementations:
            if implementation.kind != "reference" or not isinstance(implementation.location, PathLocation):
                continue
            ics = ics_for_implementation(loaded, implementation)
            try:
                prepared = prepare_run(loaded, ics, (options or RunOptions()).selection)
            except SpecError as error:
                summaries.append(RunSummary(loaded.model.id, implementation.name, None, str(error)))
                continue
            report = run_prepared(prepared, options=options, progress=progress)
            if store is not None:
                store.record(report)
            summaries.append(RunSummary(loaded.model.id, implementation.name, report))
    return summaries

"""What the site is made from, read once: the catalogue, the results store and the audit history.

Nothing here creates a file: a store or history that does not exist is read as empty (opening
one would create it, inside the repository for the results store), so ``recbench publish`` on a
fresh clone builds a site that says what is missing instead of failing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from conformance.editions.history import History
from conformance.harness.store import ResultsStore, StoredRun
from conformance.hygiene.history import HistoryStore, TrendPoint
from conformance.hygiene.report import AuditRun, ImplementationReport
from conformance.reports.model import Report
from conformance.spec.catalog import Catalog
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import Implementation

#: Runs shown per implementation in its run history (the newest ones).
HISTORY_RUNS = 20
#: Audit runs the trend charts span (the newest ones).
TREND_RUNS = 50
#: Commits of a Recommendation's history shown on its page (the newest ones; every release tag is shown).
EDITION_COMMITS = 10


@dataclass(frozen=True)
class StoredReport:
    """A stored run with its full report."""

    run: StoredRun
    report: Report


@dataclass(frozen=True)
class ImplementationKey:
    """An implementation as the catalogue names it: its Recommendation's folder and its name."""

    folder: str
    name: str

    @property
    def slug(self) -> str:
        """A file name for the implementation's pages."""
        return f"{self.folder}-{self.name}"


@dataclass(frozen=True)
class SiteData:
    """Everything the pages are written from."""

    catalog: Catalog
    #: The results matrix: the latest whole run of each (Recommendation, implementation, version),
    #: as the results store's own ``matrix()`` picks them, with their reports.
    matrix: tuple[StoredReport, ...]
    #: Per (Recommendation id, implementation name): its newest runs, whole or not, newest first.
    runs: dict[tuple[str, str], tuple[StoredReport, ...]]
    #: The newest stored audit run, if any.
    audit: AuditRun | None
    #: Per-implementation figures of the newest audit runs, oldest first.
    trend: tuple[TrendPoint, ...]
    store_path: Path
    history_path: Path
    generated: dt.datetime
    #: Per Recommendation id: its newest commits and release tags (``editions.history``); absent
    #: outside git or when git cannot say.
    editions: dict[str, History] = field(default_factory=dict)
    #: Per (Recommendation id, release tag): the release's diff against the release before it,
    #: as Markdown (``editions.writers.diff_markdown``); the first release has none.
    release_diffs: dict[tuple[str, str], str] = field(default_factory=dict)

    def latest(self, recommendation: str, implementation: str) -> StoredReport | None:
        """The newest matrix entry of an implementation (any version), if it has a whole run."""
        found = [entry for entry in self.matrix
                 if entry.run.recommendation == recommendation and entry.run.implementation == implementation]
        return max(found, key=lambda entry: (entry.run.started, entry.run.id), default=None)

    def audit_of(self, recommendation: str, implementation: str) -> ImplementationReport | None:
        """The newest audit's report of an implementation (audit targets may join several names)."""
        if self.audit is None:
            return None
        for report in self.audit.implementations:
            if report.recommendation == recommendation and implementation in report.name.split(", "):
                return report
        return None

    def implementations(self) -> list[tuple[LoadedRecommendation, Implementation]]:
        """Every implementation the catalogue lists, in catalogue order."""
        return [(loaded, implementation) for loaded in self.catalog.recommendations
                for implementation in loaded.model.implementations]


def gather_site_data(catalog: Catalog, *, store_path: Path, history_path: Path,
                     now: dt.datetime | None = None) -> SiteData:
    """Read the results store and the audit history (either may be absent) for ``catalog``."""
    matrix: list[StoredReport] = []
    runs: dict[tuple[str, str], tuple[StoredReport, ...]] = {}
    if store_path.is_file():
        with ResultsStore(store_path) as store:
            matrix = [StoredReport(run, report) for run in store.matrix()
                      if (report := store.report(run.id)) is not None]
            kept = {entry.run.id: entry for entry in matrix}
            listed = [(loaded.model.id, implementation.name) for loaded in catalog.recommendations
                      for implementation in loaded.model.implementations]
            for recommendation, name in listed:
                newest = store.runs(recommendation=recommendation, implementation=name)
                entries = []
                for run in newest[:HISTORY_RUNS]:
                    report = kept[run.id].report if run.id in kept else store.report(run.id)
                    if report is not None:
                        entries.append(StoredReport(run, report))
                runs[(recommendation, name)] = tuple(entries)
    audit: AuditRun | None = None
    trend: list[TrendPoint] = []
    if history_path.is_file():
        with HistoryStore(history_path) as history:
            trend = history.trend(limit=TREND_RUNS)
            if trend:
                audit = history.load_run(max(trend, key=lambda point: point.started_at).run_id)
    editions, release_diffs = _editions(catalog, store_path)
    return SiteData(
        catalog=catalog, matrix=tuple(matrix), runs=runs, audit=audit, trend=tuple(trend),
        store_path=store_path, history_path=history_path, generated=now or dt.datetime.now(dt.UTC),
        editions=editions, release_diffs=release_diffs,
    )


def _editions(catalog: Catalog, store_path: Path) -> tuple[dict[str, History], dict[tuple[str, str], str]]:
    """Each Recommendation's recent history and the diff of each release against the one before."""
    from conformance.editions.diff import diff_recommendation
    from conformance.editions.history import recommendation_history
    from conformance.editions.writers import diff_markdown
    from conformance.errors import RecbenchError

    histories: dict[str, History] = {}
    diffs: dict[tuple[str, str], str] = {}
    for loaded in catalog.recommendations:
        try:
            history = recommendation_history(catalog.root, loaded.model.id, max_count=EDITION_COMMITS)
        except RecbenchError:  # not in git, or git cannot say: the page says so
            continue
        histories[loaded.model.id] = history
        for before, after in zip(history.releases, history.releases[1:], strict=False):
            try:
                found = diff_recommendation(catalog.root, loaded.model.id, before.name, after.name, store=store_path)
            except RecbenchError as error:
                diffs[(loaded.model.id, after.name)] = f"The diff cannot be made: {error.lines[0]}"
            else:
                diffs[(loaded.model.id, after.name)] = diff_markdown(found)
    return histories, diffs

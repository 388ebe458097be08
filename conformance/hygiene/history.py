"""Every audit run kept in SQLite, one transaction per run, for trends over time.

A run is written whole or not at all: a process killed mid-write leaves a rollback journal
that SQLite replays on the next open, so the store stays readable with only complete runs.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from conformance.hygiene.report import AuditRun

# runs.exit_code holds 1 when the run violated the policy, else 0: the library's fact, not a
# process exit status. The column keeps its first name so that stores written by earlier
# versions (which put the same 0/1 there) open and read unchanged.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT NOT NULL,
    tool_version TEXT NOT NULL, policy_source TEXT NOT NULL, advisory_data_date TEXT,
    advisory_records INTEGER NOT NULL, exit_code INTEGER NOT NULL, report TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS implementation_runs (
    run_id TEXT NOT NULL REFERENCES runs (run_id), label TEXT NOT NULL,
    dependencies INTEGER NOT NULL, findings INTEGER NOT NULL, violations INTEGER NOT NULL,
    libyear_total REAL, repository_score REAL, PRIMARY KEY (run_id, label));
CREATE TABLE IF NOT EXISTS findings (
    run_id TEXT NOT NULL REFERENCES runs (run_id), label TEXT NOT NULL, kind TEXT NOT NULL,
    rule TEXT NOT NULL, severity TEXT NOT NULL, package TEXT, version TEXT,
    violation INTEGER NOT NULL, ignored INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS findings_by_run ON findings (run_id);
"""
# Columns added after the first version: a series is keyed by the implementation's identity
# (Recommendation and implementation name, or its path), not by its display label. Rows of
# older stores keep their label as identity.
_ADDED_COLUMNS = (("implementation_runs", "identity"), ("findings", "identity"))


class HistoryError(RuntimeError):
    """The history store cannot be opened or written."""


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One implementation in one past run."""

    run_id: str
    started_at: str
    label: str
    dependencies: int
    findings: int
    violations: int
    libyear_total: float | None
    repository_score: float | None
    advisory_data_date: str | None
    identity: str | None = None


@dataclass(frozen=True, slots=True)
class AdvisoryChanges:
    """What one run of one implementation changed against its previous run.

    Advisories are named ``<id> (<package>)``; ``previous_*`` are None for the first run of
    the series.
    """

    identity: str
    label: str
    run_id: str
    started_at: str
    previous_run_id: str | None
    previous_started_at: str | None
    new: list[str]
    resolved: list[str]
    still_open: list[str]


class HistoryStore:
    """The audit history database."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.connection.execute("PRAGMA synchronous=FULL")
            self.connection.executescript(_SCHEMA)
            for table, column in _ADDED_COLUMNS:
                held = {row[1] for row in self.connection.execute(f"PRAGMA table_info({table})")}
                if column not in held:
                    self.connection.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")
        except (sqlite3.DatabaseError, OSError) as error:
            raise HistoryError(f"{self.path}: not a usable history store ({error})") from None

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def record(self, run: AuditRun) -> None:
        """Store one run with its per-implementation figures and findings, atomically."""
        c = self.connection
        try:
            c.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise HistoryError(f"{self.path}: cannot write ({error})") from None
        try:
            c.execute(
                "INSERT INTO runs (run_id, started_at, finished_at, tool_version, policy_source,"
                " advisory_data_date, advisory_records, exit_code, report)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run.run_id, run.started_at.isoformat(), run.finished_at.isoformat(),
                 run.tool_version, run.policy_source, run.advisory_data.data_date,
                 run.advisory_data.records, int(run.policy_violated),
                 run.model_dump_json(by_alias=True)))
            c.executemany(
                "INSERT INTO implementation_runs (run_id, label, dependencies, findings,"
                " violations, libyear_total, repository_score, identity)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(run.run_id, impl.label, len(impl.dependencies), len(impl.findings),
                  len(impl.violations), impl.libyear_total,
                  impl.repository.score if impl.repository else None, impl.identity or impl.label)
                 for impl in run.implementations])
            self._write_findings(run)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def _write_findings(self, run: AuditRun) -> None:
        identities = {impl.label: impl.identity or impl.label for impl in run.implementations}
        self.connection.executemany(
            "INSERT INTO findings (run_id, label, kind, rule, severity, package, version,"
            " violation, ignored, identity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(run.run_id, f.implementation, f.kind.value, f.rule, f.severity.value, f.package,
              f.version, int(f.violation), int(f.ignored), identities.get(f.implementation))
             for f in run.findings])

    def run_count(self) -> int:
        """Number of complete runs stored."""
        (count,) = self.connection.execute("SELECT COUNT(*) FROM runs").fetchone()
        return int(count)

    def trend(self, label: str | None = None, limit: int = 20) -> list[TrendPoint]:
        """Per-implementation figures of the latest ``limit`` runs, oldest first."""
        query = (
            "SELECT r.run_id, r.started_at, i.label, i.dependencies, i.findings, i.violations,"
            " i.libyear_total, i.repository_score, r.advisory_data_date,"
            " COALESCE(i.identity, i.label)"
            " FROM implementation_runs AS i JOIN runs AS r ON r.run_id = i.run_id"
            " WHERE r.run_id IN (SELECT run_id FROM runs ORDER BY started_at DESC LIMIT ?)")
        parameters: list[object] = [limit]
        if label is not None:
            query += " AND (i.label = ? OR COALESCE(i.identity, i.label) = ?)"
            parameters += [label, label]
        query += " ORDER BY r.started_at, COALESCE(i.identity, i.label)"
        return [TrendPoint(*row) for row in self.connection.execute(query, parameters)]

    def changes(self, *, since: str | None = None, until: str | None = None,
                implementation: str | None = None) -> list[AdvisoryChanges]:
        """Per implementation and run between ``since`` and ``until`` (ISO dates, inclusive):
        the advisories new, resolved and still open against that implementation's previous run
        (which may be older than ``since``)."""
        runs: dict[str, list[tuple[str, str, str]]] = {}
        for identity, label, run_id, started in self.connection.execute(
                "SELECT COALESCE(i.identity, i.label), i.label, r.run_id, r.started_at"
                " FROM implementation_runs AS i JOIN runs AS r ON r.run_id = i.run_id"
                " ORDER BY r.started_at"):
            if implementation is None or implementation in (identity, label):
                runs.setdefault(identity, []).append((label, run_id, started))
        found: list[AdvisoryChanges] = []
        for identity, series in runs.items():
            previous: tuple[str, str, set[str]] | None = None
            for label, run_id, started in series:
                open_now = self._advisories(run_id, identity, label)
                day = started[:10]
                if (since is None or day >= since) and (until is None or day <= until):
                    before = previous[2] if previous else set()
                    found.append(AdvisoryChanges(
                        identity=identity, label=label, run_id=run_id, started_at=started,
                        previous_run_id=previous[0] if previous else None,
                        previous_started_at=previous[1] if previous else None,
                        new=sorted(open_now - before), resolved=sorted(before - open_now),
                        still_open=sorted(open_now & before)))
                previous = (run_id, started, open_now)
        return sorted(found, key=lambda change: (change.started_at, change.identity))

    def _advisories(self, run_id: str, identity: str, label: str) -> set[str]:
        return {f"{rule} ({package})" for rule, package in self.connection.execute(
            "SELECT rule, package FROM findings WHERE run_id = ? AND kind = 'vulnerability'"
            " AND COALESCE(identity, label) IN (?, ?)", (run_id, identity, label))}

    def labels(self) -> list[str]:
        """Every implementation label with at least one stored run."""
        return [row[0] for row in self.connection.execute(
            "SELECT DISTINCT label FROM implementation_runs ORDER BY label")]

    def load_run(self, run_id: str) -> AuditRun | None:
        """The full report of a stored run."""
        row = self.connection.execute("SELECT report FROM runs WHERE run_id = ?",
                                      (run_id,)).fetchone()
        return AuditRun.model_validate_json(row[0]) if row else None

    def integrity_ok(self) -> bool:
        """SQLite's own integrity check."""
        (result,) = self.connection.execute("PRAGMA integrity_check").fetchone()
        return bool(result == "ok")

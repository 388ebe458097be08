"""The results store: every run kept in SQLite, for history and the results matrix.

By default the store lives in the repository at ``.recbench/results.sqlite``; the
``RECBENCH_STORE`` environment variable or an explicit path moves it. Each run keeps its
summary columns (for queries) and its full JSON report.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from conformance.reports.model import Report

STORE_ENVIRONMENT = "RECBENCH_STORE"
SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    recommendation TEXT NOT NULL,
    edition TEXT NOT NULL,
    implementation TEXT NOT NULL,
    version TEXT NOT NULL,
    adapter TEXT NOT NULL,
    git_commit TEXT,
    git_dirty INTEGER,
    verdict TEXT NOT NULL,
    passed INTEGER NOT NULL,
    complete INTEGER NOT NULL,
    shard TEXT,
    started TEXT NOT NULL,
    finished TEXT,
    recbench TEXT NOT NULL,
    counts TEXT NOT NULL,
    report TEXT NOT NULL,
    whole INTEGER NOT NULL DEFAULT 0,
    cache_key TEXT
);
CREATE INDEX IF NOT EXISTS runs_by_subject ON runs (recommendation, implementation, started);
CREATE INDEX IF NOT EXISTS runs_by_cache_key ON runs (cache_key);
CREATE TABLE IF NOT EXISTS set_results (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    set_id TEXT NOT NULL,
    verdict TEXT NOT NULL,
    vectors INTEGER NOT NULL,
    counts TEXT NOT NULL,
    PRIMARY KEY (run_id, set_id)
);
CREATE TABLE IF NOT EXISTS requirement_results (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    requirement TEXT NOT NULL,
    status TEXT NOT NULL,
    verdict TEXT,
    PRIMARY KEY (run_id, requirement)
);
"""


def default_store_path(repository: Path) -> Path:
    """``$RECBENCH_STORE`` or ``<repository>/.recbench/results.sqlite``."""
    configured = os.environ.get(STORE_ENVIRONMENT)
    return Path(configured) if configured else repository / ".recbench" / "results.sqlite"


@dataclass(frozen=True)
class StoredRun:
    """A run's summary as kept in the store."""

    id: int
    recommendation: str
    edition: str
    implementation: str
    version: str
    adapter: str
    git_commit: str | None
    git_dirty: bool | None
    verdict: str
    passed: bool
    complete: bool
    shard: str | None
    started: str
    finished: str | None
    counts: dict[str, int]
    whole: bool = False  # complete, and of every applicable set: no --select, --skip or shard
    cache_key: str | None = None


def is_whole(report: Report) -> bool:
    """Whether ``report`` can stand for its implementation: complete, with nothing selected away."""
    selection = report.selection
    return report.complete and not selection.select and not selection.skip and selection.shard is None


class ResultsStore:
    """A SQLite file of runs. Use as a context manager, or call ``close``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.connection = sqlite3.connect(path, timeout=30)
        self.connection.execute("PRAGMA foreign_keys = ON")
        version = self.connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            self.connection.close()
            raise ValueError(f"{path}: results store format {version} is newer than this recbench ({SCHEMA_VERSION})")
        with self.connection:
            if version == 1:
                _migrate_from_1(self.connection)
            self.connection.executescript(_SCHEMA)
            self.connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def __enter__(self) -> ResultsStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database."""
        self.connection.close()

    def record(self, report: Report, *, cache_key: str | None = None) -> int:
        """Keep a run (under ``cache_key`` when it may answer a later identical run); returns its id."""
        implementation = report.implementation
        git = implementation.git
        with self.connection:
            cursor = self.connection.execute(
                "INSERT INTO runs (recommendation, edition, implementation, version, adapter, git_commit, git_dirty,"
                " verdict, passed, complete, shard, started, finished, recbench, counts, report, whole, cache_key)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    report.recommendation.id, report.recommendation.edition.isoformat(), implementation.name,
                    implementation.version, implementation.adapter, git.commit if git else None,
                    int(git.dirty) if git else None, report.verdict.value, int(report.passed),
                    int(report.complete), report.selection.shard, report.started.isoformat(),
                    report.finished.isoformat() if report.finished else None, report.environment.recbench,
                    json.dumps({verdict.value: count for verdict, count in report.counts.items()}),
                    report.model_dump_json(by_alias=True), int(is_whole(report)), cache_key,
                ),
            )
            run_id = int(cursor.lastrowid or 0)
            self.connection.executemany(
                "INSERT INTO set_results (run_id, set_id, verdict, vectors, counts) VALUES (?, ?, ?, ?, ?)",
                [
                    (run_id, result.id, result.verdict.value, result.vectors,
                     json.dumps({verdict.value: count for verdict, count in result.counts.items()}))
                    for result in report.sets
                ],
            )
            self.connection.executemany(
                "INSERT INTO requirement_results (run_id, requirement, status, verdict) VALUES (?, ?, ?, ?)",
                [
                    (run_id, row.id, row.status, row.verdict.value if row.verdict else None)
                    for row in report.requirements
                ],
            )
        return run_id

    def runs(self, *, recommendation: str | None = None, implementation: str | None = None) -> list[StoredRun]:
        """Runs, newest first, optionally of one Recommendation and/or implementation."""
        query = "SELECT * FROM runs WHERE (? IS NULL OR recommendation = ?) AND (? IS NULL OR implementation = ?)"
        rows = self.connection.execute(
            query + " ORDER BY started DESC, id DESC",
            (recommendation, recommendation, implementation, implementation),
        ).fetchall()
        return [_stored(row) for row in rows]

    def matrix(self) -> list[StoredRun]:
        """The latest whole run of each (Recommendation, implementation, version): the results matrix.

        A run of some sets only (``--select``, ``--skip``, a shard) or one that did not finish is kept
        but never stands for the implementation: a passing ``--select 'ulaw-*'`` run must not hide a
        failing A-law encoder.
        """
        rows = self.connection.execute(
            "SELECT * FROM runs WHERE id IN ("
            " SELECT id FROM runs AS newest WHERE whole = 1 AND id = ("
            "  SELECT id FROM runs AS other WHERE other.recommendation = newest.recommendation"
            "  AND other.implementation = newest.implementation AND other.version = newest.version"
            "  AND other.whole = 1 ORDER BY other.started DESC, other.id DESC LIMIT 1))"
            " ORDER BY recommendation, implementation, version"
        ).fetchall()
        return [_stored(row) for row in rows]

    def cached(self, cache_key: str) -> Report | None:
        """The report of the latest whole, passed run kept under ``cache_key``, if any."""
        row = self.connection.execute(
            "SELECT report FROM runs WHERE cache_key = ? AND whole = 1 AND passed = 1"
            " ORDER BY started DESC, id DESC LIMIT 1", (cache_key,),
        ).fetchone()
        return Report.model_validate_json(row[0]) if row else None

    def report(self, run_id: int) -> Report | None:
        """The full report of a stored run."""
        row = self.connection.execute("SELECT report FROM runs WHERE id = ?", (run_id,)).fetchone()
        return Report.model_validate_json(row[0]) if row else None


def _migrate_from_1(connection: sqlite3.Connection) -> None:
    """Format 1 had no ``whole`` or ``cache_key``: add them, judging each kept run by its report."""
    connection.execute("ALTER TABLE runs ADD COLUMN whole INTEGER NOT NULL DEFAULT 0")
    connection.execute("ALTER TABLE runs ADD COLUMN cache_key TEXT")
    rows = connection.execute("SELECT id, report FROM runs").fetchall()
    for run_id, text in rows:
        try:
            whole = is_whole(Report.model_validate_json(text))
        except ValueError:
            whole = False  # a report this recbench cannot read stands for nothing
        connection.execute("UPDATE runs SET whole = ? WHERE id = ?", (int(whole), run_id))


def _stored(row: tuple[object, ...]) -> StoredRun:
    (run_id, recommendation, edition, implementation, version, adapter, commit, dirty, verdict, passed,
     complete, shard, started, finished, _, counts, _, whole, cache_key) = row
    return StoredRun(
        id=int(run_id),  # type: ignore[call-overload]
        recommendation=str(recommendation), edition=str(edition), implementation=str(implementation),
        version=str(version), adapter=str(adapter), git_commit=commit if isinstance(commit, str) else None,
        git_dirty=bool(dirty) if dirty is not None else None, verdict=str(verdict), passed=bool(passed),
        complete=bool(complete), shard=shard if isinstance(shard, str) else None, started=str(started),
        finished=finished if isinstance(finished, str) else None, counts=json.loads(str(counts)),
        whole=bool(whole), cache_key=cache_key if isinstance(cache_key, str) else None,
    )

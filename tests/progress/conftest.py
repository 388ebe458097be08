"""A repository with a dated history across two periods, built for the progress-report tests.

Periods: 2025-07-01..2025-12-31 (the previous one) and 2026-01-01..2026-06-30. What it holds:

- git: the repository added on 2025-11-10, the Recommendation edited on 2026-02-15, a tutorial
  added on 2026-03-01 (the HEAD);
- results store: the reference fails on 2025-11-20 and passes on 2026-02-20 and 2026-03-05 (a
  partial run on 2026-04-01 and a failing run on 2026-07-15, after the period, must not count);
  a third-party 'acme' 2.0 fails on 2026-03-10; 'old' 0.9 passed on 2025-12-01 and never again;
- audit history, with three advisories of a package 'demo' (ADV-1 fixed in 1.1, ADV-2 fixed in
  1.2, ADV-3 from 1.1, fixed in 2.0): the reference pins demo 1.0 (2025-12-01), 1.1
  (2026-01-10), 1.2 (2026-02-09, 2026-03-01) and 2.0 (2026-08-01); acme pins 1.0 (2026-01-10)
  and 2.0 (2026-03-01);
- hygiene.toml: ignores expired before, expiring in, expiring 46 days after, after and never;
- studygroup.yaml: contacts, meetings, training, tutorials, liaisons, a Res. 90 note.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import git
import pytest

from conformance.harness import ResultsStore, ics_for_implementation, run_conformance
from conformance.hygiene.advisories import OsvDatabase
from conformance.hygiene.audit import AuditTarget, audit_implementations
from conformance.hygiene.history import HistoryStore
from conformance.hygiene.policy import Policy
from conformance.progress.assembly import Sources
from conformance.progress.model import Period
from conformance.reports.verdicts import Verdict
from conformance.spec.loading import load_recommendation
from tests.mini_repository import MiniRepository

PERIOD = Period("2026-01-01", "2026-06-30")
PREVIOUS = Period("2025-07-01", "2025-12-31")
NOW = datetime(2026, 7, 20, 9, 0, tzinfo=UTC)

DOUBLER = '''
class Doubler:
    def double(self, values):
        if any(v > 255 for v in values):
            raise ValueError("above 255")
        return {"values": [2 * v for v in values]}
'''

POLICY = """\
max_advisory_age_days = 90
[[ignores]]
id = "ADV-3"
package = "demo"
reason = "the affected function is not called"
expires = 2026-03-31
[[ignores]]
id = "ADV-9"
reason = "accepted until the next release"
expires = 2026-08-15
[[ignores]]
id = "ADV-8"
reason = "long gone"
expires = 2025-06-30
[[ignores]]
id = "ADV-7"
reason = "test-only dependency"
expires = 2027-12-31
[[ignores]]
id = "ADV-6"
reason = "no expiry given"
"""

STUDYGROUP = """\
# yaml-language-server: $schema=recommendations/schema/studygroup.schema.json
study_period: 2025-2028
study_groups: [17]
questions: [Q1/17]
source: Rapporteur for Q1/17
keywords: [doubling, open source]
contacts:
  - {name: A. Rapporteur, role: rapporteur, organization: Example Org (Switzerland), email: a.rapporteur@example.org}
meetings:
  - {date: 2025-10-01, place: Geneva, kind: study-group}
  - {date: 2026-04-20, end: 2026-04-24, place: virtual, kind: rapporteur-group, document: SG17-R1}
training:
  - {date: 2025-09-01, title: Before the period, format: in-person, participants: 5}
  - {date: 2026-05-12, title: Writing vectors, format: online, participants: 34}
  - {date: 2026-06-02, title: Conformance hackathon, format: hybrid, participants: 12}
tutorials:
  - {title: Getting started, path: docs/tutorial.md}
  - {title: Elsewhere, link: "https://example.org/tutorial", published: 2025-05-05}
liaisons:
  - {community: Example OSS, topic: shared test vectors, since: 2026-02-01}
res90:
  - item: training
    note: Two online and hybrid events for implementers.
    evidence: ["https://example.org/tutorial"]
"""

ADVISORIES = {
    "ADV-1": [{"introduced": "0"}, {"fixed": "1.1"}],
    "ADV-2": [{"introduced": "0"}, {"fixed": "1.2"}],
    "ADV-3": [{"introduced": "1.1"}, {"fixed": "2.0"}],
}


@dataclass(frozen=True)
class DatedRepository:
    """The built repository and where its data lives."""

    root: Path
    sources: Sources
    head: str
    reference_version: str


def _commit(repository: git.Repo, message: str, day: str) -> str:
    repository.git.add(A=True)
    stamp = f"{day}T12:00:00+0000"
    return repository.index.commit(message, author_date=stamp, commit_date=stamp).hexsha


def _advisory_folder(folder: Path) -> Path:
    folder.mkdir()
    for identifier, events in ADVISORIES.items():
        record = {"id": identifier, "modified": "2025-11-01T00:00:00Z", "summary": f"{identifier} in demo",
                  "affected": [{"package": {"ecosystem": "PyPI", "name": "demo"},
                                "ranges": [{"type": "ECOSYSTEM", "events": events}]}]}
        (folder / f"{identifier}.json").write_text(json.dumps(record), encoding="utf-8")
    return folder


def _audit(history: HistoryStore, database: OsvDatabase, locks: Path, name: str, version: str, when: str) -> None:
    lock = locks / f"{name}-{when[:10]}.lock"
    lock.write_text(f"demo=={version} --hash=sha256:{'a' * 64}\n", encoding="utf-8")
    run = audit_implementations([AuditTarget(name=name, recommendation="ITU-T X.999", lock=lock)],
                                policy=Policy(), database=database)
    history.record(run)
    # dated as if audited then: the history orders and filters runs by their start
    history.connection.execute("UPDATE runs SET started_at = ? WHERE run_id = ?", (when, run.run_id))


@pytest.fixture
def dated(mini: MiniRepository, tmp_path_factory: pytest.TempPathFactory) -> DatedRepository:
    root = mini.root
    data = tmp_path_factory.mktemp("progress-data")
    (root / "progress_impl").mkdir()
    (root / "progress_impl" / "__init__.py").write_text(DOUBLER, encoding="utf-8")
    mini.edit("location: {path: impl}", "location: {path: progress_impl}")
    mini.edit('target: "impl:Doubler"', 'target: "progress_impl:Doubler"')
    (root / ".gitignore").write_text("__pycache__/\n", encoding="utf-8")
    (root / "hygiene.toml").write_text(POLICY, encoding="utf-8")
    (root / "studygroup.yaml").write_text(STUDYGROUP, encoding="utf-8")
    repository = git.Repo.init(root)
    with repository.config_writer() as config:
        config.set_value("user", "name", "Editor")
        config.set_value("user", "email", "editor@example.org")
        config.set_value("commit", "gpgsign", "false")
    _commit(repository, "X.999 as data", "2025-11-10")
    mini.edit("title: A Recommendation made up for tests", "title: A Recommendation made up for the tests")
    _commit(repository, "X.999: title", "2026-02-15")
    (root / "docs").mkdir()
    (root / "docs" / "tutorial.md").write_text("# Getting started\n", encoding="utf-8")
    head = _commit(repository, "A tutorial", "2026-03-01")

    loaded = load_recommendation(mini.yaml)
    passing = run_conformance(loaded, ics_for_implementation(loaded, loaded.model.implementations[0]))
    assert passing.passed

    def at(day: str) -> datetime:
        return datetime.fromisoformat(f"{day}T10:00:00+00:00")

    failing = passing.model_copy(update={"verdict": Verdict.FAIL, "passed": False})
    acme = failing.model_copy(update={
        "implementation": passing.implementation.model_copy(update={"name": "acme", "version": "2.0"}),
        "started": at("2026-03-10")})
    old = passing.model_copy(update={
        "implementation": passing.implementation.model_copy(update={"name": "old", "version": "0.9"}),
        "started": at("2025-12-01")})
    with ResultsStore(data / "results.sqlite") as store:
        store.record(failing.model_copy(update={"started": at("2025-11-20")}))
        store.record(passing.model_copy(update={"started": at("2026-02-20")}))
        store.record(passing.model_copy(update={"started": at("2026-03-05")}))
        store.record(failing.model_copy(update={"started": at("2026-04-01"), "complete": False}))
        store.record(failing.model_copy(update={"started": at("2026-07-15")}))
        store.record(acme)
        store.record(old)

    locks = data / "locks"
    locks.mkdir()
    with OsvDatabase(data / "advisories.sqlite3") as database, HistoryStore(data / "history.sqlite3") as history:
        database.import_path(_advisory_folder(data / "osv"), description="test advisories", location="tests")
        for version, when in (("1.0", "2025-12-01T08:00:00+00:00"), ("1.1", "2026-01-10T08:00:00+00:00"),
                              ("1.2", "2026-02-09T08:00:00+00:00"), ("1.2", "2026-03-01T08:00:00+00:00"),
                              ("2.0", "2026-08-01T08:00:00+00:00")):
            _audit(history, database, locks, "reference", version, when)
        for version, when in (("1.0", "2026-01-10T09:00:00+00:00"), ("2.0", "2026-03-01T09:00:00+00:00")):
            _audit(history, database, locks, "acme", version, when)
    sources = Sources(root=root, store=data / "results.sqlite", history=data / "history.sqlite3",
                      database=data / "advisories.sqlite3")
    return DatedRepository(root, sources, head, passing.implementation.version)

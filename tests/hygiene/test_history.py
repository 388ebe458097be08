"""The history store: one transaction per run; a killed writer leaves it readable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from conformance.hygiene.advisories import OsvDatabase
from conformance.hygiene.audit import AuditTarget, audit_implementations
from conformance.hygiene.history import HistoryStore
from conformance.hygiene.policy import Policy

REPOSITORY = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    lock = tmp_path / "requirements.lock"
    lock.write_text(text)
    return audit_implementations([AuditTarget(name="impl", lock=lock)], policy=Policy(),
                                 database=OsvDatabase(":memory:"))


def test_record_and_trend(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        first = _run(tmp_path, "attrs==23.1.0\n")
        store.record(first)
        store.record(_run(tmp_path, "# clean\n"))
        trend = store.trend("impl")
        assert [(p.findings, p.violations) for p in trend] == [(1, 1), (0, 0)]
        loaded = store.load_run(first.run_id)
        assert loaded is not None
        assert [f.rule for f in loaded.implementations[0].findings] == ["unhashed-pin"]


_WRITER = textwrap.dedent("""
    import os, signal, sys
    from conformance.hygiene.advisories import OsvDatabase
    from conformance.hygiene.audit import AuditTarget, audit_implementations
    from conformance.hygiene.history import HistoryStore
    from conformance.hygiene.policy import Policy
    store = HistoryStore(sys.argv[1])
    run = audit_implementations([AuditTarget(name="impl", lock=None)], policy=Policy(),
                                database=OsvDatabase(":memory:"))
    def die_midway(self, run):
        # The run row and its implementation rows are written; die before the findings.
        print("writing", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    HistoryStore._write_findings = die_midway
    store.record(run)
""")


def test_killed_audit_leaves_the_store_readable(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with HistoryStore(path) as store:
        store.record(_run(tmp_path, "# before\n"))
    environment = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    child = subprocess.run([sys.executable, "-c", _WRITER, str(path)], capture_output=True,
                           text=True, env=environment, timeout=60, check=False)
    assert child.returncode == -signal.SIGKILL and "writing" in child.stdout
    with HistoryStore(path) as store:
        assert store.integrity_ok()
        assert store.run_count() == 1  # the killed run is absent, the earlier one intact
        store.record(_run(tmp_path, "# after\n"))
        assert store.run_count() == 2


def test_a_run_stores_whether_the_policy_was_violated(tmp_path: Path) -> None:
    """The runs table keeps the library's fact (0/1 policy violated) in the column it always had,
    so a store written by an earlier version (which stored its CLI exit code, also 0/1) still opens."""
    path = tmp_path / "h.sqlite3"
    with HistoryStore(path) as store:
        violated, clean = _run(tmp_path, "attrs==23.1.0\n"), _run(tmp_path, "# clean\n")
        store.record(violated)
        store.record(clean)
        stored = dict(store.connection.execute("SELECT run_id, exit_code FROM runs"))
    assert violated.policy_violated and not clean.policy_violated
    assert stored == {violated.run_id: 1, clean.run_id: 0}
    with HistoryStore(path) as reopened:
        assert reopened.run_count() == 2 and [p.violations for p in reopened.trend("impl")] == [1, 0]


def test_two_folders_of_one_name_are_two_series_and_changes_are_dated(
        tmp_path: Path, real_database: OsvDatabase) -> None:
    from datetime import UTC, datetime

    from conformance.hygiene.audit import audit_path

    first, second = tmp_path / "a" / "impl", tmp_path / "b" / "impl"
    for folder in (first, second):
        folder.mkdir(parents=True)
    hashed = " --hash=sha256:" + "a" * 64
    (first / "requirements.lock").write_text(f"jinja2==2.10{hashed}\n")
    (second / "requirements.lock").write_text(f"attrs==23.1.0{hashed}\n")
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        for folder in (first, second):
            run = audit_path(folder / "requirements.lock", policy=Policy(), database=real_database)
            store.record(run)
            # as if audited a month ago: runs are dated by their start
            store.connection.execute("UPDATE runs SET started_at = ? WHERE run_id = ?",
                                     (datetime(2026, 11, 1, tzinfo=UTC).isoformat(), run.run_id))
        (first / "requirements.lock").write_text(f"jinja2==2.11.3{hashed}\n")  # upgraded
        store.record(audit_path(first / "requirements.lock", policy=Policy(), database=real_database))
        identities = {p.identity for p in store.trend()}
        assert len(identities) == 2 and all(i and i.startswith("path:") for i in identities)
        assert {p.label for p in store.trend()} == {"requirements.lock"}  # one label, two series
        changes = [c for c in store.changes() if c.identity.endswith("/a/impl/requirements.lock")]
        assert [c.previous_run_id is None for c in changes] == [True, False]
        first_run, upgrade = changes
        assert "PYSEC-2019-217 (jinja2)" in first_run.new and not first_run.resolved
        assert "PYSEC-2019-217 (jinja2)" in upgrade.resolved
        assert set(upgrade.still_open) | set(upgrade.resolved) == set(first_run.new)
        # --since keeps the previous run as the comparison even when it is older
        later = store.changes(since="2026-11-02", implementation=upgrade.identity)
        assert [c.run_id for c in later] == [upgrade.run_id]
        assert store.changes(until="2000-01-01") == []

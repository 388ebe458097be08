"""The SQLite results store and the results matrix."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from conformance.harness import ResultsStore, RunOptions, SetSelection, default_store_path
from conformance.reports.verdicts import Verdict
from tests.harness.conftest import RunToy
from tests.harness.toy import python_adapter


def test_records_runs_and_builds_the_matrix(run_toy: RunToy, tmp_path: Path) -> None:
    faulty = run_toy(python_adapter("toy_impl:Faulty"))
    good = run_toy(python_adapter(), flags=["EmptyData"])
    later = good.model_copy(update={"started": good.started + dt.timedelta(seconds=5)})
    partial = good.model_copy(update={"complete": False, "started": good.started + dt.timedelta(seconds=9)})
    other = good.model_copy(update={"implementation": good.implementation.model_copy(update={"version": "2.0"})})
    with ResultsStore(tmp_path / "db" / "results.sqlite") as store:
        ids = [store.record(report) for report in (faulty, good, later, partial, other)]
        assert len(store.runs()) == 5
        assert len(store.runs(recommendation="ITU-T Z.999", implementation="toy")) == 5
        matrix = store.matrix()
        assert [(row.version, row.id, row.verdict, row.passed) for row in matrix] == [
            ("1.0", ids[2], "pass", True), ("2.0", ids[4], "pass", True)]
        assert matrix[0].counts == {"pass": 46}
        assert store.report(ids[0]) == faulty
        assert store.report(999) is None
        sets = store.connection.execute("SELECT set_id, verdict FROM set_results WHERE run_id = ?", (ids[0],))
        assert dict(sets.fetchall())["negate-basic"] == Verdict.FAIL.value


def test_default_location_and_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RECBENCH_STORE", raising=False)
    assert default_store_path(tmp_path) == tmp_path / ".recbench" / "results.sqlite"
    monkeypatch.setenv("RECBENCH_STORE", str(tmp_path / "elsewhere.sqlite"))
    assert default_store_path(tmp_path) == tmp_path / "elsewhere.sqlite"


def test_a_newer_store_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "results.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    with pytest.raises(ValueError, match="newer than this recbench"):
        ResultsStore(path)


def test_a_partial_run_never_stands_for_the_implementation(run_toy: RunToy, tmp_path: Path) -> None:
    # before: a passing --select run after a failing full run made the matrix show "pass"
    failing = run_toy(python_adapter("toy_impl:Faulty"))
    selected = run_toy(python_adapter("toy_impl:Faulty"), run=RunOptions(selection=SetSelection(select=("scale-*",))),
                       options=["base", "floats"], expected_failures=["scale-basic"])
    sharded = run_toy(python_adapter(), flags=["EmptyData"], run=RunOptions(selection=SetSelection(shard=(1, 2))))
    assert selected.passed and sharded.passed and not failing.passed
    with ResultsStore(tmp_path / "results.sqlite") as store:
        first = store.record(failing)
        store.record(selected)
        store.record(sharded)
        [row] = store.matrix()
        assert (row.id, row.verdict, row.passed, row.whole) == (first, "fail", False, True)
        assert [run.whole for run in store.runs()] == [False, False, True]  # kept, and marked


def test_a_format_1_store_is_migrated(run_toy: RunToy, tmp_path: Path) -> None:
    path = tmp_path / "results.sqlite"
    with ResultsStore(path) as store:
        store.record(run_toy(python_adapter(), flags=["EmptyData"]))
        store.record(run_toy(python_adapter(), flags=["EmptyData"], run=RunOptions(
            selection=SetSelection(select=("negate-*",)))))
    connection = sqlite3.connect(path)  # make it look like format 1: no whole, no cache_key
    connection.executescript(
        "DROP INDEX runs_by_cache_key; ALTER TABLE runs DROP COLUMN cache_key; ALTER TABLE runs DROP COLUMN whole;"
        " PRAGMA user_version = 1;")
    connection.close()
    with ResultsStore(path) as store:
        assert sorted(run.whole for run in store.runs()) == [False, True]
        assert len(store.matrix()) == 1

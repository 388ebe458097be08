"""The SQLite results store and the results matrix."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from conformance.harness import ResultsStore, default_store_path
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

"""A results store and an audit history made once per session from the real catalogue, and the site built from them.

The store holds, for ITU-T V.41: a failing run (made from a real report with one set's verdict
turned to fail), a passing run after it, and a newer run of one set only (``--select``), which
must never stand in the matrix; for G.711 and X.25 one whole run each. The history holds two
audits of the repository.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer.main

from conformance.harness.ics import ics_for_implementation
from conformance.harness.runner import RunOptions, run_conformance
from conformance.harness.selection import SetSelection
from conformance.harness.store import ResultsStore
from conformance.hygiene.check import check_summary
from conformance.publish.gathering import SiteData, gather_site_data
from conformance.publish.site import PublishResult, publish_site
from conformance.reports.model import Report
from conformance.spec.catalog import Catalog, load_catalog
from tests.conftest import REPOSITORY

RUN_RECOMMENDATIONS = ("ITU-T V.41", "ITU-T G.711", "ITU-T X.25")


@dataclass(frozen=True)
class Published:
    """The stores, the data read back and the built site."""

    store: Path
    history: Path
    data: SiteData
    site: PublishResult
    failing_run: int
    passing_run: int
    partial_run: int


def failed_copy(report: Report) -> Report:
    """``report`` as if its first set had failed: the JSON changed, then validated again (test data)."""
    document = json.loads(report.to_json())
    first = document["sets"][0]
    first["verdict"], first["reason"] = "fail", "made to fail for the publishing tests"
    first["counts"] = {"fail": first["vectors"]}
    document["verdict"], document["passed"], document["reason"] = "fail", False, first["reason"]
    document["counts"] = {"pass": sum(s["vectors"] for s in document["sets"][1:]), "fail": first["vectors"]}
    started = dt.datetime.fromisoformat(document["started"]) - dt.timedelta(days=1)
    document["started"] = started.isoformat()
    document["finished"] = (started + dt.timedelta(seconds=1)).isoformat()
    return Report.model_validate(document)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The repository's own catalogue."""
    return load_catalog(REPOSITORY)


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Published:
    """Stores filled as the module docstring says, and the site built from them (once per worker)."""
    folder = tmp_path_factory.mktemp("published")
    store_path, history_path = folder / "results.sqlite", folder / "history.sqlite"
    ids = {}
    with ResultsStore(store_path) as store:
        for identifier in RUN_RECOMMENDATIONS:
            loaded = catalog.find(identifier)
            assert loaded is not None
            ics = ics_for_implementation(loaded, loaded.model.implementations[0])
            report = run_conformance(loaded, ics)
            if identifier == "ITU-T V.41":
                ids["failing"] = store.record(failed_copy(report))
                ids["passing"] = store.record(report)
                first_set = loaded.model.vector_sets[0].id
                partial = run_conformance(loaded, ics, options=RunOptions(selection=SetSelection(select=(first_set,))))
                ids["partial"] = store.record(partial)
            else:
                store.record(report)
    cache = tmp_path_factory.getbasetemp() / "cache"
    for _ in range(2):
        check_summary(REPOSITORY, record_history=True, history_path=history_path,
                      database_path=cache / "hygiene.sqlite3")
    data = gather_site_data(catalog, store_path=store_path, history_path=history_path)
    from conformance.cli.app import app

    site = publish_site(data, typer.main.get_command(app), folder / "site")
    return Published(store_path, history_path, data, site, ids["failing"], ids["passing"], ids["partial"])

"""Fixtures of the harness tests: the toy Recommendation and ways to run it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conformance.harness import RunOptions, load_ics, run_conformance
from conformance.reports.model import Report
from conformance.spec.catalog import Catalog, load_catalog
from conformance.spec.loading import LoadedRecommendation
from tests.harness.toy import build_toy, write_ics


@pytest.fixture
def toy_root(tmp_path: Path) -> Path:
    """A repository holding only the toy Recommendation."""
    root = tmp_path / "repo"
    build_toy(root)
    return root


@pytest.fixture
def toy(toy_root: Path) -> LoadedRecommendation:
    """The toy Recommendation, loaded."""
    catalog: Catalog = load_catalog(toy_root)
    assert not catalog.failures, catalog.failures
    found = catalog.find("Z.999")
    assert found is not None
    return found


RunToy = Callable[..., Report]


@pytest.fixture
def run_toy(toy: LoadedRecommendation, tmp_path: Path) -> RunToy:
    """Run the toy Recommendation with an ICS made of ``adapter`` and ICS ``fields``; ``run``: RunOptions."""
    counter = iter(range(1000))

    def run(adapter: dict[str, Any], *, run: RunOptions | None = None, **fields: Any) -> Report:
        ics = load_ics(write_ics(tmp_path / f"ics-{next(counter)}.yaml", adapter, **fields))
        return run_conformance(toy, ics, options=run)

    return run


def within(seconds: float, work: Callable[[], Report]) -> Report:
    """Run ``work`` in a thread; fail the test (instead of hanging the suite) if it takes longer."""
    import threading

    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["report"] = work()
        except BaseException as error:  # handed to the test thread
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"the harness did not finish within {seconds} s"
    if "error" in outcome:
        raise outcome["error"]
    report: Report = outcome["report"]
    return report

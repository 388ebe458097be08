"""The matrix stands on whole runs only, as the results store's matrix() picks them."""

from __future__ import annotations

import re

from conformance.harness.store import ResultsStore
from conformance.publish.matrix_page import matrix_page
from tests.publish.conftest import Published


def test_cells_link_to_the_latest_whole_run_never_a_selection(published: Published) -> None:
    markdown = matrix_page(published.data).markdown
    linked = {int(number) for number in re.findall(r'href="reports/run-(\d+)\.html"', markdown)}
    with ResultsStore(published.store) as store:
        assert linked == {run.id for run in store.matrix()}
    assert published.passing_run in linked
    assert published.partial_run not in linked  # newer, but of one set only
    assert published.failing_run not in linked  # older than the passing run of the same version


def test_every_listed_implementation_has_a_cell(published: Published) -> None:
    markdown = matrix_page(published.data).markdown
    for loaded in published.data.catalog.recommendations:
        assert f">{loaded.model.id.replace('-', '&#45;')}</a>" in markdown
        for implementation in loaded.model.implementations:
            assert f"history/{loaded.folder.name}-{implementation.name}.html" in markdown


def test_a_cell_gives_the_four_counts(published: Published) -> None:
    markdown = matrix_page(published.data).markdown
    entry = next(e for e in published.data.matrix if e.run.id == published.passing_run)
    passed = entry.report.counts.get("pass", 0)  # type: ignore[call-overload]
    assert f'<span class="rb-figures">{passed:,}/0/0/0</span>' in markdown

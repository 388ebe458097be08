"""What the site is made from: the store's matrix (whole runs), each implementation's runs, the audit joined by name."""

from __future__ import annotations

from tests.publish.conftest import Published


def test_the_matrix_is_the_stores_and_runs_include_partial_ones(published: Published) -> None:
    matrix_ids = {entry.run.id for entry in published.data.matrix}
    assert published.passing_run in matrix_ids and published.partial_run not in matrix_ids
    runs = published.data.runs[("ITU-T V.41", "reference")]
    assert [entry.run.id for entry in runs] == [published.partial_run, published.passing_run, published.failing_run]


def test_an_audit_target_of_joined_names_answers_for_each(published: Published) -> None:
    first = published.data.audit_of("ITU-T G.711", "reference")
    second = published.data.audit_of("ITU-T G.711", "reference-process")
    assert first is not None and first is second  # audited once under "reference, reference-process"
    assert published.data.audit_of("ITU-T G.711", "nobody") is None

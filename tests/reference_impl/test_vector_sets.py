"""Every vector set of every Recommendation, run through the harness against its python reference.

One test item per set, so a failure names the Recommendation and the set, with the harness's
own verdict, reason and expected-versus-provided detail.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from conformance.harness import RunOptions, SetSelection, ics_for_implementation, run_conformance
from conformance.reports.verdicts import Verdict
from conformance.spec.adapter_settings import PythonSettings
from conformance.spec.catalog import Catalog, load_catalog

REPOSITORY = Path(__file__).resolve().parents[2]


@cache
def _catalog() -> Catalog:
    return load_catalog(REPOSITORY)


def _cases() -> list[object]:
    cases = []
    for loaded in _catalog().recommendations:
        for implementation in loaded.model.implementations:
            if implementation.kind == "reference" and isinstance(implementation.adapter, PythonSettings):
                for entry in loaded.model.vector_sets:
                    name = f"{loaded.folder.name}/{implementation.name}/{entry.id}"
                    cases.append(pytest.param(loaded.folder.name, implementation.name, entry.id, id=name))
    return cases


def test_catalogue_loads_cleanly() -> None:
    assert _catalog().failures == []


@pytest.mark.parametrize(("folder", "implementation_name", "set_id"), _cases())
def test_reference_passes_vector_set(folder: str, implementation_name: str, set_id: str) -> None:
    loaded = _catalog().find(folder)
    assert loaded is not None
    implementation = loaded.model.implementation(implementation_name)
    assert implementation is not None
    options = RunOptions(selection=SetSelection(select=(set_id,)))
    report = run_conformance(loaded, ics_for_implementation(loaded, implementation), options=options)
    [result] = [item for item in report.sets if item.id == set_id]
    assert result.verdict == Verdict.PASS, f"{result.verdict}: {result.reason}\n{result.results[:3]}"
    assert report.passed

"""``check_references``: every reference implementation against its vectors (for ``recbench check``)."""

from __future__ import annotations

from pathlib import Path

from conformance.harness import ResultsStore, check_references
from conformance.reports.verdicts import Verdict
from conformance.spec.catalog import load_catalog


def test_runs_each_reference_and_keeps_the_runs(toy_root: Path, tmp_path: Path) -> None:
    catalog = load_catalog(toy_root)
    with ResultsStore(tmp_path / "results.sqlite") as store:
        [summary] = check_references(catalog, store=store)
        assert (summary.recommendation, summary.implementation) == ("ITU-T Z.999", "reference")
        assert summary.report is not None and summary.problem is None
        # every option is claimed but no flag: the acceptable vector stays inconclusive
        assert summary.verdict is Verdict.INCONCLUSIVE and not summary.passed
        assert summary.report.implementation.target == "toy_z999_reference:Toy"
        assert [run.implementation for run in store.runs()] == ["reference"]

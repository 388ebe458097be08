"""``check_references``: every reference implementation against its vectors (for ``recbench check``)."""

from __future__ import annotations

from pathlib import Path

from conformance.harness import ResultsStore, check_references, ics_for_implementation, prepare_run
from conformance.harness.run_key import run_key
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


def test_runs_in_worker_processes_give_the_same_reports(toy_root: Path, tmp_path: Path) -> None:
    recommendation = toy_root / "recommendations" / "z999" / "recommendation.yaml"
    text = recommendation.read_text()
    entry = text[text.index("  - name: reference\n"):]
    recommendation.write_text(text + entry.replace("name: reference", "name: second"))
    serial = check_references(load_catalog(toy_root))
    finished: list[tuple[str, int, int]] = []
    parallel = check_references(load_catalog(toy_root), workers=2,
                                run_done=lambda summary, done, total: finished.append(
                                    (summary.implementation, done, total)))
    assert [s.implementation for s in parallel] == ["reference", "second"]
    assert [(s.verdict, s.report.counts if s.report else None) for s in parallel] == [
        (s.verdict, s.report.counts if s.report else None) for s in serial]
    assert sorted(name for name, _, _ in finished) == ["reference", "second"]
    assert all(total == 2 for _, _, total in finished)
    assert sorted(done for _, done, _ in finished) == [1, 2]


def test_a_run_key_follows_the_implementation_vectors_and_recommendation(toy_root: Path) -> None:
    def key() -> str | None:
        loaded = load_catalog(toy_root).recommendations[0]
        entry = loaded.model.implementation("reference")
        assert entry is not None
        return run_key(prepare_run(loaded, ics_for_implementation(loaded, entry)))

    first = key()
    assert first is not None and key() == first
    module = toy_root / "toy_z999_reference.py"
    module.write_text(module.read_text() + "\n# a comment changes the code's bytes\n")
    second = key()
    assert second not in (None, first)
    recommendation = toy_root / "recommendations" / "z999" / "recommendation.yaml"
    recommendation.write_text(recommendation.read_text().replace("license: Apache-2.0", "license: MIT"))
    assert key() not in (None, first, second)


def test_a_program_named_by_path_outside_the_repository_has_no_run_key(toy_root: Path) -> None:
    recommendation = toy_root / "recommendations" / "z999" / "recommendation.yaml"
    recommendation.write_text(recommendation.read_text().replace(
        'adapter: {type: python, target: "toy_z999_reference:Toy"}',
        "adapter: {type: process, command: [/usr/bin/env, python3, toy_z999_reference.py]}"))
    loaded = load_catalog(toy_root).recommendations[0]
    entry = loaded.model.implementation("reference")
    assert entry is not None
    assert run_key(prepare_run(loaded, ics_for_implementation(loaded, entry))) is None

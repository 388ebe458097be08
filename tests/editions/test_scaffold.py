"""recbench new: a scaffold that lints with only coverage findings, and lint --fix filling the hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conformance.cli import app
from conformance.editions.names import folder_name, package_name, release_tag, tag_stem
from conformance.editions.scaffold import PLACEHOLDER_SHA256, scaffold_recommendation
from conformance.errors import RecbenchError
from conformance.spec.lint import lint_paths
from conformance.spec.loading import load_recommendation
from tests.conftest import REPOSITORY

runner = CliRunner()


@pytest.fixture
def empty_repository(tmp_path: Path) -> Path:
    """A repository with the published schemas and no Recommendation."""
    shutil.copytree(REPOSITORY / "recommendations" / "schema", tmp_path / "recommendations" / "schema")
    return tmp_path


def test_new_then_lint_gives_only_coverage_findings(empty_repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(empty_repository)
    result = runner.invoke(app, ["new", "ITU-T X.9999"])
    assert result.exit_code == 0, result.output
    assert "wrote recommendations/x9999/recommendation.yaml" in result.stdout
    assert (empty_repository / "recommendations" / "x9999" / "vectors").is_dir()
    assert not any((empty_repository / "recommendations" / "x9999" / "vectors").iterdir())
    lock = empty_repository / "reference_impl" / "x9999" / "requirements.lock"
    assert all(line.startswith("#") for line in lock.read_text("utf-8").splitlines())
    result = runner.invoke(app, ["lint"])
    assert result.exit_code == 1
    [finding] = result.stdout.splitlines()
    assert finding.endswith("RB210 shall requirement 'X9999-R1' is covered by no vector set")
    loaded = load_recommendation(empty_repository / "recommendations" / "x9999")
    assert loaded.model.id == "ITU-T X.9999" and loaded.model.status == "in-preparation"
    assert loaded.path.read_text("utf-8").startswith(
        "# yaml-language-server: $schema=../schema/recommendation.schema.json\n"
    )


def test_a_scaffold_without_vectors_is_not_a_pass(empty_repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(empty_repository)
    assert runner.invoke(app, ["new", "ITU-T X.9999"]).exit_code == 0
    result = runner.invoke(app, ["conform", "X.9999", "--impl", "reference", "--no-store"])
    assert result.exit_code == 1, result.output
    assert "Not passed" in result.stdout and "the Recommendation has no vector set to run" in result.stdout


def test_the_guided_next_step_lint_fix_fills_the_placeholder_hash(empty_repository: Path) -> None:
    made = scaffold_recommendation(empty_repository, "ITU-T X.9999", today=dt.date(2026, 1, 2))
    folder = empty_repository / made.recommendation_folder
    document = {"schema": "recbench-vectors/1", "recommendation": "ITU-T X.9999", "vectorSet": "example",
                "interface": "example", "numberOfTests": 1,
                "groups": [{"tests": [{"id": 1, "input": {"data": "00ff"}, "expected": {"result": "ff00"}}]}]}
    (folder / "vectors" / "example.json").write_text(json.dumps(document), encoding="utf-8")
    text = (folder / "recommendation.yaml").read_text("utf-8")
    assert "edition: 2026-01-02" in text
    entry = text.split("# A vector set, once vectors/example.json exists")[1].split("implementations:")[0]
    uncommented = "\n".join(line.replace("#  ", "  ", 1) for line in entry.splitlines()[1:])
    (folder / "recommendation.yaml").write_text(
        text.replace("vector_sets: []\n", f"vector_sets:\n{uncommented}\n"), encoding="utf-8"
    )
    result = lint_paths([folder], fix=True)
    assert [item.code for item in result.fixed] == ["RB301"] and result.diagnostics == []
    digest = hashlib.sha256((folder / "vectors" / "example.json").read_bytes()).hexdigest()
    assert load_recommendation(folder).model.vector_sets[0].sha256 == digest != PLACEHOLDER_SHA256


def test_new_refuses_what_exists_and_bad_ids(empty_repository: Path) -> None:
    scaffold_recommendation(empty_repository, "ITU-T X.9999")
    with pytest.raises(RecbenchError, match=r"ITU-T X\.9999 is in the catalogue already"):
        scaffold_recommendation(empty_repository, "ITU-T X.9999")
    (empty_repository / "reference_impl" / "x9998").mkdir()
    with pytest.raises(RecbenchError, match="x9998 exists already; nothing was written"):
        scaffold_recommendation(empty_repository, "ITU-T X.9998")
    assert not (empty_repository / "recommendations" / "x9998").exists()
    with pytest.raises(RecbenchError, match="is not an ITU-T identifier"):
        scaffold_recommendation(empty_repository, "X9999")
    assert sorted(path.name for path in (empty_repository / "recommendations").iterdir()) == ["schema", "x9999"]


def test_cli_new_refusal_is_exit_2(empty_repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(empty_repository)
    result = runner.invoke(app, ["new", "not an id"])
    assert result.exit_code == 2 and "is not an ITU-T identifier" in result.output


def test_an_amendment_scaffold_names_its_base(empty_repository: Path) -> None:
    made = scaffold_recommendation(empty_repository, "ITU-T X.690 Amendment 1")
    assert made.recommendation_folder == "recommendations/x690-amd1"
    assert made.package_folder == "reference_impl/x690_amd1"
    assert load_recommendation(empty_repository / made.recommendation_folder).model.base == "ITU-T X.690"
    assert sorted(item.code for item in lint_paths([empty_repository]).diagnostics) == ["RB210", "RB401"]
    scaffold_recommendation(empty_repository, "ITU-T X.690")
    findings = lint_paths([empty_repository]).diagnostics
    assert [(item.code, item.message.split("'")[1]) for item in findings] == [
        ("RB210", "X690-R1"), ("RB210", "X690AMD1-R1"),
    ]


@pytest.mark.parametrize(
    ("identifier", "stem", "folder", "package"),
    [
        ("ITU-T G.711", "G.711", "g711", "g711"),
        ("ITU-T I.432.1", "I.432.1", "i4321", "i4321"),
        ("ITU-T X.690 Amendment 1", "X.690-Amd.1", "x690-amd1", "x690_amd1"),
        ("ITU-T G.711 Corrigendum 2", "G.711-Cor.2", "g711-cor2", "g711_cor2"),
        ("ITU-T G Suppl. 65", "G-Suppl.65", "gsuppl65", "gsuppl65"),
        ("ITU-T G.711 Appendix II", "G.711-App.II", "g711-appii", "g711_appii"),
    ],
)
def test_names(identifier: str, stem: str, folder: str, package: str) -> None:
    assert (tag_stem(identifier), folder_name(identifier), package_name(identifier)) == (stem, folder, package)
    assert release_tag(identifier, dt.date(2026, 11, 30)) == f"{stem}/2026-11"

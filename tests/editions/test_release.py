"""recbench release: each precondition refused with a clear message; a release that reproduces elsewhere."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from conformance.cli import app
from conformance.editions.manifest import content_hashes, matching_release, parse_manifest
from conformance.editions.release import ReleaseRefused, release_edition, verify_release
from conformance.editions.revisions import WorkTree
from conformance.harness import ics_for_implementation, run_conformance
from conformance.spec.loading import load_recommendation
from tests.editions.conftest import EditionsRepository, vector

runner = CliRunner()
EDITION = dt.date(2026, 11, 1)
TAG = "X.999/2026-11"


def _refusal(editions: EditionsRepository, edition: dt.date = EDITION) -> tuple[str, ...]:
    head = editions.repo.head.commit.hexsha
    with pytest.raises(ReleaseRefused) as refused:
        release_edition(editions.root, "X.999", edition)
    # nothing written, nothing committed, no tag
    assert editions.repo.head.commit.hexsha == head and TAG not in editions.repo.tags
    assert not (editions.folder / "releases").exists()
    return refused.value.reasons


def test_a_dirty_work_tree_is_refused(editions: EditionsRepository) -> None:
    (editions.root / "notes.txt").write_text("draft", encoding="utf-8")
    editions.edit("status: approved", "status: in-force")
    [reason] = _refusal(editions)
    assert reason.startswith("the work tree is not clean (notes.txt, recommendations/x999/recommendation.yaml)")
    assert "commit or stash" in reason


def test_lint_findings_are_refused(editions: EditionsRepository) -> None:
    editions.write_vectors("basic", [vector(1, [1, 2])])  # the sha256 no longer matches
    editions.commit("vectors changed, hash not updated")
    [reason] = _refusal(editions)
    assert reason.startswith("`recbench lint` reports 1 finding(s): recommendations/x999/recommendation.yaml:")
    assert "RB301" in reason


def test_a_failing_reference_is_refused(editions: EditionsRepository) -> None:
    editions.set_factor(3)
    editions.commit("a broken reference")
    [reason] = _refusal(editions)
    assert reason.startswith("reference implementation 'reference' does not pass its vectors: ")


def test_no_reference_implementation_is_refused(editions: EditionsRepository) -> None:
    editions.edit("    kind: reference", "    kind: third-party")
    editions.commit("no reference")
    assert _refusal(editions) == ("the Recommendation lists no reference implementation (kind: reference)",)


def test_an_existing_tag_and_an_earlier_edition_are_refused(editions: EditionsRepository) -> None:
    release_edition(editions.root, "X.999", EDITION)
    with pytest.raises(ReleaseRefused) as refused:
        release_edition(editions.root, "X.999", dt.date(2026, 11, 20))
    [tag] = refused.value.reasons  # a later day of the same month: the tag is taken
    assert tag.startswith(f"tag {TAG} exists already (at ")
    with pytest.raises(ReleaseRefused) as refused:
        release_edition(editions.root, "X.999", dt.date(2025, 1, 1))
    assert refused.value.reasons == (f"edition 2025-01-01 is not after the released edition 2026-11-01 ({TAG})",)


def test_release_sets_the_edition_writes_the_manifest_and_tags(editions: EditionsRepository) -> None:
    before = editions.repo.head.commit
    made = release_edition(editions.root, "ITU-T X.999", EDITION)
    assert made.tag == TAG and made.manifest_path == "recommendations/x999/releases/2026-11.json"
    text = editions.yaml.read_text("utf-8")
    assert "edition: 2026-11-01\n" in text and "# A comment the release must keep." in text
    assert text.replace("2026-11-01", "2024-01-31") == before.tree["recommendations/x999/recommendation.yaml"] \
        .data_stream.read().decode()  # only the edition changed
    commit = editions.repo.head.commit
    assert commit.parents == (before,) and commit.hexsha == made.commit
    assert not editions.repo.is_dirty(untracked_files=True)
    tag = editions.repo.tags[TAG]
    assert tag.commit == commit and tag.tag is not None
    raw = (editions.folder / "releases" / "2026-11.json").read_bytes()
    assert f"sha256: {hashlib.sha256(raw).hexdigest()}" in tag.tag.message
    manifest = parse_manifest(raw, Path("manifest"))
    assert manifest == made.manifest and manifest.edition == EDITION
    assert manifest.spec.sha256 == hashlib.sha256(editions.yaml.read_bytes()).hexdigest()
    assert {item.id: item.sha256 for item in manifest.vector_sets} == {
        name: hashlib.sha256((editions.folder / "vectors" / f"{name}.json").read_bytes()).hexdigest()
        for name in ("basic", "old")
    }
    [reference] = manifest.reference_implementations
    assert reference.path == editions.package and reference.commit == before.hexsha
    assert reference.tree == before.tree[editions.package].hexsha


def test_a_release_verifies_from_a_clone_elsewhere(editions: EditionsRepository, tmp_path: Path) -> None:
    made = release_edition(editions.root, "X.999", EDITION)
    editions.edit("status: approved", "status: in-force")  # work goes on after the release
    editions.commit("after the release")
    clone_path = tmp_path / "elsewhere"
    clone = git.Repo.clone_from(editions.root, clone_path)
    clone.git.checkout("-q", TAG)
    result = verify_release(clone_path, TAG, work_tree=True)
    assert result.ok, [check for check in result.checks if check.problem]
    assert result.commit == made.commit
    subjects = [check.subject for check in result.checks]
    assert "tag: vectors/basic.json" in subjects and "work tree: recommendation.yaml" in subjects
    spec, sets = content_hashes(WorkTree(clone_path / "recommendations" / "x999"), "recommendation.yaml")
    assert (spec, sets) == (made.manifest.spec, made.manifest.vector_sets)
    # a changed file in the checkout is named
    (clone_path / "recommendations" / "x999" / "vectors" / "old.json").write_text("{}", encoding="utf-8")
    result = verify_release(clone_path, TAG, work_tree=True)
    assert [check.subject for check in result.checks if check.problem] == ["work tree: files of the release"]
    assert verify_release(clone_path, TAG).ok  # the tag's objects are unchanged


def test_verify_names_a_tampered_tag(editions: EditionsRepository) -> None:
    made = release_edition(editions.root, "X.999", EDITION)
    editions.repo.delete_tag(editions.repo.tags[TAG])
    editions.repo.create_tag(TAG, ref=made.commit, message="sha256: " + "1" * 64 + "\n")
    [problem] = [check.problem for check in verify_release(editions.root, TAG).checks if check.problem]
    assert problem == f"the manifest's sha256 is {made.manifest_sha256}, the tag says {'1' * 64}"
    editions.repo.delete_tag(editions.repo.tags[TAG])
    editions.repo.create_tag(TAG, ref=made.commit)  # lightweight
    [problem] = [check.problem for check in verify_release(editions.root, TAG).checks if check.problem]
    assert problem == "the tag is not annotated (it carries no manifest hash)"


def test_conform_records_the_release_its_vectors_match(editions: EditionsRepository) -> None:
    def release_of_run() -> str | None:
        loaded = load_recommendation(editions.yaml)
        report = run_conformance(loaded, ics_for_implementation(loaded, loaded.model.implementations[0]))
        assert matching_release(loaded) == report.recommendation.release
        return report.recommendation.release

    assert release_of_run() is None
    release_edition(editions.root, "X.999", EDITION)
    assert release_of_run() == TAG
    editions.edit("status: approved", "status: in-force")  # the spec changes, the vectors do not
    assert release_of_run() == TAG
    editions.write_vectors("old", [vector(1, [8])])
    editions.rehash()
    assert release_of_run() is None


def test_cli_release_and_verify(editions: EditionsRepository, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(editions.root)
    result = runner.invoke(app, ["release", "X.999", "--edition", "2026-13-01"])
    assert result.exit_code == 2 and "is not a date written YYYY-MM-DD" in result.output
    result = runner.invoke(app, ["release", "X.999"])
    assert result.exit_code == 2 and "give the edition" in result.output
    (editions.root / "scratch").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["release", "X.999", "--edition", "2026-11-01"])
    assert result.exit_code == 2 and f"release {TAG} refused:" in result.output
    assert "the work tree is not clean (scratch)" in result.output and "Traceback" not in result.output
    (editions.root / "scratch").unlink()
    result = runner.invoke(app, ["release", "X.999", "--edition", "2026-11-01"])
    assert result.exit_code == 0, result.output
    assert f"released {TAG} at " in result.stdout
    result = runner.invoke(app, ["release", "verify", TAG, "--work-tree"])
    assert result.exit_code == 0, result.output
    assert "ok    tag: vectors/basic.json" in result.stdout
    result = runner.invoke(app, ["release", "verify", "X.999/1999-01"])
    assert result.exit_code == 2 and "no tag 'X.999/1999-01'" in result.output
    document = json.loads(runner.invoke(app, ["history", "X.999", "--format", "json"]).stdout)
    assert document["entries"][0]["tags"] == [TAG] and document["releases"][0]["name"] == TAG

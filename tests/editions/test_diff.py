"""recbench diff: exactly the changes made between two commits, read from git objects."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conformance.cli import app
from conformance.editions.diff import Change, ItemDiff, diff_recommendation
from conformance.editions.writers import diff_markdown, diff_text
from conformance.errors import RecbenchError
from conformance.harness import ResultsStore, check_references
from conformance.spec.catalog import load_catalog
from tests.editions.conftest import EditionsRepository, vector

runner = CliRunner()


def _second_edition(repository: EditionsRepository) -> str:
    """Commit a new edition: every kind of change once."""
    repository.edit("    text: >\n      The doubler should refuse values\n      above 100.\n",
                    "    text: The doubler should refuse values above 100.\n")  # reflowed only
    repository.edit('  - id: R2\n    clause: "2"\n    level: should', '  - id: R2\n    clause: "2"\n    level: shall')
    repository.edit("    text: It may log.", "    text: It may log each call.")
    repository.edit("  - {id: wide, text: Inputs above 100}",
                    "  - {id: wide, text: Inputs above 200}\n  - {id: fast, text: Quick}")
    repository.edit('      values: {type: "uint8[]"}', '      values: {type: "uint16[]"}')
    repository.edit("title: A Recommendation made up for tests", "title: A Recommendation made up for the tests")
    repository.edit("  - id: old\n    interface: double\n    file: vectors/old.json",
                    "  - id: extra\n    interface: double\n    file: vectors/extra.json")
    repository.edit("    covers: [R1]\n  - id: extra", "    covers: [R1, R2]\n  - id: extra")
    (repository.folder / "vectors" / "old.json").unlink()
    repository.write_vectors("extra", [vector(1, [9])])
    repository.write_vectors("basic", [
        vector(1, [1, 3]),                     # same id, other inputs: reused
        vector(2, [3], expected=[7]),          # expectation changed
        vector(4, [6]),                        # added (3 removed)
        vector(5, [8], comment="a comment"),   # added
    ])
    repository.rehash()
    return repository.commit("Second edition")


def test_diff_reports_exactly_the_changes(editions: EditionsRepository) -> None:
    first = editions.repo.head.commit.hexsha
    second = _second_edition(editions)
    diff = diff_recommendation(editions.root, "X.999", first, second)
    assert diff.before == first[:12] and diff.after == second[:12]
    assert [change.field for change in diff.metadata] == ["title"]
    assert diff.requirements == (
        ItemDiff("R2", "changed", (Change("level", "should", "shall", "strengthened"),)),
        ItemDiff("R3", "changed", (Change("text", "It may log.", "It may log each call."),)),
    )
    assert diff.options == (
        ItemDiff("wide", "changed", (Change("text", "Inputs above 100", "Inputs above 200"),)),
        ItemDiff("fast", "added", detail="Quick"),
    )
    assert diff.interfaces == (
        ItemDiff("double", "changed", (Change("inputs.values", "uint8[]", "uint16[]"),)),
    )
    assert [(item.id, item.status) for item in diff.vector_sets] == [
        ("basic", "changed"), ("extra", "added"), ("old", "removed"),
    ]
    basic = diff.vector_sets[0]
    assert {change.field for change in basic.changes} == {"sha256", "covers"}
    assert basic.change("covers") == Change("covers", ["R1"], ["R1", "R2"])
    [vectors] = diff.vector_files
    assert (vectors.set_id, vectors.tests_before, vectors.tests_after) == ("basic", 3, 4)
    assert (vectors.added, vectors.removed, vectors.expectation_changed, vectors.reused) == ((4, 5), (3,), (2,), (1,))
    assert [(finding.kind, finding.set_id) for finding in diff.findings] == [("reused-test-id", "basic")]


def test_no_change_is_an_empty_diff_and_the_work_tree_is_the_default(editions: EditionsRepository) -> None:
    head = editions.repo.head.commit.hexsha
    assert diff_recommendation(editions.root, "x999", head).empty
    editions.edit("status: approved", "status: in-force")  # uncommitted: seen in the work tree
    diff = diff_recommendation(editions.root, "ITU-T X.999", "HEAD")
    assert diff.after == "work tree" and diff.metadata == (Change("status", "approved", "in-force"),)
    assert diff_recommendation(editions.root, "ITU-T X.999", "HEAD", "HEAD").empty


def test_diff_reads_git_objects_without_touching_the_work_tree(editions: EditionsRepository) -> None:
    first = editions.repo.head.commit.hexsha
    second = _second_edition(editions)
    editions.repo.git.checkout("-q", first)
    before = {path: path.read_bytes() for path in editions.folder.rglob("*") if path.is_file()}
    diff = diff_recommendation(editions.root, "X.999", first, second)
    assert diff.vector_files[0].added == (4, 5)
    assert {path: path.read_bytes() for path in editions.folder.rglob("*") if path.is_file()} == before
    assert editions.repo.head.commit.hexsha == first and not editions.repo.is_dirty(untracked_files=True)


def test_changed_expectation_without_reuse_is_no_finding(editions: EditionsRepository) -> None:
    first = editions.repo.head.commit.hexsha
    editions.write_vectors("basic", [vector(1, [1, 2]), vector(2, [3], result="acceptable", flags=["x"]),
                                     vector(3, [4, 5])])
    editions.rehash()
    diff = diff_recommendation(editions.root, "X.999", first, editions.commit("flag test 2"))
    assert diff.vector_files[0].expectation_changed == (2,) and not diff.findings


def test_stored_results_of_changed_vectors_are_invalidated(editions: EditionsRepository) -> None:
    store_path = editions.root / ".recbench" / "results.sqlite"
    with ResultsStore(store_path) as store:
        [summary] = check_references(load_catalog(editions.root), store=store)
    assert summary.passed
    first = editions.repo.head.commit.hexsha
    second = _second_edition(editions)
    diff = diff_recommendation(editions.root, "X.999", first, second, store=store_path)
    [stale] = diff.invalidated
    assert stale.implementation == "reference" and stale.sets == ("basic", "old")
    editions.set_factor(2)
    with ResultsStore(store_path) as store:  # a run on the new vectors holds
        check_references(load_catalog(editions.root), store=store)
    assert diff_recommendation(editions.root, "X.999", first, second, store=store_path).invalidated == ()


def test_text_and_markdown_show_a_strengthened_level(editions: EditionsRepository) -> None:
    first = editions.repo.head.commit.hexsha
    diff = diff_recommendation(editions.root, "X.999", first, _second_edition(editions))
    text = diff_text(diff)
    assert "! R2\n    level: should -> shall (strengthened)" in text
    assert "  basic (vectors/basic.json): 3 -> 4 tests\n    added: 4, 5\n    removed: 3\n" in text
    assert "    expectation changed: 2\n    reused for other inputs: 1\n" in text
    markdown = diff_markdown(diff)
    assert "| changed | R2 | **level: should → shall (strengthened)** |" in markdown
    assert "### Findings" in markdown and "| basic | 3 → 4 | 4, 5 | 3 | 2 |" in markdown


def test_cli_diff_formats_and_exit_codes(editions: EditionsRepository, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(editions.root)
    first = editions.repo.head.commit.hexsha
    _second_edition(editions)
    result = runner.invoke(app, ["diff", "X.999", "--from", first, "--to", "HEAD", "--format", "json"])
    assert result.exit_code == 1, result.output  # the reused id is a finding
    document = json.loads(result.stdout)
    assert document["vector_files"][0]["reused"] == [1]
    result = runner.invoke(app, ["diff", "X.999", "--from", "HEAD", "--format", "markdown"])
    assert result.exit_code == 0 and "no changes" in result.stdout
    result = runner.invoke(app, ["diff", "X.999", "--from", "no-such-rev"])
    assert result.exit_code == 2 and "unknown revision 'no-such-rev'" in result.output
    result = runner.invoke(app, ["diff", "Z.1", "--from", "HEAD"])
    assert result.exit_code == 2 and "no Recommendation 'Z.1'" in result.output


def test_a_version_that_does_not_load_is_a_located_error(editions: EditionsRepository) -> None:
    editions.edit("study_group: 17", "study_group: 99")
    broken = editions.commit("broken")
    with pytest.raises(RecbenchError) as raised:
        diff_recommendation(editions.root, "X.999", broken)
    [line] = raised.value.lines
    assert line.startswith(f"{broken[:12]}:recommendations/x999/recommendation.yaml:") and "RB100" in line

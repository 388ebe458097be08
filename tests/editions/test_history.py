"""recbench history: the commits that touched the folder, in order, with edition, status and tags."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from conformance.cli import app
from conformance.editions.history import recommendation_history
from conformance.editions.release import release_edition
from conformance.editions.writers import history_text
from conformance.errors import RecbenchError
from tests.editions.conftest import EditionsRepository, vector

runner = CliRunner()


def _several_commits(editions: EditionsRepository) -> list[str]:
    """first (the fixture), consented, an unrelated commit, a vectors change, a release: ids in order."""
    commits = [editions.repo.head.commit.hexsha]
    editions.edit("status: approved", "status: consented")
    commits.append(editions.commit("consented"))
    (editions.root / "README.md").write_text("elsewhere", encoding="utf-8")
    editions.commit("not about X.999")
    editions.write_vectors("basic", [vector(1, [1, 2]), vector(2, [3]), vector(3, [4, 5]), vector(4, [6])])
    editions.rehash()
    commits.append(editions.commit("a fourth vector"))
    commits.append(release_edition(editions.root, "X.999", dt.date(2026, 11, 1)).commit)
    return commits


def test_history_lists_the_commits_in_order_with_their_tags(editions: EditionsRepository) -> None:
    commits = _several_commits(editions)
    history = recommendation_history(editions.root, "X.999")
    assert history.recommendation == "ITU-T X.999" and history.folder == "recommendations/x999"
    assert [entry.commit for entry in history.entries] == commits[::-1]  # newest first, README commit left out
    assert [(entry.edition, entry.status, entry.tags) for entry in history.entries] == [
        ("2026-11-01", "consented", ("X.999/2026-11",)),
        ("2024-01-31", "consented", ()),
        ("2024-01-31", "consented", ()),
        ("2024-01-31", "approved", ()),
    ]
    assert [entry.summary for entry in history.entries][1:] == ["a fourth vector", "consented", "X.999 as data"]
    [release] = history.releases
    assert release.name == "X.999/2026-11" and release.commit == commits[-1]
    assert "manifest: recommendations/x999/releases/2026-11.json" in release.message
    assert len(recommendation_history(editions.root, "x999", max_count=2).entries) == 2
    assert [entry.commit for entry in recommendation_history(editions.root, "X.999", revision="HEAD~2").entries] \
        == commits[:2][::-1]


def test_a_commit_whose_file_does_not_load_is_listed_with_the_problem(editions: EditionsRepository) -> None:
    editions.edit("study_group: 17", "study_group: 99")
    broken = editions.commit("a typo")
    editions.edit("study_group: 99", "study_group: 17")
    editions.commit("fixed")
    entries = recommendation_history(editions.root, "X.999").entries
    assert entries[1].commit == broken and entries[1].edition is None
    assert entries[1].problem is not None and "RB100" in entries[1].problem
    assert f"{broken[:12]}  " in history_text(recommendation_history(editions.root, "X.999"))


def test_history_outside_git_and_of_an_unknown_id(editions: EditionsRepository, tmp_path_factory:
                                                  pytest.TempPathFactory) -> None:
    with pytest.raises(RecbenchError, match=r"no Recommendation 'Z\.1'"):
        recommendation_history(editions.root, "Z.1")
    with pytest.raises(RecbenchError, match="unknown revision 'nope'"):
        recommendation_history(editions.root, "X.999", revision="nope")
    bare = tmp_path_factory.mktemp("plain")
    (bare / "recommendations").mkdir()
    with pytest.raises(RecbenchError, match="not inside a git repository"):
        recommendation_history(bare, "X.999")


def test_cli_history_text(editions: EditionsRepository, monkeypatch: pytest.MonkeyPatch) -> None:
    _several_commits(editions)
    monkeypatch.chdir(editions.root)
    result = runner.invoke(app, ["history", "X.999"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "ITU-T X.999 (recommendations/x999): 4 commit(s), 1 release(s)"
    assert "edition 2026-11-01, consented  [X.999/2026-11]  Release X.999/2026-11" in lines[1]
    assert lines[-1].endswith("edition 2024-01-31, approved  X.999 as data")

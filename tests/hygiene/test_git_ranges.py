"""GIT ranges over a local commit graph: advisories written here name this test's own commits.

Real advisories name upstream commits no test can recreate, so the commit-graph rules are
checked with records written against a repository built in the test (the real-data side is in
test_ecosystems_audit: a submodule pinned at a real ``introduced`` commit is reported).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import git
import pytest

from conformance.hygiene.advisories import OsvDatabase
from conformance.hygiene.audit import audit_path
from conformance.hygiene.ecosystems import normalise_repository
from conformance.hygiene.git_ranges import CommitGraph, range_verdict
from conformance.hygiene.inventory import read_inventory
from conformance.hygiene.policy import Policy

URL = "https://git.example.invalid/codec/libcodec.git"
REPO = normalise_repository(URL)


@pytest.fixture
def upstream(tmp_path: Path) -> tuple[git.Repo, list[str]]:
    """A linear history c0..c5 and a side branch s1 off c1 (commit ids returned in order)."""
    repo = git.Repo.init(tmp_path / "libcodec")
    folder = Path(repo.working_tree_dir or "")
    commits: list[str] = []
    for number in range(6):
        (folder / "codec.c").write_text(f"int version = {number};\n")
        repo.index.add(["codec.c"])
        commits.append(repo.index.commit(f"c{number}").hexsha)
    main = repo.active_branch
    side = repo.create_head("side", commits[1])
    side.checkout()
    (folder / "side.c").write_text("int side;\n")
    repo.index.add(["side.c"])
    commits.append(repo.index.commit("s1").hexsha)
    main.checkout()
    repo.create_tag("v1.0", ref=commits[2])
    return repo, commits


def verdict(repo: git.Repo, commit: str, *events: dict[str, str]) -> bool | None:
    graph, problem = CommitGraph.open(Path(repo.working_tree_dir or ""))
    assert graph is not None, problem
    return range_verdict({"type": "GIT", "repo": URL, "events": list(events)}, commit, graph,
                         URL).affected


def test_introduced_and_fixed_follow_ancestry(upstream: tuple[git.Repo, list[str]]) -> None:
    repo, c = upstream
    events = ({"introduced": c[1]}, {"fixed": c[3]})
    assert [verdict(repo, commit, *events) for commit in c[:6]] == [
        False, True, True, False, False, False]
    # the side branch descends from the introduction and not from the fix
    assert verdict(repo, c[6], *events) is True
    assert verdict(repo, c[4], {"introduced": "0"}, {"fixed": c[3]}) is False
    assert verdict(repo, c[2], {"introduced": "0"}, {"fixed": c[3]}) is True


def test_a_regression_after_a_fix_is_affected(upstream: tuple[git.Repo, list[str]]) -> None:
    repo, c = upstream
    events = ({"introduced": c[1]}, {"fixed": c[2]}, {"introduced": c[4]})
    assert [verdict(repo, commit, *events) for commit in c[:6]] == [
        False, True, False, False, True, True]


def test_last_affected_and_limit(upstream: tuple[git.Repo, list[str]]) -> None:
    repo, c = upstream
    assert [verdict(repo, commit, {"introduced": c[1]}, {"last_affected": c[3]})
            for commit in c[:6]] == [False, True, True, True, False, False]
    assert [verdict(repo, commit, {"introduced": "0"}, {"limit": c[3]})
            for commit in c[:6]] == [True, True, True, False, False, False]


def test_an_event_commit_the_clone_lacks_is_no_ancestor(upstream: tuple[git.Repo, list[str]]) -> None:
    repo, c = upstream
    elsewhere = "f" * 40
    assert verdict(repo, c[4], {"introduced": elsewhere}, {"fixed": c[5]}) is False
    assert verdict(repo, c[4], {"introduced": c[1]}, {"fixed": elsewhere}) is True


def test_without_history_only_exact_commits_are_certain(upstream: tuple[git.Repo, list[str]]
                                                       ) -> None:
    _, c = upstream
    rng = {"type": "GIT", "repo": URL, "events": [{"introduced": c[1]}, {"fixed": c[3]}]}
    assert range_verdict(rng, c[1], None, URL).affected is True
    assert range_verdict(rng, c[3], None, URL).affected is False
    unknown = range_verdict(rng, c[2], None, URL)
    assert unknown.affected is None and unknown.reason == f"cannot evaluate: history of {URL} not available"


def _record(identifier: str, c: list[str], **extra: object) -> dict[str, object]:
    return {"id": identifier, "modified": "2026-11-30T00:00:00Z", "summary": f"{identifier} in libcodec",
            "affected": [{"package": {"ecosystem": "OSS-Fuzz", "name": "libcodec"},
                          "ranges": [{"type": "GIT", "repo": URL,
                                      "events": [{"introduced": c[1]}, {"fixed": c[3]}]}],
                          **extra}]}


def _superproject(tmp_path: Path, upstream: git.Repo, commit: str) -> Path:
    """A superproject with libcodec as a submodule checked out (history at hand) at ``commit``."""
    root = tmp_path / "super"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    clone = root / "third_party" / "libcodec"
    git.Repo.clone_from(upstream.working_tree_dir or "", clone).git.checkout("-q", commit)
    (root / ".gitmodules").write_text(
        f'[submodule "libcodec"]\n\tpath = third_party/libcodec\n\turl = {URL}\n')
    subprocess.run(["git", "-C", str(root), "update-index", "--add", "--cacheinfo",
                    f"160000,{commit},third_party/libcodec"], check=True)
    return root


def _audit(root: Path, tmp_path: Path, *records: dict[str, object]) -> dict[str, object]:
    folder = tmp_path / "records"
    folder.mkdir(exist_ok=True)
    for record in records:
        (folder / f"{record['id']}.json").write_text(json.dumps(record))
    database = OsvDatabase(":memory:")
    database.import_source(folder)
    run = audit_path(root / ".gitmodules", policy=Policy(max_advisory_age_days=None),
                     database=database)
    return {f.rule: f for f in run.findings}


def test_a_submodule_inside_a_range_is_reported(upstream: tuple[git.Repo, list[str]],
                                                tmp_path: Path) -> None:
    repo, c = upstream
    root = _superproject(tmp_path, repo, c[2])
    (dependency,) = read_inventory(root / ".gitmodules").dependencies
    assert dependency.history == str(root / "third_party" / "libcodec")
    findings = _audit(root, tmp_path, _record("OSV-TEST-1", c))
    assert findings["OSV-TEST-1"].violation and findings["OSV-TEST-1"].package == "third_party/libcodec"
    assert findings["OSV-TEST-1"].fix_versions == [f"commit {c[3][:12]}"]


def test_a_submodule_past_the_fix_is_clean(upstream: tuple[git.Repo, list[str]],
                                           tmp_path: Path) -> None:
    repo, c = upstream
    findings = _audit(_superproject(tmp_path, repo, c[4]), tmp_path, _record("OSV-TEST-1", c))
    assert "OSV-TEST-1" not in findings and "unevaluated-advisory" not in findings


def test_a_tag_at_the_commit_matches_the_versions_list(upstream: tuple[git.Repo, list[str]],
                                                       tmp_path: Path) -> None:
    repo, c = upstream
    # the range itself misses c2; the versions list (tags, as OSS-Fuzz writes them) names it
    record = _record("OSV-TEST-2", c[3:], versions=["v1.0"])
    findings = _audit(_superproject(tmp_path, repo, c[2]), tmp_path, record)
    assert "OSV-TEST-2" in findings


def test_a_shallow_clone_cannot_decide(upstream: tuple[git.Repo, list[str]], tmp_path: Path) -> None:
    repo, _ = upstream
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.working_tree_dir}",
                    str(shallow)], check=True, capture_output=True)
    graph, problem = CommitGraph.open(shallow)
    assert graph is None and problem is not None and "shallow" in problem


def test_a_vendored_clone_brings_its_history(upstream: tuple[git.Repo, list[str]],
                                             tmp_path: Path) -> None:
    repo, c = upstream
    project = tmp_path / "project"
    (project / "third_party").mkdir(parents=True)
    git.Repo.clone_from(repo.working_tree_dir or "", project / "third_party" / "libcodec")
    (project / "vendored.toml").write_text(
        f'[[vendored]]\npath = "third_party/libcodec"\nurl = "{URL}"\ncommit = "{c[2]}"\n'
        '[[vendored]]\npath = "third_party/other"\nurl = "https://git.example.invalid/other"\n'
        'version = "2.0"\n')
    inventory = read_inventory(project / "vendored.toml")
    first, second = inventory.dependencies
    assert first.history == str(project / "third_party" / "libcodec") and second.history is None
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "r.json").write_text(json.dumps(_record("OSV-TEST-3", c)))
    database = OsvDatabase(":memory:")
    database.import_source(folder)
    run = audit_path(project / "vendored.toml", policy=Policy(max_advisory_age_days=None),
                     database=database)
    assert "OSV-TEST-3" in {f.rule for f in run.findings}


def test_a_submodule_with_no_gitlink_is_unreadable(tmp_path: Path) -> None:
    root = tmp_path / "super"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / ".gitmodules").write_text('[submodule "x"]\n\tpath = x\n\turl = https://h.invalid/x\n')
    inventory = read_inventory(root / ".gitmodules")
    assert inventory.dependencies == []
    (skipped,) = inventory.skipped
    assert skipped.unreadable and "no gitlink for x" in skipped.reason and skipped.line == 1

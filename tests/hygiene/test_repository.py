"""Repository signals from temporary git repositories with fixed commit dates, and the score."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import git
import pytest

from conformance.hygiene.repository import (
    RepositoryError,
    absence_factor,
    collect_signals,
    score_repository,
)
from tests.hygiene.conftest import commit_at

NOW = datetime(2024, 6, 1, tzinfo=UTC)
FAKE_SIGNATURE = "release 1.0\n-----BEGIN PGP SIGNATURE-----\nabc\n-----END PGP SIGNATURE-----\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    repo = git.Repo.init(tmp_path / "project")
    commit_at(repo, {"LICENSE": b"Apache-2.0\n", "impl/__init__.py": b""}, "start",
              NOW - timedelta(days=400), "Ada <ada@example.org>")
    commit_at(repo, {"impl/core.py": b"x = 1\n"}, "core", NOW - timedelta(days=200),
              "Ada <ada@example.org>")
    for day in (60, 30, 10):
        commit_at(repo, {f"impl/m{day}.py": b"y = 2\n"}, f"work {day}",
                  NOW - timedelta(days=day), "Bob <bob@example.org>")
    commit_at(repo, {"SECURITY.md": b"report to ...\n", ".github/workflows/ci.yml": b"on: push\n",
                     ".github/dependabot.yml": b"version: 2\n",
                     "tests/test_props.py": b"from hypothesis import given\n",
                     "impl/blob.so": b"\x7fELF\x02\x01\x01" + b"\x00" * 16,
                     "data/speech.a": b"not an archive, just samples"},
              "hygiene files", NOW - timedelta(days=5), "Cy <cy@example.org>")
    # The tagger identity comes from the environment, so no git configuration is needed.
    with repo.git.custom_environment(GIT_COMMITTER_NAME="Cy", GIT_COMMITTER_EMAIL="cy@example.org",
                                     GIT_COMMITTER_DATE="2024-05-27T00:00:00+0000"):
        repo.create_tag("v1.0", message=FAKE_SIGNATURE)
        repo.create_tag("v0.9", message="unsigned")
    return Path(repo.working_tree_dir or "")


def test_signals(project: Path) -> None:
    signals = collect_signals(project, now=NOW)
    assert signals.days_since_last_commit == 5
    assert (signals.commits_90_days, signals.commits_365_days) == (4, 5)
    assert signals.contributors_365_days == 3 and signals.absence_factor == 1  # Bob: 3 of 5
    assert (signals.tags, signals.signed_tags) == (2, 1)
    assert signals.security_policy == "SECURITY.md" and signals.licence_file == "LICENSE"
    assert signals.ci_config == ".github/workflows/ci.yml"
    assert signals.dependency_update_config == ".github/dependabot.yml"
    assert signals.fuzzing == "tests/test_props.py"
    assert signals.binary_artefacts == ("impl/blob.so",)  # the .a data file is not an archive


def test_signals_scoped_to_a_subfolder(project: Path) -> None:
    signals = collect_signals(project / "impl", now=NOW)
    assert signals.path == "impl"
    assert signals.commits_365_days == 5  # the five commits of the last year touch impl/
    assert signals.days_since_last_commit == 5


def test_score_quiet_mature_versus_activity(project: Path) -> None:
    signals = collect_signals(project, now=NOW + timedelta(days=300))
    mature = score_repository(signals, quiet_is_mature=True, max_commit_age_days=730)
    active = score_repository(signals, quiet_is_mature=False)
    maintained = {c.name: c.score for c in mature.checks}["Maintained"]
    assert maintained == 10
    assert {c.name: c.score for c in active.checks}["Maintained"] == 0
    assert mature.score is not None and active.score is not None and mature.score > active.score
    assert {c.name: c.score for c in mature.checks}["Binary-Artifacts"] == 9
    assert {c.name: c.score for c in mature.checks}["Signed-Releases"] == 5


def test_absence_factor() -> None:
    from collections import Counter

    assert absence_factor(Counter({"a": 8, "b": 1, "c": 1})) == 1
    assert absence_factor(Counter({"a": 3, "b": 3, "c": 3, "d": 3})) == 2
    assert absence_factor(Counter()) == 0


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(RepositoryError, match="not inside a git repository"):
        collect_signals(tmp_path)


def test_pipes_in_the_working_tree_are_not_read(tmp_path: Path) -> None:
    import os
    import threading

    repo = git.Repo.init(tmp_path / "piped")
    commit_at(repo, {"impl/lib.so": b"\x7fELF" + b"\x00" * 8,
                     "tests/test_fuzz.py": b"import hypothesis\n"}, "start", NOW)
    root = Path(repo.working_tree_dir or ".")
    for name in ("impl/lib.so", "tests/test_fuzz.py"):
        (root / name).unlink()
        os.mkfifo(root / name)  # opening one for reading would wait for a writer forever
    found: list[object] = []
    reader = threading.Thread(target=lambda: found.append(collect_signals(root / "impl", now=NOW)),
                              daemon=True)
    reader.start()
    reader.join(timeout=20)
    assert found, "collect_signals blocked on a pipe"

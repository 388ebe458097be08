"""What git says for the report: the snapshot's commit and date, changes to each Recommendation
in the period, and when a file (a tutorial) was first committed.

git runs through ``hygiene.gitsafe`` (no hooks, pager or fsmonitor of the repository's own
configuration), and the commit and dirty flag come from ``harness.identity.git_state``, the one
owner of a checkout's identity.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import git

from conformance.gitsafe import open_repository
from conformance.harness.identity import git_state
from conformance.progress.model import Period


@dataclass(frozen=True)
class Snapshot:
    """The repository state the report was made from (all None outside git)."""

    commit: str | None
    commit_date: str | None
    dirty: bool | None


def snapshot(root: Path) -> Snapshot:
    """HEAD's commit, its committer date and whether the work tree has changes."""
    state = git_state(root)
    if state is None:
        return Snapshot(None, None, None)
    try:
        with open_repository(root, search_parent_directories=True) as repository:
            day = repository.commit(state.commit).committed_datetime.date().isoformat()
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.GitCommandError, ValueError, OSError):
        day = None
    return Snapshot(state.commit, day, state.dirty)


def commits_per_recommendation(root: Path, period: Period) -> dict[str, int] | None:
    """Commits in the period touching each folder under ``recommendations/`` (by folder name); None outside git."""
    try:
        repository = open_repository(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    try:
        top = Path(repository.working_tree_dir or root).resolve()
        prefix = (root.resolve() / "recommendations").relative_to(top).as_posix() + "/"
        # one git log for all folders: a NUL before each commit's date, then the paths it changed
        text = repository.git.log("--format=%x00%cI", "--name-only", "--no-renames", "HEAD", "--",
                                  prefix.rstrip("/"))
    except (git.GitCommandError, ValueError, OSError):
        return None
    finally:
        repository.close()
    counts: Counter[str] = Counter()
    for block in text.split("\x00")[1:]:
        day, _, names = block.partition("\n")
        if not period.holds(day.strip()):
            continue
        folders = {name[len(prefix):].split("/", 1)[0] for name in names.split("\n") if name.startswith(prefix)}
        counts.update(folder for folder in folders if folder)
    return dict(counts)


def first_committed(root: Path, relative: str) -> str | None:
    """The day ``relative`` (a path in the repository) was first committed; None if never or outside git."""
    try:
        repository = open_repository(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    try:
        dates = repository.git.log("--format=%cI", "--diff-filter=A", "--follow", "HEAD", "--", relative)
    except (git.GitCommandError, ValueError, OSError):
        return None
    finally:
        repository.close()
    lines = [line for line in dates.splitlines() if line.strip()]
    return lines[-1][:10] if lines else None

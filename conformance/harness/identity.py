"""The implementation's identity for reports: ICS fields plus its git commit and dirty flag."""

from __future__ import annotations

import contextlib
from pathlib import Path

from conformance.reports.model import GitState


def git_state(folder: Path) -> GitState | None:
    """HEAD's commit and whether ``folder`` has uncommitted or untracked changes; None outside git."""
    try:
        import git
    except ImportError:  # GitPython needs the git program; without it there is no state to record
        return None
    from conformance.gitsafe import open_repository

    try:
        # the implementation's repository is not ours: its configuration must not run anything
        # (an fsmonitor in .git/config would run on the status check below)
        repository = open_repository(folder, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.GitCommandError, OSError):
        return None
    try:
        commit = repository.head.commit.hexsha
        top = Path(repository.working_tree_dir or folder).resolve()
        relative = str(folder.resolve().relative_to(top)) if folder.resolve() != top else None
        if relative:
            dirty = repository.is_dirty(untracked_files=True, path=relative)
        else:
            dirty = repository.is_dirty(untracked_files=True)
        branch = None
        with contextlib.suppress(TypeError):  # detached HEAD
            branch = repository.active_branch.name
        return GitState(commit=commit, dirty=dirty, branch=branch)
    except (ValueError, git.GitCommandError, OSError):  # no commit yet, or git itself failed
        return None
    finally:
        repository.close()

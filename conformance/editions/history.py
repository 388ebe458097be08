"""A Recommendation's history: the commits that touched its folder, with its edition and status at each.

The commits come from git (``git log -- <folder>``, newest first); at each one the
``recommendation.yaml`` is read from the commit's objects, so nothing is checked out. A commit at
which the file does not load is listed with the problem instead of an edition. Release tags
(``G.711/2026-11``, see ``names.release_tag``) are attached to the commit they point at.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import git

from conformance.editions.names import tag_stem
from conformance.editions.revisions import GitRevision, at_revision, load_at, locate_recommendation
from conformance.errors import RecbenchError


@dataclass(frozen=True)
class ReleaseTag:
    """An annotated (or plain) tag naming a released edition of the Recommendation."""

    name: str
    commit: str
    message: str


@dataclass(frozen=True)
class HistoryEntry:
    """One commit that touched the Recommendation's folder."""

    commit: str
    date: dt.datetime
    author: str
    summary: str
    edition: str | None  # None when the file did not load at this commit (``problem`` says why)
    status: str | None
    tags: tuple[str, ...]
    problem: str | None = None


@dataclass(frozen=True)
class History:
    """The history of one Recommendation, newest commit first."""

    recommendation: str
    folder: str  # path of its folder relative to the git repository's top
    entries: tuple[HistoryEntry, ...]
    releases: tuple[ReleaseTag, ...]  # by tag name (so by edition)


def release_tags(repository: git.Repo, identifier: str) -> tuple[ReleaseTag, ...]:
    """Every tag ``<stem>/<edition>`` of the Recommendation ``identifier``, sorted by name."""
    prefix = f"{tag_stem(identifier)}/"
    found = []
    for reference in repository.tags:
        if not reference.name.startswith(prefix):
            continue
        tag = reference.tag
        message = tag.message.strip() if tag is not None else ""
        found.append(ReleaseTag(reference.name, reference.commit.hexsha, message))
    return tuple(sorted(found, key=lambda item: item.name))


def recommendation_history(
    root: Path, identifier: str, *, revision: str = "HEAD", max_count: int | None = None
) -> History:
    """The commits reachable from ``revision`` that touched the folder of ``identifier``, newest first."""
    repository, folder, full_id = locate_recommendation(root, identifier, revision)
    try:
        at_revision(repository, revision)  # a clear message for a bad revision, before git log
        releases = release_tags(repository, full_id)
        by_commit: dict[str, list[str]] = {}
        for release in releases:
            by_commit.setdefault(release.commit, []).append(release.name)
        entries = []
        commits = repository.iter_commits(revision, paths=folder or ".", max_count=max_count)
        for commit in commits:
            entries.append(_entry(commit, f"{folder}/recommendation.yaml", tuple(by_commit.get(commit.hexsha, ()))))
        return History(full_id, folder, tuple(entries), releases)
    finally:
        repository.close()


def _entry(commit: git.Commit, relative: str, tags: tuple[str, ...]) -> HistoryEntry:
    edition = status = problem = None
    at = GitRevision(commit)
    if not at.exists(relative):
        problem = "no recommendation.yaml at this commit"
    else:
        try:
            model = load_at(at, relative).model
            edition, status = model.edition.isoformat(), str(model.status)
        except RecbenchError as error:
            problem = error.lines[0]
    summary = commit.summary if isinstance(commit.summary, str) else commit.summary.decode("utf-8", "replace")
    return HistoryEntry(
        commit=commit.hexsha,
        date=commit.committed_datetime,
        author=str(commit.author.name or ""),
        summary=summary,
        edition=edition,
        status=status,
        tags=tags,
        problem=problem,
    )


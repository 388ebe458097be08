"""GIT ranges of OSV records, evaluated over a dependency's own commit graph.

A GIT range names commits of the upstream repository (``repo``): a commit C is affected when
it is an ``introduced`` commit or descends from one, and no ``fixed`` commit lies between that
introduction and C (C itself included); a ``last_affected`` commit L between them clears the
commits after L; ``limit`` commits, when given, bound the range to their strict ancestors.
``introduced: "0"`` is the root of all history. Checking "lies between" per introduction
rather than "any fix is an ancestor" keeps a regression (introduced, fixed, introduced again)
affected.

Without the repository's history only two answers are certain: C equal to an ``introduced``
or ``last_affected`` commit is affected, C equal to a ``fixed`` commit is not. Anything else
is "cannot evaluate: history of <repo> not available", which the audit reports (never a
silent pass). A shallow clone counts as no history, since its ancestry is cut.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import git

from conformance.gitsafe import open_repository

_FULL_SHA = 40


@dataclass(slots=True)
class CommitGraph:
    """The ancestry of commits of one local clone, asked through git and remembered."""

    path: Path
    repo: git.Repo
    _ancestors: dict[str, frozenset[str] | None] = field(default_factory=dict)
    _known: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def open(cls, path: Path) -> tuple[CommitGraph | None, str | None]:
        """The graph of the clone at ``path``, or (None, why it cannot be used)."""
        try:
            repo = open_repository(path)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            return None, f"{path.name}: not a git repository"
        except git.GitError as error:  # a broken gitfile, an unreadable config
            return None, f"{path.name}: cannot be opened ({str(error)[:200]})"
        try:
            shallow = repo.git.rev_parse("--is-shallow-repository").strip() == "true"
        except git.GitCommandError as error:
            return None, f"{path.name}: git cannot read it ({str(error.stderr).strip()[:200]})"
        if shallow:
            return None, f"{path.name} is a shallow clone (its ancestry is cut)"
        return cls(path=path, repo=repo), None

    def resolve(self, commit: str) -> str | None:
        """The full id of ``commit`` when the clone has it, else None."""
        try:
            return str(self.repo.git.rev_parse("--verify", "--quiet", f"{commit}^{{commit}}")).strip()
        except git.GitCommandError:
            return None

    def ancestors(self, commit: str) -> frozenset[str] | None:
        """Every commit reachable from ``commit``, itself included (None: commit unknown)."""
        if commit not in self._ancestors:
            full = self.resolve(commit)
            self._ancestors[commit] = None if full is None else frozenset(
                self.repo.git.rev_list(full).split())
        return self._ancestors[commit]

    def tags_at(self, commit: str) -> list[str]:
        """Tags pointing at ``commit`` (matched against an advisory's ``versions`` list)."""
        try:
            return str(self.repo.git.tag("--points-at", commit)).split()
        except git.GitCommandError:
            return []


@dataclass(frozen=True, slots=True)
class GitVerdict:
    """Whether a commit is in a GIT range: True, False, or None with the reason it is unknown."""

    affected: bool | None
    fixed_in: tuple[str, ...] = ()
    reason: str | None = None


def _same(a: str, b: str) -> bool:
    """Commit ids equal, allowing one side to be an abbreviation of at least 7 digits."""
    a, b = a.lower(), b.lower()
    if len(a) == len(b):
        return a == b
    short, long = sorted((a, b), key=len)
    return len(short) >= 7 and long.startswith(short)


def _events(rng: Mapping[str, Any]) -> list[tuple[str, str]] | None:
    found: list[tuple[str, str]] = []
    for event in rng.get("events") or []:
        if not isinstance(event, Mapping) or len(event) != 1:
            return None
        ((kind, value),) = event.items()
        if kind not in ("introduced", "fixed", "last_affected", "limit") or not isinstance(value, str):
            return None
        found.append((kind, value.strip()))
    return found if any(kind == "introduced" for kind, _ in found) else None


def range_verdict(rng: Mapping[str, Any], commit: str, graph: CommitGraph | None,
                  repository: str) -> GitVerdict:
    """Evaluate one GIT range for ``commit`` (``repository`` names it in reasons)."""
    events = _events(rng)
    if events is None:
        return GitVerdict(None, reason="GIT range with events that cannot be read")
    fixes = tuple(value for kind, value in events if kind == "fixed")
    if any(_same(value, commit) for kind, value in events if kind == "fixed"):
        return GitVerdict(False)
    if any(_same(value, commit) for kind, value in events if kind in ("introduced", "last_affected")):
        return GitVerdict(True, fixed_in=fixes)
    if graph is None:
        return GitVerdict(None, reason=f"cannot evaluate: history of {repository} not available")
    mine = graph.ancestors(commit)
    if mine is None:
        return GitVerdict(None, reason=f"cannot evaluate: commit {commit[:12]} is not in the "
                                       f"local history of {repository}")
    me = graph.resolve(commit) or commit
    resolved: dict[str, str | None] = {}

    def full(value: str) -> str | None:
        # An event commit the clone lacks is not an ancestor of C: C's ancestry is all local
        if value not in resolved:
            resolved[value] = value if len(value) == _FULL_SHA and value in mine else graph.resolve(value)
        return resolved[value]

    def between(start: str | None, middle: str, strict_end: bool) -> bool:
        """``middle`` is an ancestor of C (strictly when asked) and descends from ``start``."""
        middle_full = full(middle)
        if middle_full is None or middle_full not in mine:
            return False
        if strict_end and middle_full == me:
            return False
        if start is None:
            return True
        below = graph.ancestors(middle_full)
        return below is not None and start in below

    for kind, value in events:
        if kind != "introduced":
            continue
        start = None if value == "0" else full(value)
        if value != "0" and (start is None or start not in mine):
            continue
        closed = any(between(start, v, strict_end=False) for k, v in events if k == "fixed") or any(
            between(start, v, strict_end=True) for k, v in events if k == "last_affected")
        if closed:
            continue
        limits = [v for k, v in events if k == "limit"]
        if limits:
            inside = False
            for limit in limits:
                limit_full = full(limit)
                if limit_full is None:
                    return GitVerdict(None, reason=f"cannot evaluate: limit {limit[:12]} is not "
                                                   f"in the local history of {repository}")
                above = graph.ancestors(limit_full)
                inside = inside or (limit_full != me and above is not None and me in above)
            if not inside:
                continue
        return GitVerdict(True, fixed_in=fixes)
    return GitVerdict(False)


def entry_git_verdict(entry: Mapping[str, Any], commit: str, graph: CommitGraph | None,
                      repository: str, normalise: Any, shown: str | None = None) -> list[GitVerdict]:
    """The verdicts of every GIT range of ``entry`` whose ``repo`` is ``repository``.

    ``normalise`` maps a repository URL to the form ``repository`` is given in; ``shown`` is
    how reasons name the repository (its URL as the dependency writes it).
    """
    verdicts: list[GitVerdict] = []
    ranges: Sequence[Any] = entry.get("ranges") or []
    for rng in ranges:
        if isinstance(rng, Mapping) and rng.get("type") == "GIT" and isinstance(rng.get("repo"), str) \
                and normalise(rng["repo"]) == repository:
            verdicts.append(range_verdict(rng, commit, graph, shown or repository))
    return verdicts

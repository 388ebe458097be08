"""The watch list: open-source projects a study group relies on or references but does not vendor.

Resolution ITU-T 90 asks study groups to engage with the open-source projects they use on
security. ``watchlist.yaml`` names each project (its repository URL, the commit or tag the
group relies on, optionally a purl of its releases and a local clone); :func:`watch` reports,
per project, the advisories affecting that commit (GIT ranges over the clone's commit graph,
and ECOSYSTEM ranges when a purl is given), health signals read from the clone, and how many
commits the relied-on commit is behind the clone's default branch. What cannot be evaluated
(no clone, a tag the clone lacks) is said as such, never passed over::

    projects:
      - name: ITU-T STL
        url: https://github.com/openitu/STL
        commit: 0123456789abcdef0123456789abcdef01234567   # or tag: v2.9.0
        clone: ../clones/STL                                # optional, relative to this file
        purl: pkg:github/openitu/STL                        # optional
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import git
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from conformance.errors import RecbenchError
from conformance.files import UnreadableFile, read_bounded
from conformance.gitsafe import open_repository
from conformance.hygiene.advisories import OsvDatabase, Vulnerability
from conformance.hygiene.ecosystems import GIT, normalise_repository
from conformance.hygiene.git_ranges import CommitGraph
from conformance.hygiene.inventory import Inventory
from conformance.hygiene.inventory.purls import dependency_from_purl
from conformance.hygiene.repository import RepositoryError, collect_signals, score_repository
from conformance.spec.source import check_yaml_events

WATCHLIST_FILE_NAME = "watchlist.yaml"
MAX_WATCHLIST_BYTES = 1 * 2**20


class WatchlistError(RecbenchError, ValueError):
    """A watch list that cannot be read or does not validate; the message names file and field."""


class WatchedProject(BaseModel):
    """One project the group relies on."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    url: str = Field(min_length=1, description="The project's git repository")
    commit: str | None = Field(default=None, pattern=r"^[0-9a-fA-F]{7,64}$",
                               description="The commit relied on")
    tag: str | None = Field(default=None, min_length=1, description="Or the tag relied on")
    clone: str | None = Field(default=None, description="A local clone, relative to the watch list")
    purl: str | None = Field(default=None, description="Package URL of its releases, for "
                             "ECOSYSTEM advisories (the version is the tag when not given)")

    @model_validator(mode="after")
    def _pinned(self) -> WatchedProject:
        if self.commit is None and self.tag is None:
            raise ValueError("give the commit or the tag the group relies on")
        return self


class Watchlist(BaseModel):
    """The whole watch list."""

    model_config = ConfigDict(extra="forbid")

    projects: list[WatchedProject] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ProjectReport:
    """What the watch found for one project."""

    name: str
    url: str
    relied_on: str
    commit: str | None
    vulnerabilities: list[Vulnerability]
    unevaluated: list[tuple[str, str]]
    health_score: float | None = None
    last_commit: str | None = None
    commits_behind: int | None = None
    default_branch: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def attention(self) -> bool:
        """True when an advisory affects the commit or one could not be evaluated."""
        return bool(self.vulnerabilities or self.unevaluated)


def load_watchlist(path: Path) -> Watchlist:
    """Read and validate ``watchlist.yaml`` (bounded, not through a link, alias-bomb safe)."""
    try:
        raw = read_bounded(path, MAX_WATCHLIST_BYTES, follow_symlinks=False)
    except UnreadableFile as error:
        raise WatchlistError(f"{path}: cannot read the watch list ({error.reason})") from None
    try:
        text = raw.decode("utf-8-sig")
        check_yaml_events(text, path, complex_keys=True)
        data: Any = YAML(typ="safe").load(text)
    except UnicodeDecodeError as error:
        raise WatchlistError(f"{path}: not UTF-8 text (byte {error.start})") from None
    except RecbenchError as error:
        raise WatchlistError(f"{path}: not valid YAML: {error.diagnostics[0].render()}") from None
    except (YAMLError, ValueError, OverflowError, RecursionError) as error:
        raise WatchlistError(f"{path}: not valid YAML: {str(error)[:300]}") from None
    try:
        return Watchlist.model_validate(data or {})
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg']}"
                             for e in error.errors())
        raise WatchlistError(f"{path}: {problems}") from None


def watch(path: Path, database: OsvDatabase, *, now: datetime | None = None) -> list[ProjectReport]:
    """Evaluate every project of the watch list at ``path``."""
    watchlist = load_watchlist(path)
    return [_project(project, path.parent, database, now or datetime.now(UTC))
            for project in watchlist.projects]


def _project(project: WatchedProject, base: Path, database: OsvDatabase, now: datetime
             ) -> ProjectReport:
    notes: list[str] = []
    clone = (base / project.clone) if project.clone else None
    repo: git.Repo | None = None
    if clone is not None:
        try:
            repo = open_repository(clone)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            notes.append(f"clone {project.clone}: not a git repository")
    commit = project.commit.lower() if project.commit else None
    if commit is None and repo is not None and project.tag:
        try:
            commit = str(repo.git.rev_parse("--verify", "--quiet", f"{project.tag}^{{commit}}")).strip()
        except git.GitCommandError:
            notes.append(f"tag {project.tag} is not in the clone")
    repository = normalise_repository(project.url)
    history = str(clone) if repo is not None else None
    assessment = database.assess_commit(repository, commit, project.tag, history=history,
                                        shown_as=project.url)
    vulnerabilities = list(assessment.vulnerabilities)
    unevaluated = list(assessment.unevaluated)
    if project.purl:
        holder = Inventory(path=str(base), format="watchlist")
        dependency = dependency_from_purl(project.purl, holder, version=project.tag)
        if dependency is not None and dependency.ecosystem != GIT and dependency.version:
            found = database.assess(dependency.name, dependency.version, ecosystem=dependency.ecosystem)
            vulnerabilities += found.vulnerabilities
            unevaluated += found.unevaluated
        notes += [f"purl: {entry.reason}" for entry in holder.skipped]
    report = ProjectReport(name=project.name, url=project.url,
                           relied_on=project.commit or project.tag or "", commit=commit,
                           vulnerabilities=vulnerabilities, unevaluated=unevaluated, notes=notes)
    if repo is None or clone is None:
        if clone is None:
            notes.append("no local clone: health and distance to the default branch not measured")
        return report
    return _with_clone(report, repo, clone, commit, now)


def _with_clone(report: ProjectReport, repo: git.Repo, clone: Path, commit: str | None,
                now: datetime) -> ProjectReport:
    notes = list(report.notes)
    score: float | None = None
    last: str | None = None
    try:
        signals = collect_signals(clone, now=now)
        score = score_repository(signals).score
        last = signals.last_commit.isoformat() if signals.last_commit else None
    except RepositoryError as error:
        notes.append(str(error))
    branch, behind = _behind(repo, commit)
    if commit is not None and behind is None:
        notes.append(f"commit {commit[:12]} is not in the clone: distance unknown")
    graph, problem = CommitGraph.open(clone)
    if graph is None and problem:
        notes.append(problem)
    return ProjectReport(
        name=report.name, url=report.url, relied_on=report.relied_on, commit=commit,
        vulnerabilities=report.vulnerabilities, unevaluated=report.unevaluated,
        health_score=score, last_commit=last, commits_behind=behind, default_branch=branch,
        notes=notes)


def _behind(repo: git.Repo, commit: str | None) -> tuple[str | None, int | None]:
    """The clone's default branch and how many of its commits the relied-on one lacks."""
    branch: str | None = None
    for reference in ("refs/remotes/origin/HEAD", "HEAD"):
        try:
            branch = str(repo.git.rev_parse("--abbrev-ref", reference)).strip()
            break
        except git.GitCommandError:
            continue
    if commit is None or branch is None:
        return branch, None
    try:
        return branch, int(str(repo.git.rev_list("--count", f"{commit}..{branch}")).strip())
    except (git.GitCommandError, ValueError):
        return branch, None

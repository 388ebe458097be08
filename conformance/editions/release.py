"""Cutting a released edition: preconditions, the edition set, the manifest, the commit and the tag.

``release_edition`` refuses (``ReleaseRefused``, each reason a sentence) unless the work tree is
clean, the tag is free, the edition is later than every released one, the Recommendation lints
clean and each of its reference implementations passes its vectors. Then it sets ``edition:`` in
``recommendation.yaml`` (that token only, so comments and layout stay), writes
``releases/<year>-<month>.json``, commits both and creates the annotated tag
``<series>.<number>/<year>-<month>``, whose message names the manifest and its sha256.
If anything fails after the first write, the two files are put back as they were.

``verify_release`` re-checks a tag from git objects alone: the manifest in the tagged commit
against hashes recomputed from that commit's blobs, the reference implementations' trees, and
the tag message's manifest hash; optionally also the files of the work tree (a checkout elsewhere).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import git

from conformance import __version__
from conformance.editions.manifest import (
    MAX_MANIFEST_BYTES,
    RELEASES_DIR,
    ReferenceCommit,
    ReleaseManifest,
    content_hashes,
    manifest_name,
    parse_manifest,
    release_manifests,
)
from conformance.editions.names import release_tag
from conformance.editions.revisions import GitRevision, WorkTree, open_repository
from conformance.editions.revisions import repository_path as git_path
from conformance.errors import RecbenchError
from conformance.spec.catalog import RECOMMENDATIONS_DIR, Catalog, load_catalog
from conformance.spec.lint import lint_paths
from conformance.spec.loading import RECOMMENDATION_FILE, LoadedRecommendation
from conformance.spec.model import GitLocation, Implementation

MAX_REASONS = 10


class ReleaseRefused(RecbenchError):
    """A precondition of the release failed; ``reasons`` say which, one sentence each."""

    def __init__(self, tag: str, reasons: list[str]) -> None:
        self.tag = tag
        self.reasons = tuple(reasons)
        super().__init__(f"release {tag} refused: " + "; ".join(reasons))

    @property
    def lines(self) -> list[str]:
        return [f"release {self.tag} refused:", *(f"  - {reason}" for reason in self.reasons)]


@dataclass(frozen=True)
class Release:
    """A release that was made: its tag, commit and manifest (path relative to the repository root)."""

    tag: str
    commit: str
    manifest_path: str
    manifest: ReleaseManifest
    manifest_sha256: str


#: Runs every reference implementation of one Recommendation; returns (name, passed, why not) per run.
ReferenceRunner = Callable[[Catalog], list[tuple[str, bool, str]]]


def run_references(catalog: Catalog) -> list[tuple[str, bool, str]]:
    """The harness's ``check_references`` over ``catalog``, as (implementation, passed, reason)."""
    from conformance.harness.references import check_references

    return [
        (summary.implementation, summary.passed, summary.problem or (summary.report.reason if summary.report else ""))
        for summary in check_references(catalog)
    ]


def _dirty_paths(repository: git.Repo) -> list[str]:
    changed = {item.a_path for item in repository.index.diff(None)}
    with contextlib.suppress(git.BadName, ValueError):  # no commit yet
        changed |= {item.a_path for item in repository.index.diff("HEAD")}
    return sorted(path for path in (*changed, *repository.untracked_files) if path)


def _find(root: Path, identifier: str) -> LoadedRecommendation:
    loaded = load_catalog(root).find(identifier)
    if loaded is None:
        raise RecbenchError(f"no Recommendation {identifier!r} in the catalogue (see `recbench list`)")
    return loaded


def release_edition(
    root: Path,
    identifier: str,
    edition: dt.date,
    *,
    runner: ReferenceRunner = run_references,
) -> Release:
    """Release ``identifier`` as ``edition`` (see the module docstring); ``ReleaseRefused`` when a check fails."""
    repository = open_repository(root)
    try:
        return _release(repository, root, _find(root, identifier), edition, runner)
    finally:
        repository.close()


def _release(
    repository: git.Repo, root: Path, loaded: LoadedRecommendation, edition: dt.date, runner: ReferenceRunner
) -> Release:
    tag = release_tag(loaded.model.id, edition)
    local = loaded.folder.resolve().relative_to(root.resolve()).as_posix()  # the folder under root
    reasons: list[str] = []
    try:
        head = repository.head.commit
    except ValueError:
        raise ReleaseRefused(tag, ["the repository has no commit yet"]) from None
    dirty = _dirty_paths(repository)
    if dirty:
        shown = ", ".join(dirty[:5]) + (f" and {len(dirty) - 5} more" if len(dirty) > 5 else "")
        reasons.append(f"the work tree is not clean ({shown}): commit or stash the changes first")
    if tag in repository.tags:
        reasons.append(f"tag {tag} exists already (at {repository.tags[tag].commit.hexsha[:12]})")
    released = release_manifests(WorkTree(root), local)
    later = [manifest for _, manifest in released if manifest.edition >= edition]
    if later:
        reasons.append(
            f"edition {edition.isoformat()} is not after the released edition {later[-1].edition.isoformat()} "
            f"({later[-1].tag})"
        )
    findings = lint_paths([loaded.path]).diagnostics
    if findings:
        listed = "; ".join(item.render(root) for item in findings[:MAX_REASONS])
        more = f" and {len(findings) - MAX_REASONS} more" if len(findings) > MAX_REASONS else ""
        reasons.append(f"`recbench lint` reports {len(findings)} finding(s): {listed}{more}")
    references = [item for item in loaded.model.implementations if item.kind == "reference"]
    if not references:
        reasons.append("the Recommendation lists no reference implementation (kind: reference)")
    elif not findings:  # vectors that do not lint cannot be run meaningfully
        for name, passed, why in runner(Catalog(root, [loaded])):
            if not passed:
                reasons.append(f"reference implementation {name!r} does not pass its vectors: {why or 'failed'}")
    if reasons:
        raise ReleaseRefused(tag, reasons)

    yaml_path = loaded.path
    manifest_file = loaded.folder / RELEASES_DIR / manifest_name(tag)
    original = yaml_path.read_bytes()
    paths = [git_path(repository, yaml_path), git_path(repository, manifest_file)]
    try:
        _set_edition(loaded, edition)
        spec, sets = content_hashes(WorkTree(root), f"{local}/{RECOMMENDATION_FILE}")
        manifest = ReleaseManifest(
            recommendation=loaded.model.id, edition=edition, tag=tag, spec=spec, vector_sets=sets,
            reference_implementations=[_reference_commit(repository, head, root, item) for item in references],
            recbench=__version__,
        )
        text = manifest.to_json()
        manifest_file.parent.mkdir(exist_ok=True)
        manifest_file.write_text(text, encoding="utf-8")
        repository.git.add("--", *paths)
        repository.git.commit("-m", f"Release {tag}: {loaded.model.id} edition {edition.isoformat()}", "--", *paths)
    except BaseException:
        yaml_path.write_bytes(original)
        manifest_file.unlink(missing_ok=True)
        with contextlib.suppress(git.GitCommandError):
            repository.git.reset("-q", "HEAD", "--", *paths)
        raise
    commit = repository.head.commit
    digest = hashlib.sha256(text.encode()).hexdigest()
    relative = git_path(repository, manifest_file)
    repository.create_tag(
        tag, ref=commit,
        message=f"{loaded.model.id} edition {edition.isoformat()}\n\nmanifest: {relative}\nsha256: {digest}\n",
    )
    return Release(tag, commit.hexsha, relative, manifest, digest)


_DATE_TOKEN = re.compile(r"""(?P<quote>["']?)[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?P=quote)""")


def _set_edition(loaded: LoadedRecommendation, edition: dt.date) -> None:
    """Rewrite the ``edition:`` value in place, touching nothing else in the file (atomically)."""
    lines = loaded.path.read_text("utf-8").splitlines(keepends=True)
    line, column = loaded.document.lc.value("edition")
    match = _DATE_TOKEN.match(lines[line], column)
    if match is None:
        raise RecbenchError(f"{loaded.path}:{line + 1}:{column + 1}: the edition is not written as YYYY-MM-DD")
    quote = match["quote"]
    lines[line] = lines[line][: match.start()] + f"{quote}{edition.isoformat()}{quote}" + lines[line][match.end():]
    temporary = loaded.path.with_name(f".{loaded.path.name}.tmp")
    temporary.write_text("".join(lines), encoding="utf-8")
    os.replace(temporary, loaded.path)


def _reference_commit(
    repository: git.Repo, head: git.Commit, root: Path, implementation: Implementation
) -> ReferenceCommit:
    name, location = implementation.name, implementation.location
    if isinstance(location, GitLocation):
        return ReferenceCommit(name=name, git=location.git, commit=location.commit)
    path = git_path(repository, root / location.path)
    last = next(repository.iter_commits(head, paths=path, max_count=1), None)
    return ReferenceCommit(
        name=name, path=location.path, commit=(last or head).hexsha, tree=GitRevision(head).tree_id(path),
    )


@dataclass(frozen=True)
class Check:
    """One comparison of a verification: what was compared, and the difference when there is one."""

    subject: str
    problem: str | None = None


@dataclass(frozen=True)
class Verification:
    """The result of ``verify_release``: every check made, the failing ones with their problem."""

    tag: str
    commit: str
    manifest_path: str
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        """True when every check held."""
        return all(check.problem is None for check in self.checks)


def verify_release(root: Path, tag: str, *, work_tree: bool = False) -> Verification:
    """Re-check the release ``tag`` from git objects (and, with ``work_tree``, the files under ``root``)."""
    repository = open_repository(root)
    try:
        if tag not in repository.tags:
            raise RecbenchError(f"no tag {tag!r} in this repository (see `recbench history ID`)")
        reference = repository.tags[tag]
        at = GitRevision(reference.commit)
        prefix = git_path(repository, root)
        base = f"{prefix}/{RECOMMENDATIONS_DIR}" if prefix else RECOMMENDATIONS_DIR
        found = None
        for name in at.folders(base):
            relative = f"{base}/{name}/{RELEASES_DIR}/{manifest_name(tag)}"
            if at.exists(relative):
                raw = at.read(relative, MAX_MANIFEST_BYTES)
                manifest = parse_manifest(raw, at.where(relative))
                if manifest.tag == tag:
                    found = (f"{base}/{name}", relative, manifest, raw)
                    break
        if found is None:
            raise RecbenchError(f"tag {tag!r} points at {at.label}, which holds no release manifest for it")
        folder, relative, manifest, raw = found
        checks = [*_tag_checks(reference, raw), *_content_checks("tag", at, folder, manifest)]
        checks += _reference_checks(repository, at, prefix, manifest)
        if work_tree:
            local = folder.removeprefix(f"{prefix}/") if prefix else folder
            checks += _content_checks("work tree", WorkTree(root), local, manifest)
        return Verification(tag, reference.commit.hexsha, relative, tuple(checks))
    finally:
        repository.close()


def _tag_checks(reference: git.TagReference, raw: bytes) -> list[Check]:
    tag = reference.tag
    if tag is None:
        return [Check("annotated tag", "the tag is not annotated (it carries no manifest hash)")]
    match = re.search(r"^sha256: ([0-9a-f]{64})$", tag.message, re.MULTILINE)
    digest = hashlib.sha256(raw).hexdigest()
    if match is None:
        return [Check("manifest sha256 in the tag message", "the tag message names no sha256")]
    subject = "manifest sha256 in the tag message"
    if match[1] != digest:
        return [Check(subject, f"the manifest's sha256 is {digest}, the tag says {match[1]}")]
    return [Check(subject)]


def _content_checks(
    label: str, revision: GitRevision | WorkTree, folder: str, manifest: ReleaseManifest
) -> list[Check]:
    try:
        spec, sets = content_hashes(revision, f"{folder}/{RECOMMENDATION_FILE}")
    except RecbenchError as error:
        return [Check(f"{label}: files of the release", error.lines[0])]
    checks = [_compare(f"{label}: {spec.file}", manifest.spec.sha256, spec.sha256)]
    recorded = {item.id: item for item in manifest.vector_sets}
    now = {item.id: item for item in sets}
    for set_id in recorded.keys() | now.keys():
        if set_id not in now:
            checks.append(Check(f"{label}: vector set {set_id}", "in the manifest but not in the Recommendation"))
            continue
        if set_id not in recorded:
            checks.append(Check(f"{label}: vector set {set_id}", "in the Recommendation but not in the manifest"))
            continue
        checks.append(_compare(f"{label}: {now[set_id].file}", recorded[set_id].sha256, now[set_id].sha256))
        payloads = {item.file: item.sha256 for item in now[set_id].payloads}
        for payload in recorded[set_id].payloads:
            checks.append(_compare(f"{label}: {payload.file}", payload.sha256, payloads.get(payload.file, "missing")))
        for extra in payloads.keys() - {item.file for item in recorded[set_id].payloads}:
            checks.append(Check(f"{label}: {extra}", "a payload the manifest does not list"))
    return sorted(checks, key=lambda check: check.subject)


def _compare(subject: str, recorded: str, found: str) -> Check:
    return Check(subject, None if recorded == found else f"sha256 is {found}, the manifest says {recorded}")


def _reference_checks(repository: git.Repo, at: GitRevision, prefix: str, manifest: ReleaseManifest) -> list[Check]:
    checks = []
    for item in manifest.reference_implementations:
        subject = f"reference implementation {item.name}"
        if item.path is None:
            checks.append(Check(f"{subject} (pinned at {item.commit[:12]})"))
            continue
        path = f"{prefix}/{item.path}" if prefix else item.path
        try:
            pinned = GitRevision(repository.commit(item.commit))
        except (ValueError, git.BadName, git.BadObject, git.GitCommandError):
            checks.append(Check(subject, f"commit {item.commit} is not in this repository"))
            continue
        if at.tree_id(path) != item.tree:
            checks.append(Check(subject, f"its folder at the tag differs from the release (tree {at.tree_id(path)})"))
        elif pinned.tree_id(path) != item.tree:
            checks.append(Check(subject, f"its folder at commit {item.commit[:12]} differs from the release"))
        else:
            checks.append(Check(f"{subject} at {item.commit[:12]}"))
    return checks

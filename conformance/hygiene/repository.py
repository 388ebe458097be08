"""Repository health signals from a local git clone, and a 0-10 score after OpenSSF Scorecard.

The score is the weighted mean of the checks that could be evaluated, with Scorecard's risk
weights (high 7.5, medium 5, low 2.5); docs/hygiene.md states each check's rule.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath

import git

from conformance.gitsafe import open_repository

HIGH, MEDIUM, LOW = 7.5, 5.0, 2.5

_SECURITY_POLICY = ("SECURITY.md", "SECURITY.rst", "SECURITY.txt", "SECURITY",
                    ".github/SECURITY.md", "docs/SECURITY.md")
_LICENCE = re.compile(r"^(LICEN[CS]E|COPYING)(\.[A-Za-z0-9]+)?$|^(LICEN[CS]E|COPYING)[-_.]",
                      re.IGNORECASE)
_CI_FILES = (".gitlab-ci.yml", ".travis.yml", "Jenkinsfile", "azure-pipelines.yml",
             ".circleci/config.yml", "bitbucket-pipelines.yml", ".ci/run", ".woodpecker.yml")
_CI_DIRS = (".github/workflows/", ".woodpecker/", ".buildkite/")
_UPDATE_TOOLS = (".github/dependabot.yml", ".github/dependabot.yaml", "renovate.json",
                 "renovate.json5", ".renovaterc", ".renovaterc.json", ".github/renovate.json",
                 ".github/renovate.json5", ".pyup.yml")
_FUZZ_MARKERS = (re.compile(rb"^\s*(from\s+hypothesis\s+import|import\s+hypothesis)", re.M),
                 re.compile(rb"^\s*import\s+atheris", re.M))
_FUZZ_PATHS = (".clusterfuzzlite/", "fuzz/", "fuzzing/")
# Extensions of compiled artefacts (as in Scorecard's Binary-Artifacts check); a file counts
# only if its first bytes also look like such an artefact, since data files may share a suffix.
_BINARY_SUFFIXES = {".exe", ".dll", ".so", ".dylib", ".o", ".a", ".lib", ".class", ".jar",
                    ".war", ".pyc", ".pyo", ".whl", ".egg", ".wasm", ".elf", ".msi", ".deb",
                    ".rpm", ".apk", ".dex", ".bundle", ".ocx", ".efi", ".drv", ".par", ".crx"}
_BINARY_MAGIC = (b"\x7fELF", b"MZ", b"PK\x03\x04", b"\xca\xfe\xba\xbe", b"\xfe\xed\xfa",
                 b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"!<arch>\n", b"\x00asm", b"dex\n")
_SIGNATURE = re.compile(r"-----BEGIN (PGP|SSH) SIGNATURE-----")


class RepositoryError(ValueError):
    """A path that is not inside a readable git repository."""


@dataclass(frozen=True, slots=True)
class RepositorySignals:
    """Facts read from the repository (scoped to ``path`` where a path applies)."""

    root: str
    path: str
    head: str | None
    dirty: bool
    last_commit: datetime | None
    days_since_last_commit: int | None
    commits_90_days: int
    commits_365_days: int
    contributors_365_days: int
    absence_factor: int
    tags: int
    signed_tags: int
    security_policy: str | None
    licence_file: str | None
    ci_config: str | None
    dependency_update_config: str | None
    fuzzing: str | None
    binary_artefacts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One Scorecard-style check: 0-10, or None when it could not be evaluated."""

    name: str
    weight: float
    score: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class RepositoryScore:
    """The aggregate score and the checks behind it."""

    score: float | None
    checks: tuple[CheckResult, ...] = field(default_factory=tuple)


def absence_factor(authors: Counter[str]) -> int:
    """CHAOSS contributor absence factor: fewest authors making up half of the commits."""
    total = sum(authors.values())
    if total == 0:
        return 0
    running = 0
    for count, (_, commits) in enumerate(authors.most_common(), start=1):
        running += commits
        if running * 2 >= total:
            return count
    return len(authors)  # pragma: no cover - the loop always reaches half


def collect_signals(path: Path, *, now: datetime | None = None) -> RepositorySignals:
    """Read the signals of the git repository containing ``path``, scoped to that path."""
    moment = now or datetime.now(UTC)
    try:
        repo = open_repository(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as error:
        raise RepositoryError(f"{path}: not inside a git repository ({error})") from None
    with repo:
        if repo.working_tree_dir is None:
            raise RepositoryError(f"{path}: a bare repository has no working tree")
        root = Path(repo.working_tree_dir).resolve()
        try:
            relative = Path(path).resolve().relative_to(root).as_posix()
        except ValueError:
            relative = "."
        scope = [] if relative in ("", ".") else [relative]
        try:
            head = repo.head.commit
        except ValueError:
            head = None
        commits = list(repo.iter_commits(paths=scope)) if head is not None else []
        last = commits[0].committed_datetime.astimezone(UTC) if commits else None
        recent = [c for c in commits
                  if moment - c.committed_datetime.astimezone(UTC) <= timedelta(days=365)]
        authors = Counter(str(c.author.email or c.author.name) for c in recent)
        tags = list(repo.tags)
        signed = 0
        for tag in tags:
            tag_object = tag.tag
            if tag_object is not None and _SIGNATURE.search(tag_object.message or ""):
                signed += 1
        files = ([PurePosixPath(str(b.path)) for b in head.tree.traverse()
                  if isinstance(b, git.Blob)] if head is not None else [])
        dirty = repo.is_dirty(untracked_files=False) if head is not None else False
    names = {p.as_posix() for p in files}

    def first_present(candidates: tuple[str, ...]) -> str | None:
        return next((c for c in candidates if c in names), None)

    in_scope = [p for p in files if not scope or p.as_posix().startswith(relative + "/")]
    licence = next((p.as_posix() for p in files if p.parent == PurePosixPath(".")
                    and _LICENCE.match(p.name)), None)
    if licence is None and scope:
        licence = next((p.as_posix() for p in in_scope if _LICENCE.match(p.name)), None)
    ci = first_present(_CI_FILES) or next(
        (n for n in sorted(names) if n.startswith(_CI_DIRS) and n.endswith((".yml", ".yaml"))),
        None)
    fuzzing = next((n for n in sorted(names) if n.startswith(_FUZZ_PATHS)), None)
    if fuzzing is None:
        fuzzing = _find_fuzzing(root, [p for p in files if p.suffix == ".py"])
    binaries = tuple(p.as_posix() for p in in_scope
                     if p.suffix.lower() in _BINARY_SUFFIXES and _looks_binary(root / p))
    return RepositorySignals(
        root=str(root), path=relative, head=head.hexsha if head is not None else None,
        dirty=dirty, last_commit=last,
        days_since_last_commit=(moment - last).days if last else None,
        commits_90_days=sum(1 for c in commits if moment - c.committed_datetime.astimezone(UTC)
                            <= timedelta(days=90)),
        commits_365_days=len(recent), contributors_365_days=len(authors),
        absence_factor=absence_factor(authors), tags=len(tags), signed_tags=signed,
        security_policy=first_present(_SECURITY_POLICY), licence_file=licence, ci_config=ci,
        dependency_update_config=first_present(_UPDATE_TOOLS), fuzzing=fuzzing,
        binary_artefacts=binaries)


def _find_fuzzing(root: Path, python_files: list[PurePosixPath]) -> str | None:
    for relative in python_files:
        if not relative.name.startswith(("test", "fuzz")) and "fuzz" not in relative.as_posix():
            continue
        head = _read_head(root / relative, 65536)
        if any(marker.search(head) for marker in _FUZZ_MARKERS):
            return relative.as_posix()
    return None


def _read_head(path: Path, size: int) -> bytes:
    """The first bytes of a regular file of the working tree (a pipe there would block)."""
    if not path.is_file():
        return b""
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def _looks_binary(path: Path) -> bool:
    head = _read_head(path, 8)
    if path.suffix.lower() in (".pyc", ".pyo"):
        return head[2:4] == b"\r\n"
    return head.startswith(_BINARY_MAGIC)


def score_repository(signals: RepositorySignals, *, quiet_is_mature: bool = True,
                     max_commit_age_days: int | None = None) -> RepositoryScore:
    """Score the signals 0-10 in the manner of OpenSSF Scorecard's matching checks."""
    checks: list[CheckResult] = []
    if quiet_is_mature:
        limit = max_commit_age_days or 730
        days = signals.days_since_last_commit
        if days is None:
            checks.append(CheckResult("Maintained", HIGH, 0, "no commits"))
        else:
            checks.append(CheckResult(
                "Maintained", HIGH, 10 if days <= limit else 0,
                f"last commit {days} days ago (limit {limit}; quiet but recent counts as kept)"))
    else:
        # Scorecard: at least one commit a week over the last 13 weeks scores 10.
        activity = signals.commits_90_days
        checks.append(CheckResult("Maintained", HIGH, min(10, activity * 10 // 13),
                                  f"{activity} commits in the last 90 days"))
    checks.append(CheckResult("Security-Policy", MEDIUM, 10 if signals.security_policy else 0,
                              signals.security_policy or "no SECURITY file"))
    checks.append(CheckResult("License", LOW, 10 if signals.licence_file else 0,
                              signals.licence_file or "no licence file"))
    checks.append(CheckResult("CI-Tests", LOW, 10 if signals.ci_config else 0,
                              signals.ci_config or "no CI configuration"))
    checks.append(CheckResult("Dependency-Update-Tool", HIGH,
                              10 if signals.dependency_update_config else 0,
                              signals.dependency_update_config or "no update tool configured"))
    checks.append(CheckResult("Fuzzing", MEDIUM, 10 if signals.fuzzing else 0,
                              signals.fuzzing or "no fuzzing or property-based tests"))
    count = len(signals.binary_artefacts)
    checks.append(CheckResult("Binary-Artifacts", HIGH, max(0, 10 - count),
                              f"{count} binary artefacts"))
    if signals.tags:
        checks.append(CheckResult("Signed-Releases", HIGH,
                                  round(10 * signals.signed_tags / signals.tags),
                                  f"{signals.signed_tags} of {signals.tags} tags signed"))
    else:
        checks.append(CheckResult("Signed-Releases", HIGH, None, "no tags: not evaluated"))
    factor = signals.absence_factor
    checks.append(CheckResult("Contributors", LOW, min(10, round(factor * 10 / 3)),
                              f"contributor absence factor {factor} over 365 days"))
    scored = [c for c in checks if c.score is not None]
    total = sum(c.weight for c in scored)
    value = (round(sum(c.weight * (c.score or 0) for c in scored) / total, 1)
             if total else None)
    return RepositoryScore(score=value, checks=tuple(checks))

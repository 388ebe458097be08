"""A repository's files as they stand at one revision: the work tree, or a git commit read from its objects.

History, diff and release read Recommendations and vector files at revisions that are not checked
out; they go through ``Revision.read`` so that the same loaders (``parse_recommendation``,
``parse_vector_bytes``) serve the work tree and git blobs alike, and nothing is checked out.
A file at a commit is bounded like a file on disk (its blob size is checked before it is read),
and a symbolic link stored in git is refused rather than followed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Protocol

from conformance.errors import Diagnostic, RecbenchError
from conformance.files import read_bounded
from conformance.spec.catalog import RECOMMENDATIONS_DIR, Catalog, load_catalog
from conformance.spec.loading import RECOMMENDATION_FILE, LoadedRecommendation, parse_recommendation
from conformance.spec.source import MAX_YAML_BYTES
from conformance.spec.vectors import inside

if TYPE_CHECKING:  # GitPython costs 50 ms to import: only the functions that need it import it
    import git

_LINK_MODE = 0o120000


class Revision(Protocol):
    """Files of the repository at one point: ``read`` them by path relative to the repository root."""

    @property
    def label(self) -> str:
        """How messages name the revision: 'work tree' or a short commit id."""
        ...

    def read(self, relative: str, limit: int) -> bytes:
        """The bytes of a file; ``RecbenchError`` (RB300) when it is missing, RB102 when over ``limit``."""
        ...

    def exists(self, relative: str) -> bool:
        """Whether a regular file is at ``relative``."""
        ...

    def folders(self, relative: str) -> list[str]:
        """Names of the sub-folders of the folder at ``relative`` (empty when there is none)."""
        ...

    def files(self, relative: str) -> list[str]:
        """Names of the regular files in the folder at ``relative`` (empty when there is none)."""
        ...

    def where(self, relative: str) -> Path:
        """The path diagnostics name for ``relative`` at this revision."""
        ...


@dataclass(frozen=True)
class WorkTree:
    """The files on disk under ``root`` (read through ``read_bounded``, never outside ``root``)."""

    root: Path

    @property
    def label(self) -> str:
        return "work tree"

    def read(self, relative: str, limit: int) -> bytes:
        target = inside(self.root, relative)
        if target is None:
            raise RecbenchError([Diagnostic(self.root / relative, 1, 1, "RB600", "path leaves the repository")])
        return read_bounded(target, limit)

    def exists(self, relative: str) -> bool:
        target = inside(self.root, relative)
        return target is not None and target.is_file()

    def folders(self, relative: str) -> list[str]:
        target = inside(self.root, relative)
        if target is None or not target.is_dir():
            return []
        return sorted(path.name for path in target.iterdir() if path.is_dir())

    def files(self, relative: str) -> list[str]:
        target = inside(self.root, relative)
        if target is None or not target.is_dir():
            return []
        return sorted(path.name for path in target.iterdir() if path.is_file() and not path.is_symlink())

    def where(self, relative: str) -> Path:
        return self.root / relative


@dataclass(frozen=True)
class GitRevision:
    """The files of one commit, read from git objects (no checkout)."""

    commit: git.Commit

    @property
    def label(self) -> str:
        return self.commit.hexsha[:12]

    def _object(self, relative: str) -> git.Blob | git.Tree | None:
        parts = PurePosixPath(relative).parts
        if not parts or ".." in parts or PurePosixPath(relative).is_absolute():
            return None
        try:
            found = self.commit.tree / "/".join(parts)
        except KeyError:
            return None
        return found if found.type in ("blob", "tree") else None

    def read(self, relative: str, limit: int) -> bytes:
        where = self.where(relative)
        found = self._object(relative)
        if found is None:
            raise RecbenchError([Diagnostic(where, 1, 1, "RB300", "file not found at this revision")])
        if found.type == "tree":
            raise RecbenchError([Diagnostic(where, 1, 1, "RB300", "is a folder, expected a file")])
        if found.mode == _LINK_MODE:
            raise RecbenchError([Diagnostic(where, 1, 1, "RB102", "is a symbolic link, expected a regular file")])
        if found.size > limit:
            raise RecbenchError([Diagnostic(where, 1, 1, "RB102", f"file is larger than {limit:,} bytes")])
        data: bytes = found.data_stream.read()
        return data

    def exists(self, relative: str) -> bool:
        found = self._object(relative)
        return found is not None and found.type == "blob" and found.mode != _LINK_MODE

    def folders(self, relative: str) -> list[str]:
        found = self._object(relative)
        if found is None or found.type != "tree":
            return []
        return sorted(item.name for item in found.trees)

    def files(self, relative: str) -> list[str]:
        found = self._object(relative)
        if found is None or found.type != "tree":
            return []
        return sorted(item.name for item in found.blobs if item.mode != _LINK_MODE)

    def where(self, relative: str) -> Path:
        return Path(f"{self.label}:{relative}")

    def tree_id(self, relative: str) -> str | None:
        """The git object id of the folder at ``relative`` (equal ids mean equal contents)."""
        found = self._object(relative)
        return found.hexsha if found is not None and found.type == "tree" else None


def open_repository(root: Path) -> git.Repo:
    """The git repository holding ``root``; ``RecbenchError`` when there is none."""
    import git

    from conformance.gitsafe import open_repository as open_safely

    try:  # a cloned study-group repository's own configuration must not run commands
        return open_safely(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise RecbenchError(f"{root}: not inside a git repository") from None


def at_revision(repository: git.Repo, revision: str) -> GitRevision:
    """The commit ``revision`` names (a commit id, branch, tag or ``HEAD~2``), as a ``GitRevision``."""
    import git

    try:
        commit = repository.commit(revision)
    except (ValueError, git.GitCommandError, git.BadName, git.BadObject, IndexError):
        raise RecbenchError(f"unknown revision {revision!r}") from None
    return GitRevision(commit)


def repository_path(repository: git.Repo, path: Path) -> str:
    """``path`` relative to the repository's top folder, written with '/' (for git tree lookups)."""
    top = Path(repository.working_tree_dir or ".").resolve()
    relative = path.resolve().relative_to(top)
    return relative.as_posix() if relative.parts else ""


def load_at(revision: Revision, relative: str) -> LoadedRecommendation:
    """The Recommendation whose ``recommendation.yaml`` is at ``relative`` in ``revision``."""
    return parse_recommendation(revision.read(relative, MAX_YAML_BYTES), revision.where(relative))


def catalog_at(revision: Revision, prefix: str = "") -> Catalog:
    """Every Recommendation of ``revision`` (under ``prefix``, the repository's path in git), as a catalogue."""
    base = f"{prefix}/{RECOMMENDATIONS_DIR}" if prefix else RECOMMENDATIONS_DIR
    catalog = Catalog(revision.where(prefix or "."))
    for name in revision.folders(base):
        relative = f"{base}/{name}/{RECOMMENDATION_FILE}"
        if not revision.exists(relative):
            continue
        try:
            catalog.recommendations.append(load_at(revision, relative))
        except RecbenchError as error:
            catalog.failures.extend(error.diagnostics)
    return catalog


def find_at(revision: Revision, identifier: str, *, folder: str | None = None, prefix: str = "") -> str | None:
    """The path of the ``recommendation.yaml`` of ``identifier`` at ``revision``, or None when it is not there.

    ``folder`` (the Recommendation's folder name elsewhere, e.g. in the work tree) is tried first,
    so that the whole catalogue is read only when the Recommendation has moved.
    """
    base = f"{prefix}/{RECOMMENDATIONS_DIR}" if prefix else RECOMMENDATIONS_DIR
    if folder is not None:
        relative = f"{base}/{folder}/{RECOMMENDATION_FILE}"
        # a file there that does not load is this Recommendation's problem: load_at raises it
        if revision.exists(relative) and Catalog(Path("."), [load_at(revision, relative)]).find(identifier):
            return relative
    catalog = catalog_at(revision, prefix)
    found = catalog.find(identifier)
    if found is None and catalog.failures:  # it may be the file that does not load: say why
        raise RecbenchError(catalog.failures)
    return None if found is None else f"{base}/{found.folder.name}/{RECOMMENDATION_FILE}"


def locate_recommendation(root: Path, identifier: str, revision: str = "HEAD") -> tuple[git.Repo, str, str]:
    """The git repository of ``root``, the Recommendation's folder (git path) and its full id.

    The folder is found in the work tree's catalogue, else at ``revision`` (a Recommendation
    deleted since is still found there).
    """
    repository = open_repository(root)
    prefix = repository_path(repository, root)
    work_tree = load_catalog(root).find(identifier)
    if work_tree is not None:
        folder = repository_path(repository, work_tree.folder)
        return repository, folder, work_tree.model.id
    at = at_revision(repository, revision)
    relative = find_at(at, identifier, prefix=prefix)
    if relative is None:
        raise RecbenchError(f"no Recommendation {identifier!r} in the work tree or at {revision}")
    return repository, relative.rsplit("/", 1)[0], load_at(at, relative).model.id

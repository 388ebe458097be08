"""Release manifests: the sha256 of everything a released edition consists of, and matching against them.

``recbench release`` writes one manifest per edition into the Recommendation's folder, as
``releases/<year>-<month>.json`` (the tag's edition part), holding the sha256 of
``recommendation.yaml``, of every vector file and of every payload those files reference, and the
commit and git tree of each reference implementation. The hashes are computed from a
``Revision``, so the same code fills a manifest from the work tree, re-checks it from the tag's
git objects (``release verify``), and tells ``recbench conform`` which release the vectors it
runs belong to (``matching_release``), without git.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import Field, ValidationError

from conformance.editions.revisions import Revision, WorkTree, load_at
from conformance.errors import Diagnostic, RecbenchError
from conformance.files import read_bounded
from conformance.spec.base import Strict
from conformance.spec.loading import RECOMMENDATION_FILE, LoadedRecommendation
from conformance.spec.source import MAX_JSON_BYTES, MAX_YAML_BYTES, parse_json
from conformance.spec.validation_errors import located_diagnostics
from conformance.spec.vectors import MAX_PAYLOAD_BYTES, parse_vector_bytes, payload_files

MANIFEST_SCHEMA: Literal["recbench-release/1"] = "recbench-release/1"
RELEASES_DIR = "releases"
MAX_MANIFEST_BYTES = 4 * 1024 * 1024


class FileHash(Strict):
    """A file of the release and its SHA-256."""

    file: str = Field(description="Path relative to the Recommendation's folder.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the file's bytes.")


class VectorSetHash(Strict):
    """A vector set's file and the payloads it references."""

    id: str = Field(description="Vector set id.")
    file: str = Field(description="Vector file, relative to the Recommendation's folder.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the vector file.")
    payloads: list[FileHash] = Field(default_factory=list, description="Referenced payload files, by path.")


class ReferenceCommit(Strict):
    """Where a reference implementation stood at the release."""

    name: str = Field(description="Implementation name in the Recommendation.")
    path: str | None = Field(None, description="Its folder in this repository (relative to the repository root).")
    git: str | None = Field(None, description="Clone URL, for an implementation kept in another repository.")
    commit: str = Field(description="The last commit that changed its folder (or the pinned commit).")
    tree: str | None = Field(None, description="git object id of its folder at the release (equal ids, equal files).")


class ReleaseManifest(Strict):
    """A released edition of one Recommendation."""

    schema_: Literal["recbench-release/1"] = Field(MANIFEST_SCHEMA, alias="schema", description="Format version.")
    recommendation: str = Field(description="Identifier, e.g. 'ITU-T G.711'.")
    edition: dt.date = Field(description="The edition released (approval date).")
    tag: str = Field(description="The annotated git tag of the release, e.g. 'G.711/2026-11'.")
    spec: FileHash = Field(description="recommendation.yaml as released.")
    vector_sets: list[VectorSetHash] = Field(description="Every vector set, in the Recommendation's order.")
    reference_implementations: list[ReferenceCommit] = Field(
        default_factory=list, description="The reference implementations that passed the vectors."
    )
    recbench: str = Field(description="recbench version that wrote the manifest.")

    def to_json(self) -> str:
        """The manifest as written: fields in model order, two-space indent, final newline."""
        return self.model_dump_json(by_alias=True, indent=2) + "\n"


def manifest_name(tag: str) -> str:
    """The manifest's file name for a tag: its edition part, ``2026-11.json``."""
    return f"{tag.rsplit('/', 1)[-1]}.json"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _within(folder: str, relative: str, where: Path) -> str:
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts or "\\" in relative:
        raise RecbenchError([Diagnostic(where, 1, 1, "RB600", f"{relative!r} leaves the Recommendation's folder")])
    return (PurePosixPath(folder) / path).as_posix()


def content_hashes(revision: Revision, recommendation_path: str) -> tuple[FileHash, list[VectorSetHash]]:
    """The sha256 of the ``recommendation.yaml`` at ``recommendation_path`` and of its vectors and payloads.

    Hashes are of the bytes found, not of what the files declare, so a manifest proves the content.
    """
    folder = PurePosixPath(recommendation_path).parent.as_posix()
    raw = revision.read(recommendation_path, MAX_YAML_BYTES)
    model = load_at(revision, recommendation_path).model
    sets = []
    for entry in model.vector_sets:
        vector_path = _within(folder, entry.file, revision.where(recommendation_path))
        data = revision.read(vector_path, MAX_JSON_BYTES)
        document = parse_vector_bytes(data, revision.where(vector_path))
        beside = PurePosixPath(entry.file).parent
        payloads = []
        for payload in sorted(payload_files(document)):
            relative = _within(beside.as_posix(), payload, revision.where(vector_path))
            content = revision.read(_within(folder, relative, revision.where(vector_path)), MAX_PAYLOAD_BYTES)
            payloads.append(FileHash(file=relative, sha256=_digest(content)))
        sets.append(VectorSetHash(id=entry.id, file=entry.file, sha256=_digest(data), payloads=payloads))
    return FileHash(file=RECOMMENDATION_FILE, sha256=_digest(raw)), sets


def parse_manifest(raw: bytes, path: Path) -> ReleaseManifest:
    """A manifest from its bytes (``path`` names it in diagnostics); RB100 for one that does not validate."""
    document = parse_json(raw, path, "RB100")
    try:
        return ReleaseManifest.model_validate(document)
    except ValidationError as error:
        raise RecbenchError(located_diagnostics(error, raw.decode("utf-8-sig"), path, "RB100")) from None


def release_manifests(revision: Revision, folder: str) -> list[tuple[str, ReleaseManifest]]:
    """Every manifest under ``<folder>/releases`` at ``revision`` (path, manifest), oldest edition first."""
    found = []
    names = revision.files(f"{folder}/{RELEASES_DIR}")
    for name in names:
        if not name.endswith(".json"):
            continue
        relative = f"{folder}/{RELEASES_DIR}/{name}"
        found.append((relative, parse_manifest(revision.read(relative, MAX_MANIFEST_BYTES), revision.where(relative))))
    return sorted(found, key=lambda item: item[1].edition)


def matching_release(loaded: LoadedRecommendation) -> str | None:
    """The tag of the released edition whose vector files and payloads are exactly those of ``loaded``.

    Read from the manifests in its folder (no git needed); None when it has none, when no manifest
    matches, or when anything cannot be read (a report never fails for this). When several match
    (vectors unchanged between editions), the one whose spec matches too wins, else the newest.
    Only bytes are hashed: equal vector-file bytes reference equal payloads, so nothing is parsed.
    """
    releases = loaded.folder / RELEASES_DIR
    try:
        if not releases.is_dir():
            return None
        manifests = [
            parse_manifest(read_bounded(path, MAX_MANIFEST_BYTES), path) for path in sorted(releases.glob("*.json"))
        ]
        work_tree = WorkTree(loaded.folder)
        digests: dict[tuple[str, int], str] = {}

        def digest(relative: str, limit: int) -> str:
            if (relative, limit) not in digests:
                digests[relative, limit] = _digest(work_tree.read(relative, limit))
            return digests[relative, limit]

        declared = [(entry.id, entry.file) for entry in loaded.model.vector_sets]
        matching = [
            manifest for manifest in manifests
            if [(item.id, item.file) for item in manifest.vector_sets] == declared
            and all(
                digest(item.file, MAX_JSON_BYTES) == item.sha256
                and all(digest(payload.file, MAX_PAYLOAD_BYTES) == payload.sha256 for payload in item.payloads)
                for item in manifest.vector_sets
            )
        ]
        if not matching:
            return None
        spec = digest(RECOMMENDATION_FILE, MAX_YAML_BYTES)
    except (RecbenchError, OSError):
        return None
    matching.sort(key=lambda manifest: (manifest.spec.sha256 == spec, manifest.edition))
    return matching[-1].tag

"""Payloads fetched on demand: where the cache keeps them, and ``fetch_payloads`` that downloads them.

A vector set's entry may list payloads (``fetch.files``) that are too large to ship in the
repository. Each is pinned by URL and SHA-256 in ``recommendation.yaml`` and lives in the user's
cache (``$RECBENCH_CACHE_DIR/fetched/<sha256>``), content-addressed, so two sets or two
Recommendations sharing a file keep one copy, and a changed pin can never read a stale file.
Loading a set (``spec/vectors``) reads a fetched payload from the cache only; when it is not
there the set is unusable (RB307), never passed. Nothing here runs unless asked: lint, loading
and runs never download.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from conformance.files import read_bounded
from conformance.spec.diagnostics import Diagnostic, SpecError
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import FetchedFile
from conformance.spec.validation_cache import cache_dir

DOWNLOAD_TIMEOUT = 60.0  # seconds without a byte; the whole download gets 4 times that


def cached_path(sha256: str) -> Path:
    """Where the fetched file with this SHA-256 is kept (it may not be there)."""
    return cache_dir() / "fetched" / sha256


def fetch_hint(recommendation: str, set_id: str) -> str:
    """The command that fetches a set's payloads, for messages about a payload not in the cache."""
    return f"`recbench vectors fetch '{recommendation}' --set {set_id}`"


@dataclass(frozen=True, slots=True)
class Fetched:
    """One fetched file after ``fetch_payloads``: downloaded now, or already in the cache."""

    recommendation: str
    set_id: str
    item: FetchedFile
    licence_class: str
    status: Literal["downloaded", "cached"]
    size: int


@dataclass(frozen=True)
class FetchResult:
    """What ``fetch_payloads`` got and what it could not get (located diagnostics, RB309)."""

    fetched: list[Fetched] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def _cached_size(item: FetchedFile) -> int | None:
    """The size of the cached copy when its bytes still have the pinned SHA-256; None otherwise."""
    from conformance.spec.vectors import MAX_PAYLOAD_BYTES

    path = cached_path(item.sha256)
    if not path.is_file():
        return None
    try:
        data = read_bounded(path, MAX_PAYLOAD_BYTES)
    except SpecError:
        return None
    return len(data) if hashlib.sha256(data).hexdigest() == item.sha256 else None


def _store(item: FetchedFile, data: bytes) -> None:
    """Write verified bytes into the cache atomically: a reader sees the whole file or none."""
    target = cached_path(item.sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{item.sha256[:16]}-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def fetch_payloads(
    loaded: LoadedRecommendation, set_ids: Iterable[str] | None = None, *, timeout: float = DOWNLOAD_TIMEOUT
) -> FetchResult:
    """Download every fetched payload of ``loaded``'s sets (or of ``set_ids``) that the cache lacks.

    A file already cached with its pinned SHA-256 is not downloaded again; a cached copy with other
    bytes is replaced. A download whose bytes have another SHA-256, is larger than 256 MiB, or
    fails, is a problem (RB309, at the entry's ``url``) and nothing of it is kept.
    """
    from conformance.hygiene.download import DownloadError, fetch
    from conformance.spec.vectors import MAX_PAYLOAD_BYTES

    wanted = None if set_ids is None else set(set_ids)
    result = FetchResult()
    for index, entry in enumerate(loaded.model.vector_sets):
        if entry.fetch is None or (wanted is not None and entry.id not in wanted):
            continue
        for number, item in enumerate(entry.fetch.files):
            where = ("vector_sets", index, "fetch", "files", number)
            size = _cached_size(item)
            status: Literal["downloaded", "cached"] = "cached"
            if size is None:
                try:
                    data = fetch(item.url, timeout=timeout, max_bytes=MAX_PAYLOAD_BYTES).body
                except DownloadError as error:
                    result.problems.append(loaded.diagnostic(
                        "RB309", f"vector set {entry.id!r}: {item.file}: {error}", *where, "url"))
                    continue
                digest = hashlib.sha256(data).hexdigest()
                if digest != item.sha256:
                    result.problems.append(loaded.diagnostic(
                        "RB309", f"vector set {entry.id!r}: {item.file}: the download has sha256 {digest}, "
                        f"the Recommendation pins {item.sha256}; refused, nothing kept", *where, "sha256"))
                    continue
                try:
                    _store(item, data)
                except OSError as error:
                    result.problems.append(loaded.diagnostic(
                        "RB309", f"vector set {entry.id!r}: {item.file}: cannot write the cache "
                        f"({cached_path(item.sha256).parent}): {error.strerror or error}", *where, "url"))
                    continue
                size, status = len(data), "downloaded"
            result.fetched.append(Fetched(loaded.model.id, entry.id, item, str(entry.fetch.licence_class),
                                          status, size))
    return result


def missing_payload(entry_id: str, recommendation: str, item: FetchedFile) -> str:
    """The message for a fetched payload that is not in the cache: what is missing and the command that gets it."""
    return (f"payload {item.file!r} of vector set {entry_id!r} is fetched on demand and not in this machine's "
            f"cache: run {fetch_hint(recommendation, entry_id)}")


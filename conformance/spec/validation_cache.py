"""Remembers which vector files already passed schema validation (and lint's type checks), by content hash.

jsonschema takes seconds over a 65,536-test file; a file whose bytes (sha256) and schema are
unchanged need not be validated again. Lint's check of every value against the interface's
types is remembered the same way, keyed also by the interface and recbench's own sources. The
cache holds only empty marker files, so deleting it is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path

import platformdirs


def cache_dir() -> Path:
    """Where recbench keeps caches: $RECBENCH_CACHE_DIR or the user cache folder."""
    configured = os.environ.get("RECBENCH_CACHE_DIR")
    return Path(configured) if configured else Path(platformdirs.user_cache_dir("recbench"))


@cache
def _schema_digest() -> str:
    from conformance.spec.schemas import schema_for

    text = json.dumps(schema_for("vectors"), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _marker(file_digest: str) -> Path:
    return cache_dir() / "validated" / f"{file_digest}-{_schema_digest()}"


def known_valid(file_digest: str) -> bool:
    """True when a file with this sha256 passed validation against the current schema."""
    return _marker(file_digest).exists()


def remember_valid(file_digest: str) -> None:
    """Record that a file with this sha256 passed validation (best effort)."""
    marker = _marker(file_digest)
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass  # a read-only cache only costs time


def clean_types_digest(file_digest: str, interface: str) -> str:
    """The marker name for 'every value of this file fits this interface', as this recbench checks it."""
    text = f"types\0{file_digest}\0{interface}\0{source_digest()}"
    return hashlib.sha256(text.encode()).hexdigest()


@cache
def source_digest() -> str:
    """The sha256 of recbench's own Python sources: a change to a rule may change a finding or a verdict."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        if "__pycache__" not in path.parts and path.is_file() and not path.is_symlink():
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()

"""Where the hygiene stores live by default, and the advisory snapshot shipped with recbench."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

DATABASE_ENV = "RECBENCH_DB"
HISTORY_ENV = "RECBENCH_HISTORY"
CACHE_ENV = "RECBENCH_CACHE_DIR"
_APP = "recbench"


@dataclass(frozen=True, slots=True)
class EmbeddedSnapshot:
    """The OSV snapshot packaged with recbench, and what it is."""

    path: Path
    description: str
    data_date: str
    records: int


def default_database_path(environ: Mapping[str, str] | None = None) -> Path:
    """The advisory and package-metadata database.

    ``$RECBENCH_DB``, else ``hygiene.sqlite3`` in ``$RECBENCH_CACHE_DIR`` (the project's cache
    folder setting), else in the user cache dir.
    """
    env = os.environ if environ is None else environ
    configured = env.get(DATABASE_ENV)
    if configured:
        return Path(configured).expanduser()
    cache = env.get(CACHE_ENV)
    return Path(cache).expanduser() / "hygiene.sqlite3" if cache else Path(
        user_cache_dir(_APP)) / "hygiene.sqlite3"


def default_history_path(environ: Mapping[str, str] | None = None) -> Path:
    """The audit history: ``$RECBENCH_HISTORY`` or the user data dir (history is not a cache)."""
    env = os.environ if environ is None else environ
    configured = env.get(HISTORY_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path(user_data_dir(_APP)) / "hygiene-history.sqlite3"


def embedded_snapshots() -> list[EmbeddedSnapshot]:
    """Every OSV snapshot packaged with recbench: PyPI, Go, crates.io and OSS-Fuzz (C/C++)."""
    return [embedded_snapshot(), *(
        EmbeddedSnapshot(path=_data(name), description=description, data_date=day, records=count)
        for name, description, day, count in _OTHER_SNAPSHOTS)]


def _data(name: str) -> Path:
    return Path(str(resources.files("conformance.hygiene") / "data" / name))


# file, description, date of the data, records (data/README.md gives sources and licences)
_OTHER_SNAPSHOTS = (
    ("go-osv-2026-08.zip", "embedded snapshot of golang/vulndb data/osv, commit a752ea54 (CC-BY-4.0)",
     "2026-08-20", 4291),
    ("crates-osv-2026-08.zip", "embedded snapshot of rustsec/advisory-db, branch osv (CC0-1.0)",
     "2026-08-20", 1206),
    ("ossfuzz-osv-2026-08.zip", "embedded snapshot of google/oss-fuzz-vulns, commit b4f46921 "
     "(CC-BY-4.0)", "2026-08-21", 4021),
)


def embedded_snapshot() -> EmbeddedSnapshot:
    """The PyPI advisories of pypa/advisory-database, October 2024, shipped as package data."""
    path = Path(str(resources.files("conformance.hygiene") / "data" / "pypi-osv-2024-10.zip"))
    return EmbeddedSnapshot(
        path=path,
        description=("embedded snapshot of pypa/advisory-database, commit "
                     "3ccb612573e2511ab5cad7dafecd838605c80cda (CC-BY-4.0)"),
        data_date="2024-10-10",
        records=2661,
    )

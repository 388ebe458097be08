"""``uv.lock``."""

from __future__ import annotations

from pathlib import Path

from packaging.utils import canonicalize_name

from conformance.hygiene.inventory.model import Dependency, Inventory
from conformance.hygiene.inventory.structured import as_datetime, earliest, load_toml, lock_packages


def read_uv_lock(path: Path, text: str) -> Inventory:
    document = load_toml(path, text)
    inventory = Inventory(path=str(path), format="uv.lock")
    for where, package, name, line in lock_packages(document, "package"):
        source = document.get(package, "source", dict, "a table", where, line) or {}
        if "editable" in source or "virtual" in source:
            inventory.skip(line, name, "the project itself (editable/virtual)")
            continue
        if "version" not in package:
            inventory.skip(line, name, f"no version (source {dict(source)})")
            continue
        files = document.tables(package, "wheels", where, line)
        sdist = document.get(package, "sdist", dict, "a table", where, line)
        if sdist is not None:
            files.append(sdist)
        hashes = [document.get(f, "hash", str, "a string", where, line) for f in files]
        inventory.dependencies.append(Dependency(
            name=canonicalize_name(name), version=package["version"], source=str(path),
            line=line, hashes=tuple(h for h in hashes if h),
            upload_time=earliest([as_datetime(document, f, where, line) for f in files])))
    return inventory



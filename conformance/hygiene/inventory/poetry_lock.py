"""``poetry.lock``."""

from __future__ import annotations

from pathlib import Path

from packaging.utils import canonicalize_name

from conformance.hygiene.inventory.model import Dependency, Inventory
from conformance.hygiene.inventory.structured import load_toml, lock_packages


def read_poetry_lock(path: Path, text: str) -> Inventory:
    document = load_toml(path, text)
    inventory = Inventory(path=str(path), format="poetry.lock")
    for where, package, name, line in lock_packages(document, "package"):
        source = document.get(package, "source", dict, "a table", where, line) or {}
        source_type = source.get("type")
        if source_type in ("git", "directory", "file", "url"):
            inventory.skip(line, name, f"{source_type} source: no release to audit")
            continue
        if "version" not in package:
            inventory.skip(line, name, "no version", unreadable=True)
            continue
        files = document.tables(package, "files", where, line)
        hashes = [document.get(f, "hash", str, "a string", where, line) for f in files]
        inventory.dependencies.append(Dependency(
            name=canonicalize_name(name), version=package["version"], source=str(path),
            line=line, hashes=tuple(h for h in hashes if h)))
    return inventory



"""PEP 751 ``pylock.toml`` locks."""

from __future__ import annotations

from pathlib import Path

from packaging.utils import canonicalize_name

from conformance.hygiene.inventory.model import Dependency, Inventory, InventoryError
from conformance.hygiene.inventory.structured import as_datetime, earliest, load_toml, lock_packages


def read_pylock(path: Path, text: str) -> Inventory:
    document = load_toml(path, text)
    inventory = Inventory(path=str(path), format="pylock")
    if "lock-version" not in document.data:
        raise InventoryError(f"{path}: not a PEP 751 lock (no 'lock-version')")
    for where, package, name, line in lock_packages(document, "packages"):
        if "version" not in package:
            kind = next((k for k in ("vcs", "directory", "archive") if k in package), "source")
            inventory.skip(line, name, f"{kind} package without a version")
            continue
        files = [(f"{where}.wheels[{position}]", wheel) for position, wheel
                 in enumerate(document.tables(package, "wheels", where, line))]
        for single in ("sdist", "archive"):
            item = document.get(package, single, dict, "a table", where, line)
            if item is not None:
                files.append((f"{where}.{single}", item))
        hashes: list[str] = []
        for label, item in files:
            table = document.get(item, "hashes", dict, "a table of hashes", label, line) or {}
            for algorithm, digest in table.items():
                if not isinstance(digest, str):
                    document.fail(f"{label}.hashes.{algorithm}", "a string", digest, line)
                hashes.append(f"{algorithm}:{digest}")
        inventory.dependencies.append(Dependency(
            name=canonicalize_name(name), version=package["version"], source=str(path),
            line=line, hashes=tuple(hashes), marker=package.get("marker"),
            upload_time=earliest([as_datetime(document, f, label, line) for label, f in files])))
    return inventory



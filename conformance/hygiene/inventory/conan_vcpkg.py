"""C and C++ package managers: ``conan.lock`` (Conan 2) and ``vcpkg.json`` manifests.

Neither ecosystem has advisories in recbench's data (OSV has none for vcpkg, and ConanCenter
data must be imported), so their pins are dependencies of ecosystems the audit reports as not
evaluated, failing closed, rather than files it cannot read.
"""

from __future__ import annotations

import json
from pathlib import Path

from conformance.hygiene.inventory.model import Dependency, Inventory, InventoryError
from conformance.spec.source import parse_json


def _json(path: Path, text: str) -> object:
    try:
        return parse_json(text, path, "RB302")
    except Exception as error:
        diagnostics = getattr(error, "diagnostics", None)
        problem = diagnostics[0].message if diagnostics else str(error)[:200]
        raise InventoryError(f"{path}: not valid JSON ({problem})") from None


def read_conan_lock(path: Path, text: str) -> Inventory:
    """Conan 2 lock: ``requires`` and ``build_requires`` as ``name/version#revision%time``."""
    data = _json(path, text)
    if not isinstance(data, dict) or "version" not in data:
        raise InventoryError(f"{path}: not a Conan lock (no 'version')")
    inventory = Inventory(path=str(path), format="conan.lock")
    for key in ("requires", "build_requires", "python_requires"):
        for reference in data.get(key) or []:
            line = _line(text, reference)
            if not isinstance(reference, str) or "/" not in reference:
                inventory.skip(line, str(reference), "not a Conan reference", unreadable=True)
                continue
            name, _, rest = reference.partition("/")
            version = rest.split("#", 1)[0].split("@", 1)[0].split("%", 1)[0]
            inventory.dependencies.append(Dependency(
                name=name, version=version or None, source=str(path), line=line,
                ecosystem="ConanCenter"))
    return inventory


def read_vcpkg_manifest(path: Path, text: str) -> Inventory:
    """vcpkg.json: dependencies with their ``overrides`` versions (constraints otherwise)."""
    data = _json(path, text)
    if not isinstance(data, dict) or not isinstance(data.get("dependencies", []), list):
        raise InventoryError(f"{path}: not a vcpkg manifest")
    inventory = Inventory(path=str(path), format="vcpkg.json")
    overrides = {item.get("name"): item.get("version") or item.get("version-string")
                 for item in data.get("overrides") or [] if isinstance(item, dict)}
    for item in data.get("dependencies") or []:
        name = item if isinstance(item, str) else item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str):
            inventory.skip(None, str(item), "not a vcpkg dependency", unreadable=True)
            continue
        minimum = item.get("version>=") if isinstance(item, dict) else None
        pinned = overrides.get(name)
        inventory.dependencies.append(Dependency(
            name=name, version=pinned if isinstance(pinned, str) else None,
            specifier=f">={minimum}" if minimum and not pinned else None, source=str(path),
            line=_line(text, name), ecosystem="vcpkg"))
    return inventory


def _line(text: str, value: object) -> int | None:
    found = text.find(json.dumps(value)) if isinstance(value, str) else -1
    return text.count("\n", 0, found) + 1 if found >= 0 else None

"""``pyproject.toml``: the ``[project]`` dependencies (constraints, rarely pins)."""

from __future__ import annotations

import re
from pathlib import Path

from conformance.hygiene.inventory.model import Inventory, InventoryError
from conformance.hygiene.inventory.requirements import from_requirement
from conformance.hygiene.inventory.structured import load_toml


def read_pyproject(path: Path, text: str) -> Inventory:
    document = load_toml(path, text)
    inventory = Inventory(path=str(path), format="pyproject")
    project = document.data.get("project")
    if not isinstance(project, dict):
        raise InventoryError(f"{path}: no [project] table")
    entries = document.get(project, "dependencies", list, "an array of strings", "project")
    for position, entry in enumerate(entries or []):
        if not isinstance(entry, str):
            document.fail(f"project.dependencies[{position}]", "a string", entry)
        match = re.search(re.escape(entry), text)
        line = text.count("\n", 0, match.start()) + 1 if match else None
        dependency = from_requirement(entry, str(path), line, inventory)
        if dependency is not None:
            inventory.dependencies.append(dependency)
    return inventory



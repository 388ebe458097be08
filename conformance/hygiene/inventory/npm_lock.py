"""npm's ``package-lock.json`` and ``npm-shrinkwrap.json`` (lockfile versions 1, 2 and 3).

Versions 2 and 3 list every installed package under ``packages``, keyed by its folder
(``node_modules/a/node_modules/b``); the package's name is the last ``node_modules/`` part
(or its own ``name`` when installed under an alias). Version 1 nests ``dependencies``. The
root entry (``""``) is the project itself, ``link`` entries are workspace folders. Integrity
values (``sha512-<base64>``) are kept as ``sha512:<hex>``.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from conformance.hygiene.ecosystems import NPM, normalise_name
from conformance.hygiene.inventory.model import Dependency, Inventory, InventoryError
from conformance.hygiene.inventory.structured import Document
from conformance.spec.source import parse_json


def _integrity(value: object) -> tuple[str, ...]:
    found: list[str] = []
    for item in value.split() if isinstance(value, str) else ():
        algorithm, _, digest = item.partition("-")
        try:
            found.append(f"{algorithm}:{base64.b64decode(digest, validate=True).hex()}")
        except (binascii.Error, ValueError):
            continue
    return tuple(found)


class _Lines:
    """Line of each ``"key": {`` of the text, found in order (keys repeat in version 1)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cursor = 0

    def of(self, key: str) -> int | None:
        needle = json.dumps(key) + ":"
        found = self.text.find(needle, self.cursor)
        if found < 0:
            found = self.text.find(needle)
            if found < 0:
                return None
        else:
            self.cursor = found + len(needle)
        return self.text.count("\n", 0, found) + 1


def _v1(document: Document, table: Mapping[str, Any], where: str
        ) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for name, entry in (document.get(table, "dependencies", dict, "an object", where) or {}).items():
        here = f"{where}.dependencies.{name}"
        if not isinstance(entry, dict):
            document.fail(here, "an object", entry)
        yield name, here, entry
        yield from _v1(document, entry, here)


def read_npm_lock(path: Path, text: str) -> Inventory:
    """Dependencies of an npm lock (package-lock.json or npm-shrinkwrap.json)."""
    try:
        data = parse_json(text, path, "RB302")
    except Exception as error:
        diagnostics = getattr(error, "diagnostics", None)
        problem = diagnostics[0].message if diagnostics else str(error)[:200]
        where = f"{path}:{diagnostics[0].line}" if diagnostics else str(path)
        raise InventoryError(f"{where}: not valid JSON ({problem})") from None
    if not isinstance(data, dict) or "lockfileVersion" not in data:
        raise InventoryError(f"{path}: not an npm lock (no 'lockfileVersion')")
    document = Document(path, text, data)
    version = data["lockfileVersion"]
    inventory = Inventory(path=str(path), format=f"{path.name} v{version}")
    lines = _Lines(text)
    if isinstance(data.get("packages"), dict):
        for key, entry in data["packages"].items():
            where = f"packages.{key or '(root)'}"
            if not isinstance(entry, dict):
                document.fail(where, "an object", entry)
            line = lines.of(key)
            if key == "" or entry.get("link"):
                continue  # the project itself, or a workspace folder linked in
            alias = entry.get("name")
            name = alias if isinstance(alias, str) else key.rsplit("node_modules/", 1)[-1]
            _add(inventory, document, name, where, entry, line)
    elif version == 1 or isinstance(data.get("dependencies"), dict):
        for name, where, entry in _v1(document, data, ""):
            _add(inventory, document, name, where.lstrip("."), entry, lines.of(name))
    else:
        raise InventoryError(f"{path}: lockfileVersion {version} without 'packages'")
    return inventory


def _add(inventory: Inventory, document: Document, name: str, where: str, entry: dict[str, Any],
         line: int | None) -> None:
    version = document.get(entry, "version", str, "a string", where, line)
    if not version:
        inventory.skip(line, name, "package without a version", unreadable=True)
        return
    if version.startswith(("file:", "link:", "git", "http:", "https:", "github:")):
        inventory.skip(line, f"{name} {version}", "not a registry release: no advisory describes it",
                       unsupported=True)
        return
    inventory.dependencies.append(Dependency(
        name=normalise_name(NPM, name), version=version, source=inventory.path, line=line,
        ecosystem=NPM, hashes=_integrity(entry.get("integrity"))))

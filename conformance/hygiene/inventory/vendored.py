"""Vendored copies declared in a small manifest, ``vendored.toml`` (also ``third_party/vendored.toml``).

C and C++ reference code often carries upstream code copied into ``third_party/``. Each copy is
declared with where it came from, so that its advisories can be found::

    [[vendored]]
    path = "third_party/libfoo"                  # the copy, relative to the manifest
    url = "https://github.com/example/libfoo"    # upstream repository
    commit = "0123456789abcdef0123456789abcdef01234567"   # and/or
    version = "1.2.3"                            # the upstream release copied
    purl = "pkg:cargo/foo@1.2.3"                 # instead of url, for a package of an ecosystem

A copy that is itself a clone (``path/.git``) brings its history, so GIT ranges are decided
over it.
"""

from __future__ import annotations

from pathlib import Path

from conformance.hygiene.ecosystems import GIT, normalise_repository
from conformance.hygiene.inventory.model import Dependency, Inventory, InventoryError
from conformance.hygiene.inventory.purls import dependency_from_purl
from conformance.hygiene.inventory.structured import load_toml

MANIFEST_NAMES = ("vendored.toml",)


def read_vendored(path: Path, text: str) -> Inventory:
    """The vendored copies a manifest declares."""
    document = load_toml(path, text)
    inventory = Inventory(path=str(path), format="vendored.toml")
    if "vendored" not in document.data:
        raise InventoryError(f"{path}: no [[vendored]] tables")
    for position, entry in enumerate(document.tables(document.data, "vendored", "")):
        where = f"vendored[{position}]"
        line = document.line_of("vendored", position)
        fields = {key: document.get(entry, key, str, "a string", where, line)
                  for key in ("path", "url", "commit", "version", "purl")}
        label = fields["path"] or fields["url"] or fields["purl"] or where
        if fields["purl"]:
            dependency = dependency_from_purl(fields["purl"], inventory, version=fields["version"],
                                              line=line)
            if dependency is not None:
                inventory.dependencies.append(dependency)
            continue
        if not fields["url"]:
            inventory.skip(line, label, "vendored copy without an upstream url or purl",
                           unreadable=True)
            continue
        if not fields["commit"] and not fields["version"]:
            inventory.skip(line, label, "vendored copy without a commit or version: its "
                           "advisories cannot be evaluated", unreadable=True)
            continue
        copy = (path.parent / fields["path"]) if fields["path"] else None
        history = copy if copy is not None and (copy / ".git").exists() and not copy.is_symlink() \
            and copy.resolve().is_relative_to(path.parent.resolve()) else None
        inventory.dependencies.append(Dependency(
            name=normalise_repository(fields["url"]), version=fields["version"],
            commit=fields["commit"].lower() if fields["commit"] else None, source=str(path),
            line=line, ecosystem=GIT, repository_url=fields["url"],
            history=str(history) if history else None, label=fields["path"] or fields["url"]))
    return inventory

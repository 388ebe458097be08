"""SPDX 2.x JSON documents: every package with a purl external reference, of any ecosystem."""

from __future__ import annotations

from conformance.hygiene.inventory.model import Inventory
from conformance.hygiene.inventory.purls import dependency_from_purl
from conformance.hygiene.inventory.structured import Document, hash_text

_SPDX_UNKNOWN = ("NOASSERTION", "NONE", "")


def read_spdx(document: Document) -> Inventory:
    """Dependencies of an SPDX document."""
    inventory = Inventory(path=str(document.path), format="spdx")
    for position, package in enumerate(document.tables(document.data, "packages", "")):
        where = f"packages[{position}]"
        label = str(package.get("name") or package.get("SPDXID") or where)
        version = document.get(package, "versionInfo", str, "a string", where)
        references = document.tables(package, "externalRefs", where)
        purls = [ref.get("referenceLocator") for ref in references
                 if ref.get("referenceType") == "purl"]
        if not purls or not isinstance(purls[0], str):
            inventory.skip(None, label, "package without a purl: ecosystem unknown",
                           unsupported=True)
            continue
        hashes = (hash_text(c.get("algorithm"), c.get("checksumValue"))
                  for c in document.tables(package, "checksums", where))
        licence = next((value for key in ("licenseConcluded", "licenseDeclared")
                        if isinstance(value := package.get(key), str)
                        and value not in _SPDX_UNKNOWN), None)
        dependency = dependency_from_purl(
            purls[0], inventory, version=version if version not in _SPDX_UNKNOWN else None,
            hashes=tuple(h for h in hashes if h), licence=licence)
        if dependency is not None:
            inventory.dependencies.append(dependency)
    return inventory

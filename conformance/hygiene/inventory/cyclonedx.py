"""CycloneDX JSON SBOMs: every component (nested ones too) with a purl of any ecosystem.

Licences: CycloneDX lists a component's licences as separate entries, which tools write for
the choices a package offers (a dual-licensed package has two), so several entries are joined
with OR, not AND. Only SPDX ids and expressions are licences to the policy: a free-text
``name`` (cyclonedx-py writes trove classifiers such as "BSD License") is no SPDX id and is
set aside rather than read as one, which would make it a licence violation.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from license_expression import ExpressionError

from conformance.hygiene.inventory.model import Inventory
from conformance.hygiene.inventory.purls import dependency_from_purl
from conformance.hygiene.inventory.structured import Document, hash_text
from conformance.hygiene.policy import parse_spdx


def _walk_components(document: Document, table: Mapping[str, Any], where: str
                     ) -> Iterator[tuple[str, dict[str, Any]]]:
    for position, component in enumerate(document.tables(table, "components", where)):
        here = f"{where + '.' if where else ''}components[{position}]"
        yield here, component
        yield from _walk_components(document, component, here)


def _is_spdx(text: str) -> bool:
    try:
        return parse_spdx(text, strict=True) is not None
    except ExpressionError:
        return False


def component_licence(document: Document, component: Mapping[str, Any], where: str
                      ) -> str | None:
    """The SPDX expression of a component's licences (alternatives joined with OR), or None."""
    parts: list[str] = []
    for position, choice in enumerate(document.tables(component, "licenses", where)):
        if isinstance(choice.get("expression"), str):
            parts.append(choice["expression"])
            continue
        licence = document.get(choice, "license", dict, "an object",
                               f"{where}.licenses[{position}]") or {}
        identifier = licence.get("id")
        if isinstance(identifier, str) and identifier:
            parts.append(identifier)
            continue
        name = licence.get("name")
        # a name is free text; only one that happens to be an SPDX id or expression counts
        if isinstance(name, str) and name and _is_spdx(name):
            parts.append(name)
    parts = list(dict.fromkeys(parts))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else " OR ".join(f"({p})" for p in parts)


def read_cyclonedx(document: Document) -> Inventory:
    """Dependencies of a CycloneDX document."""
    inventory = Inventory(path=str(document.path), format="cyclonedx")
    for where, component in _walk_components(document, document.data, ""):
        purl = document.get(component, "purl", str, "a string", where)
        version = document.get(component, "version", str, "a string", where)
        label = str(component.get("name") or component.get("bom-ref") or where)
        if purl is None:
            inventory.skip(None, label, "component without a purl: ecosystem unknown",
                           unsupported=True)
            continue
        hashes = (hash_text(h.get("alg"), h.get("content"))
                  for h in document.tables(component, "hashes", where))
        dependency = dependency_from_purl(
            purl, inventory, version=version, hashes=tuple(h for h in hashes if h),
            licence=component_licence(document, component, where))
        if dependency is not None:
            inventory.dependencies.append(dependency)
    return inventory

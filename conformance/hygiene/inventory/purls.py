"""A package URL of any ecosystem as a dependency (SBOM components and packages).

pypi, cargo, golang, npm and maven purls become dependencies of their OSV ecosystem; a
``pkg:github`` purl, or a ``pkg:generic`` one with a ``vcs_url``, pinned to a commit becomes a
GIT dependency on that repository. Other known purl types keep their ecosystem, which the
audit reports as one it cannot evaluate; an unknown type or a malformed purl is skipped as
such (both fail closed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from packageurl import PackageURL

from conformance.hygiene.ecosystems import GIT, GO, MAVEN, NPM, PURL_TYPES, normalise_name, normalise_repository
from conformance.hygiene.inventory.model import Dependency, Inventory

_COMMIT = re.compile(r"^[0-9a-fA-F]{7,64}$")


@dataclass(frozen=True, slots=True)
class _Common:
    """What every dependency read from an SBOM entry carries, whatever its ecosystem."""

    source: str
    line: int | None
    hashes: tuple[str, ...]
    licence: str | None


def dependency_from_purl(purl: str, inventory: Inventory, *, version: str | None = None,
                         line: int | None = None, hashes: tuple[str, ...] = (),
                         licence: str | None = None) -> Dependency | None:
    """The dependency ``purl`` names (``version`` overrides the purl's), or None when skipped."""
    try:
        parsed = PackageURL.from_string(purl)
    except ValueError as error:
        inventory.skip(line, purl, f"malformed purl: {error}", unreadable=True)
        return None
    pinned = version or parsed.version
    common = _Common(inventory.path, line, hashes, licence)
    if parsed.type in ("github", "gitlab", "bitbucket") or (
            parsed.type == "generic" and isinstance(parsed.qualifiers, dict)
            and "vcs_url" in parsed.qualifiers):
        return _git_dependency(parsed, pinned, inventory, line, common)
    ecosystem = PURL_TYPES.get(parsed.type)
    if ecosystem is None:
        inventory.skip(line, purl, f"purl type {parsed.type!r}: no advisory ecosystem recbench "
                       "knows", unsupported=True)
        return None
    name = parsed.name
    if parsed.namespace:
        separator = ":" if ecosystem == MAVEN else "/"
        name = f"{parsed.namespace}{separator}{parsed.name}"
    if ecosystem == GO and pinned and not pinned.startswith("v"):
        pinned = f"v{pinned}"
    if ecosystem == NPM:
        name = name.lower()
    return Dependency(name=normalise_name(ecosystem, name), version=pinned, ecosystem=ecosystem,
                      source=common.source, line=common.line, hashes=common.hashes,
                      licence=common.licence)


def _git_dependency(parsed: PackageURL, pinned: str | None, inventory: Inventory,
                    line: int | None, common: _Common) -> Dependency | None:
    qualifiers = parsed.qualifiers if isinstance(parsed.qualifiers, dict) else {}
    url = qualifiers.get("vcs_url")
    commit: str | None = None
    if url:
        url = url.removeprefix("git+")
        if "@" in url.rsplit("/", 1)[-1]:
            url, _, at = url.rpartition("@")
            commit = at if _COMMIT.match(at) else None
            pinned = pinned or (None if commit else at)
    else:
        host = {"github": "github.com", "gitlab": "gitlab.com", "bitbucket": "bitbucket.org"}[parsed.type]
        url = f"https://{host}/{parsed.namespace}/{parsed.name}"
    if pinned and _COMMIT.match(pinned) and commit is None:
        commit, pinned = pinned, None
    if commit is None and pinned is None:
        inventory.skip(line, parsed.to_string(), "repository without a commit or version: "
                       "nothing to audit", unreadable=True)
        return None
    return Dependency(name=normalise_repository(url), version=pinned, ecosystem=GIT,
                      repository_url=url, commit=commit.lower() if commit else None,
                      label=parsed.name, source=common.source, line=common.line,
                      hashes=common.hashes, licence=common.licence)

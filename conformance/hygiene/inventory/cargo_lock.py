"""``Cargo.lock`` (versions 1 to 4): crates from crates.io, with their checksums.

A package without a ``source`` is a member of the workspace itself; one from a git source is a
GIT dependency on that repository at the locked commit; one from another registry is a crate
crates.io's advisories do not describe (reported as not evaluated, failing closed).
"""

from __future__ import annotations

import re
from pathlib import Path

from conformance.hygiene.ecosystems import CRATES, GIT, normalise_name, normalise_repository
from conformance.hygiene.inventory.model import Dependency, Inventory, InventoryError
from conformance.hygiene.inventory.structured import load_toml, lock_packages

_CHECKSUM = re.compile(r"^[0-9a-f]{64}$")


def _from_crates_io(source: str) -> bool:
    """Whether a package's ``source`` is the default registry, as Cargo records it: its git
    index (the ``rust-lang/crates.io-index`` repository) or its sparse index on the ecosystem's
    own ``index.`` host. Nothing is fetched; the identifiers only tell its crates from another
    registry's, which crates.io's advisories do not describe."""
    kind, _, url = source.partition("+")
    address = url.split("://", 1)[-1].rstrip("/")
    if kind == "registry":
        return address.endswith("/rust-lang/crates.io-index")
    return kind == "sparse" and address == f"index.{CRATES}"


def read_cargo_lock(path: Path, text: str) -> Inventory:
    """Dependencies of a Cargo.lock."""
    document = load_toml(path, text)
    inventory = Inventory(path=str(path), format="Cargo.lock")
    if "package" not in document.data and "metadata" not in document.data \
            and "version" not in document.data:
        raise InventoryError(f"{path}: not a Cargo lock (no [[package]] tables)")
    metadata = document.data.get("metadata")
    old_checksums = metadata if isinstance(metadata, dict) else {}
    for where, package, name, line in lock_packages(document, "package"):
        version = package.get("version")
        source = document.get(package, "source", str, "a string", where, line)
        if version is None:
            inventory.skip(line, name, "package without a version", unreadable=True)
            continue
        if source is None:
            inventory.skip(line, f"{name} {version}", "a member of the workspace itself")
            continue
        if source.startswith("git+"):
            url, _, commit = source.removeprefix("git+").partition("#")
            url = url.split("?", 1)[0]
            inventory.dependencies.append(Dependency(
                name=normalise_repository(url), version=version, source=str(path), line=line,
                ecosystem=GIT, repository_url=url, commit=commit.lower() or None, label=name))
            continue
        if not _from_crates_io(source):
            inventory.skip(line, f"{name} {version} ({source})", "crate from a registry other than "
                           "crates.io: no advisory data describes it", unsupported=True)
            continue
        checksum = document.get(package, "checksum", str, "a string", where, line) or \
            old_checksums.get(f"checksum {name} {version} ({source})")
        hashes = (f"sha256:{checksum}",) if isinstance(checksum, str) and _CHECKSUM.match(checksum) else ()
        inventory.dependencies.append(Dependency(
            name=normalise_name(CRATES, name), version=version, source=str(path), line=line,
            hashes=hashes, ecosystem=CRATES, label=name))
    return inventory

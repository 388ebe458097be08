"""Audit targets built from the Recommendation catalogue (or, without one, from folders)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from conformance.errors import RecbenchError
from conformance.files import read_bounded
from conformance.hygiene.audit import AuditTarget
from conformance.hygiene.inventory import MAX_INPUT_BYTES
from conformance.spec.catalog import Catalog, load_catalog
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import PathLocation


def targets_for(loaded: LoadedRecommendation, root: Path) -> list[AuditTarget]:
    """One target per distinct (location, lock, licence) of a Recommendation's implementations.

    Implementations that share a folder, lock and licence (e.g. the in-process and the process
    adapter of one reference) are audited once, under their joined names.
    """
    grouped: dict[tuple[str | None, str | None, str], list[str]] = {}
    for implementation in loaded.model.implementations:
        location = (implementation.location.path
                    if isinstance(implementation.location, PathLocation) else None)
        key = (location, implementation.lock, str(implementation.license))
        grouped.setdefault(key, []).append(implementation.name)
    targets = []
    for (location, lock, licence), names in grouped.items():
        targets.append(AuditTarget(
            name=", ".join(names), recommendation=loaded.model.id,
            lock=root / lock if lock else None,
            repository=root / location if location else None, licence=licence,
            scan_imports=location is not None))
    return targets


def catalog_targets(catalog: Catalog, identifier: str | None = None) -> list[AuditTarget]:
    """Targets of every Recommendation, or of the one ``identifier`` names (empty if none)."""
    chosen = catalog.recommendations
    if identifier is not None:
        found = catalog.find(identifier)
        chosen = [found] if found else []
    return [t for loaded in chosen for t in targets_for(loaded, catalog.root)]


def reference_folder_targets(root: Path) -> list[AuditTarget]:
    """Every package under reference_impl/ with its requirements.lock, catalogue or not."""
    licence = None
    try:
        raw = read_bounded(root / "pyproject.toml", MAX_INPUT_BYTES, follow_symlinks=False)
        project = tomllib.loads(raw.decode("utf-8"))
        table = project.get("project", {})
        value = table.get("license") if isinstance(table, dict) else None
        licence = value if isinstance(value, str) else None
    except (RecbenchError, ValueError, RecursionError):
        # no licence to check against: a missing, linked or broken pyproject is not this
        # function's business (TOMLDecodeError and UnicodeDecodeError are ValueErrors)
        pass
    targets: list[AuditTarget] = []
    packages = root / "reference_impl"
    if not packages.is_dir():  # a repository of Recommendations may keep no code at all
        return targets
    for folder in sorted(packages.iterdir()):
        if folder.is_dir() and (folder / "__init__.py").is_file():
            targets.append(AuditTarget(
                name=f"reference_impl/{folder.name}", lock=folder / "requirements.lock",
                repository=folder, licence=licence, scan_imports=True))
    return targets


def repository_targets(root: Path) -> list[AuditTarget]:
    """Catalogue targets plus reference packages no Recommendation names yet."""
    targets = catalog_targets(load_catalog(root))
    covered = {t.repository.resolve() for t in targets if t.repository is not None}
    extra = [t for t in reference_folder_targets(root)
             if t.repository is not None and t.repository.resolve() not in covered]
    return targets + extra

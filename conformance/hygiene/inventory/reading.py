"""Which reader reads a file, what a project folder holds, and one inventory out of them.

A file is read by the reader its name calls for; a name no reader claims is refused with the
list of supported formats, never guessed at (``Cargo.lock`` once went to the requirements
reader). A folder is searched, to a bounded depth, for every input: the most precise Python
input of each folder and every other ecosystem's lock. Pins that repeat are merged when
identical; two different pins of one Python requirement are refused, as pip refuses them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from conformance.hygiene.inventory.cargo_lock import read_cargo_lock
from conformance.hygiene.inventory.conan_vcpkg import read_conan_lock, read_vcpkg_manifest
from conformance.hygiene.inventory.git_submodules import read_gitmodules
from conformance.hygiene.inventory.go_modules import read_go_mod, read_go_sum
from conformance.hygiene.inventory.model import Dependency, Inventory, InventoryError, read_text
from conformance.hygiene.inventory.npm_lock import read_npm_lock
from conformance.hygiene.inventory.poetry_lock import read_poetry_lock
from conformance.hygiene.inventory.pylock import read_pylock
from conformance.hygiene.inventory.pyproject import read_pyproject
from conformance.hygiene.inventory.requirements import read_requirements
from conformance.hygiene.inventory.sbom import read_json_sbom
from conformance.hygiene.inventory.uv_lock import read_uv_lock
from conformance.hygiene.inventory.vendored import read_vendored

Reader = Callable[[Path, str], Inventory]

#: Python lock or manifest names looked for in a project folder, most precise first.
PROJECT_FILES = ("pylock.toml", "uv.lock", "poetry.lock", "requirements.lock",
                 "requirements.txt", "pyproject.toml")
#: Inputs of other ecosystems looked for in every folder (first of each group wins).
_OTHER_FILES: tuple[tuple[str, ...], ...] = (
    ("Cargo.lock",), ("go.mod", "go.sum"), ("npm-shrinkwrap.json", "package-lock.json"),
    (".gitmodules",), ("vendored.toml",), ("conan.lock",), ("vcpkg.json",))
_READERS: dict[str, Reader] = {
    "uv.lock": read_uv_lock, "poetry.lock": read_poetry_lock, "pyproject.toml": read_pyproject,
    "cargo.lock": read_cargo_lock, "go.mod": read_go_mod, "go.sum": read_go_sum,
    "package-lock.json": read_npm_lock, "npm-shrinkwrap.json": read_npm_lock,
    ".gitmodules": read_gitmodules, "vendored.toml": read_vendored,
    "conan.lock": read_conan_lock, "vcpkg.json": read_vcpkg_manifest,
}
#: Locks of tools recbench does not read: named, so the refusal says what the file is.
_FOREIGN = {"yarn.lock": "Yarn", "pnpm-lock.yaml": "pnpm", "bun.lockb": "Bun", "deno.lock": "Deno",
            "gemfile.lock": "Bundler", "composer.lock": "Composer", "pipfile.lock": "Pipenv",
            "packages.lock.json": "NuGet", "gradle.lockfile": "Gradle", "mix.lock": "Mix",
            "pubspec.lock": "pub", "package.resolved": "SwiftPM", "podfile.lock": "CocoaPods",
            "flake.lock": "Nix", "cabal.project.freeze": "Cabal", "renv.lock": "renv"}
SUPPORTED_FORMATS = ("requirements files (*.txt, *.in, *.lock), pylock.toml, uv.lock, poetry.lock, "
                     "pyproject.toml, Cargo.lock, go.mod, go.sum, package-lock.json, "
                     "npm-shrinkwrap.json, .gitmodules, vendored.toml, conan.lock, vcpkg.json, "
                     "CycloneDX or SPDX JSON")
_REQUIREMENTS_SUFFIXES = (".txt", ".in", ".lock", ".pip")
#: Folders a project search does not enter: other tools' installs, builds and caches.
_NOT_SEARCHED = frozenset(("node_modules", "target", "vendor", "__pycache__", "build", "dist",
                           "venv", "site-packages"))
MAX_SEARCH_DEPTH = 6
MAX_INPUTS = 256


def reader_for(path: Path) -> Reader:
    """The reader of ``path`` by its name; InventoryError for a format recbench does not read."""
    name = path.name.lower()
    if name == "pylock.toml" or (name.startswith("pylock.") and name.endswith(".toml")):
        return read_pylock
    if name in _READERS:
        return _READERS[name]
    if name in _FOREIGN:
        raise InventoryError(f"{path}: a {_FOREIGN[name]} lock, which recbench does not read "
                             f"(supported: {SUPPORTED_FORMATS})")
    if name.endswith(".json"):
        return read_json_sbom
    if name.endswith(".toml"):
        raise InventoryError(f"{path}: unknown TOML file (expected pylock.toml, uv.lock, "
                             f"poetry.lock, pyproject.toml or vendored.toml; supported: "
                             f"{SUPPORTED_FORMATS})")
    if name.endswith(_REQUIREMENTS_SUFFIXES) or name.startswith("requirements"):
        return _requirements_checked
    raise InventoryError(f"{path}: unknown lock format (supported: {SUPPORTED_FORMATS})")


def _requirements_checked(path: Path, text: str) -> Inventory:
    """A requirements file, unless its first line shows another format (TOML, JSON, YAML)."""
    first = next((line.strip() for line in text.splitlines()
                  if line.strip() and not line.lstrip().startswith("#")), "")
    if first.startswith(("[", "{")) or (first.endswith(":") and " " not in first) \
            or first.startswith(("version = ", "lockfileVersion")):
        raise InventoryError(f"{path}:1: not a requirements file (its first entry looks like "
                             f"TOML, JSON or YAML); supported: {SUPPORTED_FORMATS}")
    return read_requirements(path, text)


def find_project_file(folder: Path) -> Path:
    """The Python lock or manifest to read in a project folder."""
    for name in PROJECT_FILES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise InventoryError(f"{folder}: no lock or manifest found (looked for "
                         f"{', '.join(PROJECT_FILES)})")


def _folder_inputs(folder: Path) -> list[Path]:
    found: list[Path] = []
    python = next((folder / n for n in PROJECT_FILES if (folder / n).is_file()
                   or (folder / n).is_symlink()), None)
    if python is not None:
        found.append(python)
    for group in _OTHER_FILES:
        chosen = next((folder / n for n in group if (folder / n).is_file()
                       or (folder / n).is_symlink()), None)
        if chosen is not None:
            found.append(chosen)
    return found


def project_inputs(folder: Path) -> list[Path]:
    """Every input of a project folder and its subfolders (links and hidden folders not entered).

    Submodule and vendored folders are not searched: they are dependencies of the project,
    audited through its ``.gitmodules`` or ``vendored.toml``.
    """
    found: list[Path] = []
    for current, folders, _ in os.walk(folder, followlinks=False):
        here = Path(current)
        depth = len(here.relative_to(folder).parts)
        inputs = _folder_inputs(here)
        found.extend(inputs)
        excluded = _dependency_folders(here, inputs)
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in _NOT_SEARCHED
                            and depth < MAX_SEARCH_DEPTH and (here / f) not in excluded)
        if len(found) > MAX_INPUTS:
            raise InventoryError(f"{folder}: more than {MAX_INPUTS} locks and manifests; audit "
                                 "the projects one by one")
    return found


def _dependency_folders(here: Path, inputs: list[Path]) -> set[Path]:
    """Folders that hold dependencies (submodule and vendored paths), by a light reading."""
    folders: set[Path] = set()
    for path in inputs:
        if path.name not in (".gitmodules", "vendored.toml") or path.is_symlink():
            continue
        try:
            text = read_text(path)
        except InventoryError:
            continue
        for line in text.splitlines():
            key, _, value = line.partition("=")
            if key.strip() == "path" and value.strip():
                folders.add(here / value.strip().strip('"\''))
    return folders


def read_inventory(path: Path) -> Inventory:
    """Read dependencies from a lock, manifest, SBOM, or every input of a project folder."""
    if path.is_dir() and not path.is_symlink():
        inputs = project_inputs(path)
        if not inputs:
            raise InventoryError(f"{path}: no lock or manifest found (looked for "
                                 f"{', '.join(PROJECT_FILES)}, {SUPPORTED_FORMATS})")
        if len(inputs) == 1:
            return read_inventory(inputs[0])
        parts = [read_inventory(item) for item in inputs]
        combined = Inventory(path=str(path), format=" + ".join(p.format for p in parts))
        for part in parts:
            combined.dependencies.extend(part.dependencies)
            combined.skipped.extend(part.skipped)
        return combined
    reader = reader_for(path)
    inventory = reader(path, read_text(path))
    return _merged(inventory, strict=reader in (_requirements_checked, read_pyproject))


def _merged(inventory: Inventory, *, strict: bool) -> Inventory:
    """Identical repeated pins merged; conflicting pins of one requirement refused (``strict``)."""
    kept: dict[tuple[str, str, str | None, str | None, str | None], Dependency] = {}
    pins: dict[tuple[str, str, str | None], Dependency] = {}
    for dependency in inventory.dependencies:
        key = (dependency.ecosystem, dependency.name, dependency.version, dependency.commit,
               dependency.marker)
        if key in kept:
            continue
        held = pins.get((dependency.ecosystem, dependency.name, dependency.marker))
        if strict and held is not None and (held.version, held.specifier) != (
                dependency.version, dependency.specifier):
            raise InventoryError(
                f"{dependency.source}:{dependency.line}: {dependency.name} is required twice "
                f"with different pins ({held.version or held.specifier or 'any'} at line "
                f"{held.line}, {dependency.version or dependency.specifier or 'any'} here); "
                "keep one")
        pins.setdefault((dependency.ecosystem, dependency.name, dependency.marker), dependency)
        kept[key] = dependency
    inventory.dependencies = list(kept.values())
    return inventory

"""What an implementation declares it depends on, from locks, manifests and SBOMs of any language.

One module per input format (after pip-audit's ``_dependency_source``): Python
(:mod:`.requirements`, :mod:`.pylock`, :mod:`.uv_lock`, :mod:`.poetry_lock`, :mod:`.pyproject`),
Rust (:mod:`.cargo_lock`), Go (:mod:`.go_modules`), JavaScript (:mod:`.npm_lock`), C and C++
(:mod:`.git_submodules`, :mod:`.vendored`, :mod:`.conan_vcpkg`) and SBOMs of any ecosystem
(:mod:`.cyclonedx`, :mod:`.spdx`). :func:`read_inventory` picks the reader by file name and
refuses, naming the supported formats, a file it does not know; a folder is searched for every
input it holds.
"""

from __future__ import annotations

from conformance.hygiene.inventory.model import (
    MAX_INPUT_BYTES,
    Dependency,
    Inventory,
    InventoryError,
    SkippedEntry,
    excerpt,
)
from conformance.hygiene.inventory.reading import (
    PROJECT_FILES,
    SUPPORTED_FORMATS,
    find_project_file,
    project_inputs,
    read_inventory,
)
from conformance.hygiene.inventory.requirements import hash_problem

__all__ = [
    "MAX_INPUT_BYTES",
    "PROJECT_FILES",
    "SUPPORTED_FORMATS",
    "Dependency",
    "Inventory",
    "InventoryError",
    "SkippedEntry",
    "excerpt",
    "find_project_file",
    "hash_problem",
    "project_inputs",
    "read_inventory",
]

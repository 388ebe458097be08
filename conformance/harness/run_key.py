"""The content address of a run: what a run's verdicts depend on, hashed, for ``recbench check``'s cache.

A run's outcome is a function of recbench's own code, the Python running it, the Recommendation
file, the vector files (which carry the sha256 of each payload they use), the ICS and the
implementation's files. When all of those hash to a key under which a whole run passed, running
again cannot tell anything new, so the stored report answers.

The implementation's files are its ``location`` folder and the Python modules its adapter runs
(a target, ``python -m MODULE``, a script), each widened to the top-level package it lies in (a
package may import its siblings: G.727's reference uses G.726's). A run that executes anything
else (a program by name, an installed package, code outside the repository) has no key and is
never cached.
"""

from __future__ import annotations

import hashlib
import platform
import sys
from collections.abc import Iterator
from pathlib import Path

from conformance import __version__
from conformance.files import read_bounded
from conformance.harness.preparation import PreparedRun
from conformance.spec.adapter_settings import PythonSettings
from conformance.spec.python_targets import find_module
from conformance.spec.source import MAX_JSON_BYTES, MAX_YAML_BYTES
from conformance.spec.validation_cache import source_digest

_INTERPRETERS = {"python", "python3"}  # what an adapter's command means by the interpreter running recbench
_SKIPPED_FOLDERS = {"__pycache__", ".git", ".mypy_cache", ".pytest_cache", ".ruff_cache"}


def run_key(prepared: PreparedRun) -> str | None:
    """The hex sha256 a run's verdicts depend on, or None when the implementation cannot be hashed."""
    folders = _code_folders(prepared)
    if folders is None:
        return None
    digest = hashlib.sha256()

    def part(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    part("recbench", f"{__version__} {source_digest()}".encode())
    part("python", f"{sys.version} {platform.machine()} {sys.byteorder}".encode())
    part("recommendation", read_bounded(prepared.loaded.path, MAX_YAML_BYTES))
    for entry in prepared.entries:
        part(f"vectors {entry.id}", read_bounded(prepared.loaded.folder / entry.file, MAX_JSON_BYTES))
    part("ics", prepared.ics.model.model_dump_json().encode())
    repository = prepared.loaded.repository.resolve()
    for folder in folders:
        for path in _files(folder):
            if path.is_symlink():  # what it points to may change unseen
                return None
            part(f"file {path.relative_to(repository).as_posix()}", path.read_bytes())
    return digest.hexdigest()


def _code_folders(prepared: PreparedRun) -> list[Path] | None:
    """The folders (or single module files) holding the code a run executes, or None when unknown.

    The location, widened to its top-level package, and the top-level package of each Python
    module the adapter runs (a target, ``python -m MODULE``, a script); all inside the repository.
    """
    ics = prepared.ics
    repository = prepared.loaded.repository.resolve()
    found: list[Path] = []

    def add(path: Path) -> bool:
        path = _top_package(path.resolve())
        if path != repository and repository not in path.parents:
            return False  # installed or elsewhere: not ours to hash
        if path not in found:
            found.append(path)
        return True

    location = ics.resolve(ics.model.implementation.location)
    if not location.is_dir() or not add(location):
        return None
    settings = ics.model.adapter
    if isinstance(settings, PythonSettings):
        roots = [ics.resolve(entry) for entry in settings.python_path] or [ics.base]
        module = _module_path(settings.target.partition(":")[0], roots)
        return found if module is not None and add(module) else None
    lines = settings.command.values() if isinstance(settings.command, dict) else [settings.command]
    cwd = ics.resolve(settings.cwd)
    for line in lines:
        program, arguments = line[0], line[1:]
        if program in _INTERPRETERS:
            if arguments[:1] == ["-m"] and len(arguments) > 1:
                code = _module_path(arguments[1], [cwd])
            elif arguments and arguments[0].endswith(".py"):
                code = cwd / arguments[0]
            else:
                return None
        else:
            code = cwd / program if "/" in program else None
        if code is None or not add(code):
            return None
    return found


def _module_path(name: str, roots: list[Path]) -> Path | None:
    """The file or package folder of the top-level package of the dotted module ``name``."""
    chain = find_module(name, roots)
    if not chain or chain[-1].origin is None:
        return None
    origin = Path(chain[-1].origin)
    return origin.parent if chain[-1].submodule_search_locations is not None else origin


def _top_package(path: Path) -> Path:
    """``path`` widened to the outermost Python package it lies in (a package imports its siblings)."""
    top = path
    while (top.parent / "__init__.py").is_file():
        top = top.parent
    return top


def _files(folder: Path) -> Iterator[Path]:
    """The files under ``folder`` (or the file itself) in a fixed order, caches left out; links not followed."""
    if not folder.is_dir() or folder.is_symlink():
        yield folder
        return
    for path in sorted(folder.iterdir()):
        if path.is_symlink():
            yield path
        elif path.is_dir():
            if path.name not in _SKIPPED_FOLDERS:
                yield from _files(path)
        elif path.is_file():
            yield path

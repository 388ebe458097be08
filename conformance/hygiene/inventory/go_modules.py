"""Go modules: ``go.mod`` (the build list, ``// indirect`` kept) with ``go.sum``'s hashes.

``go.mod`` of Go 1.17 and later lists every module of the build, and its ``replace``
directives say which module and version are really built; ``go.sum`` lists more than is
built (every version the resolver looked at), so on its own only the highest version of each
module with a content hash counts, and the audit says so in the format name. Versions keep
their ``v`` prefix; pseudo-versions (``v0.0.0-20210101000000-abcdef123456``) are SemVer
pre-releases and are compared as such.
"""

from __future__ import annotations

import re
from pathlib import Path

from conformance.hygiene.ecosystems import GO
from conformance.hygiene.inventory.model import Dependency, Inventory, InventoryError, read_text
from conformance.hygiene.osv import parse_semver

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|`[^`]*`|\S+')
_VERSION = re.compile(r"^v\d+\.\d+\.\d+")


def _tokens(line: str) -> tuple[list[str], str]:
    """The tokens of one go.mod line and its comment."""
    code, _, comment = line.partition("//")
    return [t.strip('"`') for t in _TOKEN.findall(code)], comment.strip()


def _directives(text: str) -> list[tuple[int, str, list[str], str]]:
    """(line, verb, arguments, comment) of every directive, blocks ``verb ( … )`` unfolded."""
    found: list[tuple[int, str, list[str], str]] = []
    block: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        tokens, comment = _tokens(raw)
        if not tokens:
            continue
        if block is not None:
            if tokens == [")"]:
                block = None
            else:
                found.append((number, block, tokens, comment))
            continue
        if len(tokens) == 2 and tokens[1] == "(":
            block = tokens[0]
            continue
        found.append((number, tokens[0], tokens[1:], comment))
    return found


def _sums(path: Path) -> dict[tuple[str, str], str]:
    """(module, version) -> the h1: hash of its content, from the go.sum beside ``path``."""
    sums: dict[tuple[str, str], str] = {}
    if not path.is_file() and not path.is_symlink():
        return sums
    for line in read_text(path).splitlines():
        parts = line.split()
        if len(parts) == 3 and not parts[1].endswith("/go.mod"):
            sums[(parts[0], parts[1])] = parts[2]
    return sums


def read_go_mod(path: Path, text: str) -> Inventory:
    """The modules a go.mod requires, after its replace directives, hashed from go.sum."""
    inventory = Inventory(path=str(path), format="go.mod")
    directives = _directives(text)
    if not any(verb == "module" for _, verb, _, _ in directives):
        raise InventoryError(f"{path}: not a go.mod file (no module directive)")
    sums = _sums(path.with_name("go.sum"))
    replaced: dict[tuple[str, str | None], tuple[str, str | None, int]] = {}
    for number, verb, arguments, _ in directives:
        if verb != "replace":
            continue
        if "=>" not in arguments:
            inventory.skip(number, " ".join(arguments), "replace directive without =>", unreadable=True)
            continue
        arrow = arguments.index("=>")
        old, new = arguments[:arrow], arguments[arrow + 1:]
        if not old or not new:
            inventory.skip(number, " ".join(arguments), "replace directive without a module",
                           unreadable=True)
            continue
        replaced[(old[0], old[1] if len(old) > 1 else None)] = (
            new[0], new[1] if len(new) > 1 else None, number)
    for number, verb, arguments, comment in directives:
        if verb != "require":
            continue
        if len(arguments) != 2 or not _VERSION.match(arguments[1]):
            inventory.skip(number, " ".join(arguments), "require without a module and version",
                           unreadable=True)
            continue
        module, version = arguments
        target = replaced.get((module, version)) or replaced.get((module, None))
        line = number
        if target is not None:
            module, new_version, line = target
            if new_version is None:  # a local folder: no release to audit
                inventory.skip(number, f"{arguments[0]} => {module}", "replaced by a local folder:"
                               " no release to audit")
                continue
            version = new_version
        indirect = "indirect" in comment.split(";")[0].split()
        digest = sums.get((module, version))
        inventory.dependencies.append(Dependency(
            name=module, version=version, source=str(path), line=line, ecosystem=GO,
            hashes=(digest,) if digest else (), direct=not indirect))
    return inventory


def read_go_sum(path: Path, text: str) -> Inventory:
    """go.sum: its go.mod when one is beside it, else the highest hashed version per module."""
    module_file = path.with_name("go.mod")
    if module_file.is_file() and not module_file.is_symlink():
        return read_go_mod(module_file, read_text(module_file))
    inventory = Inventory(path=str(path), format="go.sum (no go.mod: highest version per module)")
    best: dict[str, tuple[int, str, str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 3 or not parts[2].startswith("h1:") or not _VERSION.match(parts[1]):
            inventory.skip(number, line, "not a go.sum line (module version h1:hash)", unreadable=True)
            continue
        module, version, digest = parts
        if version.endswith("/go.mod"):
            continue
        held = best.get(module)
        order = parse_semver(version)
        if held is None or (order is not None and (parse_semver(held[1]) or order) < order):
            best[module] = (number, version, digest)
    for module, (number, version, digest) in best.items():
        inventory.dependencies.append(Dependency(
            name=module, version=version, source=str(path), line=number, ecosystem=GO,
            hashes=(digest,)))
    return inventory

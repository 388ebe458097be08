"""pip requirements files (and ``requirements.lock``): pins, hashes, includes, options."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from conformance.hygiene.inventory.model import Dependency, Inventory, InventoryError, read_text

_COMMENT = re.compile(r"(^|\s+)#.*$")
_IGNORED_OPTIONS = frozenset((
    "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--trusted-host",
    "--no-index", "--pre", "--prefer-binary", "--no-binary", "--only-binary",
    "--require-hashes", "--use-feature"))
# Options that may follow a requirement on its line without changing what is installed.
_PER_REQUIREMENT_OPTIONS = ("--config-settings", "--global-option", "--install-option")
#: The hash algorithms pip accepts with --hash, and their hex digest lengths.
HASH_LENGTHS = {"sha256": 64, "sha384": 96, "sha512": 128}
_HEX = re.compile(r"^[0-9a-fA-F]+$")
_LOCAL_OR_URL = re.compile(r"^(\.{0,2}/|[A-Za-z][A-Za-z0-9+.-]*://|~)|\.(whl|zip|tar\.gz|tgz)$")


def hash_problem(value: str) -> str | None:
    """Why ``value`` is not an 'algorithm:hex' digest pip would accept, or None."""
    algorithm, _, digest = value.partition(":")
    expected = HASH_LENGTHS.get(algorithm.lower())
    if expected is None:
        return f"hash {value!r}: the algorithm must be one of {', '.join(HASH_LENGTHS)}"
    if len(digest) != expected or not _HEX.match(digest):
        return f"hash {value!r}: a {algorithm} digest is {expected} hexadecimal digits"
    return None


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(first line number, line) with continuations joined, then comments removed (as pip)."""
    buffer: list[str] = []
    start = 0
    lines = text.splitlines()
    for number, raw in enumerate(lines, start=1):
        if not buffer:
            start = number
        stripped = raw.rstrip()
        if stripped.endswith("\\") and not _COMMENT.match(raw) and number < len(lines):
            buffer.append(stripped[:-1])
            continue
        buffer.append(stripped.removesuffix("\\"))
        joined = _COMMENT.sub("", "".join(buffer)).strip()
        buffer = []
        if joined:
            yield start, joined


def _option(tokens: list[str], short: str, long: str) -> tuple[bool, str | None]:
    """Whether the line starts with the option, and its value (None when it has none)."""
    head = tokens[0]
    if head in (short, long):
        return True, tokens[1] if len(tokens) > 1 else None
    if head.startswith(long + "="):
        return True, head[len(long) + 1:] or None
    if short and head.startswith(short) and not head.startswith("--"):
        return True, head[len(short):] or None
    return False, None


def read_requirements(path: Path, text: str) -> Inventory:
    inventory = Inventory(path=str(path), format="requirements")
    _read_requirement_lines(path, text, inventory, top=path.resolve().parent,
                            seen=frozenset({path.resolve()}))
    return inventory


def _read_requirement_lines(path: Path, text: str, inventory: Inventory, *, top: Path,
                            seen: frozenset[Path]) -> None:
    source = str(path)
    for number, line in _logical_lines(text):
        tokens = line.split()
        include, target = _option(tokens, "-r", "--requirement")
        if include:
            _follow_include(path, number, line, target, inventory, top=top, seen=seen)
            continue
        editable, _ = _option(tokens, "-e", "--editable")
        if editable:
            inventory.skip(number, line, "editable install: no release to audit", source=source)
            continue
        constraint, _ = _option(tokens, "-c", "--constraint")
        if constraint:
            inventory.skip(number, line, "constraints file not followed", source=source)
            continue
        if tokens[0].startswith("-"):
            if tokens[0].split("=")[0] not in _IGNORED_OPTIONS:
                inventory.skip(number, line, f"unknown option {tokens[0].split('=')[0]}",
                               unreadable=True, source=source)
            continue
        _read_requirement_line(source, number, line, tokens, inventory)


def _follow_include(path: Path, number: int, line: str, target: str | None,
                    inventory: Inventory, *, top: Path, seen: frozenset[Path]) -> None:
    source = str(path)
    if target is None:
        inventory.skip(number, line, "include without a file name", unreadable=True,
                       source=source)
        return
    if "://" in target:
        inventory.skip(number, line, "remote include not followed (audit offline; download it "
                       "and audit the file)", unreadable=True, source=source)
        return
    try:
        included = (path.parent / target).resolve()
    except (ValueError, OSError) as error:  # a NUL, an over-long name: no file has that name
        problem = "the path holds a NUL character" if isinstance(error, ValueError) else (
            error.strerror or str(error))
        inventory.skip(number, line[:200], f"cannot read include ({problem})", unreadable=True,
                       source=source)
        return
    if included in seen:
        inventory.skip(number, line, "include loop", source=source)
        return
    if not included.is_relative_to(top):
        # Reading anywhere on the machine would put other files' lines into reports.
        inventory.skip(number, line, "include outside the lock's folder not followed (audit "
                       "that file on its own)", unreadable=True, source=source)
        return
    try:
        nested_text = read_text(included)
    except InventoryError as error:
        reason = str(error).removeprefix(str(included)).lstrip(":0123456789 ")
        inventory.skip(number, line, f"cannot read include ({reason})", unreadable=True,
                       source=source)
        return
    _read_requirement_lines(included, nested_text, inventory, top=top, seen=seen | {included})


def _read_requirement_line(source: str, number: int, line: str, tokens: list[str],
                           inventory: Inventory) -> None:
    requirement_text: list[str] = []
    hashes: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token == "--hash" or token.startswith("--hash="):
            if token == "--hash":
                index += 1
                value = tokens[index] if index < len(tokens) else ""
            else:
                value = token.removeprefix("--hash=")
            problem = hash_problem(value)
            if problem is None:
                hashes.append(value)
            else:
                inventory.skip(number, f"--hash={value}", f"{problem}; the pin is audited "
                               "without it", unreadable=True, source=source)
        elif token.startswith("--") and token.split("=")[0] in _PER_REQUIREMENT_OPTIONS:
            if "=" not in token:
                index += 1  # the option's value
        elif token.startswith("-"):
            inventory.skip(number, line, f"unknown option {token.split('=')[0]}; the pin is "
                           "audited without it", unreadable=True, source=source)
        else:
            requirement_text.append(token)
        index += 1
    dependency = from_requirement(" ".join(requirement_text), source, number, inventory,
                                   hashes=tuple(hashes))
    if dependency is not None:
        inventory.dependencies.append(dependency)


def from_requirement(text: str, source: str, line: int | None, inventory: Inventory, *,
                      hashes: tuple[str, ...] = ()) -> Dependency | None:
    try:
        requirement = Requirement(text)
    except InvalidRequirement as error:
        if _LOCAL_OR_URL.search(text.split(";")[0].strip()):
            inventory.skip(line, text, "direct URL or local path: no release to audit",
                           source=source)
        else:
            inventory.skip(line, text, f"not a requirement: {error}", unreadable=True,
                           source=source)
        return None
    if requirement.url:
        inventory.skip(line, text, "direct URL reference: no release to audit", source=source)
        return None
    marker = str(requirement.marker) if requirement.marker else None
    specs = list(requirement.specifier)
    version = None
    if len(specs) == 1 and specs[0].operator in ("==", "===") and "*" not in specs[0].version:
        version = specs[0].version
    return Dependency(
        name=canonicalize_name(requirement.name), version=version, source=source, line=line,
        specifier=None if version else (str(requirement.specifier) or None), hashes=hashes,
        marker=marker)



"""What an implementation declares it depends on, read from its lock, pyproject or SBOM.

Names are normalised per PEP 503 and versions kept as written (compared later as PEP 440
versions). An entry that cannot be audited is reported as skipped, never dropped; a file whose
structure breaks its own format (a version written as a TOML or JSON number, a table where an
array belongs) is refused whole, with an error naming the file, line and field.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

from packageurl import PackageURL
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from conformance.errors import RecbenchError
from conformance.files import UnreadableFile, read_bounded
from conformance.spec.source import parse_json

#: Lock or manifest names looked for in a project folder, most precise first.
PROJECT_FILES = ("pylock.toml", "uv.lock", "poetry.lock", "requirements.lock",
                 "requirements.txt", "pyproject.toml")
#: Largest input read; real locks and SBOMs are far smaller.
MAX_INPUT_BYTES = 32 * 2**20


class InventoryError(RecbenchError, ValueError):
    """An input that cannot be read at all; the message names the file (and line, when known)."""


@dataclass(frozen=True, slots=True)
class Dependency:
    """One declared dependency."""

    name: str  # PEP 503 normalised
    version: str | None  # the exact pin, or None when not pinned
    source: str  # file the entry came from
    line: int | None = None
    specifier: str | None = None  # the constraint as written when not an exact pin
    hashes: tuple[str, ...] = ()  # "algorithm:hex"
    upload_time: datetime | None = None  # earliest upload of the pinned files, when the lock says
    licence: str | None = None  # SPDX expression, when the input says
    marker: str | None = None

    @property
    def pinned(self) -> bool:
        """True when the entry names exactly one version."""
        return self.version is not None


@dataclass(frozen=True, slots=True)
class SkippedEntry:
    """An entry of the input that was not audited, and why.

    ``unreadable`` marks entries that are broken or could not be read (a malformed line, an
    include that cannot be followed), as opposed to entries that are fine but have no release
    to audit (an editable install, a VCS source).
    """

    source: str
    line: int | None
    text: str
    reason: str
    unreadable: bool = False


@dataclass(slots=True)
class Inventory:
    """Everything read from one input file."""

    path: str
    format: str
    dependencies: list[Dependency] = field(default_factory=list)
    skipped: list[SkippedEntry] = field(default_factory=list)

    def skip(self, line: int | None, text: str, reason: str, *, unreadable: bool = False,
             source: str | None = None) -> None:
        """Record an entry that is not audited."""
        self.skipped.append(SkippedEntry(source or self.path, line, text, reason, unreadable))


def find_project_file(folder: Path) -> Path:
    """The lock or manifest to read in a project folder."""
    for name in PROJECT_FILES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise InventoryError(f"{folder}: no lock or manifest found (looked for "
                         f"{', '.join(PROJECT_FILES)})")


def _read_text(path: Path) -> str:
    """The file's text: a regular UTF-8 file of reasonable size, or InventoryError.

    A symbolic link is not followed: a lock committed as a link to ``/proc/self/environ`` (or
    anything outside the repository) would otherwise copy that file's lines into reports.
    """
    try:
        data = read_bounded(path, MAX_INPUT_BYTES, follow_symlinks=False)
    except UnreadableFile as error:
        raise InventoryError(f"{path}: {_reason(error)}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InventoryError(f"{path}:{line}: not UTF-8 text (byte {error.start})") from None


def _reason(error: UnreadableFile) -> str:
    """``read_bounded``'s reason in the words this module has always used."""
    reason = error.reason
    if reason == "file not found":
        return "no such file"
    if "over the limit" in reason:
        return f"larger than {MAX_INPUT_BYTES // 2**20} MiB"
    if "symbolic link" in reason:
        return "a symbolic link, not followed (audit the file it points to)"
    if reason.startswith("is "):  # a folder, FIFO, device or socket
        return "not a regular file"
    return reason


def read_inventory(path: Path) -> Inventory:
    """Read dependencies from a lock, manifest, SBOM or project folder."""
    if path.is_dir():
        path = find_project_file(path)
    text = _read_text(path)
    reader = _reader_for(path)
    return reader(path, text)


def _reader_for(path: Path) -> Callable[[Path, str], Inventory]:
    name = path.name.lower()
    if name == "pylock.toml" or (name.startswith("pylock.") and name.endswith(".toml")):
        return _read_pylock
    if name == "uv.lock":
        return _read_uv_lock
    if name == "poetry.lock":
        return _read_poetry_lock
    if name == "pyproject.toml":
        return _read_pyproject
    if name.endswith(".json"):
        return _read_json_sbom
    if name.endswith(".toml"):
        raise InventoryError(f"{path}: unknown TOML file (expected pylock.toml, uv.lock, "
                             "poetry.lock or pyproject.toml)")
    return _read_requirements


# --- requirements files -------------------------------------------------------------------

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


def _read_requirements(path: Path, text: str) -> Inventory:
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
        nested_text = _read_text(included)
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
    dependency = _from_requirement(" ".join(requirement_text), source, number, inventory,
                                   hashes=tuple(hashes))
    if dependency is not None:
        inventory.dependencies.append(dependency)


def _from_requirement(text: str, source: str, line: int | None, inventory: Inventory, *,
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


# --- structured inputs (TOML locks, JSON SBOMs) ---------------------------------------------

def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float | Decimal):
        return f"the number {value}"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, datetime | date):
        return "a date"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return "null" if value is None else type(value).__name__


class _Document:
    """A parsed TOML or JSON input with typed access that names file, line and field on error."""

    def __init__(self, path: Path, text: str, data: Mapping[str, Any]) -> None:
        self.path = path
        self.text = text
        self.data = data
        self.headers: dict[str, list[int]] = {}
        for number, raw in enumerate(text.splitlines(), start=1):
            match = re.match(r"^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]", raw)
            if match:
                self.headers.setdefault(match.group(1), []).append(number)

    def line_of(self, table: str, position: int | None, key: str | None = None) -> int | None:
        """Line of ``[[table]]`` number ``position`` (or of ``key`` inside it), when written so."""
        starts = self.headers.get(table, [])
        if position is None or position >= len(starts):
            return None
        start = starts[position]
        if key is None:
            return start
        lines = self.text.splitlines()
        for number in range(start + 1, len(lines) + 1):
            raw = lines[number - 1]
            if re.match(r"^\s*\[", raw):
                break
            if re.match(rf"^\s*\"?{re.escape(key)}\"?\s*=", raw):
                return number
        return start

    def fail(self, where: str, expected: str, value: object, line: int | None = None
             ) -> NoReturn:
        location = f"{self.path}:{line}" if line else str(self.path)
        raise InventoryError(f"{location}: {where}: expected {expected}, found {_kind(value)}")

    def get(self, table: Mapping[str, Any], key: str, kind: type | tuple[type, ...],
            expected: str, where: str, line: int | None = None) -> Any:
        """``table[key]`` if absent (None) or of ``kind``; anything else is an error."""
        value = table.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, kind)):
            self.fail(f"{where}.{key}" if where else key, expected, value, line)
        return value

    def tables(self, table: Mapping[str, Any], key: str, where: str, line: int | None = None
               ) -> list[dict[str, Any]]:
        """``table[key]`` as an array of tables (absent: empty)."""
        value = self.get(table, key, list, "an array of tables", where, line)
        for position, item in enumerate(value or []):
            if not isinstance(item, dict):
                self.fail(f"{where + '.' if where else ''}{key}[{position}]", "a table", item,
                          line)
        return list(value or [])


def _load_toml(path: Path, text: str) -> _Document:
    try:
        return _Document(path, text, tomllib.loads(text))
    except (ValueError, RecursionError) as error:
        # TOMLDecodeError is a ValueError; tomllib also lets plain ValueErrors out (an integer
        # past Python's digit limit) and recurses once per nested array ([[[[...]]]])
        raise InventoryError(f"{path}: not valid TOML ({_toml_problem(error)})") from None


def _toml_problem(error: ValueError | RecursionError) -> str:
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return str(error)[:300]


def _as_datetime(document: _Document, item: Mapping[str, Any], where: str,
                 line: int | None) -> datetime | None:
    value = item.get("upload-time")
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            document.fail(f"{where}.upload-time", "an RFC 3339 date-time", value, line)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    document.fail(f"{where}.upload-time", "a date-time", value, line)


def _earliest(times: list[datetime | None]) -> datetime | None:
    known = [t for t in times if t is not None]
    return min(known) if known else None


def _lock_packages(document: _Document, key: str) -> Iterator[tuple[str, dict[str, Any],
                                                                     str, int | None]]:
    """(field path, package table, normalised name, line) of each named package of a lock."""
    for position, package in enumerate(document.tables(document.data, key, "")):
        where = f"{key}[{position}]"
        line = document.line_of(key, position)
        name = document.get(package, "name", str, "a string", where,
                            document.line_of(key, position, "name"))
        if not name:
            document.fail(f"{where}.name", "a package name", name, line)
        for text_field in ("version", "marker"):
            document.get(package, text_field, str, "a string (quote versions: 1.10 is not "
                         "1.1)" if text_field == "version" else "a string", where,
                         document.line_of(key, position, text_field))
        yield where, package, name, document.line_of(key, position, "name")


def _read_pylock(path: Path, text: str) -> Inventory:
    document = _load_toml(path, text)
    inventory = Inventory(path=str(path), format="pylock")
    if "lock-version" not in document.data:
        raise InventoryError(f"{path}: not a PEP 751 lock (no 'lock-version')")
    for where, package, name, line in _lock_packages(document, "packages"):
        if "version" not in package:
            kind = next((k for k in ("vcs", "directory", "archive") if k in package), "source")
            inventory.skip(line, name, f"{kind} package without a version")
            continue
        files = [(f"{where}.wheels[{position}]", wheel) for position, wheel
                 in enumerate(document.tables(package, "wheels", where, line))]
        for single in ("sdist", "archive"):
            item = document.get(package, single, dict, "a table", where, line)
            if item is not None:
                files.append((f"{where}.{single}", item))
        hashes: list[str] = []
        for label, item in files:
            table = document.get(item, "hashes", dict, "a table of hashes", label, line) or {}
            for algorithm, digest in table.items():
                if not isinstance(digest, str):
                    document.fail(f"{label}.hashes.{algorithm}", "a string", digest, line)
                hashes.append(f"{algorithm}:{digest}")
        inventory.dependencies.append(Dependency(
            name=canonicalize_name(name), version=package["version"], source=str(path),
            line=line, hashes=tuple(hashes), marker=package.get("marker"),
            upload_time=_earliest([_as_datetime(document, f, label, line) for label, f in files])))
    return inventory


def _read_uv_lock(path: Path, text: str) -> Inventory:
    document = _load_toml(path, text)
    inventory = Inventory(path=str(path), format="uv.lock")
    for where, package, name, line in _lock_packages(document, "package"):
        source = document.get(package, "source", dict, "a table", where, line) or {}
        if "editable" in source or "virtual" in source:
            inventory.skip(line, name, "the project itself (editable/virtual)")
            continue
        if "version" not in package:
            inventory.skip(line, name, f"no version (source {dict(source)})")
            continue
        files = document.tables(package, "wheels", where, line)
        sdist = document.get(package, "sdist", dict, "a table", where, line)
        if sdist is not None:
            files.append(sdist)
        hashes = [document.get(f, "hash", str, "a string", where, line) for f in files]
        inventory.dependencies.append(Dependency(
            name=canonicalize_name(name), version=package["version"], source=str(path),
            line=line, hashes=tuple(h for h in hashes if h),
            upload_time=_earliest([_as_datetime(document, f, where, line) for f in files])))
    return inventory


def _read_poetry_lock(path: Path, text: str) -> Inventory:
    document = _load_toml(path, text)
    inventory = Inventory(path=str(path), format="poetry.lock")
    for where, package, name, line in _lock_packages(document, "package"):
        source = document.get(package, "source", dict, "a table", where, line) or {}
        source_type = source.get("type")
        if source_type in ("git", "directory", "file", "url"):
            inventory.skip(line, name, f"{source_type} source: no release to audit")
            continue
        if "version" not in package:
            inventory.skip(line, name, "no version", unreadable=True)
            continue
        files = document.tables(package, "files", where, line)
        hashes = [document.get(f, "hash", str, "a string", where, line) for f in files]
        inventory.dependencies.append(Dependency(
            name=canonicalize_name(name), version=package["version"], source=str(path),
            line=line, hashes=tuple(h for h in hashes if h)))
    return inventory


def _read_pyproject(path: Path, text: str) -> Inventory:
    document = _load_toml(path, text)
    inventory = Inventory(path=str(path), format="pyproject")
    project = document.data.get("project")
    if not isinstance(project, dict):
        raise InventoryError(f"{path}: no [project] table")
    entries = document.get(project, "dependencies", list, "an array of strings", "project")
    for position, entry in enumerate(entries or []):
        if not isinstance(entry, str):
            document.fail(f"project.dependencies[{position}]", "a string", entry)
        match = re.search(re.escape(entry), text)
        line = text.count("\n", 0, match.start()) + 1 if match else None
        dependency = _from_requirement(entry, str(path), line, inventory)
        if dependency is not None:
            inventory.dependencies.append(dependency)
    return inventory


# --- SBOMs ---------------------------------------------------------------------------------

def _pypi_from_purl(purl: str, inventory: Inventory) -> tuple[str, str | None] | None:
    try:
        parsed = PackageURL.from_string(purl)
    except ValueError as error:
        inventory.skip(None, purl, f"malformed purl: {error}", unreadable=True)
        return None
    if parsed.type != "pypi":
        inventory.skip(None, purl, f"not a PyPI package ({parsed.type})")
        return None
    return canonicalize_name(parsed.name), parsed.version


def _cyclonedx_licence(document: _Document, component: Mapping[str, Any], where: str
                       ) -> str | None:
    parts: list[str] = []
    for position, choice in enumerate(document.tables(component, "licenses", where)):
        if isinstance(choice.get("expression"), str):
            parts.append(choice["expression"])
        else:
            licence = document.get(choice, "license", dict, "an object",
                                   f"{where}.licenses[{position}]") or {}
            identifier = licence.get("id") or licence.get("name")
            if isinstance(identifier, str) and identifier:
                parts.append(identifier)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else " AND ".join(f"({p})" for p in parts)


def _hash_text(algorithm: object, digest: object) -> str | None:
    if not isinstance(algorithm, str) or not isinstance(digest, str) or not digest:
        return None
    return f"{algorithm.lower().replace('sha-', 'sha')}:{digest}"


def _read_json_sbom(path: Path, text: str) -> Inventory:
    try:
        # Numbers as decimals, so a version written 2.10 is reported as such, not as 2.1;
        # parse_json also refuses NaN, Infinity, duplicate keys and deep nesting, located
        data = parse_json(text, path, "RB302", parse_float=Decimal)
    except RecbenchError as error:
        where, problem = str(path), str(error)
        if error.diagnostics:
            first = error.diagnostics[0]
            where, problem = f"{path}:{first.line}:{first.column}", first.message
        raise InventoryError(f"{where}: not valid JSON ({problem})") from None
    if isinstance(data, dict) and data.get("bomFormat") == "CycloneDX":
        return _read_cyclonedx(_Document(path, "", data))
    if isinstance(data, dict) and str(data.get("spdxVersion", "")).startswith("SPDX-"):
        return _read_spdx(_Document(path, "", data))
    raise InventoryError(f"{path}: neither a CycloneDX nor an SPDX JSON document")


def _walk_components(document: _Document, table: Mapping[str, Any], where: str
                     ) -> Iterator[tuple[str, dict[str, Any]]]:
    for position, component in enumerate(document.tables(table, "components", where)):
        here = f"{where + '.' if where else ''}components[{position}]"
        yield here, component
        yield from _walk_components(document, component, here)


def _read_cyclonedx(document: _Document) -> Inventory:
    inventory = Inventory(path=str(document.path), format="cyclonedx")
    for where, component in _walk_components(document, document.data, ""):
        purl = document.get(component, "purl", str, "a string", where)
        version = document.get(component, "version", str, "a string", where)
        label = str(component.get("name") or component.get("bom-ref") or where)
        if purl is None:
            inventory.skip(None, label, "component without a purl: ecosystem unknown")
            continue
        identity = _pypi_from_purl(purl, inventory)
        if identity is None:
            continue
        name, purl_version = identity
        hashes = (_hash_text(h.get("alg"), h.get("content"))
                  for h in document.tables(component, "hashes", where))
        inventory.dependencies.append(Dependency(
            name=name, version=version or purl_version, source=str(document.path),
            hashes=tuple(h for h in hashes if h),
            licence=_cyclonedx_licence(document, component, where)))
    return inventory


_SPDX_UNKNOWN = ("NOASSERTION", "NONE", "")


def _read_spdx(document: _Document) -> Inventory:
    inventory = Inventory(path=str(document.path), format="spdx")
    for position, package in enumerate(document.tables(document.data, "packages", "")):
        where = f"packages[{position}]"
        label = str(package.get("name") or package.get("SPDXID") or where)
        version = document.get(package, "versionInfo", str, "a string", where)
        references = document.tables(package, "externalRefs", where)
        purls = [ref.get("referenceLocator") for ref in references
                 if ref.get("referenceType") == "purl"]
        if not purls or not isinstance(purls[0], str):
            inventory.skip(None, label, "package without a purl: ecosystem unknown")
            continue
        identity = _pypi_from_purl(purls[0], inventory)
        if identity is None:
            continue
        name, purl_version = identity
        hashes = (_hash_text(c.get("algorithm"), c.get("checksumValue"))
                  for c in document.tables(package, "checksums", where))
        licence = next((value for key in ("licenseConcluded", "licenseDeclared")
                        if isinstance(value := package.get(key), str)
                        and value not in _SPDX_UNKNOWN), None)
        inventory.dependencies.append(Dependency(
            name=name, version=version if version not in _SPDX_UNKNOWN else purl_version,
            source=str(document.path), hashes=tuple(h for h in hashes if h), licence=licence))
    return inventory

"""What an implementation declares it depends on, read from its lock, pyproject or SBOM.

Names are normalised per PEP 503 and versions kept as written (compared later as PEP 440
versions). Every entry that cannot be read or audited is reported as skipped, never dropped.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from packageurl import PackageURL
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

#: Lock or manifest names looked for in a project folder, most precise first.
PROJECT_FILES = ("pylock.toml", "uv.lock", "poetry.lock", "requirements.lock",
                 "requirements.txt", "pyproject.toml")


class InventoryError(ValueError):
    """An input that cannot be read at all; the message names the file."""


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
    """An entry of the input that was not audited, and why."""

    source: str
    line: int | None
    text: str
    reason: str


@dataclass(slots=True)
class Inventory:
    """Everything read from one input file."""

    path: str
    format: str
    dependencies: list[Dependency] = field(default_factory=list)
    skipped: list[SkippedEntry] = field(default_factory=list)


def find_project_file(folder: Path) -> Path:
    """The lock or manifest to read in a project folder."""
    for name in PROJECT_FILES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise InventoryError(f"{folder}: no lock or manifest found (looked for "
                         f"{', '.join(PROJECT_FILES)})")


def read_inventory(path: Path) -> Inventory:
    """Read dependencies from a lock, manifest, SBOM or project folder."""
    if path.is_dir():
        path = find_project_file(path)
    if not path.is_file():
        raise InventoryError(f"{path}: no such file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InventoryError(f"{path}: cannot read ({error})") from None
    reader = _reader_for(path, text)
    return reader(path, text)


def _reader_for(path: Path, text: str) -> Callable[[Path, str], Inventory]:
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
_IGNORED_OPTIONS = ("-i", "--index-url", "--extra-index-url", "-f", "--find-links",
                    "--trusted-host", "--no-index", "--pre", "--prefer-binary", "--no-binary",
                    "--only-binary", "--require-hashes", "--use-feature")


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(first line number, joined line) with continuations joined and comments removed."""
    buffer: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if not buffer:
            start = number
        line = _COMMENT.sub("", raw) if not raw.rstrip().endswith("\\") else raw
        if line.rstrip().endswith("\\"):
            buffer.append(line.rstrip()[:-1])
            continue
        buffer.append(line)
        joined = " ".join(part.strip() for part in buffer).strip()
        buffer = []
        if joined:
            yield start, joined
    if buffer:
        joined = " ".join(part.strip() for part in buffer).strip()
        if joined:
            yield start, joined


def _read_requirements(path: Path, text: str, _seen: frozenset[Path] = frozenset()
                       ) -> Inventory:
    inventory = Inventory(path=str(path), format="requirements")
    seen = _seen | {path.resolve()}
    for number, line in _logical_lines(text):
        tokens = line.split()
        head = tokens[0]
        if head in ("-r", "--requirement") or head.startswith(("-r", "--requirement=")):
            target = tokens[1] if head in ("-r", "--requirement") and len(tokens) > 1 else (
                head.split("=", 1)[1] if "=" in head else head[2:])
            included = (path.parent / target).resolve()
            if included in seen:
                inventory.skipped.append(SkippedEntry(str(path), number, line,
                                                      "include loop"))
                continue
            try:
                nested = _read_requirements(included, included.read_text(encoding="utf-8"), seen)
            except OSError as error:
                inventory.skipped.append(SkippedEntry(str(path), number, line,
                                                      f"cannot read include ({error.strerror})"))
                continue
            inventory.dependencies.extend(nested.dependencies)
            inventory.skipped.extend(nested.skipped)
            continue
        if head in ("-e", "--editable") or head.startswith("--editable="):
            inventory.skipped.append(SkippedEntry(str(path), number, line,
                                                  "editable install: no release to audit"))
            continue
        if head in ("-c", "--constraint") or head.startswith("--constraint="):
            inventory.skipped.append(SkippedEntry(str(path), number, line,
                                                  "constraints file not followed"))
            continue
        if head.startswith("-"):
            if head.split("=")[0] in _IGNORED_OPTIONS:
                continue
            inventory.skipped.append(SkippedEntry(str(path), number, line, "unknown option"))
            continue
        requirement_text: list[str] = []
        hashes: list[str] = []
        bad_option = None
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.startswith("--hash"):
                value = token.split("=", 1)[1] if "=" in token else (
                    tokens[index + 1] if index + 1 < len(tokens) else "")
                if "=" not in token:
                    index += 1
                if ":" not in value:
                    bad_option = f"hash {value!r} has no algorithm prefix"
                hashes.append(value)
            elif token.startswith("--"):
                pass  # per-requirement install options do not change what is installed
            else:
                requirement_text.append(token)
            index += 1
        if bad_option:
            inventory.skipped.append(SkippedEntry(str(path), number, line, bad_option))
            continue
        dependency = _from_requirement(" ".join(requirement_text), str(path), number,
                                       inventory, hashes=tuple(hashes))
        if dependency is not None:
            inventory.dependencies.append(dependency)
    return inventory


def _from_requirement(text: str, source: str, line: int | None, inventory: Inventory, *,
                      hashes: tuple[str, ...] = ()) -> Dependency | None:
    try:
        requirement = Requirement(text)
    except InvalidRequirement as error:
        inventory.skipped.append(SkippedEntry(source, line, text, f"not a requirement: {error}"))
        return None
    if requirement.url:
        inventory.skipped.append(SkippedEntry(source, line, text,
                                              "direct URL reference: no release to audit"))
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


# --- TOML locks ----------------------------------------------------------------------------

def _load_toml(path: Path, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InventoryError(f"{path}: not valid TOML ({error})") from None


def _as_datetime(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def _earliest(times: list[datetime | None]) -> datetime | None:
    known = [t for t in times if t is not None]
    return min(known) if known else None


def _line_of(text: str, pattern: str) -> int | None:
    match = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _read_pylock(path: Path, text: str) -> Inventory:
    data = _load_toml(path, text)
    inventory = Inventory(path=str(path), format="pylock")
    if "lock-version" not in data:
        raise InventoryError(f"{path}: not a PEP 751 lock (no 'lock-version')")
    for position, package in enumerate(data.get("packages") or []):
        if not isinstance(package, dict) or not isinstance(package.get("name"), str):
            inventory.skipped.append(SkippedEntry(str(path), None, f"packages[{position}]",
                                                  "package without a name"))
            continue
        name = package["name"]
        line = _line_of(text, rf'^name\s*=\s*"{re.escape(name)}"')
        if "version" not in package:
            kind = next((k for k in ("vcs", "directory", "archive") if k in package), "source")
            inventory.skipped.append(SkippedEntry(str(path), line, name,
                                                  f"{kind} package without a version"))
            continue
        files = list(package.get("wheels") or [])
        if isinstance(package.get("sdist"), dict):
            files.append(package["sdist"])
        if isinstance(package.get("archive"), dict):
            files.append(package["archive"])
        hashes: list[str] = []
        for item in files:
            for algorithm, digest in (item.get("hashes") or {}).items():
                hashes.append(f"{algorithm}:{digest}")
        inventory.dependencies.append(Dependency(
            name=canonicalize_name(name), version=str(package["version"]), source=str(path),
            line=line, hashes=tuple(hashes), marker=package.get("marker"),
            upload_time=_earliest([_as_datetime(f.get("upload-time")) for f in files])))
    return inventory


def _read_uv_lock(path: Path, text: str) -> Inventory:
    data = _load_toml(path, text)
    inventory = Inventory(path=str(path), format="uv.lock")
    for position, package in enumerate(data.get("package") or []):
        if not isinstance(package, dict) or not isinstance(package.get("name"), str):
            inventory.skipped.append(SkippedEntry(str(path), None, f"package[{position}]",
                                                  "package without a name"))
            continue
        name = package["name"]
        line = _line_of(text, rf'^name\s*=\s*"{re.escape(name)}"')
        source = package.get("source") or {}
        if "editable" in source or "virtual" in source:
            inventory.skipped.append(SkippedEntry(str(path), line, name,
                                                  "the project itself (editable/virtual)"))
            continue
        if "version" not in package:
            inventory.skipped.append(SkippedEntry(str(path), line, name,
                                                  f"no version (source {dict(source)})"))
            continue
        files = list(package.get("wheels") or [])
        if isinstance(package.get("sdist"), dict):
            files.append(package["sdist"])
        hashes = [str(f["hash"]) for f in files if isinstance(f, dict) and f.get("hash")]
        inventory.dependencies.append(Dependency(
            name=canonicalize_name(name), version=str(package["version"]), source=str(path),
            line=line, hashes=tuple(hashes),
            upload_time=_earliest([_as_datetime(f.get("upload-time")) for f in files])))
    return inventory


def _read_poetry_lock(path: Path, text: str) -> Inventory:
    data = _load_toml(path, text)
    inventory = Inventory(path=str(path), format="poetry.lock")
    for position, package in enumerate(data.get("package") or []):
        if not isinstance(package, dict) or not isinstance(package.get("name"), str):
            inventory.skipped.append(SkippedEntry(str(path), None, f"package[{position}]",
                                                  "package without a name"))
            continue
        name = package["name"]
        line = _line_of(text, rf'^name\s*=\s*"{re.escape(name)}"')
        source_type = (package.get("source") or {}).get("type")
        if source_type in ("git", "directory", "file", "url"):
            inventory.skipped.append(SkippedEntry(str(path), line, name,
                                                  f"{source_type} source: no release to audit"))
            continue
        if "version" not in package:
            inventory.skipped.append(SkippedEntry(str(path), line, name, "no version"))
            continue
        hashes = [str(f["hash"]) for f in package.get("files") or []
                  if isinstance(f, dict) and f.get("hash")]
        inventory.dependencies.append(Dependency(
            name=canonicalize_name(name), version=str(package["version"]), source=str(path),
            line=line, hashes=tuple(hashes)))
    return inventory


def _read_pyproject(path: Path, text: str) -> Inventory:
    data = _load_toml(path, text)
    inventory = Inventory(path=str(path), format="pyproject")
    project = data.get("project")
    if not isinstance(project, dict):
        raise InventoryError(f"{path}: no [project] table")
    for entry in project.get("dependencies") or []:
        line = _line_of(text, re.escape(json.dumps(entry)))
        dependency = _from_requirement(str(entry), str(path), line, inventory)
        if dependency is not None:
            inventory.dependencies.append(dependency)
    return inventory


# --- SBOMs ---------------------------------------------------------------------------------

def _pypi_from_purl(purl: str, source: str, inventory: Inventory
                    ) -> tuple[str, str | None] | None:
    try:
        parsed = PackageURL.from_string(purl)
    except ValueError as error:
        inventory.skipped.append(SkippedEntry(source, None, purl, f"malformed purl: {error}"))
        return None
    if parsed.type != "pypi":
        inventory.skipped.append(SkippedEntry(source, None, purl,
                                              f"not a PyPI package ({parsed.type})"))
        return None
    return canonicalize_name(parsed.name), parsed.version


def _cyclonedx_licence(component: Mapping[str, Any]) -> str | None:
    parts: list[str] = []
    for choice in component.get("licenses") or []:
        if not isinstance(choice, dict):
            continue
        if isinstance(choice.get("expression"), str):
            parts.append(choice["expression"])
        elif isinstance(choice.get("license"), dict):
            identifier = choice["license"].get("id") or choice["license"].get("name")
            if identifier:
                parts.append(str(identifier))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else " AND ".join(f"({p})" for p in parts)


def _walk_components(components: list[Any]) -> Iterator[dict[str, Any]]:
    for component in components:
        if isinstance(component, dict):
            yield component
            yield from _walk_components(component.get("components") or [])


_HASH_NAMES = {"SHA-256": "sha256", "SHA256": "sha256", "SHA-384": "sha384", "SHA384": "sha384",
               "SHA-512": "sha512", "SHA512": "sha512", "SHA-1": "sha1", "SHA1": "sha1",
               "MD5": "md5"}


def _read_json_sbom(path: Path, text: str) -> Inventory:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InventoryError(f"{path}: not valid JSON ({error})") from None
    if isinstance(data, dict) and data.get("bomFormat") == "CycloneDX":
        return _read_cyclonedx(path, data)
    if isinstance(data, dict) and str(data.get("spdxVersion", "")).startswith("SPDX-"):
        return _read_spdx(path, data)
    raise InventoryError(f"{path}: neither a CycloneDX nor an SPDX JSON document")


def _read_cyclonedx(path: Path, data: dict[str, Any]) -> Inventory:
    inventory = Inventory(path=str(path), format="cyclonedx")
    for component in _walk_components(data.get("components") or []):
        purl = component.get("purl")
        label = str(component.get("name") or component.get("bom-ref") or "?")
        if not isinstance(purl, str):
            inventory.skipped.append(SkippedEntry(str(path), None, label,
                                                  "component without a purl: ecosystem unknown"))
            continue
        identity = _pypi_from_purl(purl, str(path), inventory)
        if identity is None:
            continue
        name, purl_version = identity
        version = component.get("version") or purl_version
        hashes = tuple(f"{_HASH_NAMES.get(str(h.get('alg')).upper(), str(h.get('alg')).lower())}"
                       f":{h.get('content')}" for h in component.get("hashes") or []
                       if isinstance(h, dict) and h.get("content"))
        inventory.dependencies.append(Dependency(
            name=name, version=str(version) if version else None, source=str(path),
            hashes=hashes, licence=_cyclonedx_licence(component)))
    return inventory


def _read_spdx(path: Path, data: dict[str, Any]) -> Inventory:
    inventory = Inventory(path=str(path), format="spdx")
    for package in data.get("packages") or []:
        if not isinstance(package, dict):
            continue
        label = str(package.get("name") or package.get("SPDXID") or "?")
        purls = [ref.get("referenceLocator") for ref in package.get("externalRefs") or []
                 if isinstance(ref, dict) and ref.get("referenceType") == "purl"]
        if not purls:
            inventory.skipped.append(SkippedEntry(str(path), None, label,
                                                  "package without a purl: ecosystem unknown"))
            continue
        identity = _pypi_from_purl(str(purls[0]), str(path), inventory)
        if identity is None:
            continue
        name, purl_version = identity
        version = package.get("versionInfo") or purl_version
        hashes = tuple(
            f"{_HASH_NAMES.get(str(c.get('algorithm')).upper(), str(c.get('algorithm')).lower())}"
            f":{c.get('checksumValue')}"
            for c in package.get("checksums") or [] if isinstance(c, dict))
        licence = None
        for key in ("licenseConcluded", "licenseDeclared"):
            value = package.get(key)
            if isinstance(value, str) and value not in ("NOASSERTION", "NONE", ""):
                licence = value
                break
        inventory.dependencies.append(Dependency(
            name=name, version=str(version) if version else None, source=str(path),
            hashes=hashes, licence=licence))
    return inventory

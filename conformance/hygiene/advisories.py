"""The local, offline advisory database: OSV records in SQLite, imported from dumps.

One SQLite file holds the advisories and, in other tables, the package-index cache
(see :mod:`conformance.hygiene.index`). Imports run in one transaction each.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name
from packaging.version import Version
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from conformance.errors import RecbenchError
from conformance.files import UnreadableFile, read_bounded
from conformance.hygiene.cvss import CvssError, CvssScore, score_vector
from conformance.hygiene.download import DownloadError, fetch
from conformance.hygiene.ecosystems import ECOSYSTEMS, GIT, PYPI, normalise_name, normalise_repository
from conformance.hygiene.findings import Severity
from conformance.hygiene.git_ranges import CommitGraph, entry_git_verdict
from conformance.hygiene.locations import default_database_path, embedded_snapshots
from conformance.hygiene.osv import entry_verdict, listed_versions, parse_pep440
from conformance.hygiene.urls import redact_url
from conformance.spec.source import check_yaml_events

#: 2: names normalised per ecosystem (not PEP 503 for all), GIT ranges indexed by repository.
SCHEMA_VERSION = "2"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY, location TEXT NOT NULL, description TEXT NOT NULL,
    imported_at TEXT NOT NULL, records INTEGER NOT NULL, skipped INTEGER NOT NULL,
    newest_modified TEXT);
CREATE TABLE IF NOT EXISTS advisories (
    id TEXT PRIMARY KEY, source_id INTEGER NOT NULL, modified TEXT, published TEXT,
    withdrawn TEXT, summary TEXT, details TEXT, aliases TEXT NOT NULL, severity TEXT NOT NULL,
    refs TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS affected (
    advisory_id TEXT NOT NULL, ecosystem TEXT NOT NULL, name TEXT NOT NULL, entry TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS affected_by_package ON affected (ecosystem, name);
CREATE INDEX IF NOT EXISTS affected_by_advisory ON affected (advisory_id);
CREATE TABLE IF NOT EXISTS releases (
    index_url TEXT NOT NULL, name TEXT NOT NULL, fetched_at TEXT NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (index_url, name));
CREATE TABLE IF NOT EXISTS core_metadata (
    index_url TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL, fetched_at TEXT NOT NULL,
    body TEXT, PRIMARY KEY (index_url, name, version));
"""

_PURL_NAME = re.compile(r"^pkg:pypi[/:]([^@?#]+)", re.IGNORECASE)


class AdvisoryImportError(RecbenchError, ValueError):
    """An import source that cannot be read at all (the message names it)."""


@dataclass(frozen=True, slots=True)
class Advisory:
    """One OSV record, reduced to what the audit reports."""

    id: str
    aliases: tuple[str, ...]
    summary: str
    details: str
    published: str | None
    modified: str | None
    cvss_vectors: tuple[str, ...]
    references: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AdvisoryMatch:
    """An advisory that affects a given package version."""

    advisory: Advisory
    fixed_in: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Vulnerability:
    """Advisories for one package version merged by alias (PYSEC/GHSA/CVE shown once)."""

    id: str
    aliases: tuple[str, ...]
    summary: str
    fixed_in: tuple[str, ...]
    cvss_vector: str | None
    cvss_score: float | None
    severity: Severity | None
    references: tuple[str, ...]
    published: str | None


@dataclass(frozen=True, slots=True)
class Assessment:
    """What the advisories say of one package version.

    ``unevaluated`` lists (advisory id, reason) for advisories naming the package that could
    not be decided for this version (a range or version that cannot be read), so that an
    audit can say so instead of passing them over in silence.
    """

    vulnerabilities: list[Vulnerability]
    unevaluated: list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """One import into the database."""

    location: str
    description: str
    imported_at: str
    records: int
    skipped: int
    newest_modified: str | None


@dataclass(frozen=True, slots=True)
class DatabaseStatus:
    """What the database holds: counts, the newest advisory date and every import."""

    path: str
    records: int
    withdrawn: int
    packages: int
    newest_modified: str | None
    sources: tuple[SourceStatus, ...]
    cached_packages: int
    #: The oldest date among the imports that still supply advisories (see data_date).
    current_as_of: str | None = None

    @property
    def data_date(self) -> str | None:
        """Date (YYYY-MM-DD) of the data: every import still in use is at least this recent.

        With one import this is its newest advisory modification; with several (the embedded
        PyPI, Go, crates.io and OSS-Fuzz snapshots) it is the oldest of their dates, so that a
        fresh dump of one ecosystem does not make an old one of another look current.
        """
        stamp = self.current_as_of or self.newest_modified
        return stamp[:10] if stamp else None


@dataclass(slots=True)
class ImportResult:
    """Outcome of one import."""

    location: str
    records: int = 0
    skipped: list[str] = field(default_factory=list)
    newest_modified: str | None = None
    #: Records whose 'modified' lay in the future, clamped to the import time (id, as written).
    clamped: list[str] = field(default_factory=list)


#: Caps on what an import reads: one record file, a zip's uncompressed total, a download.
MAX_RECORD_BYTES = 16 * 2**20
MAX_ARCHIVE_BYTES = 1024 * 2**20
MAX_DOWNLOAD_BYTES = 512 * 2**20
_RECORD_SUFFIXES = (".json", ".yaml", ".yml")
_TIMESTAMP = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$")


def _read_json(data: bytes, origin: str) -> Any:
    # Numbers stay text: a version written as 1.10 must not become the float 1.1.
    try:
        return json.loads(data, parse_float=str, parse_int=str)
    except (ValueError, RecursionError) as error:  # JSONDecodeError, UnicodeDecodeError, deep nesting
        raise ValueError(f"{origin}: not valid JSON ({error})") from None


def _read_yaml(data: bytes, origin: str) -> Any:
    # The base loader keeps every scalar a string, for the same reason as above.
    try:
        text = data.decode("utf-8")
        check_yaml_events(text, Path(origin), complex_keys=True)  # depth, aliases, expansion
        return YAML(typ="base").load(text)
    except RecbenchError as error:
        raise ValueError(f"{origin}: not valid YAML ({error.diagnostics[0].message})") from None
    except (YAMLError, ValueError, RecursionError) as error:
        raise ValueError(f"{origin}: not valid YAML ({error})") from None


def _records_in(data: bytes, origin: str) -> list[Any]:
    loaded = _read_yaml(data, origin) if origin.endswith((".yaml", ".yml")) else _read_json(
        data, origin)
    return loaded if isinstance(loaded, list) else [loaded]


def _zip_records(data: bytes | Path, origin: str, skipped: list[str]
                 ) -> Iterator[tuple[str, Any]]:
    """Records of every JSON/YAML member, within the size caps (a zip bomb is refused)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (zipfile.BadZipFile, OSError) as error:
        raise AdvisoryImportError(f"{origin}: not a valid zip archive ({error})") from None
    budget = MAX_ARCHIVE_BYTES
    with archive:
        for info in archive.infolist():
            member = f"{origin}!{info.filename}"
            if info.is_dir() or not info.filename.endswith(_RECORD_SUFFIXES):
                continue
            if info.file_size > MAX_RECORD_BYTES:
                skipped.append(f"{member}: larger than {MAX_RECORD_BYTES // 2**20} MiB")
                continue
            try:
                # The declared size may lie: read one byte past the cap to know.
                with archive.open(info) as stream:
                    body = stream.read(MAX_RECORD_BYTES + 1)
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError,
                    EOFError) as error:
                skipped.append(f"{member}: cannot be extracted ({error})")
                continue
            if len(body) > MAX_RECORD_BYTES:
                skipped.append(f"{member}: larger than {MAX_RECORD_BYTES // 2**20} MiB")
                continue
            budget -= len(body)
            if budget < 0:
                raise AdvisoryImportError(f"{origin}: more than {MAX_ARCHIVE_BYTES // 2**20} MiB"
                                          " of records once uncompressed")
            try:
                for record in _records_in(body, member):
                    yield member, record
            except ValueError as error:
                skipped.append(str(error))


def _read_capped(path: Path) -> bytes:
    try:
        return read_bounded(path, MAX_RECORD_BYTES)
    except UnreadableFile as error:
        if "over the limit" in error.reason:
            raise ValueError(f"{path}: larger than {MAX_RECORD_BYTES // 2**20} MiB") from None
        raise ValueError(f"{path}: cannot read ({error.reason})") from None


def _iter_source(path: Path, skipped: list[str]) -> Iterator[tuple[str, Any]]:
    """(origin, record) pairs from a directory, a zip, or a single JSON/YAML file."""
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix in _RECORD_SUFFIXES:
                try:
                    for record in _records_in(_read_capped(child), str(child)):
                        yield str(child), record
                except ValueError as error:
                    skipped.append(str(error))
        return
    if not path.is_file():
        raise AdvisoryImportError(f"{path}: not a regular file")
    try:
        with path.open("rb") as handle:
            zipped = handle.read(4).startswith(b"PK")
    except OSError as error:
        raise AdvisoryImportError(f"{path}: cannot read ({error.strerror})") from None
    if zipped:
        yield from _zip_records(path, str(path), skipped)
        return
    try:
        records = _records_in(_read_capped(path), str(path))
    except ValueError as error:
        raise AdvisoryImportError(str(error)) from None
    for record in records:
        yield str(path), record


def normalise_timestamp(value: object) -> str | None:
    """An RFC 3339 timestamp as UTC 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (comparable as text), or None."""
    match = _TIMESTAMP.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    day, clock, fraction, zone = match.groups()
    if zone in "Zz" and day[:4] != "0000":
        # the common case, already in UTC: only the fields' ranges need checking
        try:
            datetime.fromisoformat(f"{day}T{clock}")
        except ValueError:
            return None
        return f"{day}T{clock}.{(fraction or '0')[:6]:0<6}Z"
    text = f"{day}T{clock}.{(fraction or '0')[:6]:0<6}{'+00:00' if zone in 'Zz' else zone}"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    moment = moment.astimezone(UTC)
    # the year written with four digits: strftime drops the zeros of year 1 (Go's "no date")
    return f"{moment.year:04d}" + moment.strftime("-%m-%dT%H:%M:%S.%fZ")


def _string_list(value: object) -> list[str] | None:
    """The value if it is a list of strings (absent counts as empty), else None."""
    if value is None:
        return []
    # Checking the set of item types is several times faster than a generator on long lists.
    if isinstance(value, list) and set(map(type, value)) <= {str}:
        return value
    return None


def _record_problem(record: Any) -> str | None:
    """Why ``record`` is not a usable OSV record, or None."""
    if not isinstance(record, dict) or not isinstance(record.get("id"), str) \
            or not record["id"].strip():
        return "not an OSV record (no 'id')"
    for key in ("aliases", "related"):
        if _string_list(record.get(key)) is None:
            return f"{record['id']}: '{key}' is not a list of strings"
    if not isinstance(record.get("affected") or [], list):
        return f"{record['id']}: 'affected' is not a list"
    return None


def _entry_problem(entry: Any, position: int) -> str | None:
    """Why one ``affected`` entry cannot be evaluated, or None."""
    where = f"affected[{position}]"
    if not isinstance(entry, dict) or not isinstance(entry.get("package"), dict):
        return f"{where}: an entry without a package"
    if _string_list(entry.get("versions")) is None:
        return f"{where}.versions: not a list of strings"
    ranges = entry.get("ranges") or []
    if not isinstance(ranges, list):
        return f"{where}.ranges: not a list"
    for index, rng in enumerate(ranges):
        if not isinstance(rng, dict) or not isinstance(rng.get("events"), list):
            return f"{where}.ranges[{index}]: not an object with a list of events"
    return None


def _package_name(package: Mapping[str, Any], ecosystem: str = PYPI) -> str | None:
    name = package.get("name")
    if isinstance(name, str) and name.strip():
        return normalise_name(ecosystem, name)
    # Some real records carry only a (sometimes malformed) purl.
    purl = package.get("purl")
    if isinstance(purl, str):
        match = _PURL_NAME.match(purl)
        if match:
            return canonicalize_name(match.group(1))
    return None


def _cvss_vectors(record: Mapping[str, Any]) -> list[str]:
    vectors: list[str] = []
    blocks = [record.get("severity") or []]
    blocks += [a.get("severity") or [] for a in record.get("affected") or [] if isinstance(a, dict)]
    for block in blocks:
        for item in block if isinstance(block, list) else []:
            if isinstance(item, dict) and str(item.get("type", "")).startswith("CVSS_"):
                vectors.append(str(item.get("score", "")))
    return list(dict.fromkeys(v for v in vectors if v))


class OsvDatabase:
    """OSV advisories in one SQLite file (also home of the package-index cache)."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(self.path, isolation_level=None)
            self.connection.execute("PRAGMA journal_mode=WAL")
            # WAL with NORMAL sync keeps the file consistent on a crash (a last commit may be lost)
            self.connection.execute("PRAGMA synchronous=NORMAL")
            self.connection.executescript(_SCHEMA)
            row = self.connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None:
                self.connection.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,))
            elif row[0] < SCHEMA_VERSION:
                self._migrate()
        except (sqlite3.DatabaseError, OSError) as error:
            raise AdvisoryImportError(f"{self.path}: not a usable database ({error})") from None
        self._by_package: dict[tuple[str, str], list[tuple[Advisory, dict[str, Any]]]] = {}
        self._graphs: dict[str, tuple[CommitGraph | None, str | None]] = {}
        # the parsed versions lists of the cached entries, by the entry's identity (cleared
        # with the entries, so an id is never reused while its entry is held)
        self._listed: dict[tuple[int, str], frozenset[Any]] = {}
        self._dates: dict[str, tuple[int, str | None]] | None = None

    def _migrate(self) -> None:
        """Bring a version 1 store to version 2: per-ecosystem names and the GIT index rows."""
        connection = self.connection
        rows = connection.execute("SELECT rowid, advisory_id, ecosystem, entry FROM affected"
                                  " WHERE ecosystem != ? AND ecosystem != ?", (PYPI, GIT)).fetchall()
        connection.execute("BEGIN IMMEDIATE")
        try:
            for rowid, identifier, ecosystem, text in rows:
                entry = json.loads(text)
                name = _package_name(entry.get("package") or {}, ecosystem)
                if name is not None:
                    connection.execute("UPDATE affected SET name = ? WHERE rowid = ?", (name, rowid))
                connection.executemany(
                    "INSERT INTO affected (advisory_id, ecosystem, name, entry) VALUES (?, ?, ?, ?)",
                    [(identifier, GIT, repo, text) for repo in _git_repositories(entry)])
            connection.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION,))
            connection.execute("COMMIT")
        except BaseException:
            _rollback(connection)
            raise

    @classmethod
    def open_default(cls, path: Path | str | None = None, *, seed: bool = True) -> OsvDatabase:
        """Open the configured database, seeding an empty one from the embedded snapshot."""
        database = cls(path if path is not None else default_database_path())
        if seed and database.is_empty():
            database.import_embedded()
        return database

    def close(self) -> None:
        """Close the SQLite connection."""
        self.connection.close()

    def __enter__(self) -> OsvDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def is_empty(self) -> bool:
        """True when no advisory has been imported."""
        row = self.connection.execute("SELECT 1 FROM advisories LIMIT 1").fetchone()
        return row is None

    # --- import ---------------------------------------------------------------------------

    def import_embedded(self) -> ImportResult:
        """Import the snapshots shipped with recbench (PyPI, Go, crates.io, OSS-Fuzz)."""
        total = ImportResult(location="embedded")
        for snapshot in embedded_snapshots():
            result = self.import_path(snapshot.path, description=snapshot.description,
                                      location=f"embedded:{snapshot.path.name}",
                                      data_date=snapshot.data_date)
            total.records += result.records
            total.skipped += result.skipped
            total.clamped += result.clamped
            if result.newest_modified and (total.newest_modified or "") < result.newest_modified:
                total.newest_modified = result.newest_modified
        return total

    def import_source(self, source: str | Path, *, timeout: float = 60.0) -> ImportResult:
        """Import from a directory, a JSON/YAML file, a zip, or an http(s) URL of one of those."""
        text = str(source)
        if "://" in text:
            return self._import_url(text, timeout)
        path = Path(text)
        if not path.exists():
            raise AdvisoryImportError(f"{path}: no such file or directory")
        return self.import_path(path, description=f"imported from {path.name}",
                                location=str(path.resolve()))

    def _import_url(self, url: str, timeout: float) -> ImportResult:
        shown = redact_url(url)
        try:
            answer = fetch(url, timeout=timeout, max_bytes=MAX_DOWNLOAD_BYTES,
                           deadline=10 * timeout)
        except DownloadError as error:
            raise AdvisoryImportError(str(error)) from None
        skipped: list[str] = []
        records: Iterable[tuple[str, Any]]
        if answer.body.startswith(b"PK"):
            records = _zip_records(answer.body, shown, skipped)  # streamed into the transaction
        elif "html" in answer.content_type:
            raise AdvisoryImportError(f"{shown}: the server answered {answer.content_type}, "
                                      "not OSV JSON/YAML or a zip of it")
        else:
            try:
                records = [(shown, r) for r in _records_in(answer.body, shown)]
            except ValueError as error:
                raise AdvisoryImportError(str(error)) from None
        return self._store(records, skipped, description=f"downloaded from {shown}",
                           location=shown)

    def import_path(self, path: Path, *, description: str, location: str,
                    data_date: str | None = None) -> ImportResult:
        """Import every OSV record found at ``path`` in one transaction.

        ``data_date`` (YYYY-MM-DD) is the date of the dump when its records do not carry one
        (Go's records leave ``modified`` unset until they are published).
        """
        skipped: list[str] = []
        return self._store(_iter_source(path, skipped), skipped, description=description,
                           location=location, data_date=data_date)

    def _store(self, records: Iterable[tuple[str, Any]], skipped: list[str], *,
               description: str, location: str, data_date: str | None = None) -> ImportResult:
        """Write the usable records in one transaction; a newer copy already held is kept.

        Records are streamed: read, checked and written in chunks inside the one transaction,
        so an import's memory does not grow with the dump (a failure anywhere rolls it all
        back). Of two copies of one id the later ``modified`` wins, as the OSV schema says.
        """
        result = ImportResult(location=location, skipped=skipped)
        now = normalise_timestamp(datetime.now(UTC).isoformat()) or ""
        connection = self.connection
        # Stores written by earlier versions hold 'modified' as the records gave it.
        held = {identifier: normalise_timestamp(modified) for identifier, modified
                in connection.execute("SELECT id, modified FROM advisories")}
        written: dict[str, str] = {}
        replaced: set[str] = set()
        pending: dict[str, tuple[tuple[Any, ...], list[tuple[str, str, str, str]]]] = {}

        def flush(source_id: int) -> None:
            # only a record held before, or taken twice, has affected rows to replace
            connection.executemany("DELETE FROM affected WHERE advisory_id = ?",
                                   [(identifier,) for identifier in pending if identifier in held
                                    or identifier in replaced])
            connection.executemany(
                "INSERT OR REPLACE INTO advisories (id, source_id, modified, published, withdrawn,"
                " summary, details, aliases, severity, refs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(row[0], source_id, *row[1:]) for row, _ in pending.values()])
            connection.executemany(
                "INSERT INTO affected (advisory_id, ecosystem, name, entry) VALUES (?, ?, ?, ?)",
                [item for _, rows in pending.values() for item in rows])
            pending.clear()

        connection.execute("BEGIN IMMEDIATE")
        try:
            cursor = connection.execute(
                "INSERT INTO sources (location, description, imported_at, records, skipped,"
                " newest_modified) VALUES (?, ?, ?, 0, 0, NULL)",
                (location, description, datetime.now(UTC).isoformat(timespec="seconds")))
            source_id = cursor.lastrowid or 0
            for origin, record in records:
                problem = _record_problem(record)
                if problem is not None:
                    result.skipped.append(f"{origin}: {problem}")
                    continue
                identifier = record["id"]
                modified = normalise_timestamp(record.get("modified"))
                if modified is not None and modified > now:
                    # a date in the future would make the whole data look fresh for years
                    result.clamped.append(f"{identifier} (modified {record.get('modified')})")
                    modified = now
                if identifier in written:
                    if (modified or "") < written[identifier]:
                        continue  # an earlier copy of a record already taken from this import
                    replaced.add(identifier)
                    if identifier in pending:
                        flush(source_id)
                elif identifier in held and (modified or "") < (held[identifier] or ""):
                    result.skipped.append(f"{origin}: {identifier} is older than the copy held "
                                          f"(modified {held[identifier]})")
                    continue
                else:
                    result.records += 1
                written[identifier] = modified or ""
                if modified is not None and (result.newest_modified is None
                                             or modified > result.newest_modified):
                    result.newest_modified = modified
                pending[identifier] = self._rows(origin, identifier, record, modified, result)
                if len(pending) >= 2000:
                    flush(source_id)
            flush(source_id)
            dated = normalise_timestamp(f"{data_date}T00:00:00Z") if data_date else None
            if dated is not None and (result.newest_modified or "") < dated:
                result.newest_modified = dated
            connection.execute("UPDATE sources SET records = ?, skipped = ?, newest_modified = ?"
                               " WHERE id = ?", (result.records, len(result.skipped),
                                                 result.newest_modified, source_id))
            connection.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            _rollback(connection)
            if "full" in str(error).lower():
                raise AdvisoryImportError(f"{self.path}: disk full while writing the advisory "
                                          "database; nothing was imported (free space and import "
                                          "again)") from None
            raise AdvisoryImportError(f"{self.path}: cannot write the advisory database "
                                      f"({error}); nothing was imported") from None
        except BaseException:
            _rollback(connection)
            raise
        self._by_package.clear()
        self._listed.clear()
        self._dates = None
        return result

    @staticmethod
    def _rows(origin: str, identifier: str, record: dict[str, Any], modified: str | None,
              result: ImportResult) -> tuple[tuple[Any, ...], list[tuple[str, str, str, str]]]:
        """The advisory row of one record and its affected rows (unusable entries skipped)."""
        references = record.get("references")
        advisory = (
            identifier, modified, record.get("published"), record.get("withdrawn"),
            str(record.get("summary") or ""), str(record.get("details") or ""),
            _encode(record.get("aliases") or []), _encode(_cvss_vectors(record)),
            _encode([str(r.get("url")) for r in references if isinstance(r, dict) and r.get("url")]
                    if isinstance(references, list) else []))
        affected: list[tuple[str, str, str, str]] = []
        for position, entry in enumerate(record.get("affected") or []):
            problem = _entry_problem(entry, position)
            ecosystem = str(entry["package"].get("ecosystem") or "").split(":")[0] \
                if problem is None else ""
            name = _package_name(entry["package"], ecosystem) if problem is None else None
            if problem is None and name is None:
                problem = f"affected[{position}].package: no name"
            if problem is not None or name is None:
                result.skipped.append(f"{origin}: {identifier}: {problem}")
                continue
            text = _encode(entry)
            affected.append((identifier, ecosystem, name, text))
            affected.extend((identifier, GIT, repo, text) for repo in _git_repositories(entry))
        return advisory, affected

    # --- queries --------------------------------------------------------------------------

    def status(self) -> DatabaseStatus:
        """Counts, newest modification date and the list of imports."""
        c = self.connection
        records, withdrawn, newest = c.execute(
            "SELECT COUNT(*), COUNT(withdrawn), MAX(modified) FROM advisories").fetchone()
        (packages,) = c.execute("SELECT COUNT(DISTINCT name) FROM affected").fetchone()
        (cached,) = c.execute("SELECT COUNT(*) FROM releases").fetchone()
        sources = tuple(
            SourceStatus(location=row[0], description=row[1], imported_at=row[2], records=row[3],
                         skipped=row[4], newest_modified=row[5])
            for row in c.execute("SELECT location, description, imported_at, records, skipped,"
                                 " newest_modified FROM sources ORDER BY id"))
        dates = [row[0] for row in c.execute(
            "SELECT s.newest_modified FROM sources AS s WHERE s.newest_modified IS NOT NULL AND"
            " EXISTS (SELECT 1 FROM advisories AS a WHERE a.source_id = s.id)")]
        return DatabaseStatus(path=self.path, records=records, withdrawn=withdrawn,
                              packages=packages, newest_modified=newest, sources=sources,
                              cached_packages=cached, current_as_of=min(dates, default=None))

    def _entries_for(self, ecosystem: str, name: str) -> list[tuple[Advisory, dict[str, Any]]]:
        key = (ecosystem, name)
        cached = self._by_package.get(key)
        if cached is not None:
            return cached
        rows = self.connection.execute(
            "SELECT a.id, a.aliases, a.summary, a.details, a.published, a.modified, a.severity,"
            " a.refs, f.entry FROM affected AS f JOIN advisories AS a ON a.id = f.advisory_id"
            " WHERE f.ecosystem = ? AND f.name = ? AND a.withdrawn IS NULL", key).fetchall()
        entries = [
            (Advisory(id=r[0], aliases=tuple(json.loads(r[1])), summary=r[2], details=r[3],
                      published=r[4], modified=r[5], cvss_vectors=tuple(json.loads(r[6])),
                      references=tuple(json.loads(r[7]))), json.loads(r[8]))
            for r in rows
        ]
        self._by_package[key] = entries
        return entries

    def matches(self, name: str, version: str, *, ecosystem: str = PYPI) -> list[AdvisoryMatch]:
        """Every non-withdrawn advisory whose affected entries cover ``name`` at ``version``."""
        return self._evaluate(name, version, ecosystem)[0]

    def _evaluate(self, name: str, version: str, ecosystem: str
                  ) -> tuple[list[AdvisoryMatch], dict[str, str]]:
        known = ECOSYSTEMS.get(ecosystem)
        parse = known.parse_version if known else None
        order = {PYPI: "PEP 440"}.get(ecosystem, f"{ecosystem} (SemVer)" if parse else ecosystem)
        found: list[AdvisoryMatch] = []
        undecided: dict[str, str] = {}
        for advisory, entry in self._entries_for(ecosystem, normalise_name(ecosystem, name)):
            key = (id(entry), ecosystem)
            listed = self._listed.get(key)
            if listed is None:
                listed = self._listed[key] = listed_versions(entry, parse)
            verdict = entry_verdict(entry, version, parse, order, listed)
            if verdict.affected:
                found.append(AdvisoryMatch(advisory=advisory, fixed_in=verdict.fixed_in))
            elif verdict.skipped_ranges:
                undecided.setdefault(advisory.id, "; ".join(verdict.skipped_ranges))
        for match in found:
            undecided.pop(match.advisory.id, None)
        return found, undecided

    def still_affecting(self, name: str, version: str, identifiers: set[str], *,
                        ecosystem: str = PYPI) -> set[str]:
        """Which of the advisories ``identifiers`` (ids, as the records give them) cover
        ``name`` at ``version``: only their entries are evaluated (for remediation)."""
        known = ECOSYSTEMS.get(ecosystem)
        parse = known.parse_version if known else None
        found: set[str] = set()
        for advisory, entry in self._entries_for(ecosystem, normalise_name(ecosystem, name)):
            if advisory.id in identifiers and advisory.id not in found:
                key = (id(entry), ecosystem)
                listed = self._listed.get(key)
                if listed is None:
                    listed = self._listed[key] = listed_versions(entry, parse)
                if entry_verdict(entry, version, parse, ecosystem, listed).affected:
                    found.add(advisory.id)
        return found

    def vulnerabilities(self, name: str, version: str, *, ecosystem: str = PYPI
                        ) -> list[Vulnerability]:
        """The advisories affecting ``name`` at ``version``, merged by alias."""
        return merge_by_alias(self.matches(name, version, ecosystem=ecosystem))

    def assess(self, name: str, version: str, *, ecosystem: str = PYPI) -> Assessment:
        """The merged vulnerabilities of ``name`` at ``version``, and what could not be decided."""
        found, undecided = self._evaluate(name, version, ecosystem)
        return Assessment(vulnerabilities=merge_by_alias(found),
                          unevaluated=sorted(undecided.items()))

    def graph(self, history: str | None) -> tuple[CommitGraph | None, str | None]:
        """The commit graph of a local clone (opened once per database), or why there is none."""
        if history is None:
            return None, None
        if history not in self._graphs:
            self._graphs[history] = CommitGraph.open(Path(history))
        return self._graphs[history]

    def assess_commit(self, repository: str, commit: str | None, version: str | None, *,
                      history: str | None = None, shown_as: str | None = None) -> Assessment:
        """What the GIT ranges (and versions lists) of every ecosystem say of a repository's commit.

        ``repository`` is normalised (:func:`~conformance.hygiene.ecosystems.normalise_repository`);
        ``history`` is a local clone whose commit graph decides the ranges; without one, or
        without the commit, an advisory that cannot be decided is listed as unevaluated with
        the reason, never passed over.
        """
        graph, problem = self.graph(history)
        name = shown_as or repository
        found: list[AdvisoryMatch] = []
        undecided: dict[str, str] = {}
        tags = graph.tags_at(commit) if graph is not None and commit else []
        for advisory, entry in self._entries_for(GIT, repository):
            listed = {str(v) for v in entry.get("versions") or []}
            names = {n for n in (version, *tags) if n}
            names |= {n.removeprefix("v") for n in names} | {f"v{n}" for n in names}
            if listed & names:
                found.append(AdvisoryMatch(advisory=advisory, fixed_in=()))
                continue
            if commit is None:
                undecided.setdefault(advisory.id, f"cannot evaluate: {name} declares version "
                                     f"{version} but no commit, and the advisory gives commit ranges")
                continue
            verdicts = entry_git_verdict(entry, commit, graph, repository, normalise_repository, name)
            hit = next((v for v in verdicts if v.affected), None)
            if hit is not None:
                found.append(AdvisoryMatch(advisory=advisory, fixed_in=tuple(
                    f"commit {f[:12]}" for f in hit.fixed_in)))
            elif any(v.affected is None for v in verdicts):
                reason = next(v.reason for v in verdicts if v.affected is None)
                if problem and graph is None:
                    reason = f"{reason} ({problem})"
                undecided.setdefault(advisory.id, reason or "cannot evaluate")
        for match in found:
            undecided.pop(match.advisory.id, None)
        return Assessment(vulnerabilities=merge_by_alias(found),
                          unevaluated=sorted(undecided.items()))

    def ecosystem_dates(self) -> dict[str, tuple[int, str | None]]:
        """Per ecosystem: how many advisories name it, and the date of its data.

        The date is the newest ``modified`` (or ``published``, for records such as Go's that
        leave ``modified`` unset) of the import that brought most of the ecosystem's
        advisories: a few records of other dumps that mention the ecosystem must not make an
        old dump of it look current.
        """
        if self._dates is None:
            best: dict[str, tuple[int, int, str | None]] = {}
            for ecosystem, count, newest, published, dump in self.connection.execute(
                    "SELECT f.ecosystem, COUNT(DISTINCT a.id), MAX(a.modified), MAX(a.published),"
                    " s.newest_modified FROM affected AS f JOIN advisories AS a ON a.id = f.advisory_id"
                    " LEFT JOIN sources AS s ON s.id = a.source_id"
                    " WHERE a.withdrawn IS NULL GROUP BY f.ecosystem, a.source_id"):
                total = best.get(ecosystem, (0, 0, None))[0] + count
                stamp = max(filter(None, (newest, normalise_timestamp(published), dump)), default=None)
                held = best.get(ecosystem)
                if held is None or count > held[1]:
                    best[ecosystem] = (total, count, stamp)
                else:
                    best[ecosystem] = (total, held[1], held[2])
            self._dates = {ecosystem: (total, stamp) for ecosystem, (total, _, stamp) in best.items()}
        return self._dates


#: The encoder of stored JSON (records are trees: no cycle to check for).
_encode = json.JSONEncoder(check_circular=False, separators=(",", ":")).encode


def _rollback(connection: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open (SQLite ends one itself on a full disk)."""
    if connection.in_transaction:
        connection.execute("ROLLBACK")


def _git_repositories(entry: Mapping[str, Any]) -> list[str]:
    """The normalised repositories of an entry's GIT ranges (each once)."""
    found: list[str] = []
    for rng in entry.get("ranges") or []:
        if isinstance(rng, dict) and rng.get("type") == GIT and isinstance(rng.get("repo"), str):
            found.append(normalise_repository(rng["repo"]))
    return list(dict.fromkeys(found))


_ID_PREFERENCE = ("PYSEC-", "RUSTSEC-", "GO-", "GHSA-", "OSV-", "CVE-")


def _preference(identifier: str) -> tuple[int, str]:
    for rank, prefix in enumerate(_ID_PREFERENCE):
        if identifier.startswith(prefix):
            return rank, identifier
    return len(_ID_PREFERENCE), identifier


def _version_order(text: str) -> tuple[int, Version | str]:
    parsed = parse_pep440(text)
    return (0, parsed) if parsed is not None else (1, text)


def merge_by_alias(matches: Iterable[AdvisoryMatch]) -> list[Vulnerability]:
    """Group matches whose ids or aliases overlap; one Vulnerability per group."""
    items = list(matches)
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for index, match in enumerate(items):
        for identifier in (match.advisory.id, *match.advisory.aliases):
            if identifier in owner:
                parent[root(index)] = root(owner[identifier])
            else:
                owner[identifier] = index
    groups: dict[int, list[AdvisoryMatch]] = {}
    for index, match in enumerate(items):
        groups.setdefault(root(index), []).append(match)
    merged: list[Vulnerability] = []
    for members in groups.values():
        identifiers = {m.advisory.id for m in members}
        for m in members:
            identifiers.update(m.advisory.aliases)
        primary = min((m.advisory.id for m in members), key=_preference)
        fixes = {fix for m in members for fix in m.fixed_in}
        best: CvssScore | None = None
        for m in members:
            for vector in m.advisory.cvss_vectors:
                try:
                    scored = score_vector(vector)
                except CvssError:
                    continue
                if best is None or scored.score > best.score:
                    best = scored
        severity: Severity | None = None
        if best is not None:
            severity = Severity.INFO if best.severity == "none" else Severity(best.severity)
        summary = next((m.advisory.summary for m in members if m.advisory.summary), "")
        if not summary:
            details = next((m.advisory.details for m in members if m.advisory.details), "")
            summary = details.strip().splitlines()[0][:200] if details.strip() else ""
        published = min((m.advisory.published for m in members if m.advisory.published),
                        default=None)
        merged.append(Vulnerability(
            id=primary,
            aliases=tuple(sorted(identifiers - {primary}, key=_preference)),
            summary=summary,
            fixed_in=tuple(sorted(fixes, key=_version_order)),
            cvss_vector=best.vector if best else None,
            cvss_score=best.score if best else None,
            severity=severity,
            references=tuple(dict.fromkeys(r for m in members for r in m.advisory.references)),
            published=published,
        ))
    merged.sort(key=lambda v: _preference(v.id))
    return merged

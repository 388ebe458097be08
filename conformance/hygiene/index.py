"""Release history from a package index's simple JSON API (PEP 691 / PEP 700), cached.

The index URL comes only from configuration: an explicit ``--index-url``, ``RECBENCH_INDEX_URL``,
``PIP_INDEX_URL`` or pip's configuration files; no host is written here. Answers are cached
in the hygiene database with their fetch time, so an offline audit uses the cache and reports
its age.
"""

from __future__ import annotations

import configparser
import email.parser
import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    parse_sdist_filename,
    parse_wheel_filename,
)

from conformance.hygiene.advisories import OsvDatabase
from conformance.hygiene.download import Download, DownloadError, fetch
from conformance.hygiene.urls import redact_url

SIMPLE_JSON = "application/vnd.pypi.simple.v1+json"
INDEX_ENV = "RECBENCH_INDEX_URL"
MAX_PAGE_BYTES = 64 * 2**20
MAX_METADATA_BYTES = 16 * 2**20


class IndexFetchError(RuntimeError):
    """The index could not be reached or did not answer with PEP 691 JSON."""


@dataclass(frozen=True, slots=True)
class IndexSetting:
    """The index URL in use (None when none is configured) and where it came from."""

    url: str | None
    origin: str


def pip_config_files(environ: Mapping[str, str]) -> list[Path]:
    """pip's configuration files in the order pip reads them (later ones win)."""
    if environ.get("PIP_CONFIG_FILE") == os.devnull:
        return []
    xdg_dirs = environ.get("XDG_CONFIG_DIRS", "/etc/xdg").split(os.pathsep)
    files = [Path(d) / "pip" / "pip.conf" for d in xdg_dirs if d] + [Path("/etc/pip.conf")]
    home = Path(environ.get("HOME", str(Path.home())))
    config_home = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
    files += [home / ".pip" / "pip.conf", config_home / "pip" / "pip.conf"]
    files.append(Path(sys.prefix) / "pip.conf")
    if environ.get("PIP_CONFIG_FILE"):
        files.append(Path(environ["PIP_CONFIG_FILE"]))
    return files


def resolve_index_url(explicit: str | None = None, environ: Mapping[str, str] | None = None,
                      config_files: Sequence[Path] | None = None) -> IndexSetting:
    """Choose the index URL: explicit, then RECBENCH_INDEX_URL, PIP_INDEX_URL, pip config."""
    env = os.environ if environ is None else environ
    if explicit:
        return IndexSetting(explicit, "--index-url")
    for name in (INDEX_ENV, "PIP_INDEX_URL"):
        if env.get(name):
            return IndexSetting(env[name], name)
    found: IndexSetting | None = None
    for path in pip_config_files(env) if config_files is None else config_files:
        if not path.is_file():
            continue
        parser = configparser.ConfigParser()
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, OSError, UnicodeDecodeError):
            continue
        for section in ("global", "install"):
            if parser.has_option(section, "index-url"):
                found = IndexSetting(parser.get(section, "index-url").strip(),
                                     f"pip configuration ({path.name}, [{section}])")
    return found or IndexSetting(None, "no index configured")


@dataclass(frozen=True, slots=True)
class Release:
    """One version on the index: earliest upload, whether every file is yanked, its files."""

    version: str
    upload_time: datetime | None
    yanked: bool
    yanked_reason: str | None
    metadata_urls: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReleaseHistory:
    """Every release of one package, as the index listed it at ``fetched_at``."""

    name: str
    index_url: str
    fetched_at: datetime
    releases: dict[str, Release] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CoreMetadata:
    """The fields of a distribution's METADATA that the audit uses."""

    classifiers: tuple[str, ...]
    license_expression: str | None
    license: str | None


def _version_of(filename: str) -> str | None:
    try:
        if filename.endswith(".whl"):
            return str(parse_wheel_filename(filename)[1])
        if filename.endswith((".tar.gz", ".zip", ".tar.bz2")):
            return str(parse_sdist_filename(filename)[1])
    except (InvalidWheelFilename, InvalidSdistFilename):
        return None
    return None


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def page_problem(body: object) -> str | None:
    """Why ``body`` is not a PEP 691 project page this client can read, or None."""
    if not isinstance(body, Mapping):
        return "not a JSON object"
    meta = body.get("meta")
    version = str(meta.get("api-version", "1.0")) if isinstance(meta, Mapping) else "1.0"
    if version.split(".")[0] != "1":
        # PEP 629: a client must not guess at a major version it does not know.
        return f"simple API version {version}, this client reads 1.x"
    if not isinstance(body.get("files"), list):
        return "no 'files' list"
    if not isinstance(body.get("versions", []), list):
        return "'versions' is not a list"
    return None


def parse_project_page(name: str, index_url: str, body: Mapping[str, Any], fetched_at: datetime
                       ) -> ReleaseHistory:
    """Turn a PEP 691 project page into a release history (entries it cannot read are left out)."""
    page_url = _join(index_url, canonicalize_name(name)) if index_url else ""
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    files = body.get("files")
    for item in files if isinstance(files, list) else []:
        if not isinstance(item, Mapping) or not isinstance(item.get("filename"), str):
            continue
        version = _version_of(item["filename"])
        if version is not None:
            grouped.setdefault(version, []).append(item)
    releases: dict[str, Release] = {}
    for version, entries in grouped.items():
        times = [t for t in (_parse_time(f.get("upload-time")) for f in entries) if t is not None]
        yanked_flags = [f.get("yanked", False) for f in entries]
        all_yanked = bool(yanked_flags) and all(flag not in (False, None) for flag in yanked_flags)
        reason = next((str(flag) for flag in yanked_flags if isinstance(flag, str) and flag), None)
        metadata = tuple(
            urljoin(page_url, f["url"]) + ".metadata" for f in entries
            if isinstance(f.get("url"), str)
            and (f.get("core-metadata") or f.get("dist-info-metadata")))
        releases[version] = Release(version=version, upload_time=min(times) if times else None,
                                    yanked=all_yanked, yanked_reason=reason if all_yanked else None,
                                    metadata_urls=metadata)
    # PEP 700 lists versions that may have no files left; keep them, without dates.
    listed = body.get("versions")
    for version in listed if isinstance(listed, list) else []:
        releases.setdefault(str(version), Release(version=str(version), upload_time=None,
                                                  yanked=False, yanked_reason=None))
    return ReleaseHistory(name=canonicalize_name(name), index_url=index_url,
                          fetched_at=fetched_at, releases=releases)


def _join(base: str, *parts: str) -> str:
    return base.rstrip("/") + "/" + "/".join(p.strip("/") for p in parts) + "/"


def _with_credentials(url: str, index_url: str) -> str:
    """``url`` with the index URL's credentials when both are on the same origin."""
    index, target = urlsplit(index_url), urlsplit(url)
    if index.username is None or target.username is not None or (
            target.scheme, target.hostname, target.port) != (
            index.scheme, index.hostname, index.port):
        return url
    return urlunsplit(target._replace(netloc=index.netloc))


class PackageIndex:
    """Release histories from the configured index, through the database's cache."""

    def __init__(self, database: OsvDatabase, setting: IndexSetting, *, offline: bool = True,
                 timeout: float = 20.0, max_age: timedelta = timedelta(hours=24)) -> None:
        self.database = database
        self.setting = setting
        self.offline = offline
        self.timeout = timeout
        self.max_age = max_age
        self.errors: list[str] = []

    @property
    def cache_key(self) -> str:
        """The index URL the cache is keyed on ('' when none is configured)."""
        return redact_url(self.setting.url or "").rstrip("/")

    def _get(self, url: str, accept: str, max_bytes: int) -> Download:
        try:
            return fetch(url, accept=accept, timeout=self.timeout, max_bytes=max_bytes)
        except DownloadError as error:
            raise IndexFetchError(str(error)) from None

    def fetch(self, name: str) -> ReleaseHistory:
        """Fetch one project page from the index and cache it (only once it reads as PEP 691)."""
        if self.setting.url is None:
            raise IndexFetchError("no package index configured (use --index-url, "
                                  f"{INDEX_ENV}, PIP_INDEX_URL or pip's configuration)")
        normalised = canonicalize_name(name)
        url = _join(self.setting.url, normalised)
        shown = redact_url(url)
        answer = self._get(url, SIMPLE_JSON, MAX_PAGE_BYTES)
        if "json" not in answer.content_type:
            raise IndexFetchError(f"{shown}: the index answered {answer.content_type or 'no type'}"
                                  ", not the PEP 691 JSON form")
        try:
            page = json.loads(answer.body)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise IndexFetchError(f"{shown}: invalid JSON ({error})") from None
        problem = page_problem(page)
        if problem is not None:
            raise IndexFetchError(f"{shown}: not a PEP 691 project page ({problem})")
        fetched_at = datetime.now(UTC)
        self.database.connection.execute(
            "INSERT OR REPLACE INTO releases (index_url, name, fetched_at, body) VALUES (?,?,?,?)",
            (self.cache_key, normalised, fetched_at.isoformat(), json.dumps(page)))
        return parse_project_page(normalised, self.cache_key, page, fetched_at)

    def cached(self, name: str) -> ReleaseHistory | None:
        """The cached history of ``name`` for this index, if any."""
        normalised = canonicalize_name(name)
        row = self.database.connection.execute(
            "SELECT fetched_at, body FROM releases WHERE index_url = ? AND name = ?",
            (self.cache_key, normalised)).fetchone()
        if row is None and self.setting.url is None:
            # With no index configured, any cached answer is better than none.
            row = self.database.connection.execute(
                "SELECT fetched_at, body FROM releases WHERE name = ? ORDER BY fetched_at DESC",
                (normalised,)).fetchone()
        if row is None:
            return None
        return parse_project_page(normalised, self.cache_key, json.loads(row[1]),
                                  datetime.fromisoformat(row[0]))

    def release_history(self, name: str) -> ReleaseHistory | None:
        """Cached history when fresh or offline; otherwise fetched (falling back to the cache)."""
        cached = self.cached(name)
        if self.offline or self.setting.url is None:
            return cached
        if cached is not None and datetime.now(UTC) - cached.fetched_at < self.max_age:
            return cached
        try:
            return self.fetch(name)
        except IndexFetchError as error:
            # One failure is enough: the rest of the run uses the cache rather than waiting
            # on an unreachable index once per dependency.
            self.errors.append(f"{error}; continuing from the cache")
            self.offline = True
            return cached

    def refresh(self, names: Iterable[str]) -> list[tuple[str, str | None]]:
        """Fetch every name now; (name, error or None) for each."""
        outcome: list[tuple[str, str | None]] = []
        for name in dict.fromkeys(canonicalize_name(n) for n in names):
            try:
                self.fetch(name)
                outcome.append((name, None))
            except IndexFetchError as error:
                outcome.append((name, str(error)))
        return outcome

    def core_metadata(self, name: str, version: str) -> CoreMetadata | None:
        """Classifiers and licence of one release (PEP 658 metadata file), cached."""
        normalised = canonicalize_name(name)
        row = self.database.connection.execute(
            "SELECT body FROM core_metadata WHERE index_url = ? AND name = ? AND version = ?",
            (self.cache_key, normalised, version)).fetchone()
        text: str | None
        if row is not None:
            text = row[0]
        elif self.offline or self.setting.url is None:
            return None
        else:
            history = self.release_history(normalised)
            release = history.releases.get(version) if history else None
            if release is None or not release.metadata_urls:
                return None
            try:
                answer = self._get(_with_credentials(release.metadata_urls[0], self.setting.url),
                                   "*/*", MAX_METADATA_BYTES)
                text = answer.body.decode("utf-8", errors="replace")
            except IndexFetchError as error:
                self.errors.append(str(error))
                return None
            self.database.connection.execute(
                "INSERT OR REPLACE INTO core_metadata (index_url, name, version, fetched_at, body)"
                " VALUES (?,?,?,?,?)",
                (self.cache_key, normalised, version, datetime.now(UTC).isoformat(), text))
        if text is None:
            return None
        message = email.parser.Parser().parsestr(text, headersonly=True)
        return CoreMetadata(classifiers=tuple(message.get_all("Classifier") or ()),
                            license_expression=message.get("License-Expression"),
                            license=message.get("License"))

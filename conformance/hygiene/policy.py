"""Hygiene policy as code: a validated ``hygiene.toml`` (or YAML) file."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from license_expression import (
    ExpressionError,
    LicenseExpression,
    Licensing,
    get_spdx_licensing,
)
from packaging.utils import canonicalize_name
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from conformance.errors import RecbenchError
from conformance.files import UnreadableFile, read_bounded
from conformance.hygiene.findings import Severity
from conformance.spec.source import check_yaml_events
from conformance.spec.validation_errors import located_diagnostics

POLICY_FILE_NAME = "hygiene.toml"
#: Largest policy file read; real ones are a few kilobytes.
MAX_POLICY_BYTES = 1 * 2**20


@lru_cache(maxsize=1)
def spdx_licensing() -> Licensing:
    """The SPDX licence index (built once: building it takes a noticeable fraction of a second)."""
    return get_spdx_licensing()


# SPDX lets anyone name a licence of their own: LicenseRef-<id>, optionally in another document.
_LICENSE_REF = re.compile(r"^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$")


def parse_spdx(expression: str, *, strict: bool = False) -> LicenseExpression | None:
    """Parse an SPDX expression; unknown identifiers other than LicenseRef-s are an error."""
    licensing = spdx_licensing()
    parsed = licensing.parse(expression, validate=False, strict=strict)
    unknown = [key for key in licensing.unknown_license_keys(parsed)
               if not _LICENSE_REF.match(key)] if parsed is not None else []
    if unknown:
        raise ExpressionError(f"Unknown license key(s): {', '.join(unknown)}")
    return parsed


class PolicyError(RecbenchError, ValueError):
    """A policy file that cannot be read or does not validate; the message names file and field."""


class VulnerabilityIgnore(BaseModel):
    """Accept one advisory (by id or alias), optionally for one package only, until a date."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, description="Advisory id or alias (PYSEC-, GHSA-, CVE-...)")
    package: str | None = Field(default=None, description="Only for this package (any if absent)")
    reason: str = Field(min_length=1, description="Why the advisory is accepted")
    expires: date | None = Field(default=None, description="Last day the ignore applies")

    @field_validator("id", "reason")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    @field_validator("package")
    @classmethod
    def _normalise_package(cls, value: str | None) -> str | None:
        return None if value is None else canonicalize_name(value)

    def is_expired(self, today: date) -> bool:
        """True once ``today`` is after the expiry date."""
        return self.expires is not None and today > self.expires


class LicencePolicy(BaseModel):
    """SPDX licence identifiers allowed and denied; an empty allow list allows any not denied."""

    model_config = ConfigDict(extra="forbid")

    allow: list[str] = Field(default_factory=list)
    deny: list[str] = Field(default_factory=list)
    require_known: bool = Field(default=False, strict=True, description="A dependency whose licence cannot "
                                "be found is a violation")

    @field_validator("allow", "deny")
    @classmethod
    def _valid_identifiers(cls, values: list[str]) -> list[str]:
        for value in values:
            try:
                parse_spdx(value, strict=True)
            except ExpressionError as error:
                raise ValueError(f"{value!r} is not an SPDX licence identifier: {error}") from None
        return values


class RepositoryPolicy(BaseModel):
    """Rules on repository health."""

    model_config = ConfigDict(extra="forbid")

    min_score: float | None = Field(default=None, ge=0, le=10, strict=True,
                                    description="Lowest acceptable 0-10 repository score")
    max_commit_age_days: int | None = Field(default=None, ge=1, strict=True,
                                            description="Most days since "
                                            "the last commit before the repository is stale")
    quiet_is_mature: bool = Field(default=True, strict=True, description="Score maintenance by recency of the "
                                  "last commit (within max_commit_age_days) instead of weekly "
                                  "activity, so a finished, quiet project is not penalised")


class Policy(BaseModel):
    """The whole hygiene policy."""

    model_config = ConfigDict(extra="forbid")

    max_severity: Severity = Field(default=Severity.LOW, description="Highest vulnerability "
                                   "severity accepted without a violation")
    unknown_severity: Severity = Field(default=Severity.HIGH, description="Severity assumed for "
                                       "an advisory that carries no CVSS vector")
    max_release_age_days: int | None = Field(default=None, ge=1, strict=True,
                                             description="Most days since "
                                             "the pinned release was published")
    max_libyears: float | None = Field(default=None, ge=0, strict=True,
                                       description="Most libyears behind, "
                                       "per dependency")
    max_advisory_age_days: int | None = Field(
        default=30, ge=1, strict=True, description="Most days between the newest advisory of an "
        "audited ecosystem and the audit before the data is stale (a violation naming how to "
        "refresh it); null accepts data of any age")
    fail_closed: bool = Field(
        default=True, strict=True, description="A dependency of an ecosystem recbench cannot "
        "evaluate, an advisory it cannot decide and an ecosystem without advisory data are "
        "violations; false makes them notes")
    require_pins: bool = Field(default=True, strict=True)
    require_hashes: bool = Field(default=True, strict=True)
    forbid_yanked: bool = Field(default=True, strict=True)
    licences: LicencePolicy = Field(default_factory=LicencePolicy)
    repository: RepositoryPolicy = Field(default_factory=RepositoryPolicy)
    ignores: list[VulnerabilityIgnore] = Field(default_factory=list)


def _toml_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """First line of every key and table of a TOML text, keyed by its path (arrays numbered)."""
    found: dict[tuple[str | int, ...], int] = {}
    counts: dict[tuple[str, ...], int] = {}
    table: tuple[str | int, ...] = ()
    for number, raw in enumerate(text.splitlines(), start=1):
        header = re.match(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\- ]+?)\s*\]", raw)
        if header:
            names = tuple(part.strip() for part in header.group(2).split("."))
            if header.group(1) == "[[":
                counts[names] = counts.get(names, -1) + 1
                table = (*names, counts[names])
            else:
                table = names
            found.setdefault(table, number)
            continue
        key = re.match(r"^\s*([A-Za-z0-9_-]+)\s*=", raw)
        if key:
            found.setdefault((*table, key.group(1)), number)
    return found


def _yaml_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """First line of every key and list item of a YAML text (round-trip loader positions)."""
    found: dict[tuple[str | int, ...], int] = {}
    try:
        root = YAML(typ="rt").load(text)
    except (YAMLError, ValueError, OverflowError, RecursionError):  # positions are a courtesy
        return found
    pending: list[tuple[tuple[str | int, ...], Any]] = [((), root)]
    while pending:
        path, node = pending.pop()
        lc = getattr(node, "lc", None)
        if isinstance(node, dict) and lc is not None:
            for key, value in node.items():
                found.setdefault((*path, str(key)), lc.key(key)[0] + 1)
                pending.append(((*path, str(key)), value))
        elif isinstance(node, list) and lc is not None:
            for index, value in enumerate(node):
                found.setdefault((*path, index), lc.item(index)[0] + 1)
                pending.append(((*path, index), value))
    return found


def _line_for(lines: dict[tuple[str | int, ...], int], loc: tuple[str | int, ...]
              ) -> int | None:
    """The line of the deepest part of ``loc`` written in the file."""
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def load_policy(path: Path) -> Policy:
    """Read and validate a policy file (``.toml``, ``.yaml`` or ``.yml``).

    Errors name the file and, for each problem, the line and the field.
    """
    try:
        # not a link: a policy linked to a file outside the repository is not read for it
        raw = read_bounded(path, MAX_POLICY_BYTES, follow_symlinks=False)
    except UnreadableFile as error:  # missing, a folder, a FIFO or a device such as /dev/zero
        raise PolicyError(f"{path}: cannot read policy file ({error.reason})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PolicyError(f"{path}: not UTF-8 text (byte {error.start})") from None
    data: Any
    yaml = path.suffix in (".yaml", ".yml")
    if yaml:
        try:
            check_yaml_events(text, path, complex_keys=True)  # depth, aliases, expansion
            data = YAML(typ="safe").load(text)
        except RecbenchError as error:
            raise PolicyError(f"{path}: not valid YAML: {error.diagnostics[0].render()}") from None
        except (YAMLError, ValueError, OverflowError, RecursionError) as error:
            # a constructor's ValueError (a date with month 13) is no YAMLError
            raise PolicyError(f"{path}: not valid YAML: {str(error)[:300]}") from None
    else:
        try:
            data = tomllib.loads(text)
        except (ValueError, RecursionError) as error:
            # TOMLDecodeError is a ValueError; deep [[[[...]]]] arrays exhaust tomllib's stack
            problem = "nested too deeply" if isinstance(error, RecursionError) else str(error)[:300]
            raise PolicyError(f"{path}: not valid TOML: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict) or not all(isinstance(key, str) for key in data):
        raise PolicyError(f"{path}: the policy must be a table of named settings")
    try:
        return Policy.model_validate(data)
    except ValidationError as error:
        lines = _yaml_lines(text) if yaml else _toml_lines(text)
        found = located_diagnostics(
            error, data, path, "RB800",
            locate=lambda loc: (_line_for(lines, tuple(loc)) or 0, 1),  # 0: not written in the file
            words=lambda loc: ".".join(str(part) for part in loc) or "(top)",
            override=lambda detail, loc: detail["msg"],  # pydantic's words, as this file always gave
        )
        problems = [f"{f'line {item.line}, ' if item.line else ''}{item.message}" for item in found]
        raise PolicyError(f"{path}: {'; '.join(problems)}") from None

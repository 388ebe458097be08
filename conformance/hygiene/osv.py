"""Matching a package version against the ``affected`` entries of OSV records.

Follows the OSV schema's evaluation rules: a version is affected when it is listed in
``versions`` or falls in any ECOSYSTEM or SEMVER range; range events may come unsorted;
``introduced: "0"`` is below every version; ``fixed`` excludes its version, ``last_affected``
includes it; ``limit`` events cap the whole range. GIT ranges name commits, not releases, and
are skipped without discarding the rest of the entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from packaging.version import InvalidVersion, Version

_EVENT_ORDER = {"introduced": 0, "last_affected": 1, "fixed": 2}


@lru_cache(maxsize=65536)
def parse_pep440(text: str) -> Version | None:
    """A PEP 440 version, or None when the text is not one."""
    try:
        return Version(text)
    except InvalidVersion:
        return None


_SEMVER = re.compile(
    r"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)


@dataclass(frozen=True, order=True, slots=True)
class SemVer:
    """A SemVer 2.0 version ordered by precedence (build metadata ignored)."""

    key: tuple[Any, ...]


@lru_cache(maxsize=16384)
def parse_semver(text: str) -> SemVer | None:
    """A SemVer 2.0 version, or None when the text is not one."""
    match = _SEMVER.match(text)
    if match is None:
        return None
    major, minor, patch, pre = match.groups()
    if pre is None:
        # A release sorts after all of its pre-releases.
        pre_key: tuple[Any, ...] = (1,)
    else:
        identifiers = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split("."))
        pre_key = (0, identifiers)
    return SemVer((int(major), int(minor), int(patch), pre_key))


@dataclass(frozen=True, slots=True)
class EntryVerdict:
    """Whether one ``affected`` entry covers a version, the fixes it names, and what it skipped."""

    affected: bool
    fixed_in: tuple[str, ...] = ()
    skipped_ranges: tuple[str, ...] = ()


def _range_verdict(events: Sequence[Mapping[str, Any]], version: object,
                   parse: Callable[[str], Any]) -> tuple[bool, str | None] | None:
    """(affected, nearest fix above the version) for one range; None if the range is unusable."""
    ordered: list[tuple[tuple[int, Any], int, str]] = []
    limits: list[Any] = []
    unlimited = False
    for event in events:
        if not isinstance(event, Mapping) or len(event) != 1:
            return None
        ((kind, raw),) = event.items()
        value = str(raw)
        if kind == "limit":
            if value == "*":
                unlimited = True
                continue
            parsed_limit = parse(value)
            if parsed_limit is None:
                return None
            limits.append(parsed_limit)
            continue
        if kind not in _EVENT_ORDER:
            return None
        if kind == "introduced" and value == "0":
            ordered.append(((0, None), _EVENT_ORDER[kind], kind))
            continue
        parsed = parse(value)
        if parsed is None:
            return None
        ordered.append(((1, parsed), _EVENT_ORDER[kind], kind))

    def sort_key(item: tuple[tuple[int, Any], int, str]) -> tuple[int, Any, int]:
        (flag, parsed), order, _ = item
        return (flag, parsed if flag else 0, order)

    ordered.sort(key=sort_key)
    affected = False
    fix: Any = None
    for (flag, parsed), _, kind in ordered:
        if kind == "introduced":
            if flag == 0 or version >= parsed:
                affected = True
        elif kind == "fixed":
            if version >= parsed:
                affected = False
        elif version > parsed:  # last_affected
            affected = False
    if affected and limits and not unlimited and not any(version < lim for lim in limits):
        affected = False
    if affected:
        above = [parsed for (flag, parsed), _, kind in ordered
                 if kind == "fixed" and flag and parsed > version]
        fix = min(above) if above else None
    return affected, (str(fix) if fix is not None else None)


def entry_verdict(entry: Mapping[str, Any], version: str) -> EntryVerdict:
    """Evaluate one OSV ``affected`` entry for a PEP 440 version string."""
    pep440 = parse_pep440(version)
    affected = False
    fixes: list[str] = []
    skipped: list[str] = []
    listed = entry.get("versions") or ()
    if isinstance(listed, list):
        for candidate in listed:
            text = str(candidate)
            if text == version or (pep440 is not None and parse_pep440(text) == pep440):
                affected = True
                break
    for index, rng in enumerate(entry.get("ranges") or ()):
        if not isinstance(rng, Mapping):
            skipped.append(f"range {index}: not an object")
            continue
        kind = rng.get("type")
        events = rng.get("events") or []
        if kind == "GIT":
            continue  # commit ranges cannot be evaluated against a release version
        if kind == "ECOSYSTEM":
            if pep440 is None:
                skipped.append(f"range {index}: {version!r} is not a PEP 440 version")
                continue
            result = _range_verdict(events, pep440, parse_pep440)
        elif kind == "SEMVER":
            semver = parse_semver(version)
            if semver is None:
                skipped.append(f"range {index}: {version!r} is not a SemVer version")
                continue
            result = _range_verdict(events, semver, parse_semver)
        else:
            skipped.append(f"range {index}: unknown type {kind!r}")
            continue
        if result is None:
            skipped.append(f"range {index}: events that cannot be read")
            continue
        in_range, fix = result
        if in_range:
            affected = True
            if fix is not None:
                fixes.append(fix)
    if affected and not fixes:
        fixes.extend(_fixes_above(entry, pep440))
    return EntryVerdict(affected=affected, fixed_in=tuple(dict.fromkeys(fixes)),
                        skipped_ranges=tuple(skipped))


def _fixes_above(entry: Mapping[str, Any], version: Version | None) -> Iterable[str]:
    """Fixed versions above ``version`` in any ECOSYSTEM range (for matches by ``versions``)."""
    if version is None:
        return []
    found: list[Version] = []
    for rng in entry.get("ranges") or ():
        if isinstance(rng, Mapping) and rng.get("type") == "ECOSYSTEM":
            for event in rng.get("events") or ():
                if isinstance(event, Mapping) and "fixed" in event:
                    parsed = parse_pep440(str(event["fixed"]))
                    if parsed is not None and parsed > version:
                        found.append(parsed)
    return [str(min(found))] if found else []

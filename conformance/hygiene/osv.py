"""Matching a package version against the ``affected`` entries of OSV records.

Follows the OSV schema's evaluation rules: a version is affected when it is listed in
``versions`` or falls in any ECOSYSTEM or SEMVER range; range events may come unsorted;
``introduced: "0"`` is below every version; ``fixed`` excludes its version, ``last_affected``
includes it; ``limit`` events cap the whole range. ECOSYSTEM ranges use the order of the
package's ecosystem (PEP 440 for PyPI, SemVer for crates.io, npm and Go), which the caller
passes in. GIT ranges name commits, not releases: they are evaluated against a commit graph in
:mod:`conformance.hygiene.git_ranges` and skipped here without discarding the rest of the
entry. The schema leaves open the order of two events at one version; here a ``fixed`` comes
before an ``introduced`` of the same version.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from packaging.version import InvalidVersion, Version

# Order of events at one version. A 'fixed' before an 'introduced' of the same version joins
# two ranges ([a, b) and [b, c) cover b, as the real records' own 'versions' lists say, e.g.
# PYSEC-2022-236); 'last_affected' after 'introduced' keeps [v, v] a single version.
_EVENT_ORDER = {"fixed": 0, "introduced": 1, "last_affected": 2}


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
    # Each event as (sort key, kind, bound); introduced "0" sorts first and has no bound.
    timeline: list[tuple[tuple[Any, ...], str, Any, str]] = []
    limits: list[Any] = []
    unlimited = False
    for event in events:
        if not isinstance(event, Mapping) or len(event) != 1:
            return None
        ((kind, raw),) = event.items()
        value = str(raw)
        if kind == "limit" and "*" in value:  # the schema: a limit containing '*' is infinity
            unlimited = True
        elif kind == "introduced" and value == "0":
            timeline.append(((0, _EVENT_ORDER[kind]), kind, None, value))
        elif kind == "limit" or kind in _EVENT_ORDER:
            bound = parse(value)
            if bound is None:
                return None
            if kind == "limit":
                limits.append(bound)
            else:
                timeline.append(((1, bound, _EVENT_ORDER[kind]), kind, bound, value))
        else:
            return None
    if not any(kind == "introduced" for _, kind, _, _ in timeline):
        return None  # the schema requires one: without it the range says nothing readable
    if limits and not unlimited and not any(version < limit for limit in limits):
        return False, None
    timeline.sort(key=lambda item: item[0])
    affected = False
    for _, kind, bound, _ in timeline:
        if kind == "introduced":
            if bound is None or version >= bound:
                affected = True
        elif kind == "fixed":
            if version >= bound:
                affected = False
        elif version > bound:  # last_affected
            affected = False
    if not affected:
        return False, None
    # the fix as the record writes it (a SemVer key has no text of its own)
    fixes = [(bound, raw) for _, kind, bound, raw in timeline if kind == "fixed" and bound > version]
    return True, (min(fixes)[1] if fixes else None)


def listed_versions(entry: Mapping[str, Any], parse: Callable[[str], Any] | None) -> frozenset[Any]:
    """The entry's ``versions`` list as a set of texts and, where they parse, parsed versions."""
    listed = entry.get("versions") or ()
    if not isinstance(listed, list):
        return frozenset()
    texts = {str(candidate) for candidate in listed}
    parsed = {parse(text) for text in texts} - {None} if parse is not None else set()
    return frozenset(texts | parsed)


def entry_verdict(entry: Mapping[str, Any], version: str,
                  parse: Callable[[str], Any] | None = parse_pep440,
                  order_name: str = "PEP 440", listed_set: frozenset[Any] | None = None
                  ) -> EntryVerdict:
    """Evaluate one OSV ``affected`` entry for a version string.

    ``parse`` gives the ecosystem's version order for ECOSYSTEM ranges (None: the ecosystem
    has none recbench implements, so such ranges are reported as skipped); ``order_name``
    names it in those reasons. ``listed_set`` is :func:`listed_versions` of the entry, when
    the caller keeps it (a long ``versions`` list then costs one lookup, not one comparison
    per listed version).
    """
    pep440 = parse(version) if parse is not None else None
    affected = False
    fixes: list[str] = []
    skipped: list[str] = []
    listed = entry.get("versions") or ()
    known = listed_set if listed_set is not None else listed_versions(entry, parse)
    if version in known or (pep440 is not None and pep440 in known):
        affected = True
    ranges = entry.get("ranges") or ()
    for index, rng in enumerate(ranges):
        if not isinstance(rng, Mapping):
            skipped.append(f"range {index}: not an object")
            continue
        kind = rng.get("type")
        events = rng.get("events") or []
        if kind == "GIT":
            continue  # commit ranges cannot be evaluated against a release version
        if kind == "ECOSYSTEM":
            if parse is None:
                skipped.append(f"range {index}: no {order_name} version order to compare by")
                continue
            if pep440 is None:
                skipped.append(f"range {index}: {version!r} is not a {order_name} version")
                continue
            result = _range_verdict(events, pep440, parse)
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
    if not affected and not listed and not skipped and ranges \
            and all(isinstance(r, Mapping) and r.get("type") == "GIT" for r in ranges):
        skipped.append("only GIT ranges (commits) and no versions list")
    if affected and not fixes and parse is not None:
        fixes.extend(_fixes_above(entry, pep440, parse))
    return EntryVerdict(affected=affected, fixed_in=tuple(dict.fromkeys(fixes)),
                        skipped_ranges=tuple(skipped))


def _fixes_above(entry: Mapping[str, Any], version: Any, parse: Callable[[str], Any]
                 ) -> Iterable[str]:
    """Fixed versions above ``version`` in any ECOSYSTEM range (for matches by ``versions``)."""
    if version is None:
        return []
    found: list[tuple[Any, str]] = []
    for rng in entry.get("ranges") or ():
        if isinstance(rng, Mapping) and rng.get("type") == "ECOSYSTEM":
            for event in rng.get("events") or ():
                if isinstance(event, Mapping) and "fixed" in event:
                    parsed = parse(str(event["fixed"]))
                    if parsed is not None and parsed > version:
                        found.append((parsed, str(event["fixed"])))
    return [min(found)[1]] if found else []

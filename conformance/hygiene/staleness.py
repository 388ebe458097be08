"""How far behind a pinned dependency is: ages, versions behind, libyear, yanked, inactive.

Libyear after Cox, Bouwers, van Eekelen and Visser (ICSE 2015): the time between the release
of the version in use and the release of the newest version, in years.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from conformance.hygiene.index import CoreMetadata, ReleaseHistory
from conformance.hygiene.osv import parse_pep440

DAYS_PER_YEAR = 365.25
INACTIVE_CLASSIFIER = "Development Status :: 7 - Inactive"


@dataclass(frozen=True, slots=True)
class Staleness:
    """Measures of one pinned dependency; None where the data does not tell."""

    pinned_release: datetime | None
    newest_version: str | None
    newest_release: datetime | None
    days_since_pinned_release: int | None
    days_since_newest_release: int | None
    versions_behind: int | None
    libyear: float | None
    yanked: bool
    yanked_reason: str | None
    inactive: bool
    data_fetched_at: datetime | None


def measure(version: str, history: ReleaseHistory | None, *, now: datetime,
            upload_time: datetime | None = None, metadata: CoreMetadata | None = None
            ) -> Staleness:
    """Staleness of ``version`` given the package's release history (or only a lock's date)."""
    pinned = parse_pep440(version)
    inactive = bool(metadata and INACTIVE_CLASSIFIER in metadata.classifiers)
    if history is None or pinned is None:
        days = (now - upload_time).days if upload_time else None
        return Staleness(pinned_release=upload_time, newest_version=None, newest_release=None,
                         days_since_pinned_release=days, days_since_newest_release=None,
                         versions_behind=None, libyear=None, yanked=False, yanked_reason=None,
                         inactive=inactive, data_fetched_at=None)
    pinned_entry = None
    candidates = []
    for text, release in history.releases.items():
        parsed = parse_pep440(text)
        if parsed is None:
            continue
        if parsed == pinned:
            pinned_entry = release
        # The newest version a user would be offered: a final, unyanked release.
        if not release.yanked and not parsed.is_prerelease and not parsed.is_devrelease:
            candidates.append((parsed, release))
    pinned_time = (pinned_entry.upload_time if pinned_entry and pinned_entry.upload_time
                   else upload_time)
    newest_version = newest_time = None
    behind = None
    if candidates:
        newest_parsed, newest_release = max(candidates, key=lambda item: item[0])
        newest_version = str(newest_parsed)
        newest_time = newest_release.upload_time
        behind = sum(1 for parsed, _ in candidates if parsed > pinned)
    libyear = None
    if pinned_time is not None and newest_time is not None:
        libyear = 0.0 if behind == 0 else max(
            (newest_time - pinned_time).total_seconds() / 86400 / DAYS_PER_YEAR, 0.0)
    return Staleness(
        pinned_release=pinned_time,
        newest_version=newest_version,
        newest_release=newest_time,
        days_since_pinned_release=(now - pinned_time).days if pinned_time else None,
        days_since_newest_release=(now - newest_time).days if newest_time else None,
        versions_behind=behind,
        libyear=round(libyear, 3) if libyear is not None else None,
        yanked=bool(pinned_entry and pinned_entry.yanked),
        yanked_reason=pinned_entry.yanked_reason if pinned_entry else None,
        inactive=inactive,
        data_fetched_at=history.fetched_at,
    )

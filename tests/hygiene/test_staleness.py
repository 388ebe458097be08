"""Libyear, versions behind, yanked and inactive, from a recorded release history."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from conformance.hygiene.index import CoreMetadata, parse_project_page
from conformance.hygiene.staleness import measure

PAGE = json.loads((Path(__file__).parent / "data" / "simple" / "demo-lib" / "index.json")
                  .read_text())
NOW = datetime(2024, 1, 1, tzinfo=UTC)
HISTORY = parse_project_page("demo-lib", "http://127.0.0.1:1/simple", PAGE,
                             datetime(2023, 12, 31, tzinfo=UTC))


def test_old_pin() -> None:
    staleness = measure("1.0", HISTORY, now=NOW)
    assert staleness.pinned_release == datetime(2019, 1, 1, 10, tzinfo=UTC)
    assert staleness.newest_version == "2.0"  # not the pre-release, not the yanked 1.2
    assert staleness.versions_behind == 2  # 1.1 and 2.0
    assert staleness.libyear == round((datetime(2022, 1, 1, 10, tzinfo=UTC)
                                       - datetime(2019, 1, 1, 10, tzinfo=UTC)).days / 365.25, 3)
    assert staleness.days_since_pinned_release == (NOW - staleness.pinned_release).days
    assert not staleness.yanked


def test_newest_pin_has_zero_libyear_and_yanked_pin_is_flagged() -> None:
    assert measure("2.0", HISTORY, now=NOW).libyear == 0.0
    yanked = measure("1.2", HISTORY, now=NOW)
    assert yanked.yanked and yanked.yanked_reason == "broken build"


def test_without_history_the_lock_date_still_gives_an_age() -> None:
    staleness = measure("1.0", None, now=NOW, upload_time=datetime(2023, 1, 1, tzinfo=UTC))
    assert staleness.days_since_pinned_release == 365 and staleness.libyear is None


def test_inactive_classifier() -> None:
    metadata = CoreMetadata(classifiers=("Development Status :: 7 - Inactive",),
                            license_expression=None, license=None)
    assert measure("1.0", HISTORY, now=NOW, metadata=metadata).inactive

"""The OSV schema's evaluation rules, on hand-made entries and on the records under data/osv."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.hygiene.osv import entry_verdict


def entry(*ranges: dict[str, Any], versions: list[str] | None = None) -> dict[str, Any]:
    return {"package": {"ecosystem": "PyPI", "name": "p"}, "ranges": list(ranges),
            "versions": versions or []}


def ecosystem(*events: dict[str, str]) -> dict[str, Any]:
    return {"type": "ECOSYSTEM", "events": list(events)}


@pytest.mark.parametrize(("version", "affected"), [
    ("0.1", True), ("1.0rc1", True), ("1.0", False), ("1.0.1", False)])
def test_introduced_zero_fixed(version: str, affected: bool) -> None:
    verdict = entry_verdict(entry(ecosystem({"introduced": "0"}, {"fixed": "1.0"})), version)
    assert verdict.affected is affected


@pytest.mark.parametrize(("version", "affected", "fix"), [
    ("0.9", False, None), ("1.0", True, "1.0.2"), ("1.0.1", True, "1.0.2"), ("1.0.2", False, None),
    ("1.1.0", True, "1.1.2"), ("1.1.2", False, None), ("2.0", False, None)])
def test_several_introduced_fixed_pairs_in_any_order(version: str, affected: bool,
                                                     fix: str | None) -> None:
    rng = ecosystem({"fixed": "1.1.2"}, {"introduced": "1.1.0"}, {"fixed": "1.0.2"},
                    {"introduced": "1.0"})
    verdict = entry_verdict(entry(rng), version)
    assert verdict.affected is affected
    assert verdict.fixed_in == ((fix,) if fix else ())


@pytest.mark.parametrize(("version", "affected"), [("1.9", False), ("2.0", True), ("2.5", True),
                                                   ("2.5.1", False), ("3.0", False)])
def test_last_affected_is_inclusive(version: str, affected: bool) -> None:
    rng = ecosystem({"introduced": "2.0"}, {"last_affected": "2.5"})
    assert entry_verdict(entry(rng), version).affected is affected


def test_introduced_without_end_affects_everything_after() -> None:
    rng = ecosystem({"introduced": "3.0"})
    assert entry_verdict(entry(rng), "99.0").affected
    assert not entry_verdict(entry(rng), "2.9").affected


def test_limit_caps_the_range() -> None:
    rng = ecosystem({"introduced": "0"}, {"limit": "2.0"})
    assert entry_verdict(entry(rng), "1.5").affected
    assert not entry_verdict(entry(rng), "2.0").affected


def test_versions_list_matches_by_pep440_equality() -> None:
    listed = entry(versions=["1.0", "2.10"])
    assert entry_verdict(listed, "1.0.0").affected
    assert entry_verdict(listed, "2.10").affected
    assert not entry_verdict(listed, "2.1").affected


def test_git_ranges_are_skipped_without_discarding_the_entry() -> None:
    git_range = {"type": "GIT", "repo": "r", "events": [{"introduced": "0"}, {"fixed": "abc"}]}
    verdict = entry_verdict(entry(git_range, ecosystem({"introduced": "0"}, {"fixed": "2"})), "1")
    assert verdict.affected and verdict.fixed_in == ("2",)
    assert verdict.skipped_ranges == ()


def test_semver_range() -> None:
    rng = {"type": "SEMVER", "events": [{"introduced": "1.0.0-alpha"}, {"fixed": "1.0.0"}]}
    assert entry_verdict(entry(rng), "1.0.0-beta.2").affected
    assert not entry_verdict(entry(rng), "1.0.0").affected


def test_unreadable_ranges_are_reported_not_fatal() -> None:
    bad = ecosystem({"introduced": "not a version"}, {"fixed": "1"})
    verdict = entry_verdict(entry(bad, ecosystem({"introduced": "0"})), "0.5")
    assert verdict.affected
    assert verdict.skipped_ranges and "cannot be read" in verdict.skipped_ranges[0]


# Events of real records (October 2024 snapshot) whose own 'versions' list or details settle the
# order of a 'fixed' and an 'introduced' at the same version: the ranges join there.
SPARK_2022_236 = ecosystem({"introduced": "0"}, {"fixed": "3.1.1"}, {"introduced": "3.2.0"},
                           {"fixed": "3.2.2"}, {"introduced": "3.1.1"}, {"fixed": "3.1.3"})
IOTDB_2022_42972 = ecosystem({"introduced": "0.13.0"}, {"fixed": "0.14.0rc1"},
                             {"introduced": "0.12.2"}, {"fixed": "0.13.0"})


@pytest.mark.parametrize(("rng", "version", "affected"), [
    (SPARK_2022_236, "3.1.1", True), (SPARK_2022_236, "3.1.2", True),  # its versions list
    (SPARK_2022_236, "3.1.3", False), (SPARK_2022_236, "3.2.1", True),
    (IOTDB_2022_42972, "0.13.0", True), (IOTDB_2022_42972, "0.13.2", True),  # "0.13.0 to 0.13.2"
    (IOTDB_2022_42972, "0.12.1", False), (IOTDB_2022_42972, "0.14.0", False),
])
def test_fixed_and_introduced_at_one_version_join_the_ranges(rng: dict[str, Any], version: str,
                                                             affected: bool) -> None:
    assert entry_verdict(entry(rng), version).affected is affected


def test_introduced_and_last_affected_at_one_version_cover_only_it() -> None:
    rng = ecosystem({"last_affected": "2.0"}, {"introduced": "2.0"})
    assert entry_verdict(entry(rng), "2.0").affected
    assert not entry_verdict(entry(rng), "2.0.1").affected


def test_a_limit_containing_a_star_is_infinity() -> None:
    rng = ecosystem({"introduced": "1.0"}, {"limit": "1.*"})
    assert entry_verdict(entry(rng), "7.0").affected


def test_entries_with_only_git_ranges_are_reported_undecided() -> None:
    git_range = {"type": "GIT", "repo": "r", "events": [{"introduced": "0"}, {"fixed": "abc"}]}
    verdict = entry_verdict(entry(git_range), "1.0")
    assert not verdict.affected and verdict.skipped_ranges == (
        "only GIT ranges (commits) and no versions list",)


def test_a_range_without_introduced_is_reported_not_silently_clean() -> None:
    verdict = entry_verdict(entry(ecosystem({"last_affected": "1.0"})), "0.5")
    assert not verdict.affected
    assert verdict.skipped_ranges == ("range 0: events that cannot be read",)

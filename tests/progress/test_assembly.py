"""The dated repository's report has exactly the figures its history implies (see conftest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.errors import RecbenchError
from conformance.progress.assembly import Sources, build_progress_report
from conformance.progress.model import NOT_RECORDED, Period, ProgressReport
from tests.progress.conftest import NOW, PERIOD, PREVIOUS, DatedRepository

REFERENCE = "recommendation:ITU-T X.999/reference"
ACME = "recommendation:ITU-T X.999/acme"


@pytest.fixture
def report(dated: DatedRepository) -> ProgressReport:
    return build_progress_report(dated.sources, PERIOD, now=NOW)


def test_advisories_found_fixed_open_and_median_time_to_fix(report: ProgressReport) -> None:
    security = report.security
    # reference: ADV-3 found 2026-01-10, ADV-1 fixed after 40 days, ADV-2 after 70; ADV-3's fix
    # on 2026-08-01 lies after the period. acme: ADV-1 and ADV-2 found and fixed after 50 days.
    assert (security.found, security.fixed, security.open) == (3, 4, 1)
    assert security.median_days_to_fix == 50.0  # median of 40, 50, 50, 70
    rows = {row.implementation: row for row in security.implementations}
    assert (rows[REFERENCE].audit_runs, rows[REFERENCE].found, rows[REFERENCE].fixed, rows[REFERENCE].open) == (
        3, 1, 2, 1)
    assert rows[REFERENCE].median_days_to_fix == 55.0
    assert rows[REFERENCE].open_advisories == ("ADV-3 (demo)",)
    assert (rows[ACME].audit_runs, rows[ACME].found, rows[ACME].fixed, rows[ACME].open) == (2, 2, 2, 0)
    assert rows[ACME].median_days_to_fix == 50.0
    assert rows[ACME].stale_dependencies == rows[REFERENCE].stale_dependencies == 0
    assert security.audit_runs == 5 and (security.first_run, security.last_run) == ("2026-01-10", "2026-03-01")
    events = {(event.label, event.advisory): (event.found, event.fixed, event.days_to_fix)
              for event in security.events}
    assert events == {
        ("ITU-T X.999: reference", "ADV-1 (demo)"): ("2025-12-01", "2026-01-10", 40),
        ("ITU-T X.999: reference", "ADV-2 (demo)"): ("2025-12-01", "2026-02-09", 70),
        ("ITU-T X.999: reference", "ADV-3 (demo)"): ("2026-01-10", None, None),
        ("ITU-T X.999: acme", "ADV-1 (demo)"): ("2026-01-10", "2026-03-01", 50),
        ("ITU-T X.999: acme", "ADV-2 (demo)"): ("2026-01-10", "2026-03-01", 50),
    }


def test_the_previous_period_has_its_own_figures(dated: DatedRepository) -> None:
    report = build_progress_report(dated.sources, PREVIOUS, now=NOW)
    security = report.security
    assert (security.found, security.fixed, security.open, security.median_days_to_fix) == (2, 0, 2, None)
    assert [row.implementation for row in security.implementations] == [REFERENCE]
    rows = {row.implementation: (row.runs_in_period, row.verdict, row.change) for row in report.conformance}
    assert rows == {"old": (1, "pass", "new"), "reference": (1, "fail", "new")}
    assert report.recommendations[0].commits_in_period == 1  # added on 2025-11-10


def test_advisory_data_age_and_accepted_risks(report: ProgressReport) -> None:
    security = report.security
    assert security.advisory_data_date == "2025-11-01" and security.advisory_data_age_days == 120
    assert security.max_advisory_age_days == 90
    assert [(row.advisory, row.state) for row in security.ignores] == [
        ("ADV-8", "expired before period"), ("ADV-3", "expired in period"), ("ADV-9", "expires within 90 days"),
        ("ADV-7", "active"), ("ADV-6", "no expiry")]
    assert security.watch_list is None


def test_conformance_per_implementation_against_the_previous_period(dated: DatedRepository,
                                                                    report: ProgressReport) -> None:
    rows = [(row.implementation, row.version, row.kind, row.runs_in_period, row.verdict, row.previous_verdict,
             row.change) for row in report.conformance]
    assert rows == [
        ("acme", "2.0", "third-party", 1, "fail", None, "new"),
        ("old", "0.9", "third-party", 0, None, "pass", "not run in period"),
        # the partial run of 2026-04-01 and the run of 2026-07-15 do not stand for it
        ("reference", dated.reference_version, "reference", 2, "pass", "fail", "improved"),
    ]
    assert report.conformance[2].run_at is not None and report.conformance[2].run_at.startswith("2026-03-05")


def test_catalogue_git_and_the_study_groups_data(dated: DatedRepository, report: ProgressReport) -> None:
    (row,) = report.recommendations
    assert (row.id, row.tested_requirements, row.covered_requirements, row.reference_implementations,
            row.commits_in_period) == ("ITU-T X.999", 1, 1, 1, 1)
    assert [(p.kind, p.licence, p.vector_sets) for p in report.provenance] == [("generated", "CC0-1.0", 1)]
    header = report.header
    assert (header.commit, header.commit_date, header.dirty) == (dated.head, "2026-03-01", False)
    assert (header.study_period, header.study_groups, header.questions) == ("2025-2028", (17,), ("Q1/17",))
    assert header.snapshot_date == "2026-07-20" and header.source == "Rapporteur for Q1/17"
    training = report.training
    assert [event.title for event in training.events or ()] == ["Writing vectors", "Conformance hackathon"]
    assert training.participants == 46
    assert [(t.title, t.published, t.in_period) for t in training.tutorials or ()] == [
        ("Getting started", "2026-03-01", True), ("Elsewhere", "2025-05-05", False)]
    assert [m.date for m in report.engagement.meetings or ()] == ["2026-04-20"]
    statuses = {row.item: row.status for row in report.actions}
    assert statuses == {"open-source-as-tool": "in place", "reference-implementations": "in place",
                        "security": "attention", "training": "in place", "engagement": "in place"}
    training_row = next(row for row in report.actions if row.item == "training")
    assert training_row.note == "Two online and hybrid events for implementers."
    assert "https://example.org/tutorial" in training_row.evidence


def test_action_required_names_each_problem(report: ProgressReport) -> None:
    assert report.action_required == (
        "ITU-T X.999 acme 2.0: latest run fail",
        "ITU-T X.999 old: not run in the period (last pass on 2025-12-01)",
        "ITU-T X.999: reference: advisory ADV-3 (demo) open",
        "accepted risk ADV-8 expired on 2025-06-30: fix it or renew the ignore",
        "accepted risk ADV-3 expired on 2026-03-31: fix it or renew the ignore",
        "accepted risk ADV-9 expires on 2026-08-15",
        "advisory data of 2025-11-01 was 120 days old at the last audit (policy: 90): import current data",
    )


def test_without_studygroup_yaml_those_sections_are_not_recorded(dated: DatedRepository) -> None:
    (dated.root / "studygroup.yaml").unlink()
    report = build_progress_report(dated.sources, PERIOD, now=NOW)
    assert report.training.events is None and report.training.tutorials is None
    assert report.engagement.meetings is None and report.engagement.liaisons is None
    assert report.header.contacts is None and report.header.study_period is None and report.header.source is None
    assert report.header.study_groups == (17,) and report.header.study_groups_from == "catalogue"
    statuses = {row.item: row.status for row in report.actions}
    assert statuses["training"] == statuses["engagement"] == "not recorded"
    assert report.action_required[-1] == ("record in studygroup.yaml: contacts, meetings, training, tutorials, "
                                          "liaisons")
    assert any(note.startswith("no studygroup.yaml") for note in report.notes)
    assert NOT_RECORDED == "not recorded"
    # the computed figures do not depend on the file
    assert (report.security.found, report.security.fixed, report.security.median_days_to_fix) == (3, 4, 50.0)


def test_without_any_store_nothing_is_created_or_invented(dated: DatedRepository, tmp_path: Path) -> None:
    sources = Sources(root=dated.root, store=tmp_path / "none.sqlite", history=tmp_path / "none-history.sqlite3")
    report = build_progress_report(sources, Period(None, "2026-06-30"), now=NOW)
    assert report.conformance == () and report.security.audit_runs == 0 and report.security.events == ()
    assert not (tmp_path / "none.sqlite").exists() and not (tmp_path / "none-history.sqlite3").exists()
    assert "no dependency audit in the period" in report.action_required
    assert {row.item: row.status for row in report.actions}["security"] == "partial"


def test_a_broken_studygroup_yaml_is_a_located_error(dated: DatedRepository) -> None:
    (dated.root / "studygroup.yaml").write_text("study_period: 2025-2028\nstudy_groups: [17]\nsource: x\n"
                                                "meetings:\n  - {date: 2026-01-01, place: Geneva, kind: party}\n")
    with pytest.raises(RecbenchError) as raised:
        build_progress_report(dated.sources, PERIOD, now=NOW)
    (diagnostic,) = raised.value.diagnostics
    assert (diagnostic.line, diagnostic.code) == (5, "RB900") and "meetings[0].kind" in diagnostic.message


def test_a_file_that_is_no_results_store_is_refused(dated: DatedRepository, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("not a database")
    sources = Sources(root=dated.root, store=bogus, history=dated.sources.history)
    with pytest.raises(RecbenchError, match="not a usable results store"):
        build_progress_report(sources, PERIOD, now=NOW)


def test_the_watch_list_is_reported_as_deps_watch_sees_it(dated: DatedRepository) -> None:
    (dated.root / "watchlist.yaml").write_text(
        "projects:\n  - name: Example STL\n    url: https://example.org/stl.git\n"
        "    commit: 0123456789abcdef0123456789abcdef01234567\n", encoding="utf-8")
    report = build_progress_report(dated.sources, PERIOD, now=NOW)
    (row,) = report.security.watch_list or ()
    assert (row.name, row.relied_on, row.advisories, row.health_score, row.commits_behind) == (
        "Example STL", "0123456789abcdef0123456789abcdef01234567", (), None, None)
    engagement = next(action for action in report.actions if action.item == "engagement")
    assert any("1 watched project" in line for line in engagement.evidence)

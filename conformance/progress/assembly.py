"""``build_progress_report``: the study group's Resolution 90 progress report, from its data.

Every figure comes from the repository for the period: the catalogue (Recommendations, vector
sets, implementations), the results store (conformance runs), the audit history (advisories,
libyear, data age), the hygiene policy (accepted risks), the watch list and git. The study
group's own facts come from ``studygroup.yaml``; what it does not record is said so.
Nothing is written and nothing is printed here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from conformance import __version__
from conformance.errors import RecbenchError
from conformance.harness.store import ResultsStore, StoredRun
from conformance.hygiene.history import HistoryError, HistoryStore
from conformance.hygiene.policy import POLICY_FILE_NAME, Policy, load_policy
from conformance.hygiene.watchlist import WATCHLIST_FILE_NAME
from conformance.progress import catalogue_figures, repository
from conformance.progress.conformance_figures import conformance_rows
from conformance.progress.model import (
    NOT_RECORDED,
    REPORT_FORMAT,
    ActionRow,
    ActionStatus,
    ConformanceRow,
    ContactLine,
    Engagement,
    Header,
    LiaisonLine,
    Licensing,
    MeetingLine,
    Period,
    ProgressReport,
    RecommendationRow,
    Reproduction,
    Security,
    Training,
    TrainingLine,
    TutorialLine,
    WatchRow,
)
from conformance.progress.security_figures import HistoryFigures, read_history, security_section, watch_rows
from conformance.progress.studygroup import RES90_TITLES, STUDYGROUP_FILE, Res90Item, StudyGroup, load_studygroup
from conformance.spec.catalog import load_catalog
from conformance.spec.loading import LoadedRecommendation

DEFAULT_KEYWORDS = ("open source", "Resolution 90", "reference implementation", "conformance", "security")


@dataclass(frozen=True)
class Sources:
    """Where the report's data lives (the defaults of the commands: store, history, policy, database)."""

    root: Path
    store: Path
    history: Path
    database: Path | None = None  # for the watch list only; None: the default database


def build_progress_report(sources: Sources, period: Period, *, now: datetime) -> ProgressReport:
    """The report for ``period``; ``now`` is the data snapshot's time (the document's date).

    Raises ``RecbenchError`` (located) for a ``studygroup.yaml``, policy or watch list that
    cannot be used, and for a results store or history that is not one.
    """
    root = sources.root
    notes: list[str] = []
    studygroup = _studygroup(root, notes)
    catalog = load_catalog(root)
    notes += [f"not in the catalogue (does not load): {item.render(root)}" for item in catalog.failures]
    covered = _covered(catalog.recommendations, studygroup)
    kinds = catalogue_figures.implementation_kinds(covered)
    ids = {loaded.model.id for loaded in covered}
    runs = [run for run in _stored_runs(sources.store, notes) if run.recommendation in ids]
    conformance = conformance_rows(runs, period, kinds)
    policy, policy_source = _policy(root)
    history = _history(sources.history, period, notes)
    watch = _watch(root, sources.database, now, notes)
    security = security_section(history, policy, policy_source, period, watch)
    snapshot = repository.snapshot(root)
    if snapshot.commit is None:
        notes.append("the repository is not a git checkout: commit and changes per Recommendation not known")
    commits = repository.commits_per_recommendation(root, period) if snapshot.commit else None
    recommendations = catalogue_figures.recommendation_rows(covered, commits)
    provenance = catalogue_figures.provenance_rows(covered)
    training = _training(root, studygroup, period)
    engagement = _engagement(studygroup, period)
    licensing = Licensing(catalogue_figures.implementation_licences(covered),
                          catalogue_figures.vector_licences(provenance))
    actions = _actions(studygroup, recommendations, conformance, security, training, engagement, len(runs), period)
    header = _header(studygroup, covered, period, now, snapshot, recommendations, conformance, security)
    return ProgressReport(
        format=REPORT_FORMAT, header=header, actions=actions, recommendations=recommendations,
        provenance=provenance, conformance=conformance, security=security, training=training,
        engagement=engagement, licensing=licensing,
        action_required=_action_required(studygroup, recommendations, conformance, security, training,
                                         engagement),
        reproduce=_reproduce(period), notes=tuple(notes))


def _studygroup(root: Path, notes: list[str]) -> StudyGroup | None:
    path = root / STUDYGROUP_FILE
    if not path.exists() and not path.is_symlink():
        notes.append(f"no {STUDYGROUP_FILE}: the study group's own data (contacts, meetings, training, "
                     "liaisons) is not recorded")
        return None
    return load_studygroup(path).model


def _covered(recommendations: Sequence[LoadedRecommendation], studygroup: StudyGroup | None
             ) -> list[LoadedRecommendation]:
    wanted = studygroup.recommendations if studygroup else None
    if wanted is None:
        return list(recommendations)
    return [loaded for loaded in recommendations if loaded.model.id in set(wanted)]


def _stored_runs(path: Path, notes: list[str]) -> list[StoredRun]:
    if not path.is_file():  # opening would create it: a report never writes
        notes.append(f"no results store at {path.name}: no conformance run recorded (run `recbench check`)")
        return []
    try:
        with ResultsStore(path) as store:
            return store.runs()
    except (ValueError, sqlite3.Error) as error:
        raise RecbenchError(f"{path}: not a usable results store ({error})") from None


def _policy(root: Path) -> tuple[Policy, str]:
    path = root / POLICY_FILE_NAME
    if path.is_file() or path.is_symlink():
        return load_policy(path), POLICY_FILE_NAME
    return Policy(), "embedded defaults"


def _history(path: Path, period: Period, notes: list[str]) -> HistoryFigures | None:
    if not path.is_file():
        notes.append("no audit history: no dependency audit recorded (run `recbench check` or `recbench deps audit`)")
        return None
    try:
        with HistoryStore(path) as store:
            return read_history(store, period)
    except (HistoryError, sqlite3.Error) as error:
        raise RecbenchError(f"{path}: not a usable audit history ({error})") from None


def _watch(root: Path, database: Path | None, now: datetime, notes: list[str]) -> tuple[WatchRow, ...] | None:
    path = root / WATCHLIST_FILE_NAME
    if not path.is_file():
        notes.append(f"no {WATCHLIST_FILE_NAME}: no watch list of relied-on projects recorded")
        return None
    from conformance.hygiene.advisories import OsvDatabase  # the database only when there is a list
    from conformance.hygiene.watchlist import watch

    with OsvDatabase.open_default(database) as opened:
        return watch_rows(watch(path, opened, now=now))


def _training(root: Path, studygroup: StudyGroup | None, period: Period) -> Training:
    events = None if studygroup is None or studygroup.training is None else tuple(
        TrainingLine(item.date.isoformat(), item.title, item.format, item.participants, item.link)
        for item in sorted(studygroup.training, key=lambda item: item.date) if period.holds(item.date.isoformat()))
    counted = [event.participants for event in events or () if event.participants is not None]
    tutorials = None
    if studygroup is not None and studygroup.tutorials is not None:
        lines = []
        for tutorial in studygroup.tutorials:
            published = tutorial.published.isoformat() if tutorial.published else (
                repository.first_committed(root, tutorial.path) if tutorial.path else None)
            lines.append(TutorialLine(tutorial.title, tutorial.path or tutorial.link or "", published,
                                      published is not None and period.holds(published)))
        tutorials = tuple(lines)
    return Training(events=events, participants=sum(counted) if counted else None, tutorials=tutorials)


def _engagement(studygroup: StudyGroup | None, period: Period) -> Engagement:
    meetings = None if studygroup is None or studygroup.meetings is None else tuple(
        MeetingLine(item.date.isoformat(), item.end.isoformat() if item.end else None, item.place, item.kind,
                    item.document)
        for item in sorted(studygroup.meetings, key=lambda item: item.date) if period.holds(item.date.isoformat()))
    liaisons = None if studygroup is None or studygroup.liaisons is None else tuple(
        LiaisonLine(item.community, item.topic, item.status, item.since.isoformat() if item.since else None,
                    item.link) for item in studygroup.liaisons)
    return Engagement(meetings=meetings, liaisons=liaisons)


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _actions(studygroup: StudyGroup | None, recommendations: Sequence[RecommendationRow],
             conformance: Sequence[ConformanceRow], security: Security, training: Training,
             engagement: Engagement, stored_runs: int, period: Period) -> tuple[ActionRow, ...]:
    ran = [row for row in conformance if row.runs_in_period]
    runs_in_period = sum(row.runs_in_period for row in conformance)
    with_reference = sum(row.reference_implementations > 0 for row in recommendations)
    reference_rows = [row for row in ran if row.kind == "reference"]
    reference_passed = sum(bool(row.passed) for row in reference_rows)
    computed: dict[Res90Item, tuple[ActionStatus, list[str]]] = {}
    computed[Res90Item.TOOL] = (
        "in place" if recommendations and (runs_in_period or security.audit_runs) else "partial",
        [f"{_plural(len(recommendations), 'Recommendation')} kept as machine-readable text (recommendations/)",
         f"{_plural(runs_in_period, 'whole conformance run')} and {_plural(security.audit_runs, 'audit run')} "
         "in the period (section 4, 5)"])
    failing = [row for row in reference_rows if not row.passed]
    computed[Res90Item.REFERENCE_IMPLEMENTATIONS] = (
        "attention" if failing else "in place"
        if recommendations and with_reference == len(recommendations) and reference_rows else "partial",
        [f"{with_reference} of {_plural(len(recommendations), 'Recommendation')} with a reference implementation "
         "(section 3)",
         f"{reference_passed} of {_plural(len(reference_rows), 'reference implementation')} run in the period "
         "passed (section 4)"])
    expired = [row for row in security.ignores if row.state in ("expired in period", "expired before period")]
    stale_data = (security.advisory_data_age_days is not None and security.max_advisory_age_days is not None
                  and security.advisory_data_age_days > security.max_advisory_age_days)
    security_status: ActionStatus = ("partial" if not security.audit_runs else
                                     "attention" if security.open or expired or stale_data else "in place")
    computed[Res90Item.SECURITY] = (security_status, [
        f"{_plural(security.audit_runs, 'dependency audit')} in the period; {security.found} advisories found, "
        f"{security.fixed} fixed, {security.open} open (section 5)",
        f"{_plural(len(security.ignores), 'accepted risk')} in {security.policy_source}, "
        f"{len(expired)} expired"])
    if training.events is None and training.tutorials is None:
        computed[Res90Item.TRAINING] = ("not recorded", [f"training and tutorials not recorded in {STUDYGROUP_FILE}"])
    else:
        held = len(training.events or ())
        published = sum(item.in_period for item in training.tutorials or ())
        computed[Res90Item.TRAINING] = ("in place" if held or published else "partial", [
            f"{_plural(held, 'training event')} held"
            + (f" ({training.participants} participants counted)" if training.participants else ""),
            f"{_plural(published, 'tutorial')} published in the period (section 6)"])
    watch = security.watch_list
    if engagement.liaisons is None and watch is None:
        computed[Res90Item.ENGAGEMENT] = ("not recorded", [f"liaisons not recorded in {STUDYGROUP_FILE}; "
                                                           "no watch list"])
    else:
        active = sum(item.status == "active" for item in engagement.liaisons or ())
        attention = sum(row.attention for row in watch or ())
        status: ActionStatus = "attention" if attention else "in place" if active or watch else "partial"
        computed[Res90Item.ENGAGEMENT] = (status, [
            f"{_plural(active, 'active liaison')} with open-source communities" if engagement.liaisons is not None
            else "liaisons not recorded",
            f"{_plural(len(watch), 'watched project')}, {attention} needing attention" if watch is not None
            else "no watch list"])
    notes = {note.item: note for note in (studygroup.res90 if studygroup else ())}
    rows = []
    for item in Res90Item:
        status, evidence = computed[item]
        note = notes.get(item)
        rows.append(ActionRow(item=item.value, title=RES90_TITLES[item], status=status,
                              evidence=tuple(evidence + (note.evidence if note else [])),
                              note=note.note if note else None))
    return tuple(rows)


def _action_required(studygroup: StudyGroup | None, recommendations: Sequence[RecommendationRow],
                     conformance: Sequence[ConformanceRow], security: Security, training: Training,
                     engagement: Engagement) -> tuple[str, ...]:
    found: list[str] = []
    for row in conformance:
        if row.runs_in_period and not row.passed:
            found.append(f"{row.recommendation} {row.implementation} {row.version}: latest run {row.verdict}")
        elif row.change == "not run in period":
            found.append(f"{row.recommendation} {row.implementation}: not run in the period "
                         f"(last {row.previous_verdict} on {(row.previous_run_at or '')[:10]})")
    for security_row in security.implementations:
        for advisory in security_row.open_advisories:
            found.append(f"{security_row.label}: advisory {advisory} open")
    for ignore in security.ignores:
        if ignore.state in ("expired in period", "expired before period"):
            found.append(f"accepted risk {ignore.advisory} expired on {ignore.expires}: fix it or renew the ignore")
        elif ignore.state == "expires within 90 days":
            found.append(f"accepted risk {ignore.advisory} expires on {ignore.expires}")
    if (security.advisory_data_age_days is not None and security.max_advisory_age_days is not None
            and security.advisory_data_age_days > security.max_advisory_age_days):
        found.append(f"advisory data of {security.advisory_data_date} was {security.advisory_data_age_days} days old "
                     f"at the last audit (policy: {security.max_advisory_age_days}): import current data")
    if not security.audit_runs:
        found.append("no dependency audit in the period")
    for watched in security.watch_list or ():
        if watched.attention:
            found.append(f"watched project {watched.name}: advisories or unevaluated ranges at {watched.relied_on}")
    for recommendation in recommendations:
        if recommendation.covered_requirements < recommendation.tested_requirements:
            missing = recommendation.tested_requirements - recommendation.covered_requirements
            found.append(f"{recommendation.id}: {_plural(missing, 'mandatory requirement')} without vectors")
        if not recommendation.reference_implementations:
            found.append(f"{recommendation.id}: no reference implementation")
    unrecorded = [name for name, value in (
        ("contacts", studygroup.contacts if studygroup else None),
        ("meetings", engagement.meetings), ("training", training.events), ("tutorials", training.tutorials),
        ("liaisons", engagement.liaisons)) if value is None]
    if unrecorded:
        found.append(f"record in {STUDYGROUP_FILE}: {', '.join(unrecorded)}")
    return tuple(found)


def _header(studygroup: StudyGroup | None, covered: Sequence[LoadedRecommendation], period: Period,
            now: datetime, snapshot: repository.Snapshot, recommendations: Sequence[RecommendationRow],
            conformance: Sequence[ConformanceRow], security: Security) -> Header:
    groups = tuple(studygroup.study_groups) if studygroup else tuple(
        sorted({loaded.model.study_group for loaded in covered}))
    questions = tuple(studygroup.questions) if studygroup and studygroup.questions is not None else tuple(
        sorted({loaded.model.question for loaded in covered if loaded.model.question}))
    title = (studygroup.title if studygroup and studygroup.title else
             f"Progress on the implementation of Resolution 90 (open source), {period.words}")
    ran = [row for row in conformance if row.runs_in_period]
    passed = sum(bool(row.passed) for row in ran)
    fixed = (f", median time to fix {security.median_days_to_fix:g} days"
             if security.median_days_to_fix is not None else "")
    kept = "is" if len(recommendations) == 1 else "are"
    remain = "remains" if security.open == 1 else "remain"
    abstract = (
        f"This report gives the progress, from {period.words}, on the open-source items of Resolution 90. "
        f"{_plural(len(recommendations), 'Recommendation')} {kept} kept as machine-readable text, "
        f"{sum(row.reference_implementations > 0 for row in recommendations)} with a reference implementation; "
        f"{passed} of {_plural(len(ran), 'implementation')} run in the period passed the latest conformance run. "
        f"The dependency audits found {_plural(security.found, 'advisory', 'advisories')} and fixed "
        f"{security.fixed}{fixed}; {security.open} {remain} open. Every figure is computed by recbench from "
        "the repository's results store, audit history and git"
        + (f" at commit {snapshot.commit[:12]}." if snapshot.commit else "."))
    contacts = None if studygroup is None or studygroup.contacts is None else tuple(
        ContactLine(item.name, item.role, item.organization, item.email) for item in studygroup.contacts)
    return Header(
        title=title, study_period=studygroup.study_period if studygroup else None, study_groups=groups,
        study_groups_from="studygroup.yaml" if studygroup else "catalogue", questions=questions,
        questions_from="studygroup.yaml" if studygroup and studygroup.questions is not None else "catalogue",
        source=studygroup.source if studygroup else None, purpose="Information", contacts=contacts,
        keywords=tuple(studygroup.keywords) if studygroup and studygroup.keywords else DEFAULT_KEYWORDS,
        abstract=abstract, period=period, snapshot_date=now.date().isoformat(), recbench_version=__version__,
        commit=snapshot.commit, commit_date=snapshot.commit_date, dirty=snapshot.dirty,
        studygroup_file=STUDYGROUP_FILE if studygroup else None)


def _reproduce(period: Period) -> tuple[Reproduction, ...]:
    span = (f"--since {period.since} " if period.since else "") + f"--until {period.until}"
    return (
        Reproduction("Recommendations, requirements and vector sets (section 3)", "recbench list; recbench show ID"),
        Reproduction("Requirement coverage by vectors (section 3)", "recbench lint (rule RB210)"),
        Reproduction("Conformance per implementation (section 4)", "recbench report matrix"),
        Reproduction("One implementation's run (section 4)", "recbench conform ID --impl NAME"),
        Reproduction("Advisories found and fixed, time to fix (section 5)", f"recbench deps history {span}"),
        Reproduction("Open advisories, stale dependencies, data age (section 5)", "recbench deps audit --all"),
        Reproduction("Accepted risks (section 5)", f"the [[ignores]] of {POLICY_FILE_NAME}"),
        Reproduction("Watched projects (section 5)", "recbench deps watch"),
        Reproduction("Changes per Recommendation (section 3)",
                     "git log " + (f"--since {period.since} " if period.since else "")
                     + f"--until {period.until} -- recommendations/FOLDER"),
        Reproduction("This report", f"recbench report progress {span} --format docx -o report.docx"),
    )


__all__ = ["NOT_RECORDED", "Sources", "build_progress_report"]

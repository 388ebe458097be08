"""The audit's entry functions: implementations (from the catalogue) or a path in, AuditRun out."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from conformance import __version__
from conformance.hygiene.advisories import Assessment, DatabaseStatus, OsvDatabase
from conformance.hygiene.ecosystems import ECOSYSTEMS, EVALUATED, GIT, PYPI
from conformance.hygiene.findings import Finding, FindingKind, Location, Severity
from conformance.hygiene.imports import third_party_imports
from conformance.hygiene.index import IndexSetting, PackageIndex
from conformance.hygiene.inventory import Dependency, InventoryError, read_inventory
from conformance.hygiene.licensing import licence_problem
from conformance.hygiene.policy import Policy, VulnerabilityIgnore
from conformance.hygiene.report import (
    REPORT_SCHEMA,
    AdvisoryDataReport,
    AdvisorySourceReport,
    AuditRun,
    DependencyReport,
    ImplementationReport,
    IndexReport,
    RemediationReport,
    RepositoryCheckReport,
    RepositoryReport,
    SkippedReport,
)
from conformance.hygiene.repository import RepositoryError, collect_signals, score_repository
from conformance.hygiene.staleness import measure
from conformance.hygiene.urls import redact_url


@dataclass(frozen=True, slots=True)
class AuditTarget:
    """One implementation to audit, as the caller knows it from the catalogue."""

    name: str
    recommendation: str | None = None
    lock: Path | None = None
    repository: Path | None = None
    licence: str | None = None
    #: Check that every third-party import under ``repository`` is in the lock.
    scan_imports: bool = False

    @property
    def label(self) -> str:
        """Unique display name: '<Recommendation>: <implementation>' when the Recommendation is known."""
        return f"{self.recommendation}: {self.name}" if self.recommendation else self.name

    @property
    def identity(self) -> str:
        """The stable key of its history series: Recommendation and implementation name, or,
        for a path audited on its own, the resolved path (two folders called ``impl`` are
        two series, and a label's wording may change without breaking one)."""
        if self.recommendation:
            return f"recommendation:{self.recommendation}/{self.name}"
        where = self.lock or self.repository
        return f"path:{where.resolve().as_posix()}" if where is not None else f"name:{self.name}"


def _display_path(path: Path | str, root: Path | None) -> str:
    return _relative(str(path), str(root) if root is not None else None)


@lru_cache(maxsize=4096)
def _relative(path: str, root: str | None) -> str:
    # Cached: resolving paths costs more than matching advisories when a lock has many pins.
    candidate = Path(path)
    if root is not None:
        try:
            return candidate.resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return candidate.as_posix()


class _Auditor:
    """State shared while auditing several implementations in one run."""

    def __init__(self, *, policy: Policy, database: OsvDatabase, index: PackageIndex | None,
                 root: Path | None, now: datetime) -> None:
        self.policy = policy
        self.database = database
        self.index = index
        self.root = root
        self.now = now
        self.today: date = now.date()
        #: Ecosystems of the dependencies audited, for the advisory data's age and presence.
        self.ecosystems: set[str] = set()

    def _finding(self, target: AuditTarget, **fields: object) -> Finding:
        return Finding(implementation=target.label, **fields)

    def _location(self, source: str | None, line: int | None = None) -> Location | None:
        return Location(path=_display_path(source, self.root), line=line) if source else None

    # --- per implementation ---------------------------------------------------------------

    def audit(self, target: AuditTarget, *, strict: bool) -> ImplementationReport:
        report = ImplementationReport(name=target.name, recommendation=target.recommendation,
                                      label=target.label, identity=target.identity,
                                      licence=target.licence,
                                      lock=_display_path(target.lock, self.root)
                                      if target.lock else None)
        findings = report.findings
        if target.licence:
            problem = licence_problem(target.licence, self.policy.licences)
            if problem:
                findings.append(self._finding(
                    target, kind=FindingKind.LICENCE, rule="implementation-licence",
                    severity=Severity.MEDIUM, violation=True,
                    title=f"Implementation licence {target.licence} breaks the policy",
                    detail=problem))
        dependencies: list[Dependency] = []
        if target.lock is None:
            findings.append(self._finding(
                target, kind=FindingKind.INVENTORY, rule="no-lock", severity=Severity.MEDIUM,
                violation=True, title="No dependency lock declared",
                detail="Declare a hashed lock (e.g. requirements.lock) for the implementation.",
                location=self._location(str(target.repository)) if target.repository else None))
        else:
            try:
                problem = self._linked(target.lock)
                if problem is not None:
                    raise InventoryError(f"{_display_path(target.lock, self.root)}: {problem}")
                inventory = read_inventory(target.lock)
            except InventoryError as error:
                if strict:
                    raise
                missing = not target.lock.exists()
                findings.append(self._finding(
                    target, kind=FindingKind.INVENTORY,
                    rule="missing-lock" if missing else "unreadable-lock",
                    severity=Severity.MEDIUM, violation=True,
                    title="Declared lock file is missing" if missing else "Lock cannot be read",
                    detail=str(error), location=self._location(str(target.lock))))
            else:
                report.inventory_format = inventory.format
                dependencies = inventory.dependencies
                for entry in inventory.skipped:
                    report.skipped.append(SkippedReport(
                        source=_display_path(entry.source, self.root), line=entry.line,
                        text=entry.text, reason=entry.reason))
                    # An entry that could not be read may hide anything: the audit cannot
                    # vouch for it; nor for one of an ecosystem it cannot evaluate (fail
                    # closed). One with no release to audit (editable, the project) is a note.
                    where = self._location(entry.source, entry.line)
                    if entry.unsupported:
                        closed = self.policy.fail_closed
                        findings.append(self._finding(
                            target, kind=FindingKind.INVENTORY, rule="unsupported-ecosystem",
                            severity=Severity.MEDIUM if closed else Severity.INFO,
                            violation=closed, title=f"Entry cannot be evaluated: {entry.text}",
                            detail=entry.reason, location=where))
                    elif entry.unreadable:
                        findings.append(self._finding(
                            target, kind=FindingKind.INVENTORY, rule="unreadable-entry",
                            severity=Severity.MEDIUM, violation=True,
                            title=f"Entry cannot be read: {entry.text}", detail=entry.reason,
                            location=where))
                    else:
                        findings.append(self._finding(
                            target, kind=FindingKind.INVENTORY, rule="skipped-entry",
                            severity=Severity.INFO, violation=False,
                            title=f"Entry not audited: {entry.text}", detail=entry.reason,
                            location=where))
        repository = target.repository
        if repository is not None and (problem := self._linked(repository)) is not None:
            findings.append(self._finding(
                target, kind=FindingKind.REPOSITORY, rule="no-repository", severity=Severity.INFO,
                violation=False, title="Implementation folder not read",
                detail=f"{_display_path(repository, self.root)}: {problem}",
                location=self._location(str(repository))))
            target = AuditTarget(name=target.name, recommendation=target.recommendation,
                                 lock=target.lock, repository=None, licence=target.licence)
        if target.scan_imports and target.repository is not None and report.inventory_format:
            self._check_imports(target, dependencies, findings)
        libyears: list[float] = []
        for dependency in dependencies:
            dependency_report = self._audit_dependency(target, dependency, findings)
            report.dependencies.append(dependency_report)
            if dependency_report.libyear is not None:
                libyears.append(dependency_report.libyear)
        report.libyear_total = round(sum(libyears), 3) if libyears else (
            0.0 if dependencies == [] and target.lock is not None else None)
        if target.repository is not None:
            report.repository = self._audit_repository(target, findings)
        return report

    def _linked(self, path: Path) -> str | None:
        """Why ``path`` is not read: a link on the way from the repository root, or outside it.

        A lock or folder committed as a link (to ``/proc/self/environ``, to another user's
        files) would otherwise put what it points at into reports and history.
        """
        if self.root is None:
            return None
        root = self.root.absolute()
        candidate = path if path.is_absolute() else root / path
        try:
            relative = candidate.absolute().relative_to(root)
        except ValueError:
            return "outside the repository, not read"
        current = root
        for part in relative.parts:
            current = current / part
            if part == "..":
                return "leads out of the repository, not read"
            if current.is_symlink():
                return ("a symbolic link, not followed (commit the file itself)" if current == candidate
                        else f"inside {current.relative_to(root).as_posix()}, a symbolic link, not followed")
        if candidate.exists() and not candidate.resolve().is_relative_to(root.resolve()):
            return "resolves outside the repository, not read"
        return None

    def _check_imports(self, target: AuditTarget, dependencies: list[Dependency],
                       findings: list[Finding]) -> None:
        assert target.repository is not None
        root = self.root or target.repository
        locked = {d.name for d in dependencies}
        for found in third_party_imports(target.repository, root):
            if locked.intersection(found.distributions):
                continue
            findings.append(self._finding(
                target, kind=FindingKind.UNPINNED, rule="undeclared-import",
                severity=Severity.MEDIUM, violation=self.policy.require_pins,
                title=f"'{found.module}' is imported but {', '.join(found.distributions)} "
                      "is not in the lock",
                detail="Add the distribution to the lock with its hashes, or stop importing it.",
                package=found.distributions[0],
                location=self._location(str(found.path), found.line)))

    def _audit_dependency(self, target: AuditTarget, dependency: Dependency,
                          findings: list[Finding]) -> DependencyReport:
        policy = self.policy
        location = self._location(dependency.source, dependency.line)
        report = DependencyReport(
            name=dependency.display_name if dependency.ecosystem == GIT else dependency.name,
            version=dependency.version, ecosystem=dependency.ecosystem, purl=dependency.purl,
            commit=dependency.commit, repository_url=dependency.repository_url,
            specifier=dependency.specifier,
            source=_display_path(dependency.source, self.root), line=dependency.line,
            hashes=list(dependency.hashes), licence=dependency.licence)
        shown = dependency.display_name
        common = {"package": shown, "version": dependency.version or dependency.commit,
                  "ecosystem": dependency.ecosystem, "location": location}
        if not dependency.pinned:
            findings.append(self._finding(
                target, kind=FindingKind.UNPINNED, rule="unpinned", severity=Severity.MEDIUM,
                violation=policy.require_pins,
                title=f"{shown} is not pinned to one version",
                detail=f"constraint {dependency.specifier or '(none)'}", **common))
            return report
        pin = _pin_text(dependency)
        if dependency.ecosystem not in EVALUATED:
            findings.append(self._finding(
                target, kind=FindingKind.INVENTORY, rule="unsupported-ecosystem",
                severity=Severity.MEDIUM if policy.fail_closed else Severity.INFO,
                violation=policy.fail_closed,
                title=f"{pin}: ecosystem {dependency.ecosystem} cannot be evaluated",
                detail=f"recbench has no version rules for {dependency.ecosystem}; check its "
                       "advisories by hand, or set fail_closed = false to accept.", **common))
            return report
        self.ecosystems.add(dependency.ecosystem)
        version = dependency.version or ""
        # A commit names its content exactly; every other pin needs a hash from the lock.
        if not dependency.hashes and dependency.commit is None:
            findings.append(self._finding(
                target, kind=FindingKind.UNHASHED, rule="unhashed-pin", severity=Severity.LOW,
                violation=policy.require_hashes,
                title=f"{pin} has no hash",
                detail="Without a hash an index or mirror can substitute the file.", **common))
        assessment = self._assess(dependency)
        # advisories undecided for one reason (a history not at hand) are one finding
        by_reason: dict[str, list[str]] = {}
        for advisory_id, reason in assessment.unevaluated:
            by_reason.setdefault(reason, []).append(advisory_id)
        for reason, identifiers in by_reason.items():
            listed = identifiers[0] if len(identifiers) == 1 else (
                f"{len(identifiers)} advisories ({', '.join(identifiers[:3])}"
                f"{', …' if len(identifiers) > 3 else ''})")
            findings.append(self._finding(
                target, kind=FindingKind.INVENTORY, rule="unevaluated-advisory",
                severity=Severity.MEDIUM if policy.fail_closed else Severity.INFO,
                violation=policy.fail_closed,
                title=f"{pin}: {listed} could not be evaluated",
                detail=f"{reason}. Check by hand: {', '.join(identifiers)}.",
                aliases=identifiers if len(identifiers) > 1 else [], **common))
        for vulnerability in assessment.vulnerabilities:
            severity = vulnerability.severity or policy.unknown_severity
            ignore = self._matching_ignore(vulnerability.id, vulnerability.aliases,
                                           dependency.name)
            fixes = ", ".join(vulnerability.fixed_in) or "no fixed version known"
            findings.append(self._finding(
                target, kind=FindingKind.VULNERABILITY, rule=vulnerability.id,
                severity=severity,
                violation=severity.rank > policy.max_severity.rank and ignore is None,
                title=f"{pin}: {vulnerability.id}"
                      f"{' - ' + vulnerability.summary if vulnerability.summary else ''}",
                references=_advisory_links(vulnerability.id, vulnerability.references),
                detail=f"Fixed in: {fixes}." + (
                    "" if vulnerability.severity else
                    f" No CVSS vector; severity assumed {policy.unknown_severity.value}."),
                aliases=list(vulnerability.aliases), fix_versions=list(vulnerability.fixed_in),
                cvss_vector=vulnerability.cvss_vector, cvss_score=vulnerability.cvss_score,
                ignored=ignore is not None, ignore_reason=ignore.reason if ignore else None,
                ignore_expires=ignore.expires if ignore else None,
                **common))
            report.vulnerabilities.append(vulnerability.id)
        if assessment.vulnerabilities and dependency.ecosystem != GIT:
            report.remediation = self._remediation(dependency, assessment)
        if dependency.ecosystem != PYPI:
            # release histories and metadata come from a PyPI-style index only
            if dependency.licence:
                self._check_licence(target, dependency, dependency.licence, findings, common)
            return report
        history = self.index.release_history(dependency.name) if self.index else None
        metadata = self.index.core_metadata(dependency.name, version) if self.index else None
        staleness = measure(version, history, now=self.now, upload_time=dependency.upload_time,
                            metadata=metadata)
        report.pinned_release = staleness.pinned_release
        report.newest_version = staleness.newest_version
        report.newest_release = staleness.newest_release
        report.days_since_pinned_release = staleness.days_since_pinned_release
        report.days_since_newest_release = staleness.days_since_newest_release
        report.versions_behind = staleness.versions_behind
        report.libyear = staleness.libyear
        report.yanked = staleness.yanked
        report.inactive = staleness.inactive
        report.release_data_fetched_at = staleness.data_fetched_at
        if staleness.yanked:
            findings.append(self._finding(
                target, kind=FindingKind.YANKED, rule="yanked-release", severity=Severity.MEDIUM,
                violation=policy.forbid_yanked, title=f"{dependency.name}=={version} is yanked",
                detail=staleness.yanked_reason or "The index marks every file of it yanked.",
                **common))
        age = staleness.days_since_pinned_release
        if policy.max_release_age_days is not None and age is not None \
                and age > policy.max_release_age_days:
            findings.append(self._finding(
                target, kind=FindingKind.STALE, rule="stale-release", severity=Severity.LOW,
                violation=True,
                title=f"{dependency.name}=={version} was released {age} days ago",
                detail=f"Policy allows {policy.max_release_age_days} days; newest is "
                       f"{staleness.newest_version or 'unknown'}.", **common))
        if policy.max_libyears is not None and staleness.libyear is not None \
                and staleness.libyear > policy.max_libyears:
            findings.append(self._finding(
                target, kind=FindingKind.STALE, rule="libyears", severity=Severity.LOW,
                violation=True,
                title=f"{dependency.name}=={version} is {staleness.libyear} libyears behind",
                detail=f"Policy allows {policy.max_libyears}; newest is "
                       f"{staleness.newest_version}.", **common))
        if staleness.inactive:
            findings.append(self._finding(
                target, kind=FindingKind.STALE, rule="inactive-project", severity=Severity.INFO,
                violation=False, title=f"{dependency.name} declares itself inactive",
                detail="Classifier 'Development Status :: 7 - Inactive'.", **common))
        licence = dependency.licence or (metadata.license_expression if metadata else None)
        report.licence = licence
        if licence:
            self._check_licence(target, dependency, licence, findings, common)
        elif policy.licences.require_known:
            findings.append(self._finding(
                target, kind=FindingKind.LICENCE, rule="unknown-licence", severity=Severity.LOW,
                violation=True, title=f"{dependency.name} has no known licence",
                detail="Neither the input nor cached index metadata gives an SPDX expression.",
                **common))
        return report

    def _remediation(self, dependency: Dependency, assessment: Assessment
                     ) -> RemediationReport | None:
        """The smallest fixed version above the pin that clears every advisory (else the most)."""
        known = ECOSYSTEMS.get(dependency.ecosystem)
        parse = known.parse_version if known else None
        current = parse(dependency.version or "") if parse else None
        if parse is None or current is None:
            return None
        candidates: dict[str, Any] = {}
        floor = current
        for vulnerability in assessment.vulnerabilities:
            fixes = [(order, fix) for fix in vulnerability.fixed_in
                     if (order := parse(fix)) is not None and order > current]
            candidates.update((fix, order) for order, fix in fixes)
            if fixes:
                # below its nearest fix a vulnerability still applies: no version under the
                # highest of those nearest fixes can clear them all
                floor = max(floor, min(fixes)[0])
        candidates = {fix: order for fix, order in candidates.items() if order >= floor} or candidates
        total = len(assessment.vulnerabilities)
        # each merged vulnerability by every id it goes by: a version clears it when none of
        # its records covers that version (only the pin's own advisories are evaluated)
        owner = {name: v.id for v in assessment.vulnerabilities for name in (v.id, *v.aliases)}
        best: RemediationReport | None = None
        for fix in sorted(candidates, key=candidates.__getitem__):
            still = self.database.still_affecting(dependency.name, fix, set(owner),
                                                  ecosystem=dependency.ecosystem)
            remaining = sorted({owner[identifier] for identifier in still})
            cleared = total - len(remaining)
            if best is None or cleared > best.clears:
                best = RemediationReport(version=fix, clears=cleared, remaining=remaining)
            if not remaining:
                return best
        return best

    def _assess(self, dependency: Dependency) -> Assessment:
        if dependency.ecosystem == GIT:
            return self.database.assess_commit(dependency.name, dependency.commit, dependency.version,
                                               history=dependency.history,
                                               shown_as=dependency.repository_url)
        return self.database.assess(dependency.name, dependency.version or "",
                                    ecosystem=dependency.ecosystem)

    def _check_licence(self, target: AuditTarget, dependency: Dependency, licence: str,
                       findings: list[Finding], common: Mapping[str, object]) -> None:
        problem = licence_problem(licence, self.policy.licences)
        if problem:
            findings.append(self._finding(
                target, kind=FindingKind.LICENCE, rule="dependency-licence",
                severity=Severity.MEDIUM, violation=True,
                title=f"{dependency.display_name} licence {licence} breaks the policy",
                detail=problem, **common))

    def _matching_ignore(self, identifier: str, aliases: Sequence[str], package: str
                         ) -> VulnerabilityIgnore | None:
        names = {name.casefold() for name in (identifier, *aliases)}
        for ignore in self.policy.ignores:
            if ignore.id.casefold() in names and ignore.package in (None, package) \
                    and not ignore.is_expired(self.today):
                return ignore
        return None

    def _audit_repository(self, target: AuditTarget, findings: list[Finding]
                          ) -> RepositoryReport | None:
        assert target.repository is not None
        rules = self.policy.repository
        try:
            signals = collect_signals(target.repository, now=self.now)
        except RepositoryError as error:
            findings.append(self._finding(
                target, kind=FindingKind.REPOSITORY, rule="no-repository", severity=Severity.INFO,
                violation=False, title="Repository signals unavailable", detail=str(error)))
            return None
        scored = score_repository(signals, quiet_is_mature=rules.quiet_is_mature,
                                  max_commit_age_days=rules.max_commit_age_days)
        if rules.min_score is not None and scored.score is not None \
                and scored.score < rules.min_score:
            weakest = ", ".join(f"{c.name} {c.score}" for c in scored.checks
                                if c.score is not None and c.score < 10)
            findings.append(self._finding(
                target, kind=FindingKind.REPOSITORY, rule="repository-score",
                severity=Severity.MEDIUM, violation=True,
                title=f"Repository score {scored.score} is below {rules.min_score}",
                detail=f"Checks below 10: {weakest}."))
        days = signals.days_since_last_commit
        if rules.max_commit_age_days is not None and days is not None \
                and days > rules.max_commit_age_days:
            findings.append(self._finding(
                target, kind=FindingKind.REPOSITORY, rule="stale-repository",
                severity=Severity.LOW, violation=True,
                title=f"Last commit {days} days ago",
                detail=f"Policy allows {rules.max_commit_age_days} days."))
        return RepositoryReport(
            path=_display_path(target.repository, self.root), head=signals.head,
            dirty=signals.dirty, last_commit=signals.last_commit,
            days_since_last_commit=signals.days_since_last_commit,
            commits_90_days=signals.commits_90_days, commits_365_days=signals.commits_365_days,
            contributors_365_days=signals.contributors_365_days,
            absence_factor=signals.absence_factor, tags=signals.tags,
            signed_tags=signals.signed_tags, score=scored.score,
            checks=[RepositoryCheckReport(name=c.name, weight=c.weight, score=c.score,
                                          reason=c.reason) for c in scored.checks])


def _advisory_links(identifier: str, references: Sequence[str]) -> list[str]:
    """An advisory's links, the one naming its own id first (at most five)."""
    own = [r for r in references if identifier.lower() in r.lower()]
    return list(dict.fromkeys([*own, *references]))[:5]


def _pin_text(dependency: Dependency) -> str:
    """A pin as its ecosystem writes it: name==1.0 (PyPI), name@1.0, repository@commit."""
    if dependency.ecosystem == PYPI:
        return f"{dependency.name}=={dependency.version}"
    if dependency.ecosystem == GIT:
        at = dependency.commit[:12] if dependency.commit else dependency.version
        return f"{dependency.display_name}@{at}"
    return f"{dependency.name}@{dependency.version}"


def _advisory_data(status: DatabaseStatus, dates: dict[str, str | None]) -> AdvisoryDataReport:
    return AdvisoryDataReport(
        records=status.records, data_date=status.data_date,
        sources=[AdvisorySourceReport(location=s.location, description=s.description,
                                      imported_at=s.imported_at, records=s.records)
                 for s in status.sources], ecosystems=dates)


def _data_findings(ecosystems: set[str], database: OsvDatabase, policy: Policy, today: date,
                   location: Location | None) -> tuple[list[Finding], dict[str, str | None]]:
    """Findings on the advisory data of the audited ecosystems: absent, or older than allowed."""
    held = database.ecosystem_dates()
    findings: list[Finding] = []
    dates: dict[str, str | None] = {}
    for ecosystem in sorted(ecosystems):
        count, newest = held.get(ecosystem, (0, None))
        day = newest[:10] if newest else None
        dates[ecosystem] = day
        what = "GIT commit ranges" if ecosystem == GIT else ecosystem
        refresh = (f"Refresh with `recbench deps db import` of a current OSV dump of {what} "
                   "(the ecosystem's all.zip, or single records).")
        if count == 0:
            findings.append(Finding(
                kind=FindingKind.INVENTORY, rule="no-advisory-data",
                severity=Severity.MEDIUM if policy.fail_closed else Severity.INFO,
                violation=policy.fail_closed, implementation="(advisory data)",
                title=f"No advisory data for {what}", location=location,
                detail=f"The database holds no advisory of {what}, so its pins were checked "
                       f"against nothing. {refresh}"))
            continue
        if policy.max_advisory_age_days is None or day is None:
            continue
        age = (today - date.fromisoformat(day)).days
        if age > policy.max_advisory_age_days:
            findings.append(Finding(
                kind=FindingKind.STALE, rule="stale-advisory-data", severity=Severity.MEDIUM,
                violation=True, implementation="(advisory data)", location=location,
                title=f"Advisory data for {what} is {age} days old (dated {day})",
                detail=f"Policy allows {policy.max_advisory_age_days} days "
                       f"(max_advisory_age_days). {refresh}"))
    return findings, dates


def _expired_ignores(policy: Policy, today: date, location: Location | None) -> list[Finding]:
    return [
        Finding(kind=FindingKind.IGNORE, rule="expired-ignore", severity=Severity.MEDIUM,
                violation=True, implementation="(policy)", package=ignore.package,
                location=location,
                title=f"Ignore of {ignore.id} expired on {ignore.expires}",
                detail=f"Reason given: {ignore.reason}. Renew it with a new date or fix the "
                       "dependency.")
        for ignore in policy.ignores if ignore.is_expired(today)
    ]


def audit_implementations(implementations: Iterable[AuditTarget], *, policy: Policy,
                          database: OsvDatabase, offline: bool = True,
                          index: PackageIndex | None = None,
                          index_setting: IndexSetting | None = None,
                          root: Path | None = None, now: datetime | None = None,
                          policy_source: str = "embedded defaults",
                          strict: bool = False) -> AuditRun:
    """Audit every implementation; a missing or unreadable lock becomes a finding.

    ``index`` supplies release histories; without one, a cache-only index over ``database``
    is used (with ``index_setting`` if given). ``strict`` makes unreadable input raise
    :class:`~conformance.hygiene.inventory.InventoryError` instead.
    """
    started = datetime.now(UTC)
    moment = now or started
    if index is None:
        setting = index_setting or IndexSetting(None, "no index configured")
        index = PackageIndex(database, setting, offline=offline)
    auditor = _Auditor(policy=policy, database=database, index=index, root=root, now=moment)
    reports = [auditor.audit(target, strict=strict) for target in implementations]
    policy_file = Path(policy_source)
    policy_location = Location(path=_display_path(policy_file, root)) \
        if policy_source != "embedded defaults" and policy_file.is_file() else None
    data_findings, dates = _data_findings(auditor.ecosystems, database, policy, moment.date(),
                                          policy_location)
    fetched = [d.release_data_fetched_at for r in reports for d in r.dependencies
               if d.release_data_fetched_at is not None]
    return AuditRun(
        schema=REPORT_SCHEMA, run_id=str(uuid.uuid4()), tool_version=__version__,
        started_at=started, finished_at=datetime.now(UTC), policy_source=policy_source,
        advisory_data=_advisory_data(database.status(), dates),
        index=IndexReport(url=redact_url(index.setting.url) if index.setting.url else None,
                          origin=index.setting.origin,
                          offline=index.offline, oldest_data=min(fetched) if fetched else None,
                          errors=list(index.errors)),
        implementations=reports,
        policy_findings=[*_expired_ignores(policy, moment.date(), policy_location), *data_findings])


def audit_path(path: Path, *, policy: Policy, database: OsvDatabase, offline: bool = True,
               index: PackageIndex | None = None, index_setting: IndexSetting | None = None,
               licence: str | None = None, now: datetime | None = None,
               policy_source: str = "embedded defaults") -> AuditRun:
    """Audit one lock file, SBOM or project folder; unreadable input raises InventoryError."""
    if not path.exists():
        raise InventoryError(f"{path}: no such file or directory")
    folder = path if path.is_dir() else path.parent
    target = AuditTarget(name=path.resolve().name, lock=path, repository=folder,
                         licence=licence)
    return audit_implementations(
        [target], policy=policy, database=database, offline=offline, index=index,
        index_setting=index_setting, root=folder, now=now, policy_source=policy_source,
        strict=True)

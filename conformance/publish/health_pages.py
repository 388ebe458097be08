"""Dependency health: one card per implementation (conformance, findings, libyear, repository
score, SBOM, security policy) and the overview with trend charts over the audit history (pure)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from conformance.hygiene.history import TrendPoint
from conformance.hygiene.report import ImplementationReport
from conformance.publish import layout
from conformance.publish.charts import Series, histogram, time_chart
from conformance.publish.gathering import ImplementationKey, SiteData
from conformance.publish.markup import badge, code, counts_text, link, page, table, text, verdict_badge
from conformance.publish.pages import SitePage
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import Implementation

#: Bins of the staleness distribution: days since the pinned release came out.
AGE_EDGES = (0, 182, 365, 730, 1461)
AGE_LABELS = ("< 6 months", "6–12 months", "1–2 years", "2–4 years", "4 years +")
SECURITY_CHECK = "Security-Policy"


def chart_block(svg: str, caption: str) -> str:
    """An inline chart (so it takes the page's colours) with its caption; left out of the search index."""
    return f'<figure class="rb-chart" data-search-exclude>{svg}<figcaption>{text(caption)}</figcaption></figure>'


def health_card(data: SiteData, loaded: LoadedRecommendation, implementation: Implementation) -> SitePage:
    """The health card of one implementation the catalogue lists."""
    key = ImplementationKey(loaded.folder.name, implementation.name)
    here = layout.health_card(key.slug)
    model = loaded.model
    latest = data.latest(model.id, implementation.name)
    audit = data.audit_of(model.id, implementation.name)
    recommendation = link(text(model.id), layout.relative(here, layout.recommendation_page(loaded.folder.name)))
    if latest is not None:
        report = latest.report
        untested = sum(1 for row in report.requirements if row.status == "untested")
        report_link = layout.relative(here, layout.report_html(latest.run.id))
        conformance = (f"{verdict_badge(report.verdict)} " + link(text(counts_text(report.counts)), report_link)
                       + f", version {text(latest.run.version)}, {latest.run.started[:10]}"
                       + (f", {untested} untested requirements" if untested else ""))
    else:
        conformance = verdict_badge(None) + " no complete run stored"
    facts = [
        ("Recommendation", recommendation),
        ("Kind and language", text(f"{implementation.kind}, {implementation.language}")),
        ("Licence", code(implementation.license)),
        ("Conformance", conformance),
        ("Run history", link("every stored run", layout.relative(here, layout.history_page(key.slug)))),
    ]
    blocks: list[str] = []
    if audit is None:
        facts.append(("Dependency audit", "not audited yet (" + code("recbench check") + " or "
                      + code("recbench deps audit --all") + " records one)"))
    else:
        facts += _audit_facts(data, here, key, audit)
        blocks += [_findings(audit), _repository_checks(audit), _card_chart(data, audit)]
    title = f"{model.id} {implementation.name}: health card"
    blocks.insert(0, table(["", ""], [[f"**{name}**", value] for name, value in facts]))
    return SitePage(here, f"{implementation.name} ({model.id})", page(title, *blocks), section="Health cards")


def _audit_facts(data: SiteData, here: str, key: ImplementationKey,
                 audit: ImplementationReport) -> list[tuple[str, str]]:
    violations = len(audit.violations)
    score = audit.repository.score if audit.repository is not None else None
    security = _security_policy(audit)
    when = data.audit.started_at.strftime("%Y-%m-%d") if data.audit else ""
    return [
        ("Dependencies", f"{len(audit.dependencies)} in {code(audit.lock or 'no lock')} (audit of {when})"),
        ("Findings", (badge("no violation", "pass") if not violations else badge(f"{violations} violations", "fail"))
         + f" {len(audit.findings)} findings"),
        ("Libyear", f"{audit.libyear_total:.2f} years" if audit.libyear_total is not None else "unknown"),
        ("Repository score", f"{score:.1f} / 10 (after OpenSSF Scorecard)" if score is not None else "unknown"),
        ("Security policy", badge(security, "pass") if security else badge("no SECURITY file", "fail")),
        ("SBOM", link("CycloneDX 1.6 JSON", layout.relative(here, layout.sbom_file(key.slug)))),
    ]


def _security_policy(audit: ImplementationReport) -> str | None:
    """The security policy file the repository check found (e.g. SECURITY.md), if any."""
    if audit.repository is None:
        return None
    for check in audit.repository.checks:
        if check.name == SECURITY_CHECK and check.score:
            return check.reason
    return None


def _findings(audit: ImplementationReport) -> str:
    if not audit.findings:
        return "## Findings\n\nNo finding."
    rows = [[text(f.rule), text(f.severity), text(f.package or "-") + (f" {text(f.version)}" if f.version else ""),
             badge("violation", "fail") if f.counts_against_policy else ("ignored" if f.ignored else "notice"),
             text(f.title)] for f in audit.findings]
    return "## Findings\n\n" + table(["Rule", "Severity", "Package", "Policy", "Title"], rows)


def _repository_checks(audit: ImplementationReport) -> str:
    if audit.repository is None:
        return ""
    rows = [[text(check.name), "-" if check.score is None else f"{check.score}/10", text(check.reason)]
            for check in audit.repository.checks]
    return "## Repository checks\n\n" + table(["Check", "Score", "Reason"], rows)


def _points(data: SiteData, identity: str | None) -> list[TrendPoint]:
    return [point for point in data.trend if (point.identity or point.label) == identity]


def _when(point: TrendPoint) -> dt.datetime:
    return dt.datetime.fromisoformat(point.started_at)


def _card_chart(data: SiteData, audit: ImplementationReport) -> str:
    points = _points(data, audit.identity or audit.label)
    if not points:
        return ""
    svg = time_chart("Findings over the audit history", [
        Series("findings", [(_when(p), p.findings) for p in points]),
        Series("violations", [(_when(p), p.violations) for p in points]),
    ], ylabel="count", integer=True)
    return "## Trend\n\n" + chart_block(svg, f"Findings and violations in {len(points)} audit runs.")


def dependency_health_page(data: SiteData) -> SitePage:
    """Findings per implementation, libyear and repository score, trends and staleness."""
    here = layout.HEALTH
    if data.audit is None:
        return SitePage(here, "Dependency health", page(
            "Dependency health", "No dependency audit is recorded in the audit history yet: run "
            + code("recbench check") + " or " + code("recbench deps audit --all") + ", then publish again."))
    audit = data.audit
    cards: dict[int, list[str]] = defaultdict(list)
    for loaded, implementation in data.implementations():
        report = data.audit_of(loaded.model.id, implementation.name)
        if report is not None:
            slug = ImplementationKey(loaded.folder.name, implementation.name).slug
            cards[id(report)].append(link(text(implementation.name), layout.relative(here, layout.health_card(slug))))
    rows = []
    for report in audit.implementations:
        violations = len(report.violations)
        score = report.repository.score if report.repository is not None else None
        rows.append([
            text(report.label), str(len(report.dependencies)), str(len(report.findings)),
            badge(str(violations), "fail" if violations else "pass"),
            f"{report.libyear_total:.2f}" if report.libyear_total is not None else "unknown",
            f"{score:.1f}" if score is not None else "unknown", ", ".join(cards.get(id(report), [])) or "-",
        ])
    summary = (f"Audit {code(audit.run_id[:8])} of {audit.started_at:%Y-%m-%d %H:%M} UTC, advisory data of "
               f"{text(audit.advisory_data.data_date or 'unknown date')} ({audit.advisory_data.records:,} records), "
               f"policy {text(audit.policy_source)}; {len(audit.findings)} findings, "
               f"{len(audit.violations)} violations.")
    blocks = [summary,
              "## Per implementation\n\n" + table(
                  ["Audited", "Dependencies", "Findings", "Violations", "Libyear (years)", "Repository score (/10)",
                   "Health cards"], rows),
              _trends(data), _staleness(data), _all_findings(data)]
    return SitePage(here, "Dependency health", page("Dependency health", *blocks))


def _trends(data: SiteData) -> str:
    grouped: dict[str, list[TrendPoint]] = defaultdict(list)
    for point in data.trend:
        grouped[point.started_at].append(point)
    runs = [(dt.datetime.fromisoformat(started), points) for started, points in sorted(grouped.items())]
    findings = time_chart("Findings and violations, all implementations", [
        Series("findings", [(when, sum(p.findings for p in points)) for when, points in runs]),
        Series("violations", [(when, sum(p.violations for p in points)) for when, points in runs]),
    ], ylabel="count", integer=True)
    libyear = time_chart("Libyear, all implementations", [Series("libyear", [
        (when, sum(p.libyear_total or 0.0 for p in points)) for when, points in runs])],
        ylabel="years behind newest releases")
    scored = [(when, [p.repository_score for p in points if p.repository_score is not None]) for when, points in runs]
    score = time_chart("Repository score, mean of the implementations", [Series("score", [
        (when, sum(values) / len(values)) for when, values in scored if values])], ylabel="score (0–10)")
    return ("## Trends\n\n" f"Over the {len(runs)} newest audit runs of the history.\n\n"
            + chart_block(findings, "Findings and violations per audit run.") + "\n\n"
            + chart_block(libyear, "Total libyear per audit run.") + "\n\n"
            + chart_block(score, "Mean repository score per audit run."))


def _staleness(data: SiteData) -> str:
    assert data.audit is not None
    ages = [dependency.days_since_pinned_release for report in data.audit.implementations
            for dependency in report.dependencies if dependency.days_since_pinned_release is not None]
    unknown = sum(len(report.dependencies) for report in data.audit.implementations) - len(ages)
    heading = "## Staleness\n\n"
    if not ages:
        return heading + (f"No dependency has a known release date ({unknown} without release data: the "
                          "package index cache holds none of them).")
    svg = histogram("Age of the pinned releases", ages, edges=AGE_EDGES, labels=AGE_LABELS,
                    xlabel="time since the pinned release came out", ylabel="dependencies")
    return heading + chart_block(svg, f"{len(ages)} dependencies with a release date, {unknown} without.")


def _all_findings(data: SiteData) -> str:
    assert data.audit is not None
    findings = data.audit.findings
    if not findings:
        return "## Findings\n\nNo finding in the newest audit."
    rows = [[text(f.implementation), text(f.rule), text(f.severity), text(f.package or "-"),
             badge("violation", "fail") if f.counts_against_policy else ("ignored" if f.ignored else "notice"),
             text(f.title)] for f in findings]
    return "## Findings\n\n" + table(["Implementation", "Rule", "Severity", "Package", "Policy", "Title"], rows)

"""The audit run as a Markdown document for study-group reports."""

from __future__ import annotations

from conformance.hygiene.findings import Finding
from conformance.hygiene.report import AuditRun, ImplementationReport

#: Longest text of a table cell; longer texts are cut with an ellipsis (full text in JSON).
CELL_CHARACTERS = 160


def _cell(text: object, limit: int = CELL_CHARACTERS) -> str:
    flat = " ".join(str(text).split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat.replace("|", "\\|")


def _link(text: str, url: str | None) -> str:
    # only web links: a reference is data from the advisory, never a script or a local path
    if url and url.startswith(("https://", "http://")) and not any(c in url for c in " <>()"):
        return f"[{text}]({url})"
    return text


def _severity(f: Finding) -> str:
    score = f" (CVSS {f.cvss_score:.1f})" if f.cvss_score is not None else ""
    verdict = "violation" if f.counts_against_policy else ("ignored" if f.ignored else "note")
    return f"**{f.severity.value.upper()}**{score}, {verdict}"


def _pin(f: Finding) -> str:
    if not f.package:
        return ""
    if not f.version:
        return _cell(f.package)
    at = "==" if f.ecosystem in (None, "PyPI") else "@"
    version = f.version[:12] if f.ecosystem == "GIT" else f.version
    return _cell(f"{f.package}{at}{version}")


def _finding_rows(findings: list[Finding]) -> list[str]:
    rows = ["| severity | kind | rule | package | finding | aliases | fix |",
            "|---|---|---|---|---|---|---|"]
    for f in findings:
        state = ""
        if f.ignored:
            until = f" until {f.ignore_expires.isoformat()}" if f.ignore_expires else " (no expiry)"
            state = f" — ignored{until}: {_cell(f.ignore_reason or '', 80)}"
        rule = _link(_cell(f.rule, 60), f.references[0] if f.references else None)
        rows.append(
            f"| {_severity(f)} | {f.kind.value} | {rule} | {_pin(f)} | "
            f"{_cell(f.title, max(40, CELL_CHARACTERS - len(state)))}{state} | "
            f"{_cell(', '.join(f.aliases), 80) or '-'} | {_cell(', '.join(f.fix_versions), 80)} |")
    return rows


def _remediation_rows(impl: ImplementationReport) -> list[str]:
    upgrades = [d for d in impl.dependencies if d.remediation is not None]
    if not upgrades:
        return []
    rows = ["Smallest upgrades:", "", "| package | pinned | upgrade to | clears |", "|---|---|---|---|"]
    for d in upgrades:
        assert d.remediation is not None
        left = f"; still affected by {', '.join(d.remediation.remaining)}" if d.remediation.remaining else ""
        rows.append(f"| {_cell(d.name)} | {_cell(d.version or '')} | {_cell(d.remediation.version)} | "
                    f"{d.remediation.clears} of {len(d.vulnerabilities)}{_cell(left)} |")
    return [*rows, ""]


def _implementation(impl: ImplementationReport) -> list[str]:
    lines = [f"## {impl.label}", ""]
    lines.append(f"- lock: `{impl.lock or 'none declared'}` ({impl.inventory_format or 'not read'})")
    lines.append(f"- licence: {impl.licence or 'not declared'}")
    lines.append(f"- dependencies: {len(impl.dependencies)}, skipped entries: {len(impl.skipped)}")
    lines.append("- libyear total: "
                 + (f"{impl.libyear_total}" if impl.libyear_total is not None else "unknown"))
    if impl.repository is not None:
        repo = impl.repository
        lines.append(f"- repository score: {repo.score if repo.score is not None else 'n/a'}/10 "
                     f"(last commit {repo.days_since_last_commit} days ago, "
                     f"{repo.commits_365_days} commits in 365 days)")
    lines.append(f"- violations: {len(impl.violations)}")
    lines.append("")
    if impl.dependencies:
        lines += ["| package | version | vulnerabilities | newest | behind | libyear |",
                  "|---|---|---|---|---|---|"]
        for d in impl.dependencies:
            lines.append(f"| {_cell(d.name)} | {_cell(d.commit or d.version or d.specifier or '')} | "
                         f"{_cell(', '.join(d.vulnerabilities)) or '-'} | {d.newest_version or '?'} | "
                         f"{d.versions_behind if d.versions_behind is not None else '?'} | "
                         f"{d.libyear if d.libyear is not None else '?'} |")
        lines.append("")
    lines += _remediation_rows(impl)
    if impl.findings:
        lines += _finding_rows(impl.findings)
        lines.append("")
    return lines


def write_markdown(run: AuditRun) -> str:
    """Render an audit run as Markdown."""
    data = run.advisory_data
    lines = ["# Dependency hygiene audit", "",
             f"- run: {run.run_id} at {run.started_at.isoformat(timespec='seconds')}",
             f"- policy: {run.policy_source}",
             f"- advisory data: {data.records} records, data date {data.data_date or 'unknown'} "
             f"({'; '.join(s.description for s in data.sources) or 'no source'})",
             *(f"- advisory data for {_cell(name)}: {day or 'none'}"
               for name, day in data.ecosystems.items()),
             f"- package index: {run.index.url or 'none'} ({run.index.origin}"
             f"{', offline' if run.index.offline else ''})",
             *(f"- index error: {_cell(problem)}" for problem in run.index.errors),
             f"- result: {'policy violated' if run.policy_violated else 'policy holds'} "
             f"({len(run.violations)} violations)", ""]
    if run.policy_findings:
        lines += ["## Policy", "", *_finding_rows(run.policy_findings), ""]
    for impl in run.implementations:
        lines += _implementation(impl)
    return "\n".join(lines).rstrip() + "\n"

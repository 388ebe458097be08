"""The audit run as a Markdown document for study-group reports."""

from __future__ import annotations

from conformance.hygiene.findings import Finding
from conformance.hygiene.report import AuditRun, ImplementationReport


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _finding_rows(findings: list[Finding]) -> list[str]:
    rows = ["| severity | kind | rule | package | finding | fix |", "|---|---|---|---|---|---|"]
    for f in findings:
        state = " (ignored: " + _cell(f.ignore_reason) + ")" if f.ignored else ""
        verdict = "**violation**" if f.counts_against_policy else "note"
        rows.append(
            f"| {f.severity.value} {verdict} | {f.kind.value} | {_cell(f.rule)} | "
            f"{_cell(f.package or '')}{'==' + f.version if f.version else ''} | "
            f"{_cell(f.title)}{state} | {_cell(', '.join(f.fix_versions))} |")
    return rows


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
            lines.append(f"| {d.name} | {d.version or _cell(d.specifier or '')} | "
                         f"{', '.join(d.vulnerabilities) or '-'} | {d.newest_version or '?'} | "
                         f"{d.versions_behind if d.versions_behind is not None else '?'} | "
                         f"{d.libyear if d.libyear is not None else '?'} |")
        lines.append("")
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

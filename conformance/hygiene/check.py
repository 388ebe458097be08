"""The hygiene part of ``recbench check``: every reference implementation, embedded defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from conformance.hygiene.advisories import OsvDatabase
from conformance.hygiene.audit import audit_implementations
from conformance.hygiene.history import HistoryStore
from conformance.hygiene.locations import default_history_path
from conformance.hygiene.policy import POLICY_FILE_NAME, Policy, load_policy
from conformance.hygiene.report import AuditRun
from conformance.hygiene.targets import repository_targets


@dataclass
class CheckSummary:
    """A short text summary of the audit, and whether the policy held."""

    run: AuditRun
    lines: list[str] = field(default_factory=list)

    @property
    def policy_violated(self) -> bool:
        """True when the policy is violated for some implementation or by the policy itself."""
        return self.run.policy_violated


def check_summary(root: Path, *, database_path: Path | None = None,
                  policy_path: Path | None = None, record_history: bool = False,
                  history_path: Path | None = None, now: datetime | None = None) -> CheckSummary:
    """Audit every implementation of the repository offline, on the default database.

    The policy is ``policy_path``, else the repository's ``hygiene.toml``, else the built-in
    defaults. Raises PolicyError or AdvisoryImportError on unusable configuration.
    """
    candidate = policy_path or root / POLICY_FILE_NAME
    if candidate.is_file():
        policy, source = load_policy(candidate), str(candidate.name)
    else:
        policy, source = Policy(), "embedded defaults"
    with OsvDatabase.open_default(database_path) as database:
        run = audit_implementations(repository_targets(root), policy=policy, database=database,
                                    offline=True, root=root, now=now, policy_source=source)
    if record_history:
        with HistoryStore(history_path or default_history_path()) as history:
            history.record(run)
    lines = [f"advisory data {run.advisory_data.data_date} ({run.advisory_data.records} records),"
             f" policy {source}"]
    for impl in run.implementations:
        violations = impl.violations
        state = "ok" if not violations else f"{len(violations)} violation(s)"
        count = len(impl.dependencies)
        lines.append(f"{impl.label}: {count} {'dependency' if count == 1 else 'dependencies'}, {state}"
                     + (f" - {violations[0].title}" if violations else ""))
    for finding in run.policy_findings:
        lines.append(f"policy: {finding.title}")
    return CheckSummary(run=run, lines=lines)

"""The audit run as a SARIF 2.1.0 log, for code-scanning dashboards.

Code scanning refuses results without a location, so every result has one: the lock line of
a dependency, the implementation's folder for repository findings (or its lock for others
without a line), and the policy file for findings about the policy or the advisory data.
Paths are relative to the repository root, named by the ``SRCROOT`` base id (its absolute
place is the consumer's checkout, so none is written). An ignored finding keeps the level it
would have and carries an accepted suppression.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from conformance.hygiene.findings import Finding, Severity
from conformance.hygiene.policy import POLICY_FILE_NAME
from conformance.hygiene.report import AuditRun, ImplementationReport
from conformance.hygiene.rules import RULES

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
BASE_ID = "SRCROOT"
# Representative CVSS scores for findings that carry no vector, so dashboards can sort them.
_SEVERITY_SCORE = {Severity.CRITICAL: "9.5", Severity.HIGH: "8.0", Severity.MEDIUM: "5.5",
                   Severity.LOW: "2.0", Severity.INFO: "0.0"}


def _level(finding: Finding) -> str:
    # the level says what the finding is; an ignore is said by the suppression, not the level
    if not finding.violation and not finding.ignored:
        return "note"
    return "error" if finding.severity.rank >= Severity.HIGH.rank else "warning"


def _help(finding: Finding, explanation: str) -> dict[str, str]:
    if finding.kind.value == "vulnerability":
        fixes = ", ".join(finding.fix_versions) or "no fixed version is known"
        aliases = f" Also known as {', '.join(finding.aliases)}." if finding.aliases else ""
        text = (f"{finding.title}.{aliases} Upgrade to a version without the advisory ({fixes}), "
                "or accept it in the policy with an [[ignores]] entry that gives a reason and "
                "an expiry date.")
    else:
        text = (f"{explanation} {finding.detail}".strip() +
                " Rules and settings: docs/hygiene.md.")
    return {"text": text, "markdown": text}


def _rule(finding: Finding) -> dict[str, Any]:
    # An advisory is described by its own title; a named rule by its registered explanation.
    registered = RULES.get(finding.rule)
    text = registered.explanation if registered is not None else finding.title
    return {
        "id": finding.rule,
        "name": finding.kind.value,
        "shortDescription": {"text": text},
        "fullDescription": {"text": finding.detail or finding.title},
        "help": _help(finding, text),
        "defaultConfiguration": {"level": _level(finding)},
        "properties": {
            "tags": ["security", "dependency", finding.kind.value],
            "security-severity": (f"{finding.cvss_score:.1f}" if finding.cvss_score is not None
                                  else _SEVERITY_SCORE[finding.severity]),
            "aliases": finding.aliases,
        },
    }


def _fallback(finding: Finding, implementations: dict[str, ImplementationReport],
              policy_path: str) -> tuple[str, int | None]:
    """Where a finding without a location of its own points."""
    implementation = implementations.get(finding.implementation)
    if implementation is None:  # the policy itself, or the advisory data it sets limits for
        return policy_path, None
    if finding.kind.value == "repository" and implementation.repository is not None:
        return implementation.repository.path, None
    if implementation.lock:
        return implementation.lock, None
    if implementation.repository is not None:
        return implementation.repository.path, None
    return policy_path, None


def _policy_path(run: AuditRun) -> str:
    source = run.policy_source
    return source if source.endswith((".toml", ".yaml", ".yml")) and "/" not in source \
        else POLICY_FILE_NAME


def write_sarif(run: AuditRun) -> str:
    """Render an audit run as SARIF 2.1.0 JSON."""
    rules: list[dict[str, Any]] = []
    rule_index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    implementations = {impl.label: impl for impl in run.implementations}
    policy_path = _policy_path(run)
    for finding in run.findings:
        if finding.rule not in rule_index:
            rule_index[finding.rule] = len(rules)
            rules.append(_rule(finding))
        fingerprint = hashlib.sha256("|".join(
            [finding.implementation, finding.rule, finding.package or "", finding.version or ""]
        ).encode()).hexdigest()
        if finding.location is not None:
            uri, line = finding.location.path, finding.location.line
        else:
            uri, line = _fallback(finding, implementations, policy_path)
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": rule_index[finding.rule],
            "level": _level(finding),
            "message": {"text": f"[{finding.implementation}] {finding.title}. {finding.detail}"
                        .strip()},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri.lstrip("/") or ".", "uriBaseId": BASE_ID},
                "region": {"startLine": line or 1}}}],
            "partialFingerprints": {"recbenchFinding/v1": fingerprint},
            "properties": {"implementation": finding.implementation,
                           "severity": finding.severity.value, "kind": finding.kind.value,
                           "package": finding.package, "version": finding.version,
                           "fixVersions": finding.fix_versions,
                           "cvssVector": finding.cvss_vector},
        }
        if finding.ignored:
            result["suppressions"] = [{"kind": "external", "status": "accepted",
                                       "justification": finding.ignore_reason or ""}]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "recbench-deps", "version": run.tool_version,
                                "semanticVersion": run.tool_version, "rules": rules}},
            "originalUriBaseIds": {BASE_ID: {"description": {
                "text": "The root of the audited repository"}}},
            "invocations": [{
                "executionSuccessful": True,
                "startTimeUtc": run.started_at.isoformat().replace("+00:00", "Z"),
                "endTimeUtc": run.finished_at.isoformat().replace("+00:00", "Z"),
            }],
            "results": results,
            "properties": {"advisoryDataDate": run.advisory_data.data_date,
                           "advisoryEcosystems": run.advisory_data.ecosystems,
                           "advisoryRecords": run.advisory_data.records,
                           "policy": run.policy_source},
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"

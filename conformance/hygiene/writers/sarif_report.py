"""The audit run as a SARIF 2.1.0 log, for code-scanning dashboards."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from conformance.hygiene.findings import Finding, Severity
from conformance.hygiene.report import AuditRun
from conformance.hygiene.rules import RULES

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# Representative CVSS scores for findings that carry no vector, so dashboards can sort them.
_SEVERITY_SCORE = {Severity.CRITICAL: "9.5", Severity.HIGH: "8.0", Severity.MEDIUM: "5.5",
                   Severity.LOW: "2.0", Severity.INFO: "0.0"}


def _level(finding: Finding) -> str:
    if not finding.counts_against_policy:
        return "note"
    return "error" if finding.severity.rank >= Severity.HIGH.rank else "warning"


def _rule(finding: Finding) -> dict[str, Any]:
    # An advisory is described by its own title; a named rule by its registered explanation.
    registered = RULES.get(finding.rule)
    text = registered.explanation if registered is not None else finding.title
    return {
        "id": finding.rule,
        "name": finding.kind.value,
        "shortDescription": {"text": text},
        "fullDescription": {"text": finding.detail or finding.title},
        "defaultConfiguration": {"level": _level(finding)},
        "properties": {
            "tags": ["security", "dependency", finding.kind.value],
            "security-severity": (f"{finding.cvss_score:.1f}" if finding.cvss_score is not None
                                  else _SEVERITY_SCORE[finding.severity]),
            "aliases": finding.aliases,
        },
    }


def write_sarif(run: AuditRun) -> str:
    """Render an audit run as SARIF 2.1.0 JSON."""
    rules: list[dict[str, Any]] = []
    rule_index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    for finding in run.findings:
        if finding.rule not in rule_index:
            rule_index[finding.rule] = len(rules)
            rules.append(_rule(finding))
        fingerprint = hashlib.sha256("|".join(
            [finding.implementation, finding.rule, finding.package or "", finding.version or ""]
        ).encode()).hexdigest()
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": rule_index[finding.rule],
            "level": _level(finding),
            "message": {"text": f"[{finding.implementation}] {finding.title}. {finding.detail}"
                        .strip()},
            "partialFingerprints": {"recbenchFinding/v1": fingerprint},
            "properties": {"implementation": finding.implementation,
                           "severity": finding.severity.value, "kind": finding.kind.value,
                           "package": finding.package, "version": finding.version,
                           "fixVersions": finding.fix_versions,
                           "cvssVector": finding.cvss_vector},
        }
        if finding.location is not None:
            physical: dict[str, Any] = {"artifactLocation": {"uri": finding.location.path}}
            if finding.location.line:
                physical["region"] = {"startLine": finding.location.line}
            result["locations"] = [{"physicalLocation": physical}]
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
            "invocations": [{
                "executionSuccessful": True,
                "startTimeUtc": run.started_at.isoformat().replace("+00:00", "Z"),
                "endTimeUtc": run.finished_at.isoformat().replace("+00:00", "Z"),
            }],
            "results": results,
            "properties": {"advisoryDataDate": run.advisory_data.data_date,
                           "advisoryRecords": run.advisory_data.records,
                           "policy": run.policy_source},
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"

"""Every report format, validated against its published schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

from conformance.hygiene import SCHEMA_MODELS
from conformance.hygiene.advisories import OsvDatabase
from conformance.hygiene.audit import audit_path
from conformance.hygiene.policy import Policy, VulnerabilityIgnore
from conformance.hygiene.report import AuditRun
from conformance.hygiene.writers import write_cyclonedx, write_json, write_markdown, write_sarif

DATA = Path(__file__).parent / "data"


@pytest.fixture
def run(real_database: OsvDatabase, tmp_path: Path) -> AuditRun:
    lock = tmp_path / "requirements.lock"
    lock.write_text((DATA / "locks" / "known-vulnerable.lock").read_text()
                    + "requests>=2\nattrs==23.1.0\n")
    policy = Policy(ignores=[VulnerabilityIgnore(id="CVE-2020-1747", reason="loader not used")])
    return audit_path(lock, policy=policy, database=real_database, licence="Apache-2.0")


def test_sarif_validates_against_the_sarif_2_1_0_schema(run: AuditRun) -> None:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())
    log = json.loads(write_sarif(run))
    validator = jsonschema.Draft4Validator(schema,
                                           format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(log)) == []
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"PYSEC-2019-217", "unpinned", "unhashed-pin"}
    suppressed = [r for r in results if r.get("suppressions")]
    assert [r["ruleId"] for r in suppressed] == ["PYSEC-2020-96"]
    assert suppressed[0]["level"] == "error"  # an accepted advisory keeps its level
    by_rule = {r["ruleId"]: r for r in results}
    assert by_rule["PYSEC-2019-217"]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "requirements.lock", "uriBaseId": "SRCROOT"}
    # the stale PyPI data is a policy finding: it points at the policy file
    assert by_rule["stale-advisory-data"]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"] == "hygiene.toml"
    assert log["runs"][0]["properties"]["advisoryDataDate"] == "2024-10-10"
    assert_uploadable(log)


def assert_uploadable(log: dict[str, Any]) -> None:
    """GitHub code scanning's rules for an upload: every result located, relative, with help."""
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    for result in run["results"]:
        assert result["ruleId"] in rules and result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert uri and not uri.startswith("/") and "://" not in uri and ".." not in uri.split("/")
        assert physical["artifactLocation"]["uriBaseId"] in run["originalUriBaseIds"]
        assert physical["region"]["startLine"] >= 1
        assert result["partialFingerprints"]
    for rule in rules.values():
        assert rule["help"]["text"] and rule["shortDescription"]["text"]
        assert 0 <= float(rule["properties"]["security-severity"]) <= 10


def test_cyclonedx_validates_against_its_schema(run: AuditRun) -> None:
    document = write_cyclonedx(run, run.implementations[0])
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(document) is None
    bom = json.loads(document)
    assert {c["purl"] for c in bom["components"]} >= {"pkg:pypi/jinja2@2.10",
                                                      "pkg:pypi/urllib3@1.24.1"}
    ids = {v["id"] for v in bom["vulnerabilities"]}
    assert "PYSEC-2019-217" in ids and len(ids) == 11
    jinja = next(v for v in bom["vulnerabilities"] if v["id"] == "PYSEC-2019-217")
    assert {r["id"] for r in jinja["references"]} == {"CVE-2019-10906", "GHSA-462w-v97r-4m45"}
    assert jinja["recommendation"] == "Upgrade jinja2 to 2.10.1"


def test_json_report_validates_against_the_published_schema(run: AuditRun) -> None:
    schema = SCHEMA_MODELS["audit-report.schema.json"].model_json_schema(by_alias=True)
    document = json.loads(write_json(run))
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["schema"] == "recbench-audit/1"
    assert AuditRun.model_validate(document).policy_violated and run.policy_violated
    # an accepted advisory is no violation in the JSON either, and says until when
    (ignored,) = [f for impl in document["implementations"] for f in impl["findings"] if f["ignored"]]
    assert ignored["rule"] == "PYSEC-2020-96" and ignored["violation"] is False
    assert ignored["ignore_reason"] == "loader not used" and ignored["references"]


def test_markdown_states_the_data_date_and_findings(run: AuditRun) -> None:
    text = write_markdown(run)
    assert "data date 2024-10-10" in text and "PYSEC-2019-217" in text
    assert "ignored (no expiry): loader not used" in text
    assert "policy violated" in text
    assert "**HIGH** (CVSS" in text  # severities readable, with their score
    assert "| GHSA-" in text or ", GHSA-" in text  # aliases shown
    assert "[PYSEC-2019-217](https://" in text  # the advisory linked
    assert all(len(cell) <= 165 for line in text.splitlines() if line.startswith("|")
               for cell in line.split(" | ") if "](" not in cell)  # long texts cut with …
    assert "…" in text


def test_the_smallest_upgrade_that_clears_every_advisory(real_database: OsvDatabase,
                                                         tmp_path: Path) -> None:
    lock = tmp_path / "requirements.lock"
    lock.write_text("django==3.2.0 --hash=sha256:" + "a" * 64 + "\n")
    run = audit_path(lock, policy=Policy(), database=real_database)
    (django,) = run.implementations[0].dependencies
    assert len(django.vulnerabilities) == 25
    assert django.remediation is not None
    assert (django.remediation.version, django.remediation.clears, django.remediation.remaining) == (
        "3.2.25", 25, [])
    assert "| django | 3.2.0 | 3.2.25 | 25 of 25 |" in write_markdown(run)
    assert json.loads(write_json(run))["implementations"][0]["dependencies"][0]["remediation"] == {
        "version": "3.2.25", "clears": 25, "remaining": []}


def test_policy_schema_is_published() -> None:
    schema = SCHEMA_MODELS["hygiene-policy.schema.json"].model_json_schema()
    assert {"max_severity", "ignores", "licences", "repository"} <= set(schema["properties"])

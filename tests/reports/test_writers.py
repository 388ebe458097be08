"""JUnit XML and HTML from reports; the JSON report against its published schema."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import jsonschema

from conformance.reports.html import render_html
from conformance.reports.junit import render_junit
from conformance.reports.model import Report
from tests.conftest import REPOSITORY
from tests.harness.conftest import RunToy
from tests.harness.toy import chaos_adapter, python_adapter

SCHEMA = json.loads((REPOSITORY / "recommendations" / "schema" / "report.schema.json").read_text())


def cases(report: Report) -> dict[str, ET.Element]:
    root = ET.fromstring(render_junit(report))
    return {case.get("name", ""): case for case in root.iter("testcase")}


def test_junit_maps_every_verdict(run_toy: RunToy) -> None:
    report = run_toy(python_adapter("toy_impl:Faulty"), options=["base", "checksums"])
    found = cases(report)
    negate = found["negate-basic"].find("failure")
    assert negate is not None and negate.get("type") == "fail"
    assert 'expected: {"values": [-7]}' in (negate.text or "") and 'provided: {"values": [7]}' in (negate.text or "")
    assert "input:" in (negate.text or "") and "negate-basic/3" in (negate.text or "")
    inconclusive = found["checksum-basic"].find("failure")
    assert inconclusive is not None and inconclusive.get("type") == "inconclusive"  # never a silent pass
    skipped = found["scale-basic"].find("skipped")
    assert skipped is not None and "not applicable" in (skipped.get("message") or "")
    assert found["Z-R4 (shall, clause 4)"].find("skipped").get("message") == "untested: no vector set covers it"  # type: ignore[union-attr]
    assert "inspection" in found["Z-R5 (may, clause 5)"].find("skipped").get("message")  # type: ignore[union-attr,operator]
    suite = ET.fromstring(render_junit(report)).find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("4", "3", "1")


def test_junit_errors_and_expected_failures(run_toy: RunToy) -> None:
    crashed = run_toy(chaos_adapter("crash"), options=["base"])
    error = cases(crashed)["negate-basic"].find("error")
    assert error is not None and "exited with status 3" in (error.get("message") or "")
    listed = run_toy(python_adapter("toy_impl:Faulty"), options=["base"],
                     expected_failures=["negate-basic/3", "negate-basic/100", "negate-payload/1", "negate-basic/1"])
    found = cases(listed)
    assert found["negate-payload"].find("skipped").get("type") == "expected-failure"  # type: ignore[union-attr]
    unexpected = found["negate-basic"].find("failure")
    assert unexpected is not None and unexpected.get("type") == "unexpected-pass"
    assert "negate-basic/1" in (unexpected.get("message") or "")


def test_html_is_self_contained_and_escaped(run_toy: RunToy) -> None:
    report = run_toy(python_adapter("toy_impl:Faulty"))
    report = report.model_copy(update={"notes": ["<script>alert(1)</script>"]})
    page = render_html(report)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page and "<link" not in page
    assert "Not passed." in page and "first differing item at offset 0" in page
    partial = render_html(report.model_copy(update={"complete": False}))
    assert "Partial report" in partial


def test_json_report_validates_against_the_published_schema(run_toy: RunToy) -> None:
    report = run_toy(python_adapter("toy_impl:Faulty"), expected_failures=["negate-basic/3"])
    document = json.loads(report.to_json())
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert document["schema"] == "recbench-report/1"
    assert Report.model_validate(document) == report
    assert document["recommendation"]["vector_sets"] == ["negate-basic", "negate-payload", "checksum-basic",
                                                         "scale-basic"]
    sources = {item["id"]: item["source"] for item in document["sets"]}
    assert sources["negate-payload"]["payloads"].keys() == {"ramp.bin", "ramp-negated.bin"}
    assert len(sources["negate-basic"]["sha256"]) == 64
    assert document["environment"]["recbench"] and document["ics_sha256"]


def test_junit_stays_well_formed_whatever_the_implementation_says(run_toy: RunToy) -> None:
    report = run_toy(python_adapter("toy_impl:Garbled"), options=["base"])
    report = report.model_copy(update={"reason": report.reason + "\ud800"})  # a lone surrogate from JSON
    [case] = [case for name, case in cases(report).items() if name == "negate-basic"]
    failure = case.find("failure")
    assert failure is not None and "\\x1b[31mred\\x1b[0m \\x00\\x07 end" in (failure.get("message") or "")


def test_html_of_a_report_whose_ics_was_edited(run_toy: RunToy) -> None:
    report = run_toy(python_adapter(), options=["base"])
    odd = report.model_copy(update={"ics": {**report.ics, "options": ["base", 7]}})
    assert "<dt>Options claimed</dt><dd>base, 7</dd>" in render_html(odd)
    assert "<dd>null</dd>" in render_html(odd.model_copy(update={"ics": {}}))

"""The writers: the .docx opened again with python-docx, Markdown and JSON agreeing, HTML, the schema."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from docx import Document

from conformance.progress.assembly import build_progress_report
from conformance.progress.model import ProgressReport, ProgressReportDocument
from conformance.progress.writers import render_docx, render_html, render_json, render_markdown
from tests.progress.conftest import NOW, PERIOD, DatedRepository

SCHEMA = Path(__file__).resolve().parents[2] / "recommendations" / "schema" / "progress-report.schema.json"
SECTIONS = ["1 Actions on Resolution 90", "2 Action required",
            "3 Recommendations with machine-readable text and reference implementations",
            "4 Conformance per implementation", "5 Security of the open-source code", "6 Training",
            "7 Engagement with open-source communities", "8 Licensing of code and vectors", "Annex A Full tables"]


@pytest.fixture
def report(dated: DatedRepository) -> ProgressReport:
    return build_progress_report(dated.sources, PERIOD, now=NOW)


def _tables(document: object) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]  # type: ignore[attr-defined]


def _find(tables: list[list[list[str]]], first_header: str) -> list[list[str]]:
    return next(table for table in tables if table[0][0] == first_header)


def test_docx_has_real_headings_the_header_block_and_the_figures(report: ProgressReport) -> None:
    document = Document(io.BytesIO(render_docx(report)))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == ("Heading 1", report.header.title)
    assert [text for style, text in headings if style == "Heading 2"] == SECTIONS
    assert ("Heading 3", "Accepted risks") in headings
    assert ("Heading 3", "A.1 Advisories per implementation") in headings
    tables = _tables(document)
    header = tables[0]
    assert header[0][0].splitlines() == ["INTERNATIONAL TELECOMMUNICATION UNION",
                                         "TELECOMMUNICATION STANDARDIZATION SECTOR", "STUDY PERIOD 2025-2028"]
    assert header[0][1].splitlines() == ["Study Group 17", "Period 2026-01-01 to 2026-06-30", "Date 2026-07-20"]
    fields = {row[0]: row[1] for row in header[1:]}
    assert fields["Question(s)"] == "Q1/17" and fields["Source"] == "Rapporteur for Q1/17"
    assert fields["Contact"] == "A. Rapporteur, rapporteur, Example Org (Switzerland), a.rapporteur@example.org"
    assert fields["Purpose"] == "Information" and fields["Title"] == report.header.title
    assert "median time to fix 50 days" in fields["Abstract"]
    assert _find(tables, "Advisories found")[1] == ["3", "4", "1", "50 days"]
    per_implementation = _find(tables, "Implementation")
    assert per_implementation[0][:5] == ["Implementation", "Audits", "Found", "Fixed", "Open"]
    assert per_implementation[2][:6] == ["ITU-T X.999: reference", "3", "1", "2", "1", "55"]
    risks = _find(tables, "Advisory")
    assert [row[3] for row in risks[1:]] == ["expired before period", "expired in period", "expires within 90 days",
                                              "active", "no expiry"]
    conformance = _find(tables, "Recommendation")  # the first is the Recommendations table
    assert conformance[1][0] == "ITU-T X.999"
    actions = _find(tables, "Item")
    assert [row[1] for row in actions[1:]] == ["in place", "in place", "attention", "in place", "in place"]
    assert document.core_properties.title == report.header.title
    assert document.core_properties.created is not None and document.core_properties.created.year == 2026


def test_docx_is_the_same_for_the_same_report(report: ProgressReport) -> None:
    assert render_docx(report) == render_docx(report)
    # every member dated the snapshot day, not the time of saving (which made renders a second apart differ)
    import datetime as dt
    import io
    import zipfile

    day = dt.date.fromisoformat(report.header.snapshot_date)
    with zipfile.ZipFile(io.BytesIO(render_docx(report))) as package:
        assert {member.date_time for member in package.infolist()} == {(day.year, day.month, day.day, 0, 0, 0)}


def test_markdown_and_json_agree(report: ProgressReport) -> None:
    document = json.loads(render_json(report))
    markdown = render_markdown(report)
    security = document["security"]
    assert f"| {security['found']} | {security['fixed']} | {security['open']} | " \
           f"{security['median_days_to_fix']:g} days |" in markdown
    for row in document["conformance"]:
        assert re.search(rf"\| {re.escape(row['recommendation'])} \| {re.escape(row['implementation'])} \| "
                         rf"{re.escape(row['version'])} \| {row['kind']} \| {row['runs_in_period']} \|", markdown)
        assert f"| {row['change']} |" in markdown
    for row in document["security"]["implementations"]:
        assert f"| {row['label']} | {row['audit_runs']} | {row['found']} | {row['fixed']} | {row['open']} |" in markdown
    for row in document["security"]["ignores"]:
        assert f"| {row['advisory']} | {row['package'] or 'any'} | {row['expires'] or 'never'} | {row['state']} |" \
               in markdown
    for item in document["action_required"]:
        assert f"- {item}\n" in markdown
    for row in document["actions"]:
        assert f"| {row['title']} | {row['status']} |" in markdown
    assert document["header"]["abstract"] in markdown


def test_json_follows_the_published_schema_and_reads_back(report: ProgressReport) -> None:
    text = render_json(report)
    schema = json.loads(SCHEMA.read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(text))
    assert ProgressReportDocument.model_validate_json(text).root == report


def test_outside_text_is_shown_not_run(report: ProgressReport) -> None:
    hostile = replace(report, header=replace(report.header, source="<script>x|y</script>\x1b[2J"))
    markdown, html = render_markdown(hostile), render_html(hostile)
    assert "<script>" not in markdown and "&lt;script&gt;x\\|y&lt;/script&gt;\\x1b[2J" in markdown
    assert "<script>" not in html and "&lt;script&gt;x|y&lt;/script&gt;\\x1b[2J" in html
    document = Document(io.BytesIO(render_docx(hostile)))  # no control character reaches the XML
    assert _tables(document)[0][2][1] == "<script>x|y</script>\\x1b[2J"


def test_html_is_one_page_with_the_same_tables(report: ProgressReport) -> None:
    html = render_html(report)
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html and "http" not in html.split("<body>")[0]
    assert html.count("<h2>") == len(SECTIONS)
    assert "<td>ADV-3 (demo)</td><td>2026-01-10</td><td>open</td>" in html

"""The progress report as JSON: the model as it stands (schema ``progress-report.schema.json``)."""

from __future__ import annotations

from conformance.progress.model import ProgressReport, ProgressReportDocument


def render_json(report: ProgressReport) -> str:
    """The report as indented JSON text (ends with a newline)."""
    return ProgressReportDocument(report).model_dump_json(indent=2) + "\n"

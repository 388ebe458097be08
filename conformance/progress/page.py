"""The progress report as the content of a site page (Markdown or HTML), made in one call."""

from __future__ import annotations

from datetime import datetime

from conformance.progress.assembly import Sources, build_progress_report
from conformance.progress.model import Period
from conformance.progress.writers.html_report import render_html_body
from conformance.progress.writers.markdown_report import render_markdown


def progress_page_markdown(sources: Sources, period: Period, *, now: datetime) -> str:
    """The report of ``period`` as a Markdown page (raises ``RecbenchError`` like the report)."""
    return render_markdown(build_progress_report(sources, period, now=now))


def progress_page_html(sources: Sources, period: Period, *, now: datetime) -> str:
    """The report of ``period`` as HTML to place inside a page's body (no <html> around it)."""
    return render_html_body(build_progress_report(sources, period, now=now))

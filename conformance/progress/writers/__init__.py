"""Progress-report writers: Markdown, HTML, JSON and Word (.docx), each a pure function of the report."""

from conformance.progress.writers.docx_report import render_docx
from conformance.progress.writers.html_report import render_html
from conformance.progress.writers.json_report import render_json
from conformance.progress.writers.markdown_report import render_markdown

__all__ = ["render_docx", "render_html", "render_json", "render_markdown"]

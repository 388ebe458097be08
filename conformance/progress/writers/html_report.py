"""The progress report as one self-contained HTML page (no script, no external resource)."""

from __future__ import annotations

from html import escape

from conformance.progress.layout import Block, Bullets, HeaderBlock, Heading, Paragraph, Table, layout
from conformance.progress.model import ProgressReport
from conformance.progress.writers.cells import one_line

_STYLE = """
body { font-family: "Times New Roman", serif; max-width: 60em; margin: 2em auto; padding: 0 1em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #888; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
table.itu-header td:first-child { font-weight: bold; width: 10em; }
"""


def _text(text: str) -> str:
    return escape(one_line(text))


def _rows(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> str:
    head = "".join(f"<th>{_text(column)}</th>" for column in columns)
    body = "".join("<tr>" + "".join(f"<td>{_text(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _block(block: Block) -> str:
    if isinstance(block, HeaderBlock):
        top = (f"<tr><td>{'<br>'.join(_text(line) for line in block.organization)}</td>"
               f"<td>{'<br>'.join(_text(line) for line in block.document)}</td></tr>")
        fields = "".join(f"<tr><td>{_text(label)}</td><td>{_text(value)}</td></tr>" for label, value in block.fields)
        return f'<table class="itu-header"><tbody>{top}{fields}</tbody></table>'
    if isinstance(block, Heading):
        return f"<h{block.level}>{_text(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p>{_text(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{_text(item)}</li>" for item in block.items) + "</ul>"
    assert isinstance(block, Table)
    return _rows(block.columns, block.rows)


def render_html_body(report: ProgressReport) -> str:
    """The report's content without the page around it, for a page of the site."""
    return "\n".join(_block(block) for block in layout(report)) + "\n"


def render_html(report: ProgressReport) -> str:
    """The whole report as an HTML page."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{_text(report.header.title)}</title><style>{_STYLE}</style></head>\n<body>\n"
            f"{render_html_body(report)}</body></html>\n")

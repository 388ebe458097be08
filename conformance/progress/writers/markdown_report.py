"""The progress report as Markdown (GitHub-flavoured tables), also a page of the site."""

from __future__ import annotations

from conformance.progress.layout import Block, Bullets, HeaderBlock, Heading, Paragraph, Table, layout
from conformance.progress.model import ProgressReport
from conformance.progress.writers.cells import one_line


def _text(text: str) -> str:
    # HTML is not rendered from report text: a name like '<script>' is shown, not run
    return one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(text: str) -> str:
    return _text(text).replace("|", "\\|")


def _table(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> list[str]:
    lines = ["| " + " | ".join(_cell(column) for column in columns) + " |",
             "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _block(block: Block) -> list[str]:
    if isinstance(block, HeaderBlock):
        rows = (("Organization", " / ".join(block.organization)), ("Document", " / ".join(block.document)),
                *block.fields)
        return _table(("Field", "Value"), rows)
    if isinstance(block, Heading):
        return [f"{'#' * block.level} {_text(block.text)}", ""]
    if isinstance(block, Paragraph):
        return [_text(block.text), ""]
    if isinstance(block, Bullets):
        return [*(f"- {_text(item)}" for item in block.items), ""]
    assert isinstance(block, Table)
    return _table(block.columns, block.rows)


def render_markdown(report: ProgressReport) -> str:
    """The whole report as one Markdown document (ends with a newline)."""
    lines: list[str] = []
    for block in layout(report):
        lines += _block(block)
    return "\n".join(lines).rstrip("\n") + "\n"

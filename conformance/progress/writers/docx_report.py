"""The progress report as a Word document (.docx, made with python-docx), as ITU documents travel.

Real headings (Word's Heading 1-3 styles, so the navigation pane and a table of contents see
them), real tables (Table Grid) and the ITU header block as a table on the first page. The
document's properties carry the title, keywords and the snapshot date, so the same report
gives the same document.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from conformance.progress.layout import Block, Bullets, HeaderBlock, Heading, Paragraph, Table, layout
from conformance.progress.model import ProgressReport
from conformance.progress.writers.cells import plain

if TYPE_CHECKING:
    from docx.document import Document as DocumentType
    from docx.shared import Length
    from docx.table import _Cell

_BODY_FONT = "Times New Roman"
_BODY_SIZE = 11
_TABLE_SIZE = 8
_TEXT_WIDTH_CM = 26.0  # landscape A4 less the margins
_WIDEST_CELL = 60  # characters: longer texts wrap rather than take the whole width


def render_docx(report: ProgressReport) -> bytes:
    """The whole report as the bytes of a .docx file."""
    from docx import Document  # python-docx is imported only when a document is made
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE  # the wide tables (eleven columns) need the width
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    normal = document.styles["Normal"]
    normal.font.name = _BODY_FONT
    normal.font.size = Pt(_BODY_SIZE)
    for level, size in ((1, 14), (2, 12), (3, 11)):  # ITU texts: bold Times headings, in black
        heading = document.styles[f"Heading {level}"]
        heading.font.name = _BODY_FONT
        heading.font.size = Pt(size)
        heading.font.bold = True
        heading.font.color.rgb = RGBColor(0, 0, 0)
        fonts = heading.element.rPr.rFonts if heading.element.rPr is not None else None
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if fonts is not None and fonts.get(qn(theme)) is not None:  # a theme font outranks the name
                del fonts.attrib[qn(theme)]
    header = report.header
    properties = document.core_properties
    properties.title = plain(header.title)
    properties.subject = "Resolution 90 progress report"
    properties.keywords = plain("; ".join(header.keywords))
    properties.author = plain(header.source or "recbench")
    properties.comments = plain(f"recbench {header.recbench_version}, commit {header.commit or 'none'}")
    day = datetime.fromisoformat(header.snapshot_date).replace(tzinfo=UTC)
    properties.created = properties.modified = day
    properties.last_modified_by = "recbench"
    properties.revision = 1
    for block in layout(report):
        _add(document, block, Pt(_TABLE_SIZE))
    out = io.BytesIO()
    document.save(out)
    return _with_fixed_times(out.getvalue(), day)


def _with_fixed_times(package: bytes, when: datetime) -> bytes:
    """The package with every member dated ``when``: python-docx stamps the time of saving, so
    two renders a second apart would differ (the same report must give the same bytes)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            dated = zipfile.ZipInfo(member.filename, date_time=when.timetuple()[:6])
            dated.compress_type = zipfile.ZIP_DEFLATED
            dated.external_attr = member.external_attr
            target.writestr(dated, source.read(member.filename))
    return out.getvalue()


def _add(document: DocumentType, block: Block, table_size: Length) -> None:
    if isinstance(block, HeaderBlock):
        _header(document, block)
    elif isinstance(block, Heading):
        document.add_heading(plain(block.text), level=block.level)
    elif isinstance(block, Paragraph):
        document.add_paragraph(plain(block.text))
    elif isinstance(block, Bullets):
        for item in block.items:
            document.add_paragraph(plain(item), style="List Bullet")
    else:
        assert isinstance(block, Table)
        _table(document, block, table_size)


def _table(document: DocumentType, block: Table, size: Length) -> None:
    from docx.shared import Cm

    table = document.add_table(rows=1 + len(block.rows), cols=len(block.columns))
    table.style = "Table Grid"
    table.autofit = False
    # columns as wide as their text needs (a header's longest word at least, long texts capped)
    weights = [2 + max(4, max((len(word) for word in column.split()), default=1),
                       min(max((len(row[index]) for row in block.rows), default=1), _WIDEST_CELL))
               for index, column in enumerate(block.columns)]  # 2: the cell's padding
    for column, weight in zip(table.columns, weights, strict=True):
        width = Cm(_TEXT_WIDTH_CM * weight / sum(weights))
        column.width = width
        for cell in column.cells:
            cell.width = width
    for column, text in enumerate(block.columns):
        _cell_text(table.cell(0, column), text, size, bold=True)
    for row_index, row in enumerate(block.rows, start=1):
        cells = table.rows[row_index].cells
        for column, text in enumerate(row):
            _cell_text(cells[column], text, size)
    document.add_paragraph()


def _cell_text(cell: _Cell, text: str, size: Length, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(plain(text))
    run.bold = bold
    run.font.size = size


def _header(document: DocumentType, block: HeaderBlock) -> None:
    """The ITU header: issuing body and study period left, group and date right, then the fields."""
    from docx.shared import Cm, Pt

    table = document.add_table(rows=1 + len(block.fields), cols=2)
    table.style = "Table Grid"
    table.autofit = False
    widths = (Cm(10.5), Cm(_TEXT_WIDTH_CM - 10.5))  # the label column as wide as the issuing body's name
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice reads
        for cell in column.cells:
            cell.width = width  # each cell, which Word reads
    left, right = table.rows[0].cells
    for cell, lines in ((left, block.organization), (right, block.document)):
        paragraph = cell.paragraphs[0]
        for index, line in enumerate(lines):
            run = paragraph.add_run(plain(line))
            run.bold = True
            run.font.size = Pt(10)
            if index < len(lines) - 1:
                run.add_break()
    for row_index, (label, value) in enumerate(block.fields, start=1):
        label_cell, value_cell = table.rows[row_index].cells
        _cell_text(label_cell, label, Pt(10), bold=True)
        _cell_text(value_cell, value, Pt(10))
    document.add_paragraph()

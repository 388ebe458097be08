"""docs/campaign.md's matrix lists exactly the declared implementations (the run's figures are its own).

To refresh it: ``recbench campaign --markdown docs/campaign.md`` (after ``nox -s campaign``'s installs).
"""

from __future__ import annotations

from conformance.campaign import declared_implementations
from conformance.campaign.markdown import MATRIX_END, MATRIX_START, splice_matrix
from conformance.spec.catalog import load_catalog
from tests.conftest import REPOSITORY


def matrix_rows() -> list[list[str]]:
    page = (REPOSITORY / "docs" / "campaign.md").read_text("utf-8")
    section = page[page.index(MATRIX_START):page.index(MATRIX_END)]
    rows = [line.strip("|").split(" | ") for line in section.splitlines() if line.startswith("| ITU-T")]
    return [[cell.strip() for cell in row] for row in rows]


def test_the_matrix_lists_every_declared_implementation_once() -> None:
    declared = {(item.recommendation.model.id, item.name, item.declaration.model.install.via)
                for item in declared_implementations(load_catalog(REPOSITORY))}
    rows = matrix_rows()
    assert len(rows) == len(declared)
    assert {(row[0], row[1], row[4]) for row in rows} == declared
    assert not any(row[5].startswith(("failed", "refused")) for row in rows)


def test_splicing_replaces_only_the_section() -> None:
    page = f"# Title\n\ntext\n\n{MATRIX_START}\nold\n{MATRIX_END}\n\n## After\n"
    new = f"{MATRIX_START}\nnew\n{MATRIX_END}\n"
    assert splice_matrix(page, new) == f"# Title\n\ntext\n\n{MATRIX_START}\nnew\n{MATRIX_END}\n\n## After\n"
    assert splice_matrix("", new) == new

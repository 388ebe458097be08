"""The schemas embedded in docs/ics.md, docs/process-protocol.md and docs/reports.md are current.

To refresh them after a model change: ``python -m tests.harness.test_docs``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conformance.spec.schemas import render_schema
from tests.conftest import REPOSITORY

BLOCK = re.compile(r"<!-- schema: (?P<name>[a-z-]+) -->\n```json\n(?P<body>.*?)\n```", re.DOTALL)
PAGES = {"ics.md": ["ics"], "process-protocol.md": ["process-hello", "process-request", "process-response"],
         "reports.md": ["report"]}


def embedded(page: Path) -> dict[str, str]:
    return {match["name"]: match["body"] for match in BLOCK.finditer(page.read_text("utf-8"))}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_embeds_its_current_schemas(page: str) -> None:
    blocks = embedded(REPOSITORY / "docs" / page)
    assert sorted(blocks) == sorted(PAGES[page])
    for name, body in blocks.items():
        stale = f"docs/{page}: schema {name} is stale: run python -m tests.harness.test_docs"
        assert body == render_schema(name).rstrip("\n"), stale


def refresh() -> None:
    """Rewrite the embedded schemas from the models."""
    for page in PAGES:
        path = REPOSITORY / "docs" / page
        text = BLOCK.sub(lambda m: f"<!-- schema: {m['name']} -->\n```json\n{render_schema(m['name']).rstrip()}\n```",
                         path.read_text("utf-8"))
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    refresh()

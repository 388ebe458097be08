"""Schema pages: the schema shown whole in a fence it cannot close, and downloadable as it is."""

from __future__ import annotations

import json

from conformance.publish.reference_pages import reference_index, schema_page


def test_a_schema_with_backticks_keeps_its_fence() -> None:
    rendered = json.dumps({"$id": "urn:x", "description": "use ```yaml``` blocks"}, indent=2) + "\n"
    page, file = schema_page("thing", rendered)
    assert "````json\n" in page.markdown and page.markdown.rstrip().endswith("````")
    assert file.data == rendered.encode("utf-8") and file.path == "reference/schemas/thing.schema.json"


def test_the_index_links_the_protocol_guide_only_when_there_is_one() -> None:
    schemas = {"process-hello": '{"description": "hello"}', "report": '{"description": "a report"}'}
    assert "guides/process-protocol.md" in reference_index(schemas, protocol_guide=True).markdown
    without = reference_index(schemas, protocol_guide=False).markdown
    assert "guides/process-protocol.md" not in without and "schemas/process-hello.md" in without

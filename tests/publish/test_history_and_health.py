"""Run history (per set per run, diff of the last two complete runs) and health cards."""

from __future__ import annotations

from conformance.publish.health_pages import dependency_health_page, health_card
from conformance.publish.history_page import history_page
from conformance.publish.markup import text
from tests.publish.conftest import Published


def test_history_lists_every_run_and_the_diff_of_the_last_two_complete_ones(published: Published) -> None:
    loaded = published.data.catalog.find("V.41")
    assert loaded is not None
    markdown = history_page(published.data, loaded, loaded.model.implementations[0]).markdown
    for run_id in (published.failing_run, published.passing_run, published.partial_run):
        assert f"[{run_id}](../reports/run-{run_id}.html)" in markdown
    assert "partial selection" in markdown
    diff = markdown.split("## Last two complete runs", 1)[1]
    assert f"Run #{published.passing_run}" in diff and f"against #{published.failing_run}" in diff
    first_set = loaded.model.vector_sets[0].id
    row = next(line for line in diff.splitlines() if f"<code>{first_set.replace('-', '&#45;')}</code>" in line)
    assert "rb-fail" in row.split("|")[2] and "rb-pass" in row.split("|")[3]


def test_a_health_card_joins_conformance_audit_sbom_and_security_policy(published: Published) -> None:
    loaded = published.data.catalog.find("G.711")
    assert loaded is not None
    markdown = health_card(published.data, loaded, loaded.model.implementations[0]).markdown
    for part in ("**Conformance**", "**Dependencies**", "**Libyear**", "**Repository score**", "**Security policy**",
                 "**SBOM**", "## Repository checks", "## Trend", "<svg"):
        assert part in markdown, part
    assert "../sbom/g711-reference.cdx.json" in markdown
    assert "SECURITY&#46;md" in markdown or "SECURITY.md" in markdown  # the repository keeps one


def test_the_dependency_health_page_has_trends_for_every_audited_implementation(published: Published) -> None:
    markdown = dependency_health_page(published.data).markdown
    assert published.data.audit is not None
    for report in published.data.audit.implementations:
        assert text(report.label) in markdown
    assert markdown.count('<figure class="rb-chart"') >= 3
    assert "Over the 2 newest audit runs" in markdown

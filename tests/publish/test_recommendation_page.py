"""A Recommendation's page: its verdicts are those of the latest complete reports; nothing leaks as markup."""

from __future__ import annotations

import datetime as dt
import re

from conformance.publish.gathering import SiteData
from conformance.publish.recommendation_page import recommendation_page
from conformance.spec.catalog import Catalog
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import Recommendation
from tests.publish.conftest import Published


def _empty(catalog: Catalog) -> SiteData:
    from pathlib import Path

    return SiteData(catalog=catalog, matrix=(), runs={}, audit=None, trend=(), store_path=Path("none"),
                    history_path=Path("none"), generated=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def test_requirement_verdicts_match_the_latest_complete_report(published: Published) -> None:
    loaded = published.data.catalog.find("V.41")
    assert loaded is not None
    markdown = recommendation_page(published.data, loaded, {}).markdown
    latest = published.data.latest(loaded.model.id, "reference")
    assert latest is not None and latest.run.id == published.passing_run  # not the newer --select run
    for row in latest.report.requirements:
        line = next(line for line in markdown.splitlines() if f'<span id="{row.id}">' in line)
        if row.verdict is not None:
            assert f'rb-badge rb-{row.verdict.value}"' in line.split("|")[5]
    assert f"reports/run-{published.passing_run}.html" in markdown
    assert f"reports/run-{published.partial_run}.html" not in markdown


def test_references_in_the_catalogue_are_linked(published: Published) -> None:
    loaded = next(r for r in published.data.catalog.recommendations
                  if any(getattr(ref, "recommendation", None) for ref in r.model.references))
    markdown = recommendation_page(published.data, loaded, {}).markdown
    cited = next(ref.recommendation for ref in loaded.model.references if getattr(ref, "recommendation", None))
    target = published.data.catalog.find(cited)
    assert target is not None
    assert f"]({target.folder.name}.md)" in markdown


def test_untested_requirements_stand_out_and_text_is_inert(catalog: Catalog) -> None:
    original = catalog.find("V.41")
    assert original is not None
    document = original.model.model_dump(mode="json")
    document["title"] = "Evil | <script>alert(1)</script> **bold**"
    document["requirements"].append({"id": "R-NEW", "clause": "9", "level": "shall", "text": "Do | more."})
    model = Recommendation.model_validate(document)
    loaded = LoadedRecommendation(model=model, path=original.path, document=original.document)
    markdown = recommendation_page(_empty(catalog), loaded, {}).markdown
    row = next(line for line in markdown.splitlines() if '<span id="R-NEW">' in line)
    assert '<span class="rb-untested">untested</span>' in row
    assert "<script>" not in markdown
    assert "&#60;script&#62;" in markdown
    assert "Do &#124; more." in row
    assert re.search(r"rb-untested\">1 untested", markdown)

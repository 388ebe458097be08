"""A Recommendation's page: its verdicts are those of the latest complete reports; nothing leaks as markup."""

from __future__ import annotations

import datetime as dt
import re

import git

from conformance.publish.gathering import SiteData, gather_site_data
from conformance.publish.recommendation_page import recommendation_page, release_diff_pages
from conformance.spec.catalog import Catalog, load_catalog
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import Recommendation
from tests.mini_repository import MiniRepository
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


def test_the_page_shows_the_edition_history_and_links_each_release_diff(mini: MiniRepository) -> None:
    repo = git.Repo.init(mini.root)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Editor").set_value("user", "email", "editor@example.org")
    repo.git.add(A=True)
    repo.index.commit("first edition")
    repo.create_tag("X.999/2024-01-31", message="ITU-T X.999 (01/2024)")
    text = mini.yaml.read_text("utf-8")
    mini.yaml.write_text(text.replace("edition: 2024-01-31", "edition: 2024-06-30"), "utf-8")
    repo.git.add(A=True)
    repo.index.commit("second edition")
    repo.create_tag("X.999/2024-06-30", message="ITU-T X.999 (06/2024)")

    data = gather_site_data(load_catalog(mini.root), store_path=mini.root / "none.sqlite",
                            history_path=mini.root / "none.sqlite3")
    loaded = data.catalog.find("X.999")
    assert loaded is not None
    markdown = recommendation_page(data, loaded, {}).markdown
    section = markdown.split("## Edition history", 1)[1]
    assert "<code>X.999/2024&#45;01&#45;31</code> (first release)" in section
    assert "<code>X.999/2024&#45;06&#45;30</code> ([what changed](x999/release-2024-06-30.md))" in section
    assert "second edition" in section and "first edition" in section
    [diff] = release_diff_pages(data, loaded)
    assert diff.path == "recommendations/x999/release-2024-06-30.md"
    assert "2024-01-31" in diff.markdown and "2024-06-30" in diff.markdown  # the edition change, as metadata


def test_outside_git_the_page_says_the_history_is_not_known(catalog: Catalog) -> None:
    loaded = catalog.recommendations[0]
    assert "Not known: the repository is not a git repository here." in recommendation_page(
        _empty(catalog), loaded, {}).markdown

"""The built site: every page there, strict build, nothing from elsewhere, ``out`` replaced only on success."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from conformance.errors import RecbenchError
from conformance.publish.gathering import SiteData
from conformance.publish.mkdocs_build import SiteBuildError
from conformance.publish.pages import SitePage
from conformance.publish.site import PublishOptions, publish_site
from tests.publish.conftest import Published

EXTERNAL = re.compile(r"""(?:src|href|url)\s*[=(]\s*["']?(?:https?:)?//""", re.IGNORECASE)


def _command() -> object:
    from conformance.cli.app import app

    return typer.main.get_command(app)


def test_every_recommendation_and_implementation_has_its_pages(published: Published) -> None:
    site = published.site.out
    for loaded in published.data.catalog.recommendations:
        assert (site / "recommendations" / f"{loaded.folder.name}.html").is_file(), loaded.model.id
        for implementation in loaded.model.implementations:
            slug = f"{loaded.folder.name}-{implementation.name}"
            assert (site / "health" / f"{slug}.html").is_file()
            assert (site / "history" / f"{slug}.html").is_file()
    for page in ("index.html", "matrix.html", "health/index.html", "reference/cli.html", "reference/index.html",
                 "reference/schemas/report.html", "guides/process-protocol.html", "search/search_index.js"):
        assert (site / page).is_file(), page


def test_nothing_is_fetched_from_elsewhere(published: Published) -> None:
    offenders = []
    for path in published.site.out.rglob("*"):
        if path.suffix in (".html", ".css", ".js") and "reports" not in path.parts:
            text = path.read_text("utf-8")
            # mkdocs-material names its own site in a comment and links the W3C's SVG namespace: not fetched
            for match in EXTERNAL.finditer(text):
                offenders.append(f"{path.relative_to(published.site.out)}: {text[match.start():match.start() + 80]}")
    assert offenders == []


def test_the_search_worker_shim_is_ours(published: Published) -> None:
    index = (published.site.out / "index.html").read_text("utf-8")
    assert 'src="assets/iframe-worker.js"' in index
    assert index.count("iframe-worker") == 1  # the plugin added no shim of its own
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=\"(?:https?:)?//", index)


def test_downloads_are_there(published: Published) -> None:
    site = published.site.out
    assert (site / "vectors" / "g711").is_dir()
    assert list((site / "sbom").glob("*.cdx.json"))
    assert (site / "reports" / f"run-{published.passing_run}.html").is_file()
    assert (site / "reference" / "schemas" / "recommendation.schema.json").is_file()


def test_extra_pages_join_the_site(published: Published, tmp_path: Path) -> None:
    extra = SitePage("progress.md", "Progress", "# Progress\n\nMade elsewhere, linked from [home](index.md).\n")
    result = publish_site(published.data, _command(), tmp_path / "site", options=PublishOptions(extra_pages=[extra]))
    page = (result.out / "progress.html").read_text("utf-8")
    assert "Made elsewhere" in page
    assert "Progress" in (result.out / "index.html").read_text("utf-8")  # in the navigation


def test_a_failed_build_leaves_the_previous_site(published: Published, tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish_site(published.data, _command(), out)
    before = sorted(path.relative_to(out) for path in out.rglob("*"))
    broken = SitePage("broken.md", "Broken", "# Broken\n\n[nowhere](missing-page.md)\n")
    with pytest.raises(SiteBuildError, match=r"missing-page\.md"):
        publish_site(published.data, _command(), out, options=PublishOptions(extra_pages=[broken]))
    assert sorted(path.relative_to(out) for path in out.rglob("*")) == before
    assert [path.name for path in tmp_path.iterdir()] == ["site"]  # no temporary folder left beside it


def test_out_must_not_be_a_folder_of_something_else(published: Published, tmp_path: Path) -> None:
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work", encoding="utf-8")
    with pytest.raises(RecbenchError, match="not a site built before"):
        publish_site(published.data, _command(), precious)
    assert (precious / "thesis.txt").read_text("utf-8") == "years of work"
    with pytest.raises(RecbenchError, match="repository itself"):
        publish_site(published.data, _command(), published.data.catalog.root)


def test_an_empty_store_and_history_still_build(published: Published, tmp_path: Path) -> None:
    from conformance.publish.gathering import gather_site_data

    data: SiteData = gather_site_data(published.data.catalog, store_path=tmp_path / "none.sqlite",
                                      history_path=tmp_path / "none-history.sqlite")
    assert not (tmp_path / "none.sqlite").exists() and not (tmp_path / "none-history.sqlite").exists()
    result = publish_site(data, _command(), tmp_path / "site")
    assert len(result.missing) == 2
    matrix = (result.out / "matrix.html").read_text("utf-8")
    assert "holds no complete run yet" in matrix
    assert "No dependency audit is recorded" in (result.out / "health" / "index.html").read_text("utf-8")

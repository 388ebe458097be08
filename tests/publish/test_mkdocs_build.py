"""The mkdocs configuration of an offline site, and the navigation it is given."""

from __future__ import annotations

import json
from pathlib import Path

from conformance.publish.mkdocs_build import ASSETS, mkdocs_config, navigation
from conformance.publish.pages import SitePage


def test_offline_settings(tmp_path: Path) -> None:
    config = json.loads(mkdocs_config([], site_name="s", docs_dir=tmp_path / "d", site_dir=tmp_path / "s"))
    assert config["theme"]["font"] is False  # no web fonts from elsewhere
    assert "offline" in config["plugins"] and config["use_directory_urls"] is False
    assert config["extra"]["polyfills"] == [ASSETS[2]]  # our worker shim, so the plugin adds none
    assert config["strict"] is True
    assert all(level == "warn" for level in config["validation"].values())


def test_navigation_keeps_top_pages_first_then_sections_in_order() -> None:
    pages = [SitePage("index.md", "Home", ""), SitePage("guides/a.md", "A", "", "Guides"),
             SitePage("recommendations/x.md", "X", "", "Recommendations"), SitePage("m.md", "Matrix", ""),
             SitePage("extra/p.md", "P", "", "Progress")]
    assert navigation(pages) == [{"Home": "index.md"}, {"Matrix": "m.md"},
                                 {"Recommendations": [{"X": "recommendations/x.md"}]},
                                 {"Guides": [{"A": "guides/a.md"}]}, {"Progress": [{"P": "extra/p.md"}]}]

"""The catalogue: a row per Recommendation with the data its filters use."""

from __future__ import annotations

import re

from conformance.publish.home_page import home_page, series_of
from tests.publish.conftest import Published


def test_series() -> None:
    assert series_of("ITU-T G.711") == "G" and series_of("ITU-T I.432.1") == "I"


def test_a_row_per_recommendation_with_its_filter_data(published: Published) -> None:
    markdown = home_page(published.data).markdown
    rows = re.findall(r'<tr data-series="([A-Z])" data-group="SG(\d+)" data-status="([a-z-]+)" '
                      r'data-conformance="([a-z-]+)">', markdown)
    catalog = published.data.catalog.recommendations
    assert len(rows) == len(catalog)
    by_series = {row[0] for row in rows}
    assert by_series == {series_of(r.model.id) for r in catalog}
    states = dict(zip([r.model.id for r in catalog], [row[3] for row in rows], strict=True))
    assert states["ITU-T V.41"] == "pass" and states["ITU-T G.722"] == "not-run"
    for name in ("series", "group", "status"):
        assert f'data-filter="{name}"' in markdown

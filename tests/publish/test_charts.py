"""Charts: static SVG, theme-following ink, labelled, deterministic, nothing fetched."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from conformance.publish.charts import Series, histogram, time_chart

DAYS = [dt.datetime(2026, 1, day, tzinfo=dt.UTC) for day in (1, 8, 15)]


def _chart() -> str:
    return time_chart("Findings", [Series("findings", list(zip(DAYS, [3, 2, 0], strict=True))),
                                   Series("violations", list(zip(DAYS, [1, 1, 0], strict=True)))],
                      ylabel="count", integer=True)


def test_a_time_chart_is_inline_svg_with_labels_in_the_page_colour() -> None:
    svg = _chart()
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "currentColor" in svg
    for label in ("Findings", "count", "audit run (UTC date)", "findings", "violations"):
        assert f">{label}<" in svg or label in svg
    assert "<script" not in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
        'xmlns:xlink="http://www.w3.org/1999/xlink"', "")
    assert "Jan" in svg  # dates on the axis


def test_charts_are_deterministic() -> None:
    assert _chart() == _chart()


def test_histogram_bins_are_inclusive_from_the_left_and_open_at_the_end() -> None:
    svg = histogram("Age", [0, 100, 182, 5000], edges=(0, 182, 365), labels=("young", "middle", "old"),
                    xlabel="age", ylabel="dependencies")
    ET.fromstring(svg)
    for label in ("young", "middle", "old", "dependencies"):
        assert label in svg

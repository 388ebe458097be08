"""Static SVG charts made at build time with matplotlib's SVG backend (no script, nothing fetched).

matplotlib rather than pygal: its SVG needs no JavaScript to show (pygal's tooltips load a script
from elsewhere), it is kept by a large project and it was already a dependency of the test suite's
numpy stack. Text stays text (``svg.fonttype: none``), so it takes the page's font; axes, labels
and text are drawn in a placeholder colour that becomes ``currentColor``, so an inline chart
follows the page's light or dark theme and prints black on white. Output is deterministic
(fixed hash salt, no date in the metadata), so two builds of the same data are equal.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Series colours readable on a white and on a near-black background alike.
PALETTE = ("#3b82f6", "#f59e0b", "#ef4444", "#10b981", "#a855f7", "#ec4899")
_INK = "#010203"  # placeholder for currentColor: no series uses it
_STYLE: Any = {  # matplotlib types rcParams keys as literals
    "svg.fonttype": "none", "svg.hashsalt": "recbench", "font.size": 10, "font.family": "sans-serif",
    "text.color": _INK, "axes.labelcolor": _INK, "axes.edgecolor": _INK, "xtick.color": _INK,
    "ytick.color": _INK, "axes.facecolor": "none", "figure.facecolor": "none", "savefig.transparent": True,
}


@dataclass(frozen=True)
class Series:
    """One line of a time chart: its label and its (time, value) points, oldest first."""

    label: str
    points: Sequence[tuple[dt.datetime, float]]


def time_chart(title: str, series: Sequence[Series], *, ylabel: str, integer: bool = False) -> str:
    """A line chart over dates (one marker per audit run)."""
    from matplotlib import dates, rc_context, ticker

    with rc_context(_STYLE):
        figure, axes = _figure()
        times_seen: list[dt.datetime] = [point[0] for line in series for point in line.points]
        highest = max((point[1] for line in series for point in line.points), default=0.0)
        for index, line in enumerate(series):
            if line.points:
                times = [dates.date2num(point[0]) for point in line.points]  # type: ignore[no-untyped-call]
                values = [point[1] for point in line.points]
                axes.plot(times, values, marker="o", linewidth=1.8, color=PALETTE[index % len(PALETTE)],
                          label=line.label)
        locator = dates.AutoDateLocator(minticks=2, maxticks=6)  # type: ignore[no-untyped-call]
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(dates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
        if times_seen and max(times_seen) - min(times_seen) < dt.timedelta(days=2):
            # runs hours apart (or one run) still read as dates, not as a clock
            middle = min(times_seen) + (max(times_seen) - min(times_seen)) / 2
            axes.set_xlim(dates.date2num(middle - dt.timedelta(days=1)),  # type: ignore[no-untyped-call]
                          dates.date2num(middle + dt.timedelta(days=1)))  # type: ignore[no-untyped-call]
        if integer:
            axes.yaxis.set_major_locator(ticker.MaxNLocator(integer=True))
        axes.set_ylim(bottom=0, top=max(1.0, highest * 1.15))  # an all-zero series sits on the axis, not mid-air
        axes.set_xlabel("audit run (UTC date)")
        axes.set_ylabel(ylabel)
        axes.set_title(title)
        axes.grid(True, alpha=0.25)
        if len(series) > 1:
            axes.legend(frameon=False)
        return _svg(figure)


def histogram(title: str, values: Sequence[float], *, edges: Sequence[float], labels: Sequence[str],
              xlabel: str, ylabel: str) -> str:
    """Counts of ``values`` in the bins between ``edges`` (the last bin open-ended), one bar each."""
    from matplotlib import rc_context, ticker

    counts = [0] * (len(edges))
    for value in values:
        bin_index = max(i for i, edge in enumerate(edges) if value >= edge) if value >= edges[0] else 0
        counts[bin_index] += 1
    with rc_context(_STYLE):
        figure, axes = _figure()
        axes.bar(range(len(counts)), counts, color=PALETTE[0], tick_label=list(labels))
        axes.yaxis.set_major_locator(ticker.MaxNLocator(integer=True))
        axes.set_xlabel(xlabel)
        axes.set_ylabel(ylabel)
        axes.set_title(title)
        axes.grid(True, axis="y", alpha=0.25)
        return _svg(figure)


def by_label(points: Mapping[str, Sequence[tuple[dt.datetime, float | None]]]) -> list[Series]:
    """Series from labelled points, leaving out the unknown (None) values."""
    return [Series(label, [(when, value) for when, value in values if value is not None])
            for label, values in points.items()]


def _figure() -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7.2, 3.2), layout="constrained")
    return figure, figure.add_subplot()


def _svg(figure: Figure) -> str:
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    FigureCanvasSVG(figure)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]  # the XML declaration and doctype cannot stand inside a page
    if "<metadata>" in svg:  # matplotlib's RDF block says only that it is a still image
        svg = svg[:svg.index("<metadata>")] + svg[svg.index("</metadata>") + len("</metadata>"):]
    return svg.replace(_INK, "currentColor")

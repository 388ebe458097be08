"""Where an implementation's source is, at the commit its newest report was made from.

An implementation in this repository is named by its folder and the commit recorded in its
report; ``--source-url`` (a template with ``{commit}`` and ``{path}``) turns that into a link,
since the site must not guess a host. An implementation kept in another repository is its clone
URL at its pinned commit; the URL is linked only when it is http(s).
"""

from __future__ import annotations

from dataclasses import dataclass

from conformance.publish.markup import attribute, code
from conformance.reports.model import Report
from conformance.spec.model import Implementation, PathLocation


@dataclass(frozen=True)
class SourceLink:
    """What to show for an implementation's source, and where it links to (if anywhere)."""

    label: str
    url: str | None

    def markdown(self) -> str:
        """The source as safe Markdown: a link when there is a URL."""
        shown = code(self.label)
        return f'<a href="{attribute(self.url)}">{shown}</a>' if self.url else shown


def source_link(implementation: Implementation, report: Report | None, template: str | None) -> SourceLink:
    """The source of ``implementation`` at its commit (from ``report`` for one kept here)."""
    location = implementation.location
    if isinstance(location, PathLocation):
        git = report.implementation.git if report is not None else None
        commit = git.commit if git is not None else None
        label = f"{location.path} @ {commit[:12]}" if commit else str(location.path)
        if commit and git is not None and git.dirty:
            label += " (uncommitted changes)"
        url = template.format(commit=commit, path=location.path) if template and commit else None
        return SourceLink(label, url)
    url = location.git if location.git.startswith(("https://", "http://")) else None
    return SourceLink(f"{location.git} @ {location.commit[:12]}", url)


__all__ = ["SourceLink", "source_link"]

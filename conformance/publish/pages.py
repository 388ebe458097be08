"""What the site builder takes: generated pages and files (the hook for pages made elsewhere).

A ``SitePage`` is Markdown under a path of the site with its place in the navigation; a
``SiteFile`` is bytes (or a file to copy) served as they are. ``build_site`` takes any extra
pages and files besides the ones it writes, so another command's page (a progress report, say)
joins the site by handing its ``SitePage`` over.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SitePage:
    """A Markdown page: ``path`` in the site (``a/b.md``), its title, the section of the navigation."""

    path: str
    title: str
    markdown: str
    section: str | None = None  # None: a top-level entry of the navigation


@dataclass(frozen=True)
class SiteFile:
    """A file served as it is: ``data``, or a copy of ``source``."""

    path: str
    data: bytes | None = None
    source: Path | None = None

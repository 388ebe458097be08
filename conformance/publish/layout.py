"""Where each page and file lives in the site, and the relative link from one to another.

Every writer asks here, so a page's path is decided once. The site is built with
``use_directory_urls`` off (it must work from ``file://``), so a Markdown page ``a/b.md``
becomes ``a/b.html``; links in raw HTML blocks (which mkdocs does not rewrite) use ``html``.
"""

from __future__ import annotations

import posixpath

HOME = "index.md"
MATRIX = "matrix.md"
HEALTH = "health/index.md"
REFERENCE = "reference/index.md"
CLI_REFERENCE = "reference/cli.md"
GUIDES = "guides"
PROTOCOL = f"{GUIDES}/process-protocol.md"


def recommendation_page(folder: str) -> str:
    """A Recommendation's page, by its catalogue folder."""
    return f"recommendations/{folder}.md"


def release_diff_page(folder: str, edition: str) -> str:
    """What changed in a released edition of a Recommendation, against the release before it."""
    return f"recommendations/{folder}/release-{edition}.md"


def history_page(slug: str) -> str:
    """An implementation's run history."""
    return f"history/{slug}.md"


def health_card(slug: str) -> str:
    """An implementation's health card."""
    return f"health/{slug}.md"


def schema_page(name: str) -> str:
    """The page of one published JSON Schema (``name`` without ``.schema.json``)."""
    return f"reference/schemas/{name}.md"


def schema_file(name: str) -> str:
    """The downloadable JSON Schema."""
    return f"reference/schemas/{name}.schema.json"


def report_html(run_id: int) -> str:
    """A stored run's HTML report."""
    return f"reports/run-{run_id}.html"


def report_json(run_id: int) -> str:
    """A stored run's JSON report."""
    return f"reports/run-{run_id}.json"


def ics_file(run_id: int) -> str:
    """The ICS a stored run was made with, as JSON."""
    return f"reports/run-{run_id}.ics.json"


def vector_file(folder: str, file: str) -> str:
    """A vector set's file, for download."""
    return f"vectors/{folder}/{file}"


def sbom_file(slug: str) -> str:
    """An implementation's CycloneDX SBOM from the newest audit."""
    return f"sbom/{slug}.cdx.json"


def relative(source: str, target: str, *, html: bool = False) -> str:
    """The link from page ``source`` to ``target``; ``html`` for raw HTML blocks (``.md`` → ``.html``)."""
    if html and target.endswith(".md"):
        target = target[:-3] + ".html"
    return posixpath.relpath(target, posixpath.dirname(source) or ".")

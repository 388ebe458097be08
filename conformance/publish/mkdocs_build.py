"""Building a folder of Markdown pages with mkdocs-material: the configuration and the strict build.

The configuration is written as JSON (a subset of YAML, so no quoting rules to get wrong). The
site must work offline and from ``file://``: no web fonts (``font: false``), the offline plugin
(search index inlined, directory URLs off) and recbench's own worker shim in place of the one
the plugin would load from elsewhere. mkdocs runs in a child process with ``--strict``: any
warning fails the build, and its messages come back in the error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from conformance.errors import RecbenchError
from conformance.publish.pages import SitePage

#: The site's own assets, under ``assets/`` of the built site.
ASSETS = ("assets/recbench.css", "assets/recbench.js", "assets/iframe-worker.js")
#: Top-level navigation order of the sections; sections not named here follow in order of appearance.
SECTION_ORDER = ("Recommendations", "Run history", "Health cards", "Reference", "Schemas", "Tutorials", "Guides")
BUILD_SECONDS = 600


class SiteBuildError(RecbenchError):
    """mkdocs refused or warned (strict build)."""


def navigation(pages: Sequence[SitePage]) -> list[object]:
    """The navigation: top-level pages first (in order), then one entry per section."""
    top: list[object] = []
    sections: dict[str, list[object]] = {}
    for item in pages:
        if item.section is None:
            top.append({item.title: item.path})
        else:
            sections.setdefault(item.section, []).append({item.title: item.path})
    order = [name for name in SECTION_ORDER if name in sections] + [n for n in sections if n not in SECTION_ORDER]
    return top + [{name: sections[name]} for name in order]


def mkdocs_config(pages: Sequence[SitePage], *, site_name: str, docs_dir: Path, site_dir: Path) -> str:
    """The mkdocs.yml of the site (as JSON)."""
    config = {
        "site_name": site_name,
        "site_description": "Recommendations as data, their reference implementations, conformance and "
                            "dependency health",
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": False,
        "strict": True,
        "theme": {
            "name": "material",
            "font": False,
            "features": ["navigation.top", "search.highlight", "content.code.copy"],
            "palette": [
                {"scheme": "default", "toggle": {"icon": "material/brightness-7", "name": "Dark theme"}},
                {"scheme": "slate", "toggle": {"icon": "material/brightness-4", "name": "Light theme"}},
            ],
        },
        "plugins": ["search", "offline"],
        "markdown_extensions": ["tables", "admonition", {"toc": {"permalink": True}}, "pymdownx.superfences"],
        "extra_css": [ASSETS[0]],
        "extra_javascript": [ASSETS[1]],
        "extra": {"polyfills": [ASSETS[2]], "generator": False},
        "validation": {"omitted_files": "warn", "absolute_links": "warn", "unrecognized_links": "warn",
                       "anchors": "warn"},
        "nav": navigation(pages),
    }
    return json.dumps(config, indent=1, ensure_ascii=False) + "\n"


def run_mkdocs(config: Path) -> None:
    """``mkdocs build --strict`` of ``config``; raises SiteBuildError with mkdocs' messages when it fails."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config)],
            capture_output=True, text=True, env=environment, timeout=BUILD_SECONDS, check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SiteBuildError(f"mkdocs could not run: {error}") from None
    messages = [line.strip() for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    if result.returncode != 0 or any(line.startswith(("WARNING", "ERROR")) for line in messages):
        shown = [line for line in messages if line.startswith(("WARNING", "ERROR", "Aborted"))] or messages[-5:]
        raise SiteBuildError("mkdocs build --strict failed:\n" + "\n".join(shown or ["(no message)"]))

"""``publish_site``: every page and file of the site, built with mkdocs into ``out`` in one step.

Pages are generated into a temporary folder (never into the repository) together with the
repository's guides and tutorials (docs/), and built there; the finished site replaces ``out``
only once the strict build has passed, so a failed build leaves the previous site as it was.
Extra pages and files (another command's report, say) join through ``PublishOptions``.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from conformance.errors import RecbenchError
from conformance.hygiene.writers.cyclonedx_sbom import write_cyclonedx
from conformance.publish import layout
from conformance.publish.cli_reference import cli_reference_page
from conformance.publish.gathering import ImplementationKey, SiteData
from conformance.publish.health_pages import dependency_health_page, health_card
from conformance.publish.history_page import history_page
from conformance.publish.home_page import home_page
from conformance.publish.matrix_page import matrix_page
from conformance.publish.mkdocs_build import ASSETS, mkdocs_config, run_mkdocs
from conformance.publish.pages import SiteFile, SitePage
from conformance.publish.recommendation_page import recommendation_page, release_diff_pages
from conformance.publish.reference_pages import reference_index, schema_page
from conformance.reports.html import render_html
from conformance.spec.schemas import render_schema, schema_models
from conformance.spec.vectors import vector_counts

#: Called as the build goes: (what is being done, steps done, steps in all).
Progress = Callable[[str, int, int], None]
#: Files whose presence marks a folder as a site built before (and so safe to replace).
SITE_MARKERS = ("index.html", "sitemap.xml")


@dataclass(frozen=True)
class PublishOptions:
    """How to publish: the site's name, the source link template and pages from elsewhere."""

    site_name: str = "recbench"
    #: A URL with ``{commit}`` and ``{path}`` for sources kept in this repository (none: not linked).
    source_url: str | None = None
    extra_pages: Sequence[SitePage] = ()
    extra_files: Sequence[SiteFile] = ()


@dataclass(frozen=True)
class PublishResult:
    """What was built."""

    out: Path
    pages: int
    files: int
    missing: list[str] = field(default_factory=list)  # what the site had no data for


def site_content(data: SiteData, cli_command: Any, *, options: PublishOptions,
                 progress: Progress | None = None) -> tuple[list[SitePage], list[SiteFile]]:
    """Every generated page and file of the site (pure but for reading the repository's files)."""
    recommendations = data.catalog.recommendations
    implementations = data.implementations()
    total = 6 + len(recommendations) + len(implementations)
    done = 0

    def step(what: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(what, done, total)

    pages: list[SitePage] = [home_page(data)]
    files: list[SiteFile] = []
    step("catalogue")
    for loaded in recommendations:
        counts = vector_counts(loaded.model.vector_sets, loaded.folder)
        pages.append(recommendation_page(data, loaded, counts, source_url=options.source_url))
        pages += release_diff_pages(data, loaded)
        for entry in loaded.model.vector_sets:
            if counts.get(entry.id) is not None:
                target = layout.vector_file(loaded.folder.name, entry.file)
                files.append(SiteFile(target, source=loaded.folder / entry.file))
        step(f"page of {loaded.model.id}")
    pages.append(matrix_page(data))
    reports = {entry.run.id: entry.report for entry in data.matrix}
    for runs in data.runs.values():
        reports.update((entry.run.id, entry.report) for entry in runs)
    for run_id, report in sorted(reports.items()):
        files += [SiteFile(layout.report_html(run_id), data=render_html(report).encode("utf-8")),
                  SiteFile(layout.report_json(run_id), data=report.to_json().encode("utf-8")),
                  SiteFile(layout.ics_file(run_id), data=(json.dumps(report.ics, indent=2, ensure_ascii=False)
                                                          + "\n").encode("utf-8"))]
    step("conformance matrix and reports")
    pages.append(dependency_health_page(data))
    step("dependency health and trend charts")
    for loaded, implementation in implementations:
        key = ImplementationKey(loaded.folder.name, implementation.name)
        pages += [history_page(data, loaded, implementation), health_card(data, loaded, implementation)]
        audit = data.audit_of(loaded.model.id, implementation.name)
        if audit is not None and data.audit is not None:
            files.append(SiteFile(layout.sbom_file(key.slug), data=write_cyclonedx(data.audit, audit).encode("utf-8")))
        step(f"history and health card of {implementation.name} ({loaded.model.id})")
    schemas = {name: render_schema(name) for name in schema_models()}
    guides, guide_files = guide_pages(data.catalog.root / "docs")
    protocol_guide = any(page.path == layout.PROTOCOL for page in guides)
    pages.append(reference_index(schemas, protocol_guide=protocol_guide))
    for name, rendered in schemas.items():
        schema, schema_file = schema_page(name, rendered)
        pages.append(schema)
        files.append(schema_file)
    pages.append(cli_reference_page(cli_command))
    step("reference: schemas and command line")
    pages += guides
    files += guide_files
    files += [SiteFile(asset, data=resources.files("conformance.publish").joinpath(asset).read_bytes())
              for asset in ASSETS]
    step("guides and tutorials")
    return pages, files


def guide_pages(docs: Path) -> tuple[list[SitePage], list[SiteFile]]:
    """The repository's hand-written guides (docs/) under guides/, tutorials in their own section."""
    pages: list[SitePage] = []
    files: list[SiteFile] = []
    if not docs.is_dir():
        return pages, files
    for path in sorted(docs.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(docs).as_posix()
        target = f"{layout.GUIDES}/{relative}"
        if path.suffix != ".md":
            files.append(SiteFile(target, source=path))
            continue
        markdown = path.read_text("utf-8")
        heading = next((line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), path.stem)
        section = "Tutorials" if relative.startswith("tutorials/") else "Guides"
        title = "Overview" if relative in ("index.md", "tutorials/index.md") else heading
        pages.append(SitePage(target, title, markdown, section=section))
    pages.sort(key=lambda page: (page.section or "", not page.path.endswith("/index.md"), page.path))
    return pages, files


def write_tree(folder: Path, pages: Sequence[SitePage], files: Sequence[SiteFile]) -> None:
    """Write the pages and files under ``folder`` (a fresh temporary folder)."""
    seen: set[str] = set()
    entries: list[SitePage | SiteFile] = [*pages, *files]
    for item in entries:
        if item.path in seen:
            raise RecbenchError(f"two site entries share the path {item.path}")
        seen.add(item.path)
        target = folder / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(item, SitePage):
            target.write_text(item.markdown, encoding="utf-8")
        elif item.data is not None:
            target.write_bytes(item.data)
        elif item.source is not None:
            shutil.copyfile(item.source, target)


def publish_site(data: SiteData, cli_command: Any, out: Path, *, options: PublishOptions | None = None,
                 progress: Progress | None = None) -> PublishResult:
    """Build the site of ``data`` into ``out`` (replaced whole, and only when the build succeeds)."""
    options = options or PublishOptions()
    out = out.absolute()
    _check_out(out, data.catalog.root)
    pages, files = site_content(data, cli_command, options=options, progress=progress)
    pages += options.extra_pages
    files += options.extra_files
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="recbench-publish-") as temporary:
        docs = Path(temporary) / "docs"
        write_tree(docs, pages, files)
        built = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
        try:
            config = Path(temporary) / "mkdocs.yml"
            config.write_text(mkdocs_config(pages, site_name=options.site_name, docs_dir=docs, site_dir=built),
                              encoding="utf-8")
            if progress is not None:
                progress("mkdocs build --strict", 1, 1)
            run_mkdocs(config)
            _replace(out, built)
        finally:
            shutil.rmtree(built, ignore_errors=True)
    missing = ([] if data.matrix else ["no complete conformance run in the results store"]) + (
        [] if data.audit else ["no dependency audit in the audit history"])
    return PublishResult(out=out, pages=len(pages), files=len(files), missing=missing)


def _check_out(out: Path, repository: Path) -> None:
    if out.exists() and not out.is_dir():
        raise RecbenchError(f"{out}: --out is a file, not a folder")
    resolved, root = out.resolve(), repository.resolve()
    if resolved == root or root.is_relative_to(resolved):
        raise RecbenchError(f"{out}: --out would replace the repository itself")
    if out.is_dir() and any(out.iterdir()) and not any((out / marker).is_file() for marker in SITE_MARKERS):
        raise RecbenchError(f"{out}: --out is a folder that is not a site built before; refusing to replace it")


def _replace(out: Path, built: Path) -> None:
    """Put ``built`` at ``out``: the old site is moved aside first and removed last."""
    built.chmod(0o755)  # mkdtemp makes it private; a site is meant to be read
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
        old.rmdir()
        out.rename(old)
        built.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        built.rename(out)

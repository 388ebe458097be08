"""``recbench publish``: the study group's site, built from the catalogue, the results store and the audit history.

The library modules (pages, charts, mkdocs) are imported inside the command, so that
``recbench --help`` does not pay for matplotlib and mkdocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from conformance.cli.common import catalog_or_fail, console, errors, fail, repository_root, visible


def publish(
    out: Annotated[Path, typer.Option("--out", help="Folder of the built site (replaced whole).")] = Path("site"),
    store: Annotated[
        Path | None, typer.Option("--store", help="Results store (default: $RECBENCH_STORE or .recbench/).")
    ] = None,
    history: Annotated[
        Path | None,
        typer.Option("--history", help="Audit history (default: $RECBENCH_HISTORY or the user data folder)."),
    ] = None,
    source_url: Annotated[
        str | None,
        typer.Option("--source-url", help="Link for sources in this repository, with {commit} and {path}, "
                     "e.g. 'https://git.example.org/sg16/recbench/tree/{commit}/{path}'."),
    ] = None,
    site_name: Annotated[str, typer.Option("--site-name", help="The site's title.")] = "recbench",
    progress_since: Annotated[
        str | None,
        typer.Option("--progress-since", metavar="DATE",
                     help="First day of the progress report page's period (default: 1 January of this year)."),
    ] = None,
    root: Annotated[Path | None, typer.Option("--root", help="Repository root.")] = None,
) -> None:
    """Build the site: catalogue, a page per Recommendation, conformance matrix, health cards, reference, tutorials.

    Works offline and from file://. Exit 0 when built, 2 when it cannot be (nothing is left half-written).
    """
    import typer.main
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from conformance.errors import RecbenchError
    from conformance.harness.store import default_store_path
    from conformance.hygiene.locations import default_history_path
    from conformance.publish.gathering import gather_site_data
    from conformance.publish.pages import SitePage
    from conformance.publish.site import PublishOptions, publish_site

    if source_url is not None and ("{commit}" not in source_url or "{path}" not in source_url):
        fail("--source-url needs both {commit} and {path}")
    repository = repository_root(root)
    catalog = catalog_or_fail(repository)
    from conformance.cli.app import app

    command = typer.main.get_command(app)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=errors, transient=True) as bar:
            task = bar.add_task("reading the stores", total=None)
            data = gather_site_data(catalog, store_path=store or default_store_path(repository),
                                    history_path=history or default_history_path())

            def advance(what: str, done: int, total: int) -> None:
                bar.update(task, description=visible(what)[:60], completed=done, total=total)

            bar.update(task, description="the progress report")
            report = _progress_page(repository, store, history, progress_since)
            options = PublishOptions(site_name=site_name, source_url=source_url,
                                     extra_pages=[SitePage("progress-report.md", "Progress report", report)])
            result = publish_site(data, command, out, options=options, progress=advance)
    except RecbenchError as error:
        for line in error.lines:
            errors.print(visible(line), markup=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except ValueError as error:  # a results store of a newer format
        fail(str(error))
    for note in result.missing:
        errors.print(visible(f"note: {note}; its pages say so"), markup=False, soft_wrap=True)
    console.print(visible(f"site built: {result.pages} pages, {result.files} files in {result.out}"),
                  markup=False, soft_wrap=True)
    console.print(visible(f"open {result.out / 'index.html'} in a browser (works from file://)"), markup=False,
                  soft_wrap=True)


def _progress_page(repository: Path, store: Path | None, history: Path | None, since: str | None) -> str:
    """The Resolution 90 progress report of this year (or from ``since``) to today, as a page."""
    import datetime as dt

    from conformance.harness.store import default_store_path
    from conformance.hygiene.locations import default_history_path
    from conformance.progress.assembly import Sources
    from conformance.progress.model import Period
    from conformance.progress.page import progress_page_markdown

    now = dt.datetime.now(dt.UTC)
    if since is not None:
        try:
            dt.date.fromisoformat(since)
        except ValueError:
            fail(f"--progress-since: {since!r} is not a date (YYYY-MM-DD)")
    first = since or f"{now.year}-01-01"
    sources = Sources(root=repository, store=store or default_store_path(repository),
                      history=history or default_history_path())
    return progress_page_markdown(sources, Period(first, now.date().isoformat()), now=now)

"""``recbench report progress``: the study group's Resolution 90 progress report, from its data.

Registered into the ``report`` group by ``conform.register``. The library modules (and
python-docx) are imported inside the command, so ``recbench --help`` stays fast.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from conformance.cli.common import errors, fail, repository_root, shown, visible


class ProgressFormat(StrEnum):
    """``--format`` of the progress report."""

    markdown = "markdown"
    json = "json"
    html = "html"
    docx = "docx"


def _day(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        fail(f"{option} {value!r}: expected a date, YYYY-MM-DD")


def _write(path: Path, content: bytes) -> None:
    """Write beside the target and rename over it: a failed write leaves no half file."""
    if path.is_dir():
        fail(f"--output {path}: is a folder; give a file name")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(content)
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        fail(f"{path}: cannot write ({error.strerror or error})")
    errors.print(visible(f"wrote {path}"), markup=False, soft_wrap=True)


def progress(
    since: Annotated[str | None, typer.Option("--since", help="First day of the period (YYYY-MM-DD; "
                                              "default: from the first record).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last day of the period (default: today).")] = None,
    output_format: Annotated[ProgressFormat, typer.Option("--format", help="markdown, json, html or docx.")]
    = ProgressFormat.markdown,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report here (needed for docx).")]
    = None,
    store: Annotated[Path | None, typer.Option(
        "--store", help="Results store (default: .recbench/results.sqlite).")] = None,
    history: Annotated[Path | None, typer.Option(
        "--history", help="Audit history (default: $RECBENCH_HISTORY or the user data dir).")] = None,
    root: Annotated[Path | None, typer.Option("--root", help="Repository root.")] = None,
) -> None:
    """The study group's progress report on Resolution 90 (open source) for a period, from the repository's data:
    conformance runs, dependency audits, accepted risks, git and studygroup.yaml. Exit 0, or 2 on unusable input."""
    from conformance.errors import RecbenchError
    from conformance.harness.store import default_store_path
    from conformance.hygiene.locations import default_history_path
    from conformance.hygiene.policy import PolicyError
    from conformance.hygiene.watchlist import WatchlistError
    from conformance.progress.assembly import Sources, build_progress_report
    from conformance.progress.model import Period
    from conformance.progress.writers import render_docx, render_html, render_json, render_markdown

    now = datetime.now(UTC)
    first, last = _day(since, "--since"), _day(until, "--until") or now.date().isoformat()
    if first is not None and first > last:
        fail(f"--since {first} is after --until {last}")
    if output_format is ProgressFormat.docx and output is None:
        fail("--format docx writes a binary file: give --output FILE")
    repository = repository_root(root)
    sources = Sources(root=repository, store=store or default_store_path(repository),
                      history=history or default_history_path())
    try:
        report = build_progress_report(sources, Period(first, last), now=now)
    except (PolicyError, WatchlistError) as error:  # their message names file and field already
        fail(str(error))
    except RecbenchError as error:
        for line in error.diagnostics:
            errors.print(visible(line.render()), markup=False, soft_wrap=True)
        fail(str(error) if not error.diagnostics else "the report cannot be made from this input")
    if output_format is ProgressFormat.docx:
        assert output is not None
        _write(output, render_docx(report))
    else:
        writer = {ProgressFormat.markdown: render_markdown, ProgressFormat.json: render_json,
                  ProgressFormat.html: render_html}[output_format]
        text = writer(report)
        if output is None:
            typer.echo(text, nl=False)
        else:
            _write(output, text.encode("utf-8"))
    for note in report.notes:
        errors.print(f"note: {shown(note)}", soft_wrap=True)

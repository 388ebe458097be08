"""``recbench history``, ``diff``, ``release`` and ``new``: a Recommendation's editions."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from conformance.cli.common import Exit, console, errors, fail, repository_root, shown, visible

if TYPE_CHECKING:
    from conformance.errors import RecbenchError


class HistoryFormat(StrEnum):
    text = "text"
    json = "json"


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


IdArgument = typer.Argument(metavar="ID", help="'ITU-T G.711', 'G.711' or the folder name.")


def register(app: typer.Typer) -> None:
    """Add the edition commands to the top-level app."""
    app.command("history")(history)
    app.command("diff")(diff)
    app.command("release")(release)
    app.command("new")(new)


def _unusable(error: RecbenchError) -> NoReturn:
    for line in error.lines[:-1]:
        errors.print(visible(line), markup=False, soft_wrap=True)
    fail(error.lines[-1] if error.lines else str(error))


def _plain(text: str) -> None:
    console.print(visible(text), markup=False, soft_wrap=True, end="")


def history(
    identifier: Annotated[str, IdArgument],
    output_format: Annotated[HistoryFormat, typer.Option("--format", help="text or json.")] = HistoryFormat.text,
    revision: Annotated[str, typer.Option("--rev", help="The revision whose history is listed.")] = "HEAD",
    max_count: Annotated[int | None, typer.Option("--max-count", "-n", min=1, help="At most N commits.")] = None,
    root: Annotated[Path | None, typer.Option("--root", help="Repository root.")] = None,
) -> None:
    """The commits that touched a Recommendation, newest first, with its edition and status and release tags."""
    from conformance.editions.history import recommendation_history
    from conformance.editions.writers import history_text, to_json
    from conformance.errors import RecbenchError

    try:
        found = recommendation_history(repository_root(root), identifier, revision=revision, max_count=max_count)
    except RecbenchError as error:
        _unusable(error)
    _plain(to_json(found) if output_format is HistoryFormat.json else history_text(found))


def diff(
    identifier: Annotated[str, IdArgument],
    before: Annotated[str, typer.Option("--from", help="The older revision: a tag such as G.711/2026-11, a commit.")],
    after: Annotated[
        str | None, typer.Option("--to", help="The newer revision (default: the work tree as it is now).")
    ] = None,
    output_format: Annotated[DiffFormat, typer.Option("--format", help="text, json or markdown.")] = DiffFormat.text,
    store: Annotated[
        Path | None, typer.Option("--store", help="Results store whose invalidated runs are listed.")
    ] = None,
    root: Annotated[Path | None, typer.Option("--root", help="Repository root.")] = None,
) -> None:
    """What changed in a Recommendation as requirements and vectors. Exit 1 when the diff has findings."""
    from conformance.editions.diff import diff_recommendation
    from conformance.editions.writers import diff_markdown, diff_text, to_json
    from conformance.errors import RecbenchError
    from conformance.harness.store import default_store_path

    repository = repository_root(root)
    try:
        found = diff_recommendation(repository, identifier, before, after,
                                    store=store or default_store_path(repository))
    except RecbenchError as error:
        _unusable(error)
    writers = {DiffFormat.json: to_json, DiffFormat.markdown: diff_markdown, DiffFormat.text: diff_text}
    _plain(writers[output_format](found))
    raise typer.Exit(int(Exit.FINDINGS if found.findings else Exit.OK))


def release(
    target: Annotated[str, typer.Argument(metavar="ID | verify", help="The Recommendation, or 'verify'.")],
    tag: Annotated[str | None, typer.Argument(metavar="[TAG]", help="With verify: the release tag.")] = None,
    edition: Annotated[
        str | None, typer.Option("--edition", help="The edition's approval date, YYYY-MM-DD.")
    ] = None,
    work_tree: Annotated[
        bool, typer.Option("--work-tree", help="With verify: check the files of the work tree too.")
    ] = False,
    root: Annotated[Path | None, typer.Option("--root", help="Repository root.")] = None,
) -> None:
    """Cut an edition (`release ID --edition DATE`) or re-check one (`release verify TAG`).

    A release needs a clean work tree, a clean lint and reference implementations that pass; it
    sets the edition, writes releases/YYYY-MM.json, commits and tags <series>.<number>/<YYYY-MM>.
    """
    from conformance.editions.release import ReleaseRefused, release_edition
    from conformance.errors import RecbenchError

    repository = repository_root(root)
    if target == "verify":
        if tag is None:
            fail("give the tag to verify: recbench release verify G.711/2026-11")
        _verify(repository, tag, work_tree)
        return
    if tag is not None:
        fail(f"unexpected argument {tag!r}: recbench release ID --edition YYYY-MM-DD")
    if edition is None:
        fail("give the edition: recbench release ID --edition YYYY-MM-DD")
    try:
        date = dt.date.fromisoformat(edition)
    except ValueError:
        fail(f"--edition {edition!r} is not a date written YYYY-MM-DD")
    try:
        with errors.status("checking: lint, reference implementations"):
            made = release_edition(repository, target, date)
    except ReleaseRefused as refused:
        errors.print(f"[bold red]error:[/] release {shown(refused.tag)} refused:", soft_wrap=True)
        for reason in refused.reasons:
            errors.print(visible(f"  - {reason}"), markup=False, soft_wrap=True)
        raise typer.Exit(int(Exit.UNUSABLE)) from None
    except RecbenchError as error:
        _unusable(error)
    console.print(visible(f"released {made.tag} at {made.commit[:12]}: {made.manifest_path} "
                          f"(sha256 {made.manifest_sha256})"), markup=False, soft_wrap=True)
    console.print(visible(f"publish it with: git push origin {made.tag}"), markup=False, soft_wrap=True)


def _verify(repository: Path, tag: str, work_tree: bool) -> None:
    from conformance.editions.release import verify_release
    from conformance.errors import RecbenchError

    try:
        result = verify_release(repository, tag, work_tree=work_tree)
    except RecbenchError as error:
        _unusable(error)
    for check in result.checks:
        line = f"ok    {check.subject}" if check.problem is None else f"FAIL  {check.subject}: {check.problem}"
        console.print(visible(line), markup=False, soft_wrap=True)
    failed = sum(check.problem is not None for check in result.checks)
    summary = f"{tag} at {result.commit[:12]} ({result.manifest_path}): "
    summary += f"{failed} of {len(result.checks)} checks failed" if failed else f"all {len(result.checks)} checks hold"
    errors.print(visible(summary), markup=False, soft_wrap=True)
    raise typer.Exit(int(Exit.FINDINGS if failed else Exit.OK))


def new(
    identifier: Annotated[str, typer.Argument(metavar="ID", help="The new Recommendation, e.g. 'ITU-T X.9999'.")],
    study_group: Annotated[int, typer.Option("--study-group", min=1, max=20, help="Responsible study group.")] = 17,
    root: Annotated[Path | None, typer.Option("--root", help="Repository root.")] = None,
) -> None:
    """Scaffold a Recommendation: its folder (YAML, vectors/, EDITING.md) and a reference package."""
    from conformance.editions.scaffold import scaffold_recommendation
    from conformance.errors import RecbenchError

    repository = repository_root(root)
    try:
        made = scaffold_recommendation(repository, identifier, study_group=study_group)
    except RecbenchError as error:
        _unusable(error)
    for path in made.files:
        console.print(visible(f"wrote {path}"), markup=False, soft_wrap=True)
    errors.print(visible(f"next: read {made.recommendation_folder}/EDITING.md, then `recbench lint "
                         f"{made.recommendation_folder}`"), markup=False, soft_wrap=True)

"""The top-level typer application and the catalogue commands (lint, list, show, schema, check)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from conformance import __version__
from conformance.cli.common import (
    Exit,
    OutputFormat,
    catalog_or_fail,
    console,
    errors,
    fail,
    render_diagnostics,
    repository_root,
    set_width,
    shown,
    visible,
)

if TYPE_CHECKING:

    from conformance.spec.catalog import Catalog
    from conformance.spec.loading import LoadedRecommendation

app = typer.Typer(
    name="recbench",
    help="Workbench for machine-readable ITU-T Recommendations: lint, conformance, dependency hygiene.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        console.print(f"recbench {__version__}")
        raise typer.Exit()


def _width(value: int | None) -> None:
    set_width(value)


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    width: Annotated[
        int | None, typer.Option("--width", min=20, callback=_width, is_eager=True, metavar="COLUMNS",
                                 help="Output width (default: the terminal's; piped, tables as wide as they need).")
    ] = None,
) -> None:
    """recbench: Recommendations as data, conformance runs, dependency hygiene.

    Exit codes: 0 success, 1 findings (lint findings, a failed run, a violated policy), 2 unusable
    input (a file, an ICS, an option), 3 internal error (a bug: please report it), 130 interrupted.
    """


@app.command()
def lint(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Recommendation files or folders (default: the repository).")
    ] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text or json.")] = OutputFormat.text,
    fix: Annotated[bool, typer.Option("--fix", help="Rewrite wrong sha256 fields in place.")] = False,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="List every diagnostic code (lint's and the ICS's) and exit.")
    ] = False,
    root: Annotated[Path | None, typer.Option("--root", help="Repository root.")] = None,
) -> None:
    """Check Recommendations: schema errors and semantic rules.

    Exit 0 clean, 1 findings, 2 when a file cannot be read as a Recommendation or vector set at all.
    """
    from conformance.codes import CODES
    from conformance.spec.lint import UnusableInput, lint_paths

    if list_rules:
        for code, explanation in CODES.items():
            console.print(f"{code}  {explanation}", markup=False, soft_wrap=True)
        return
    targets = paths or [repository_root(root)]
    try:
        result = lint_paths(targets, fix=fix)
    except UnusableInput as error:
        fail(str(error))
    if output_format is OutputFormat.json:
        console.print_json(
            json.dumps(
                [
                    {"path": str(d.path), "line": d.line, "column": d.column, "code": d.code, "message": d.message}
                    for d in result.diagnostics
                ]
            )
        )
    else:
        render_diagnostics(result.diagnostics)
        for fixed in result.fixed:
            errors.print(visible(f"fixed: {fixed.render()}"), markup=False, soft_wrap=True)
        count = len(result.diagnostics)
        checked = f"{len(result.files)} Recommendation{'s' if len(result.files) != 1 else ''}"
        errors.print(f"{checked} checked: " + (f"{count} finding{'s' if count != 1 else ''}" if count else "clean"))
    if result.unreadable:
        raise typer.Exit(int(Exit.UNUSABLE))
    raise typer.Exit(int(Exit.FINDINGS if result.diagnostics else Exit.OK))


def catalog_rows(catalog: Catalog) -> list[dict[str, object]]:
    """One summary row per Recommendation, as ``list`` shows it."""
    from conformance.spec.model import MANDATORY_LEVELS

    rows = []
    for loaded in catalog.recommendations:
        model = loaded.model
        rows.append(
            {
                "id": model.id,
                "title": model.title,
                "edition": model.edition.isoformat(),
                "status": model.status,
                "study_group": model.study_group,
                "question": model.question,
                "requirements": len(model.requirements),
                "mandatory": sum(1 for r in model.requirements if r.level in MANDATORY_LEVELS),
                "vector_sets": len(model.vector_sets),
                "implementations": [i.name for i in model.implementations],
                "folder": loaded.folder.name,
            }
        )
    return rows


def print_catalog(catalog: Catalog) -> None:
    """The catalogue as a rich table."""
    from rich.table import Table

    table = Table(
        title=f"Recommendations ({len(catalog.recommendations)})",
        title_justify="left",
        caption="Req.: requirements (of which shall/shall-not)",
        caption_justify="left",
    )
    table.add_column("Recommendation", no_wrap=True)
    table.add_column("Title", ratio=1, min_width=10, overflow="fold")
    table.add_column("Edition", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("SG", no_wrap=True)
    table.add_column("Req.", justify="right", no_wrap=True)
    table.add_column("Sets", justify="right", no_wrap=True)
    for row in catalog_rows(catalog):
        # Every cell is text from a Recommendation file: shown as written, never as markup.
        table.add_row(
            shown(row["id"]),
            shown(row["title"]),
            f"{str(row['edition'])[5:7]}/{str(row['edition'])[:4]}",
            shown(row["status"]),
            shown(row["question"] or row["study_group"]),
            f"{row['requirements']} ({row['mandatory']})",
            str(row["vector_sets"]),
        )
    console.print(table)


@app.command("list")
def list_recommendations(
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text or json.")] = OutputFormat.text,
    root: Annotated[Path | None, typer.Option("--root", help="Repository root.")] = None,
) -> None:
    """List the Recommendations of the catalogue."""
    catalog = catalog_or_fail(repository_root(root))
    if output_format is OutputFormat.json:
        console.print_json(json.dumps(catalog_rows(catalog)))
    else:
        print_catalog(catalog)
    raise typer.Exit(int(Exit.FINDINGS if catalog.failures else Exit.OK))


@app.command()
def show(
    identifier: Annotated[str, typer.Argument(metavar="ID", help="'ITU-T G.711', 'G.711' or the folder name.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text or json.")] = OutputFormat.text,
    root: Annotated[Path | None, typer.Option("--root", help="Repository root.")] = None,
) -> None:
    """Show one Recommendation: metadata, requirements with coverage, vector sets, implementations."""
    from conformance.spec.vectors import vector_counts

    catalog = catalog_or_fail(repository_root(root))
    loaded = catalog.find(identifier)
    if loaded is None:
        fail(f"no Recommendation {identifier!r} in the catalogue (see `recbench list`)")
    counts = vector_counts(loaded.model.vector_sets, loaded.folder)
    if output_format is OutputFormat.json:
        document = json.loads(loaded.model.model_dump_json())
        document["vector_counts"] = counts  # tests per set; null for a file that cannot be read
        console.print_json(json.dumps(document))
        return
    _print_recommendation(loaded, catalog, counts)


def _print_recommendation(loaded: LoadedRecommendation, catalog: Catalog, counts: dict[str, int | None]) -> None:
    # All text here comes from the Recommendation file; each piece goes through shown().
    from rich.table import Table

    from conformance.spec.model import RecommendationReference

    model = loaded.model
    console.print(f"[bold]{shown(model.id)}[/] ({model.edition.isoformat()}, {shown(model.status)}): "
                  f"{shown(model.title)}", soft_wrap=True)
    console.print(f"Study group {shown(model.study_group)}"
                  + (f", Question {shown(model.question)}" if model.question else ""))
    if model.summary:
        console.print(shown(model.summary.strip()), soft_wrap=True)
    if model.base:
        console.print(f"Amends {shown(model.base)}", soft_wrap=True)
    amendments = catalog.amendments_of(model.id)
    if amendments:
        listed = Table(title="Amendments and corrigenda", title_justify="left")
        for column in ("Id", "Edition", "Status", "Title"):
            listed.add_column(column, overflow="fold")
        for amendment in amendments:
            listed.add_row(shown(amendment.model.id), amendment.model.edition.isoformat(),
                           shown(amendment.model.status), shown(amendment.model.title))
        console.print(listed)
    coverage: dict[str, list[str]] = {}
    for entry in model.vector_sets:
        for requirement_id in entry.covers:
            coverage.setdefault(requirement_id, []).append(entry.id)
    requirements = Table(title="Requirements", title_justify="left")
    for column in ("Id", "Clause", "Level", "Covered by", "Text"):
        requirements.add_column(column, overflow="fold")
    for requirement in model.requirements:
        covered = shown(", ".join(coverage.get(requirement.id, []))) or (
            "inspection" if requirement.verification == "inspection" else "[red]untested[/]"
        )
        requirements.add_row(shown(requirement.id), shown(requirement.clause), shown(requirement.level), covered,
                             shown(requirement.text.strip()))
    console.print(requirements)
    if model.options:
        options = Table(title="Options", title_justify="left")
        for column in ("Id", "Text"):
            options.add_column(column, overflow="fold")
        for option in model.options:
            options.add_row(shown(option.id), shown(option.text.strip()))
        console.print(options)
    if model.interfaces:
        interfaces = Table(title="Interfaces", title_justify="left")
        for column in ("Name", "Batch", "Inputs", "Outputs"):
            interfaces.add_column(column, overflow="fold")
        for interface in model.interfaces:
            fields = [", ".join(f"{name}: {kind.type}" for name, kind in group.items())
                      for group in (interface.inputs, interface.outputs)]
            interfaces.add_row(shown(interface.name), shown(interface.batch), shown(fields[0]) or "-",
                               shown(fields[1]) or "-")
        console.print(interfaces)
    if model.references:
        references = Table(title="References", title_justify="left")
        for column in ("Reference", "Title", "Note"):
            references.add_column(column, overflow="fold")
        for reference in model.references:
            if isinstance(reference, RecommendationReference):
                cited, title = reference.recommendation, "(in this catalogue)"
            else:
                cited, title = reference.document, reference.title or ""
            references.add_row(shown(cited), shown(title), shown((reference.note or "").strip()))
        console.print(references)
    sets = Table(title="Vector sets", title_justify="left")
    for column in ("Id", "Interface", "Vectors", "Requires", "Provenance", "File"):
        sets.add_column(column, overflow="fold")
    for entry in model.vector_sets:
        count = counts.get(entry.id)
        sets.add_row(shown(entry.id), shown(entry.interface), "unreadable" if count is None else str(count),
                     shown(", ".join(entry.requires) or "-"), shown(entry.provenance.kind), shown(entry.file))
    console.print(sets)
    known = [count for count in counts.values() if count is not None]
    console.print(f"{len(model.vector_sets)} vector sets, {sum(known)} vectors")
    implementations = Table(title="Implementations", title_justify="left")
    for column in ("Name", "Kind", "Language", "Licence", "Adapter"):
        implementations.add_column(column, overflow="fold")
    for implementation in model.implementations:
        implementations.add_row(
            shown(implementation.name),
            shown(implementation.kind),
            shown(implementation.language),
            shown(implementation.license),
            shown(implementation.adapter.type),
        )
    console.print(implementations)


@app.command()
def schema(
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder to write to (default: recommendations/schema).")
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Only compare with the files in the folder; exit 1 when stale.")
    ] = False,
    root: Annotated[Path | None, typer.Option("--root", help="Repository root.")] = None,
) -> None:
    """Write the JSON Schemas generated from the models (Draft 2020-12)."""
    from conformance.spec.schemas import render_schema, schema_models, write_schemas

    directory = out or repository_root(root) / "recommendations" / "schema"
    if check:
        stale = [
            name
            for name in schema_models()
            if not (directory / f"{name}.schema.json").is_file()
            or (directory / f"{name}.schema.json").read_text("utf-8") != render_schema(name)
        ]
        for name in stale:
            console.print(visible(f"stale: {directory / f'{name}.schema.json'}"), markup=False, soft_wrap=True)
        raise typer.Exit(int(Exit.FINDINGS if stale else Exit.OK))
    for path in write_schemas(directory):
        console.print(visible(f"wrote {path}"), markup=False, soft_wrap=True)


def _mount_subcommands() -> None:
    from conformance.cli import campaign, check, conform, deps, editions, vectors
    from conformance.cli import publish as publishing

    app.command()(check.check)
    conform.register(app)
    editions.register(app)
    campaign.register(app)
    app.add_typer(deps.app, name="deps", help="Dependency hygiene: vulnerabilities, staleness, licences, history.")
    app.add_typer(vectors.app, name="vectors", help="Look at a Recommendation's test vectors.")
    app.command()(publishing.publish)


EXIT_CODES = (
    "Exit codes: 0 done (clean, passed); 1 findings (lint findings, a run that did not pass, a "
    "violated policy); 2 unusable input (a file, an ICS, an option); 3 internal error; 130 interrupted."
)


def _state_exit_codes(group: typer.Typer) -> None:
    """Give every command's help the exit codes, unless its own text already says them."""
    for command in group.registered_commands:
        text = command.help or (command.callback.__doc__ if command.callback else None) or ""
        if command.epilog is None and "Exit " not in text and "exit " not in text:
            command.epilog = EXIT_CODES
    for sub in group.registered_groups:
        if sub.typer_instance is not None:
            _state_exit_codes(sub.typer_instance)


_mount_subcommands()
_state_exit_codes(app)  # after every command is mounted

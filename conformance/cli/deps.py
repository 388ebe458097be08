"""``recbench deps``: dependency hygiene commands (a thin layer over conformance.hygiene)."""

from __future__ import annotations

import json
import os
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from conformance.cli.common import (
    Exit,
    OutputFormat,
    audit_exit,
    console,
    errors,
    fail,
    repository_root,
    shown,
    visible,
)
from conformance.hygiene.locations import DATABASE_ENV, HISTORY_ENV

if TYPE_CHECKING:

    from rich.text import Text

    from conformance.hygiene.advisories import OsvDatabase
    from conformance.hygiene.audit import AuditTarget
    from conformance.hygiene.findings import Finding
    from conformance.hygiene.history import AdvisoryChanges
    from conformance.hygiene.policy import Policy
    from conformance.hygiene.report import AuditRun
    from conformance.hygiene.watchlist import ProjectReport

app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False,
                  help="Dependency hygiene: vulnerabilities, staleness, licences, history.")
db_app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False,
                     help="The local advisory database.")
app.add_typer(db_app, name="db")


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    sarif = "sarif"


DbOption = Annotated[Path | None, typer.Option(
    "--db", help=f"Advisory database file (default: ${DATABASE_ENV} or the user cache dir).")]
RootOption = Annotated[Path | None, typer.Option("--root", help="Repository root.")]
IndexOption = Annotated[str | None, typer.Option(
    "--index-url", help="Package index (default: RECBENCH_INDEX_URL, PIP_INDEX_URL, pip config).")]
HistoryOption = Annotated[Path | None, typer.Option(
    "--history", help=f"History store (default: ${HISTORY_ENV} or the user data dir).")]

_SEVERITY_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan",
                   "info": "dim"}


def _open_database(path: Path | None) -> OsvDatabase:
    from conformance.hygiene.advisories import AdvisoryImportError, OsvDatabase

    try:
        return OsvDatabase.open_default(path)
    except AdvisoryImportError as error:
        fail(str(error))


def _policy(path: Path | None, root: Path | None) -> tuple[Policy, str]:
    from conformance.hygiene.policy import POLICY_FILE_NAME, Policy, PolicyError, load_policy

    candidate = path
    if candidate is None and root is not None and (root / POLICY_FILE_NAME).is_file():
        candidate = root / POLICY_FILE_NAME
    if candidate is None:
        return Policy(), "embedded defaults"
    try:
        return load_policy(candidate), str(candidate)
    except PolicyError as error:
        fail(str(error))


def _repository(root: Path | None) -> Path:
    if root is not None and not (root / "recommendations").is_dir():
        fail(f"{root}: no recommendations/ folder here")
    return repository_root(root)


def _soft_root(root: Path | None) -> Path | None:
    from conformance.spec.catalog import find_repository

    return root if root is not None else find_repository()


def _targets(identifier: str | None, every: bool, root: Path | None) -> list[AuditTarget]:
    from conformance.hygiene.targets import catalog_targets, repository_targets
    from conformance.spec.catalog import load_catalog

    repository = _repository(root)
    if every:
        return repository_targets(repository)
    assert identifier is not None
    targets = catalog_targets(load_catalog(repository), identifier)
    if not targets:
        fail(f"{identifier!r} is neither an existing path nor a Recommendation of the catalogue")
    return targets


def _render_table(run: AuditRun) -> None:
    data = run.advisory_data
    sources = "; ".join(s.description for s in data.sources)
    # Sources, paths, labels and finding texts come from files and advisories: printed plain
    # (visible) or escaped (shown), never as markup or raw terminal codes.
    console.print(visible(f"Advisory data: {data.records} records, dated {data.data_date or 'unknown'}"
                          f" ({sources})"), soft_wrap=True, markup=False)
    console.print(visible(f"Policy: {run.policy_source}.  Index: {(run.index.url and 'configured') or 'none'}"
                          f" ({run.index.origin}{', offline' if run.index.offline else ''})"),
                  soft_wrap=True, markup=False)
    for problem in run.index.errors:
        console.print(f"[yellow]index:[/] {shown(problem)}", soft_wrap=True)
    for finding in run.policy_findings:
        console.print(f"[yellow]policy:[/] {shown(finding.title)}", soft_wrap=True)
    for impl in run.implementations:
        count = len(impl.dependencies)
        # The heading is printed on its own so that it never wraps to the table's width.
        console.print(visible(f"\n{impl.label}  ({count} {'dependency' if count == 1 else 'dependencies'}"
                      f", libyear {impl.libyear_total if impl.libyear_total is not None else '?'}"
                      + (f", repository {impl.repository.score}/10"
                         if impl.repository and impl.repository.score is not None else "")
                      + ")"), soft_wrap=True, markup=False, style="bold")
        console.print(_findings_table(impl.findings), soft_wrap=True)
        for dependency in impl.dependencies:
            fix = dependency.remediation
            if fix is not None:
                left = f"; still affected by {', '.join(fix.remaining)}" if fix.remaining else ""
                console.print(visible(f"upgrade {dependency.name} {dependency.version} -> {fix.version}: "
                                      f"clears {fix.clears} of {len(dependency.vulnerabilities)}{left}"),
                              markup=False, soft_wrap=True)
    verdict = ("[red]policy violated[/]" if run.policy_violated else "[green]policy holds[/]")
    console.print(f"{verdict}: {len(run.violations)} violation(s) in "
                  f"{len(run.implementations)} implementation(s)")


_HEADERS = ("Severity", "Kind", "Rule", "Package", "Fix", "Finding")


def _findings_table(findings: list[Finding]) -> Text:
    """One aligned line per finding, built as one plain string with the severities styled.

    A rich Table (or a Text per cell) of 20,000 findings costs several times the JSON report;
    these lines need no borders to be read. Every cell is escaped by ``visible`` first, so the
    one Text made of them holds no control character.
    """
    from rich.cells import cell_len
    from rich.text import Text

    if not findings:
        return Text.assemble(("ok", "green"), "  no findings")
    rows = [_finding_cells(f) for f in findings]
    # the short columns keep their full width; the summary gives way
    widths = [max([len(header)] + [cell_len(row[index]) for row in rows])
              for index, header in enumerate(_HEADERS[:5])]
    room = max(20, console.width - sum(widths) - 2 * len(widths) - 1)
    lines = ["  ".join(h.ljust(w) for h, w in zip(_HEADERS, [*widths, 0], strict=True)).rstrip(),
             "  ".join("-" * w for w in [*widths, min(room, 40)])]
    styles: list[tuple[int, int, str]] = []
    offset = len(lines[0]) + len(lines[1]) + 2
    for row, finding in zip(rows, findings, strict=True):
        # one line per finding: the summary is cut to the room left (full text in json/markdown)
        summary = row[5] if len(row[5]) <= room else row[5][: room - 1].rstrip() + "…"
        line = "".join(cell + " " * (width - cell_len(cell) + 2)
                       for cell, width in zip(row[:5], widths, strict=True)) + summary
        styles.append((offset, offset + len(finding.severity.value),
                       _SEVERITY_STYLE[finding.severity.value]))
        lines.append(line)
        offset += len(line) + 1
    table = Text("\n".join(lines))
    table.stylize("bold", 0, len(lines[0]))
    if console.is_terminal:  # colours only where they are seen
        for start, end, style in styles:
            table.stylize(style, start, end)
    return table


def _finding_cells(f: Finding) -> tuple[str, str, str, str, str, str]:
    """Severity, kind, rule, package, fix versions, summary (escaped plain text, never markup)."""
    mark = "" if f.counts_against_policy else (" (ignored)" if f.ignored else " (note)")
    # The package and rule have their own columns; keep only the advisory's summary.
    text = f.title.split(" - ", 1)[1] if f.kind == "vulnerability" and " - " in f.title else f.title
    at = "==" if f.ecosystem in (None, "PyPI") else "@"
    package = f"{f.package}{at}{f.version[:12] if f.ecosystem == 'GIT' else f.version}" \
        if f.package and f.version else (f.package or "")
    return (f.severity.value + mark, f.kind.value, visible(f.rule), visible(package),
            visible(", ".join(f.fix_versions)), visible(text))


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=False)
        return
    # Written beside the target and renamed over it: a failed write leaves no half file.
    temporary = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(output)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        fail(f"{output}: cannot write ({error.strerror or error})")
    errors.print(visible(f"wrote {output}"), markup=False, soft_wrap=True)


def _record(run: AuditRun, history: Path | None) -> None:
    from conformance.hygiene.history import HistoryError, HistoryStore
    from conformance.hygiene.locations import default_history_path

    try:
        with HistoryStore(history or default_history_path()) as store:
            store.record(run)
    except HistoryError as error:
        errors.print(f"[yellow]warning:[/] history not recorded: {shown(error)}",
                     soft_wrap=True)


@app.command()
def audit(
    target: Annotated[str | None, typer.Argument(
        metavar="[ID | PATH]", help="Recommendation id, or a lock / SBOM / project folder.")] = None,
    every: Annotated[bool, typer.Option("--all", help="Every implementation of the repository.")]
    = False,
    policy_file: Annotated[Path | None, typer.Option(
        "--policy", help="Policy file (default: hygiene.toml of the repository, else built-in).")]
    = None,
    output_format: Annotated[ReportFormat, typer.Option(
        "--format", help="Report format (a table written to --output is Markdown).")]
    = ReportFormat.table,
    offline: Annotated[bool, typer.Option("--offline", help="Use only cached index data.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report here.")]
    = None,
    index_url: IndexOption = None,
    db: DbOption = None,
    history: HistoryOption = None,
    no_history: Annotated[bool, typer.Option("--no-history", help="Do not store this run.")]
    = False,
    licence: Annotated[str | None, typer.Option(
        "--licence", help="SPDX licence of the audited PATH (checked against the policy).")]
    = None,
    root: RootOption = None,
) -> None:
    """Audit dependencies. Exit 0 clean, 1 policy violations, 2 unusable input."""
    from conformance.hygiene.audit import audit_implementations, audit_path
    from conformance.hygiene.index import PackageIndex, resolve_index_url
    from conformance.hygiene.inventory import InventoryError
    from conformance.hygiene.writers import write_json, write_markdown, write_sarif

    if every == (target is not None):
        fail("give exactly one of ID, PATH or --all")
    setting = resolve_index_url(index_url)
    database = _open_database(db)
    index = PackageIndex(database, setting, offline=offline)
    try:
        if target is not None and Path(target).exists():
            policy, source = _policy(policy_file, _soft_root(root))
            try:
                run = audit_path(Path(target), policy=policy, database=database, index=index,
                                 licence=licence, policy_source=source)
            except InventoryError as error:
                fail(str(error))
        else:
            repository = _repository(root)
            policy, source = _policy(policy_file, repository)
            run = audit_implementations(_targets(target, every, root), policy=policy,
                                        database=database, index=index, root=repository,
                                        policy_source=source)
    finally:
        database.close()
    if output_format is ReportFormat.table and output is None:
        _render_table(run)
    else:
        writer = {ReportFormat.json: write_json, ReportFormat.markdown: write_markdown,
                  ReportFormat.sarif: write_sarif, ReportFormat.table: write_markdown}
        _emit(writer[output_format](run), output)
    if not no_history:
        _record(run, history)
    raise typer.Exit(int(audit_exit(run.policy_violated)))


@db_app.command("import")
def db_import(
    source: Annotated[str, typer.Argument(metavar="PATH_OR_URL",
                                          help="OSV directory, JSON/YAML file, zip, or URL.")],
    db: DbOption = None,
) -> None:
    """Import OSV advisories into the local database (an empty one is seeded first)."""
    from conformance.hygiene.advisories import AdvisoryImportError

    with _open_database(db) as database:
        try:
            result = database.import_source(source)
        except AdvisoryImportError as error:
            fail(str(error))
        status = database.status()
    console.print(visible(f"imported {result.records} records from {result.location} "
                          f"({len(result.skipped)} skipped); database holds {status.records} records, "
                          f"data date {status.data_date}"), soft_wrap=True, markup=False)
    for reason in result.skipped[:20]:
        errors.print(visible(f"skipped: {reason}"), markup=False, soft_wrap=True)
    raise typer.Exit(int(Exit.OK))


@db_app.command("status")
def db_status(
    db: DbOption = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text or json.")] = OutputFormat.text,
    as_json: Annotated[bool, typer.Option("--json", hidden=True, help="Old spelling of --format json.")] = False,
) -> None:
    """Show what the advisory database holds: records, data date, sources, cache."""
    as_json = as_json or output_format is OutputFormat.json
    from dataclasses import asdict

    from rich.table import Table
    from rich.text import Text

    with _open_database(db) as database:
        status = database.status()
    if as_json:
        console.print_json(json.dumps({
            "path": status.path, "records": status.records, "withdrawn": status.withdrawn,
            "packages": status.packages, "data_date": status.data_date,
            "cached_packages": status.cached_packages,
            "sources": [asdict(s) for s in status.sources]}))
        return
    console.print(visible(f"database: {status.path}"), markup=False, soft_wrap=True)
    console.print(visible(f"records: {status.records} ({status.withdrawn} withdrawn) for "
                          f"{status.packages} packages; data date {status.data_date}; "
                          f"{status.cached_packages} packages with cached release data"), markup=False)
    table = Table(title="Sources", title_justify="left")
    for column in ("Imported", "Records", "Skipped", "Newest", "Location"):
        table.add_column(column, overflow="fold")
    for s in status.sources:
        table.add_row(shown(s.imported_at), str(s.records), str(s.skipped), shown(s.newest_modified or ""),
                      Text(visible(f"{s.location} - {s.description}")))
    console.print(table)


@app.command()
def refresh(
    target: Annotated[str | None, typer.Argument(metavar="[ID | PATH]",
                                                 help="Recommendation id or lock path.")] = None,
    every: Annotated[bool, typer.Option("--all", help="Every implementation.")] = False,
    index_url: IndexOption = None,
    db: DbOption = None,
    root: RootOption = None,
) -> None:
    """Fetch release histories from the package index into the cache."""
    from conformance.hygiene.index import PackageIndex, resolve_index_url
    from conformance.hygiene.inventory import InventoryError, read_inventory

    setting = resolve_index_url(index_url)
    if setting.url is None:
        fail("no package index configured: pass --index-url or set RECBENCH_INDEX_URL, "
             "PIP_INDEX_URL or pip's index-url")
    if target is not None and Path(target).exists():
        try:
            names = [d.name for d in read_inventory(Path(target)).dependencies]
        except InventoryError as error:
            fail(str(error))
    else:
        names = []
        for audit_target in _targets(target, every or target is None, root):
            if audit_target.lock is None or not audit_target.lock.exists():
                continue
            try:
                names += [d.name for d in read_inventory(audit_target.lock).dependencies]
            except InventoryError as error:
                errors.print(visible(f"skipped: {error}"), markup=False, soft_wrap=True)
    with _open_database(db) as database:
        outcome = PackageIndex(database, setting, offline=False).refresh(names)
    failed = [(name, problem) for name, problem in outcome if problem]
    console.print(visible(f"refreshed {len(outcome) - len(failed)} of {len(outcome)} packages "
                          f"from {setting.origin}"), markup=False, soft_wrap=True)
    for name, problem in failed:
        errors.print(visible(f"{name}: {problem}"), markup=False, soft_wrap=True)
    raise typer.Exit(int(Exit.UNUSABLE if failed and len(failed) == len(outcome) else Exit.OK))


@app.command()
def sbom(
    target: Annotated[str, typer.Argument(metavar="ID | PATH",
                                          help="Recommendation id, or a lock / project folder.")],
    implementation: Annotated[str | None, typer.Option(
        "--implementation", help="Implementation name when the Recommendation has several.")]
    = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the SBOM here.")]
    = None,
    db: DbOption = None,
    root: RootOption = None,
) -> None:
    """Write a CycloneDX 1.6 JSON SBOM of one implementation, with its vulnerabilities."""
    from conformance.hygiene.audit import audit_implementations, audit_path
    from conformance.hygiene.inventory import InventoryError
    from conformance.hygiene.writers import write_cyclonedx

    # The repository's policy decides which advisories the SBOM marks as accepted.
    policy, source = _policy(None, _soft_root(root))
    with _open_database(db) as database:
        if Path(target).exists():
            try:
                run = audit_path(Path(target), policy=policy, database=database,
                                 policy_source=source)
            except InventoryError as error:
                fail(str(error))
        else:
            targets = _targets(target, False, root)
            if implementation is not None:
                targets = [t for t in targets if implementation in t.name.split(", ")]
            if len(targets) != 1:
                names = "; ".join(t.name for t in targets) or "none"
                fail(f"choose one implementation with --implementation (found: {names})")
            run = audit_implementations(targets, policy=policy, database=database,
                                        root=_repository(root), policy_source=source)
    _emit(write_cyclonedx(run, run.implementations[0]), output)


class HistoryFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


@app.command("watch")
def watch_projects(
    watchlist: Annotated[Path | None, typer.Argument(
        metavar="[WATCHLIST]", help="watchlist.yaml (default: the repository's).")] = None,
    output_format: Annotated[HistoryFormat, typer.Option("--format", help="Output format.")]
    = HistoryFormat.table,
    db: DbOption = None,
    root: RootOption = None,
) -> None:
    """Advisories, health and distance to the default branch of the projects the group relies on.

    Exit 0 when no advisory affects a relied-on commit, 1 when one does or cannot be evaluated.
    """
    from conformance.hygiene.watchlist import WATCHLIST_FILE_NAME, WatchlistError, watch

    path = watchlist
    if path is None:
        found = _soft_root(root)
        path = (found or Path.cwd()) / WATCHLIST_FILE_NAME
    with _open_database(db) as database:
        try:
            reports = watch(path, database)
        except WatchlistError as error:
            fail(str(error))
    if output_format is HistoryFormat.json:
        typer.echo(json.dumps([_watch_dict(r) for r in reports], indent=2, ensure_ascii=False))
    elif output_format is HistoryFormat.markdown:
        lines = ["# Watched projects", "", "| project | relied on | advisories | not evaluated | "
                 "health | behind |", "|---|---|---|---|---|---|"]
        for r in reports:
            lines.append(f"| {_md(r.name)} | {_md(r.relied_on[:12])} | "
                         f"{_md(', '.join(v.id for v in r.vulnerabilities)) or '-'} | "
                         f"{len(r.unevaluated)} | {'' if r.health_score is None else r.health_score} | "
                         f"{'' if r.commits_behind is None else r.commits_behind} |")
        typer.echo("\n".join(lines))
    else:
        for r in reports:
            state = "[red]attention[/]" if r.attention else "[green]ok[/]"
            console.print(f"{state} {shown(r.name)} at {shown(r.relied_on[:12])}: "
                          f"{len(r.vulnerabilities)} advisories, {len(r.unevaluated)} not evaluated"
                          + ("" if r.health_score is None else f", health {r.health_score}/10")
                          + ("" if r.commits_behind is None else
                             f", {r.commits_behind} commits behind {shown(r.default_branch)}"),
                          soft_wrap=True)
            for v in r.vulnerabilities:
                console.print(visible(f"  {v.id}: {v.summary}"), markup=False, soft_wrap=True)
            for identifier, reason in r.unevaluated[:5]:
                console.print(visible(f"  {identifier}: {reason}"), markup=False, soft_wrap=True)
            for note in r.notes:
                console.print(visible(f"  note: {note}"), markup=False, soft_wrap=True)
    raise typer.Exit(int(audit_exit(any(r.attention for r in reports))))


def _md(text: str) -> str:
    return visible(text).replace("|", "\\|")


def _watch_dict(report: ProjectReport) -> dict[str, object]:
    return {"name": report.name, "url": report.url, "relied_on": report.relied_on,
            "commit": report.commit, "attention": report.attention,
            "vulnerabilities": [{"id": v.id, "aliases": list(v.aliases), "summary": v.summary,
                                 "fixed_in": list(v.fixed_in)} for v in report.vulnerabilities],
            "unevaluated": [{"id": i, "reason": r} for i, r in report.unevaluated],
            "health_score": report.health_score, "last_commit": report.last_commit,
            "commits_behind": report.commits_behind, "default_branch": report.default_branch,
            "notes": report.notes}


def _day(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        fail(f"{option} {value!r}: expected a date, YYYY-MM-DD")


@app.command("history")
def show_history(
    implementation: Annotated[str | None, typer.Option(
        "--implementation", help="Only this implementation (label or identity).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Number of runs.")] = 20,
    since: Annotated[str | None, typer.Option("--since", help="First day (YYYY-MM-DD) of the "
                                              "changes shown.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last day (YYYY-MM-DD).")] = None,
    output_format: Annotated[HistoryFormat, typer.Option("--format", help="Output format.")]
    = HistoryFormat.table,
    history: HistoryOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", hidden=True, help="Old spelling: the trend alone as JSON.")
    ] = False,
) -> None:
    """Per implementation: findings and libyear over past runs, and the advisories new,
    resolved and still open since each one's previous run."""
    from dataclasses import asdict

    from rich.table import Table
    from rich.text import Text

    from conformance.hygiene.history import HistoryError, HistoryStore
    from conformance.hygiene.locations import default_history_path

    first, last = _day(since, "--since"), _day(until, "--until")
    path = history or default_history_path()
    if not path.exists():
        fail(f"{path}: no history yet (run `recbench deps audit` first)")
    try:
        with HistoryStore(path) as store:
            points = store.trend(implementation, limit)
            labels = store.labels() if implementation is not None and not points else []
            changes = store.changes(since=first, until=last, implementation=implementation)
    except HistoryError as error:
        fail(str(error))
    if implementation is not None and not points:
        fail(f"no run of {implementation!r} recorded (recorded: {', '.join(labels) or 'none'})")
    if not points:
        fail(f"{path}: no audit run recorded yet (run `recbench deps audit` first)")
    if as_json:
        console.print_json(json.dumps([asdict(p) for p in points]))
        return
    if output_format is HistoryFormat.json:
        typer.echo(json.dumps({"trend": [asdict(p) for p in points],
                               "changes": [asdict(c) for c in changes]}, indent=2, ensure_ascii=False))
        return
    if output_format is HistoryFormat.markdown:
        typer.echo(_history_markdown(changes), nl=False)
        return
    table = Table(title=f"Audit history ({shown(path.name)})", title_justify="left")
    for column in ("Run started", "Implementation", "Deps", "Findings", "Violations",
                   "Libyear", "Repo score", "Advisory data"):
        table.add_column(column, overflow="fold")
    for p in points:
        table.add_row(shown(p.started_at[:19]), Text(visible(p.label)), str(p.dependencies), str(p.findings),
                      str(p.violations), "" if p.libyear_total is None else f"{p.libyear_total}",
                      "" if p.repository_score is None else f"{p.repository_score}",
                      shown(p.advisory_data_date or ""))
    console.print(table)
    for change in changes:
        before = f"since {change.previous_started_at[:10]}" if change.previous_started_at else "first run"
        console.print(visible(f"{change.started_at[:10]} {change.label} ({before}): "
                              f"{len(change.new)} new, {len(change.resolved)} resolved, "
                              f"{len(change.still_open)} still open"
                              + (f"; new: {', '.join(change.new)}" if change.new else "")
                              + (f"; resolved: {', '.join(change.resolved)}" if change.resolved else "")),
                      markup=False, soft_wrap=True)


def _history_markdown(changes: list[AdvisoryChanges]) -> str:
    lines = ["# Advisory history", "", "| date | implementation | since | new | resolved | still open |",
             "|---|---|---|---|---|---|"]
    for change in changes:
        def cell(items: list[str]) -> str:
            return visible(", ".join(items)).replace("|", "\\|") or "-"
        since = change.previous_started_at[:10] if change.previous_started_at else "first run"
        lines.append(f"| {change.started_at[:10]} | {visible(change.label).replace('|', chr(92) + '|')} | "
                     f"{since} | {cell(change.new)} | {cell(change.resolved)} | {cell(change.still_open)} |")
    return "\n".join(lines) + "\n"

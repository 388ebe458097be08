"""``recbench conform``, ``recbench ics …`` and ``recbench report …``: the conformance commands."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from conformance.cli.common import (
    Exit,
    OutputFormat,
    catalog_or_fail,
    console,
    errors,
    fail,
    render_diagnostics,
    repository_root,
    shown,
    visible,
)

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from conformance.harness import (
        LoadedIcs,
    )
    from conformance.reports.model import Report, SetResult
    from conformance.reports.recorder import RunSink
    from conformance.reports.verdicts import Verdict
    from conformance.spec.diagnostics import Diagnostic
    from conformance.spec.loading import LoadedRecommendation

ics_app = typer.Typer(help="Implementation conformance statements: write a template, check one.", no_args_is_help=True)
report_app = typer.Typer(help="Conformance reports: merge shards, convert, show the results matrix.",
                         no_args_is_help=True)

_STYLES = {  # by verdict value: the verdicts module stays unimported until a command runs
    "pass": "green", "fail": "red", "error": "bold red", "inconclusive": "yellow", "not-applicable": "dim",
}


class AdapterKind(StrEnum):
    process = "process"
    python = "python"
    command = "command"


def register(app: typer.Typer) -> None:
    """Add the conformance commands to the top-level app."""
    app.command("conform")(conform)
    app.add_typer(ics_app, name="ics")
    app.add_typer(report_app, name="report")
    from conformance.cli.progress import progress  # the progress report lives in its own module

    report_app.command("progress")(progress)


def _verdict(verdict: Verdict | None) -> str:
    if verdict is None:
        return "[dim]-[/]"
    return f"[{_STYLES[verdict.value]}]{verdict.value}[/]"


class _ProgressBar:
    """A ``ProgressListener`` drawing rich progress bars on stderr: sets done, and vectors of each set."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.lock = threading.Lock()
        self.overall: TaskID | None = None
        self.tasks: dict[str, TaskID] = {}

    def run_started(self, sets: Sequence[str]) -> None:
        with self.lock:
            self.overall = self.progress.add_task("vector sets", total=len(sets))

    def set_started(self, set_id: str, vectors: int) -> None:
        with self.lock:
            self.tasks[set_id] = self.progress.add_task(set_id, total=vectors)

    def vectors_done(self, set_id: str, count: int) -> None:
        with self.lock:
            task = self.tasks.get(set_id)
            if task is not None:
                self.progress.advance(task, count)

    def set_finished(self, result: SetResult) -> None:
        with self.lock:
            task = self.tasks.pop(result.id, None)
            if task is not None:
                self.progress.remove_task(task)
            if self.overall is not None:
                self.progress.advance(self.overall)


class _Capture:
    """A ``RunSink`` keeping the last report handed over, passing everything on to ``inner``."""

    def __init__(self, inner: RunSink | None) -> None:
        self.inner = inner
        self.report: Report | None = None

    def started(self, report: Report) -> None:
        if self.inner is not None:
            self.inner.started(report)

    def chunk(self, set_id: str, passed: int, results: Sequence[object]) -> None:
        if self.inner is not None:
            self.inner.chunk(set_id, passed, results)  # type: ignore[arg-type]

    def set_finished(self, result: SetResult) -> None:
        if self.inner is not None:
            self.inner.set_finished(result)

    def snapshot_due(self) -> bool:
        return self.inner.snapshot_due() if self.inner is not None else False

    def snapshot(self, report: Report) -> None:
        if self.inner is not None:
            self.inner.snapshot(report)

    def finished(self, report: Report) -> None:
        self.report = report
        if self.inner is not None:
            self.inner.finished(report)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a CI runner cancelling the job) stops the run like Ctrl-C, so the partial report is written."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _above(ics_path: Path | None) -> Path | None:
    """The repository holding the ICS, if it lies in one (else the working directory decides)."""
    from conformance.spec.catalog import find_repository

    return find_repository(ics_path.parent) if ics_path is not None else None


def _find(root: Path, identifier: str) -> LoadedRecommendation:
    catalog = catalog_or_fail(root)
    loaded = catalog.find(identifier)
    if loaded is None:
        fail(f"no Recommendation {identifier!r} in the catalogue (see `recbench list`)")
    return loaded


def _ics(loaded: LoadedRecommendation, ics_path: Path | None, implementation: str | None) -> LoadedIcs:
    from conformance.harness import ics_for_implementation, load_ics
    from conformance.spec.diagnostics import SpecError

    if (ics_path is None) == (implementation is None):
        fail("give either --ics FILE or --impl NAME")
    if implementation is not None:
        entry = loaded.model.implementation(implementation)
        if entry is None:
            names = ", ".join(item.name for item in loaded.model.implementations) or "none"
            fail(f"{loaded.model.id} lists no implementation {implementation!r} (it lists: {names})")
        if not hasattr(entry.location, "path"):
            fail(f"implementation {implementation!r} lives in another repository; write an ICS for its checkout")
        return ics_for_implementation(loaded, entry)
    assert ics_path is not None
    try:
        return load_ics(ics_path)
    except SpecError as error:
        render_diagnostics(list(error.diagnostics))
        fail(f"{ics_path}: not a usable ICS")


def _check_outputs(inputs: Sequence[Path | None] = (), **outputs: Path | None) -> None:
    """Refuse output paths that cannot be written, or would replace an input, before anything runs."""
    seen = {path.resolve(): f"the input {path}" for path in inputs if path is not None}
    for option, path in outputs.items():
        if path is None:
            continue
        flag = f"--{option.removesuffix('_out')}"
        if path.is_dir():
            fail(f"{flag} {path}: is a folder; give a file name")
        folder = path.parent
        while not folder.exists():  # written into the first folder that exists, once made
            folder = folder.parent
        if not folder.is_dir():
            fail(f"{flag} {path}: {folder} is not a folder")
        if not os.access(folder, os.W_OK | os.X_OK):
            fail(f"{flag} {path}: cannot write in {folder}")
        other = seen.setdefault(path.resolve(), flag)
        if other != flag:
            fail(f"{other} and {flag} are the same file {path}")


def _write(path: Path, text: str) -> None:
    from conformance.reports.recorder import write_atomically

    try:
        write_atomically(path, text)
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or error}")


def _write_outputs(report: Report, junit: Path | None, html: Path | None) -> None:
    from conformance.reports.html import render_html
    from conformance.reports.junit import render_junit

    if junit is not None:
        _write(junit, render_junit(report))
    if html is not None:
        _write(html, render_html(report))


def _print_report(report: Report, *, quiet: bool = False) -> None:
    from rich.table import Table

    implementation = report.implementation
    console.print(
        f"[bold]{shown(report.recommendation.id)}[/] ({report.recommendation.edition.isoformat()}): "
        f"{shown(implementation.name)} {shown(implementation.version)} via {shown(implementation.adapter)} "
        f"([dim]{shown(implementation.target)}[/])", soft_wrap=True,
    )
    if not quiet:
        sets = Table(title="Vector sets", title_justify="left")
        for column in ("Set", "Interface", "Verdict", "Vectors", "Reason"):
            sets.add_column(column, overflow="fold")
        for result in report.sets:
            counts = ", ".join(f"{count} {verdict.value}" for verdict, count in result.counts.items())
            sets.add_row(shown(result.id), shown(result.interface),
                         _verdict(result.verdict) + (" (listed)" if result.listed else ""), counts or "0",
                         shown(result.remarks()))
        console.print(sets)
        requirements = Table(title="Requirements", title_justify="left")
        for column in ("Requirement", "Level", "Status", "Verdict", "Covered by"):
            requirements.add_column(column, overflow="fold")
        for row in report.requirements:
            requirements.add_row(shown(row.id), shown(row.level), row.status, _verdict(row.verdict),
                                 shown(", ".join(row.covered_by) or "-"))
        console.print(requirements)
        _print_failures(report)
    for note in report.notes:
        errors.print(f"note: {shown(note)}", soft_wrap=True)
    expected = report.expected_failures
    if expected.unexpected_passes:
        console.print(f"[red]listed as expected failures but passed:[/] {shown(', '.join(expected.unexpected_passes))}",
                      soft_wrap=True)
    if expected.unexpected_failure_count and expected.listed:
        console.print(f"[red]{expected.unexpected_failure_count} non-passing vector(s) not in the expected-failure "
                      "list[/]")
    console.print(verdict_line(report), soft_wrap=True)


#: Failing vectors printed per set and in all; the reports (--json, --html, --junit) hold the rest.
FAILURES_PER_SET, FAILURES_SHOWN = 3, 12


def _print_failures(report: Report) -> None:
    from conformance.reports.failures import describe, failing

    printed = 0
    for result in report.sets:
        vectors = list(failing(result, listed=False))[:FAILURES_PER_SET]
        if not vectors or printed >= FAILURES_SHOWN:
            continue
        console.print(f"[bold]Failing vectors of {shown(result.id)}[/] ({shown(result.interface)}):")
        for vector in vectors[: FAILURES_SHOWN - printed]:
            for line in describe(report.recommendation.id, result.id, vector):
                console.print(visible(line), markup=False, soft_wrap=True)
            printed += 1
    hidden = sum(result.unexpected_failures for result in report.sets) - printed
    if printed and hidden > 0:
        console.print(f"… and {hidden:,} more failing vector{'s' if hidden != 1 else ''} (see --json or --html)")


def verdict_line(report: Report) -> str:
    """The run's outcome first, then its worst verdict and counts: "Passed, with 3 expected failures (…)"."""
    from conformance.reports.verdicts import NON_PASSING

    total = sum(report.counts.values())
    counts = f"({total:,} vectors: " + (", ".join(
        f"{count:,} {verdict.value}" for verdict, count in report.counts.items()) or "none") + ")"
    listed = sum(report.counts.get(verdict, 0) for verdict in NON_PASSING)
    listed -= report.expected_failures.unexpected_failure_count
    reason = f" — {shown(report.reason)}" if report.reason else ""
    if not report.complete:
        return f"[yellow]Incomplete[/]: verdict {_verdict(report.verdict)} so far {counts}{reason}"
    if not report.passed:
        return f"[red]Not passed[/]: verdict {_verdict(report.verdict)} {counts}{reason}"
    if listed > 0:
        return f"[green]Passed[/], with {listed:,} expected failure{'s' if listed != 1 else ''} {counts}"
    return f"[green]Passed[/] {counts}"


JsonOption = Annotated[
    Path | None, typer.Option("--json", help="Write the JSON report here (streamed while running).")]
JunitOption = Annotated[Path | None, typer.Option("--junit", help="Write JUnit XML here.")]
HtmlOption = Annotated[Path | None, typer.Option("--html", help="Write the HTML summary here.")]
SelectOption = Annotated[
    list[str] | None, typer.Option("--select", help="Only vector sets matching (glob; repeatable).")]
SkipOption = Annotated[
    list[str] | None, typer.Option("--skip", help="Leave out vector sets matching (glob; repeatable).")]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Vector sets run in parallel (children).")]
ShardOption = Annotated[
    str | None, typer.Option("--shard", help="Run shard I of N (e.g. 2/4); merge with `recbench report merge`.")]
StoreOption = Annotated[
    Path | None, typer.Option("--store", help="Results store (default: .recbench/results.sqlite).")]
MaxDetailsOption = Annotated[
    int, typer.Option("--max-details", min=0, help="Non-passing vectors detailed per set.")]


def conform(
    identifier: Annotated[str, typer.Argument(metavar="ID", help="'ITU-T G.711', 'G.711' or the folder name.")],
    ics_path: Annotated[Path | None, typer.Option("--ics", help="The implementation's ICS (YAML).")] = None,
    implementation: Annotated[str | None, typer.Option(
        "--impl", help="Run an implementation the Recommendation lists instead, e.g. 'reference'.")] = None,
    json_out: JsonOption = None,
    junit_out: JunitOption = None,
    html_out: HtmlOption = None,
    select: SelectOption = None,
    skip: SkipOption = None,
    jobs: JobsOption = 1,
    shard: ShardOption = None,
    store: StoreOption = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Do not keep the run in the results store.")] = False,
    max_details: MaxDetailsOption = 1000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the verdict line.")] = False,
    root: Annotated[Path | None, typer.Option(
        "--root", help="Repository root (default: the one holding the ICS, else the one above here).")] = None,
) -> None:
    """Run an implementation against a Recommendation's vectors. Exit 0 passed, 1 not passed, 2 unusable input."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from conformance.harness import RunOptions, SetSelection, default_store_path, parse_shard, prepare_run, run_prepared
    from conformance.harness.preparation import SelectionError
    from conformance.harness.runner import RunInterrupted
    from conformance.reports.recorder import ReportFile
    from conformance.spec.diagnostics import SpecError

    repository = repository_root(root or _above(ics_path))
    loaded = _find(repository, identifier)
    ics = _ics(loaded, ics_path, implementation)
    try:
        shard_pair = parse_shard(shard) if shard else None
    except ValueError as error:
        fail(str(error))
    selection = SetSelection(tuple(select or ()), tuple(skip or ()), shard_pair)
    try:
        prepared = prepare_run(loaded, ics, selection)
    except SelectionError as error:
        fail(str(error))
    except SpecError as error:
        render_diagnostics(list(error.diagnostics))
        fail(f"{ics.source}: the ICS cannot be used with {loaded.model.id} here")
    _check_outputs([ics_path], json_out=json_out, junit_out=junit_out, html_out=html_out)
    options = RunOptions(selection=selection, jobs=jobs, max_details=max_details)
    store_path = None if no_store else (store or default_store_path(repository))
    sink = _Capture(ReportFile(json_out) if json_out is not None else None)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with _terminate_as_interrupt(), Progress(*columns, console=errors, transient=True,
                                                 disable=quiet or not errors.is_terminal) as progress:
            report = run_prepared(prepared, options=options, progress=_ProgressBar(progress), sink=sink)
    except SpecError as error:
        render_diagnostics(list(error.diagnostics))
        fail("the run could not start")
    except (KeyboardInterrupt, RunInterrupted):
        if sink.report is not None:
            _write_outputs(sink.report, junit_out, html_out)
            _keep(sink.report, store_path)
        written = f"; partial report in {json_out}" if json_out else ""
        errors.print(f"[yellow]interrupted[/]{shown(written)}")
        raise typer.Exit(130) from None
    except OSError as error:
        fail(f"cannot write the report {json_out}: {error.strerror or error}")
    _write_outputs(report, junit_out, html_out)
    _keep(report, store_path)
    _print_report(report, quiet=quiet)
    paths = [str(path) for path in (json_out, junit_out, html_out) if path is not None]
    if paths:
        errors.print(f"reports: {', '.join(paths)}", markup=False, soft_wrap=True)
    raise typer.Exit(int(Exit.OK if report.passed else Exit.FINDINGS))


def _keep(report: Report, store_path: Path | None) -> None:
    import sqlite3

    from conformance.harness import ResultsStore

    if store_path is None:
        return
    try:
        with ResultsStore(store_path) as results:
            results.record(report)
    except (OSError, ValueError, sqlite3.Error) as error:  # the run's outcome matters more than its storage
        errors.print(f"[yellow]warning:[/] {shown(f'the run was not kept in {store_path}: {error}')}", soft_wrap=True)


@ics_app.command("init")
def ics_init(
    identifier: Annotated[str, typer.Argument(metavar="ID", help="The Recommendation.")],
    adapter: Annotated[AdapterKind, typer.Option("--adapter", help="Adapter to fill in.")] = AdapterKind.process,
    out: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: standard output).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    root: Annotated[Path | None, typer.Option("--root", help="Repository root.")] = None,
    old_out: Annotated[Path | None, typer.Option("--out", hidden=True, help="Old spelling of --output.")] = None,
) -> None:
    """Write a commented ICS template for a Recommendation."""
    out = out or old_out
    from conformance.harness import render_ics_template

    repository = repository_root(root)
    loaded = _find(repository, identifier)
    schema = repository / "recommendations" / "schema" / "ics.schema.json"
    if out is None:
        console.print(render_ics_template(loaded, adapter=adapter.value), markup=False, end="", soft_wrap=True,
                      highlight=False)
        return
    _check_outputs(out=out)
    if out.exists() and not force:
        fail(f"{out} exists; pass --force to overwrite it")
    relative = os.path.relpath(schema.resolve(), out.resolve().parent)
    _write(out, render_ics_template(loaded, adapter=adapter.value, schema_path=relative))
    errors.print(f"wrote {out}", markup=False)


@ics_app.command("check")
def ics_check(
    path: Annotated[Path, typer.Argument(help="The ICS file.")],
    root: Annotated[Path | None, typer.Option("--root", help="Repository root.")] = None,
) -> None:
    """Validate an ICS and check it against its Recommendation and this machine.

    Exit 0 when `conform` could run it, 2 when it could not (the reasons located), as `conform` refuses it.
    """
    from conformance.harness import load_ics, prepare_run
    from conformance.spec.diagnostics import SpecError

    repository = repository_root(root or _above(path))
    if not path.is_file():
        fail(f"{path}: {'not a regular file' if path.exists() else 'no such file'}")
    try:
        ics = load_ics(path)
    except SpecError as error:
        render_diagnostics(list(error.diagnostics))
        raise typer.Exit(int(Exit.UNUSABLE)) from None
    loaded = catalog_or_fail(repository).find(ics.model.recommendation)
    if loaded is None:
        fail(f"{path}: {ics.model.recommendation} is not in the catalogue")
    try:
        prepare_run(loaded, ics)
        problems: list[Diagnostic] = []
    except SpecError as error:
        problems = list(error.diagnostics)
    render_diagnostics(problems)
    if not problems:
        console.print(f"{path}: ICS for {loaded.model.id} is usable", markup=False)
    raise typer.Exit(int(Exit.UNUSABLE if problems else Exit.OK))


def _read_report(path: Path) -> Report:
    from pydantic import ValidationError

    from conformance.reports.model import Report

    if path.exists() and not path.is_file():
        fail(f"{path}: not a regular file")
    try:
        return Report.model_validate_json(path.read_bytes())
    except OSError as error:
        fail(f"{path}: cannot read: {error.strerror or error}")
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(step) for step in first["loc"]) or "document"
        fail(f"{path}: not a recbench report ({where}: {first['msg']})")


@report_app.command("merge")
def report_merge(
    reports: Annotated[list[Path], typer.Argument(help="Reports (JSON) of the shards or parts.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="The merged JSON report (required).")] = None,
    junit_out: Annotated[Path | None, typer.Option("--junit", help="Also write JUnit XML.")] = None,
    html_out: Annotated[Path | None, typer.Option("--html", help="Also write the HTML summary.")] = None,
    old_json: Annotated[Path | None, typer.Option("--json", hidden=True, help="Old spelling of --output.")] = None,
) -> None:
    """Merge the reports of a campaign's shards into one. Exit 0 passed, 1 not passed (or incomplete), 2 unusable."""
    json_out = output or old_json
    if json_out is None:
        fail("give the merged report's file with --output/-o")
    from conformance.reports.merge import MergeError, merge_reports

    _check_outputs(reports, json_out=json_out, junit_out=junit_out, html_out=html_out)
    parts = [_read_report(path) for path in reports]
    try:
        merged = merge_reports(parts, names=[str(path) for path in reports])
    except MergeError as error:
        fail(str(error))
    _write(json_out, merged.to_json())
    _write_outputs(merged, junit_out, html_out)
    _print_report(merged, quiet=True)
    raise typer.Exit(int(Exit.OK if merged.passed else Exit.FINDINGS))


@report_app.command("convert")
def report_convert(
    report_path: Annotated[Path, typer.Argument(metavar="REPORT", help="A JSON report.")],
    junit_out: Annotated[Path | None, typer.Option("--junit", help="Write JUnit XML.")] = None,
    html_out: Annotated[Path | None, typer.Option("--html", help="Write the HTML summary.")] = None,
) -> None:
    """Write JUnit XML and/or HTML from a JSON report (also a partial one)."""
    if junit_out is None and html_out is None:
        fail("give --junit and/or --html")
    _check_outputs([report_path], junit_out=junit_out, html_out=html_out)
    report = _read_report(report_path)
    _write_outputs(report, junit_out, html_out)
    _print_report(report, quiet=True)


@report_app.command("matrix")
def report_matrix(
    store: StoreOption = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text or json.")] = OutputFormat.text,
    root: Annotated[Path | None, typer.Option("--root", help="Repository root.")] = None,
) -> None:
    """The results matrix: the latest complete run of each implementation of each Recommendation."""
    import sqlite3

    from rich.table import Table

    from conformance.harness import ResultsStore, default_store_path
    from conformance.reports.verdicts import Verdict

    path = store or default_store_path(repository_root(root))
    if not path.is_file():
        fail(f"no results store at {path} (run `recbench conform` first)")
    try:
        with ResultsStore(path) as results:
            rows = results.matrix()
    except (ValueError, sqlite3.Error) as error:
        fail(f"{path}: not a usable results store: {error}")
    if output_format is OutputFormat.json:
        import dataclasses
        import json

        console.print_json(json.dumps([dataclasses.asdict(row) for row in rows]))
        return
    table = Table(title="Results matrix", title_justify="left")
    for column in ("Recommendation", "Implementation", "Version", "Adapter", "Verdict", "Passed", "Commit", "Run at"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row.recommendation, shown(row.implementation), shown(row.version), row.adapter,
            _verdict(Verdict(row.verdict)),
            "yes" if row.passed else "[red]no[/]",
            (row.git_commit or "")[:12] + (" (dirty)" if row.git_dirty else ""), row.started,
        )
    console.print(table)

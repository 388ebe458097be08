"""pytest plugin (entry point ``pytest11``): conformance vectors as test items of any test suite.

    pytest --recbench-ics my-ics.yaml [--recbench-root REPO] [--recbench-report report.json]

or, in the project's pytest configuration, ``recbench_ics``, ``recbench_root`` and
``recbench_report`` (paths relative to the configuration file; the command line wins).

Each vector set of the ICS's Recommendation becomes one test item named after the set: it
passes when every vector passes, is skipped when the set is not applicable (an option is not
claimed), is an expected failure when every non-passing vector is in the ICS's expected-failure
list, and fails otherwise, listing each non-passing vector with the expected and provided values.
Select sets with pytest's own ``-k``.

The report covers every set that ran, under pytest-xdist too (workers hand each set's report to
the controller with the test report). A set run more than once in a session (a rerun plugin, a
hook calling the test again) counts once: its last run is kept, and the report says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conformance.harness.ics import load_ics
from conformance.harness.preparation import PreparedRun, prepare_run
from conformance.harness.runner import run_prepared
from conformance.reports.failures import describe, failing
from conformance.reports.merge import merge_reports
from conformance.reports.model import Report, SetResult
from conformance.reports.recorder import write_atomically
from conformance.reports.verdicts import NON_PASSING, Verdict
from conformance.spec.catalog import find_repository, load_catalog
from conformance.spec.diagnostics import SpecError

_REPORTS = pytest.StashKey[dict[str, list[Report]]]()
# The attribute of a test report that carries its set's conformance report, as JSON text, so that
# it crosses from an xdist worker to the controller with the test report.
_REPORT_ATTRIBUTE = "recbench_report"
_LAST_RUN = pytest.StashKey[Report]()


OPTIONS = {  # command-line option: (ini name, metavar, help)
    "--recbench-ics": ("recbench_ics", "FILE",
                       "Run the vector sets of the Recommendation this ICS is for, one test item per set."),
    "--recbench-root": ("recbench_root", "DIR",
                        "Repository holding recommendations/ (default: found above the ICS, then above here)."),
    "--recbench-report": ("recbench_report", "FILE", "Also write the JSON conformance report of the sets that ran."),
}


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the recbench options, on the command line and as ini options."""
    group = parser.getgroup("recbench", "recbench conformance")
    for option, (ini, metavar, text) in OPTIONS.items():
        group.addoption(option, action="store", default=None, metavar=metavar, help=text)
        parser.addini(ini, f"{text} (the {option} option; relative to this file)", default=None)


def _setting(config: pytest.Config, option: str) -> Path | None:
    """An option's path: from the command line (relative to the invocation folder), else the ini file."""
    given = config.getoption(option)
    if given:
        return config.invocation_params.dir / str(given)
    written = config.getini(OPTIONS[option][0])
    if not written:
        return None
    base = config.inipath.parent if config.inipath is not None else config.rootpath
    return base / str(written).strip()


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config, parser: pytest.Parser, args: list[str]) -> None:
    """Refuse a run whose configuration pytest took from the folder a recbench option names.

    pytest chooses its rootdir and configuration file before it loads plugins, so in
    ``--recbench-root DIR`` it cannot know that DIR is this option's value: it takes DIR for a
    test path and adopts the configuration it finds there (recbench's own pyproject.toml),
    instead of the project's. A plugin cannot take part in that choice; what it can do is see
    that it happened and stop before anything runs under the wrong configuration.
    """
    inipath = early_config.inipath
    if inipath is None:
        return
    separate = [(token, args[index + 1]) for index, token in enumerate(args[:-1]) if token in OPTIONS]
    if not separate:
        return  # written as --option=value: never taken for a test path
    invocation = early_config.invocation_params.dir
    folder = inipath.parent
    given = [Path(path) for path in early_config.known_args_namespace.file_or_dir] or [invocation]
    if any(_within(_folder_of(invocation / path), folder) for path in given):
        return  # the configuration would have been found anyway
    culprits = [(token, value) for token, value in separate
                if (invocation / value).exists() and _within(_folder_of(invocation / value), folder)]
    if not culprits:
        return
    written = ", ".join(f"{token} {value}" for token, value in culprits)
    fixed = " ".join(f"{token}={value}" for token, value in culprits)
    raise pytest.UsageError(
        f"pytest took the value{'s' if len(culprits) > 1 else ''} of {written} for a test path and adopted the "
        f"configuration {inipath} instead of this project's (it chooses its configuration before loading plugins); "
        f"write {fixed}, or set {', '.join(OPTIONS[token][0] for token, _ in culprits)} in this project's "
        "pytest configuration")


def _folder_of(path: Path) -> Path:
    return path.resolve() if path.is_dir() else path.resolve().parent


def _within(place: Path, folder: Path) -> bool:
    return place == folder.resolve() or folder.resolve() in place.parents


class ConformanceFailure(Exception):
    """A vector set did not pass; carries its result for the failure report."""

    def __init__(self, recommendation: str, result: SetResult, reason: str | None = None) -> None:
        super().__init__(reason or result.reason)
        self.recommendation = recommendation
        self.result = result
        self.reason = reason or result.reason


class IcsFile(pytest.File):
    """The ICS as a collector of vector-set items."""

    prepared: PreparedRun

    def collect(self) -> Iterator[pytest.Item]:
        for entry in self.prepared.loaded.model.vector_sets:
            yield VectorSetItem.from_parent(self, name=entry.id)


class VectorSetItem(pytest.Item):
    """One vector set run through the harness."""

    def runtest(self) -> None:
        parent = self.parent
        assert isinstance(parent, IcsFile)
        report = run_prepared(parent.prepared.only(self.name))
        self.stash[_LAST_RUN] = report
        [result] = report.sets
        for verdict, count in result.counts.items():
            self.user_properties.append((f"vectors {verdict.value}", count))
        passes = report.expected_failures.unexpected_passes
        if passes:
            raise ConformanceFailure(
                report.recommendation.id, result, f"listed as expected failures, but passed: {', '.join(passes)}")
        if result.verdict is Verdict.NOT_APPLICABLE:
            pytest.skip(f"not applicable: {result.reason}")
        if result.verdict in NON_PASSING:
            if result.unexpected_failures == 0:
                pytest.xfail(f"{result.verdict.value}, every non-passing vector is listed as an expected failure")
            raise ConformanceFailure(report.recommendation.id, result)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if not isinstance(excinfo.value, ConformanceFailure):
            return str(super().repr_failure(excinfo, style))
        result = excinfo.value.result
        counts = ", ".join(f"{count} {verdict.value}" for verdict, count in result.counts.items())
        lines = [f"vector set {result.id} ({result.interface}): {result.verdict.value}: {excinfo.value.reason}",
                 f"vectors: {counts}"]
        for vector in failing(result, listed=False):
            lines += describe(excinfo.value.recommendation, result.id, vector)
        if result.details_omitted:
            lines.append(f"  … and {result.details_omitted} more")
        return "\n".join(lines)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"recbench vector set {self.name}"


@pytest.hookimpl(tryfirst=True)  # before -k and -m deselect, so that they apply to these items too
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Add one item per vector set when --recbench-ics is given."""
    option = _setting(config, "--recbench-ics")
    if option is None:
        return
    path = option.resolve()
    try:
        ics = load_ics(path)
    except SpecError as error:
        found = "\n".join(item.render() for item in error.diagnostics)
        raise pytest.UsageError(f"--recbench-ics: not a usable ICS:\n{found}") from None
    configured = _setting(config, "--recbench-root")
    root = configured if configured is not None else (find_repository(path.parent) or find_repository())
    if root is None:
        raise pytest.UsageError(
            "--recbench-ics: no recommendations/ folder above the ICS or here; give --recbench-root")
    loaded = load_catalog(root).find(ics.model.recommendation)
    if loaded is None:
        raise pytest.UsageError(f"--recbench-ics: {ics.model.recommendation} is not in the catalogue at {root}")
    try:
        prepared = prepare_run(loaded, ics)
    except SpecError as error:
        raise pytest.UsageError("--recbench-ics: " + "; ".join(error.lines)) from None
    report = _setting(config, "--recbench-report")
    if report is not None and report.is_dir():
        raise pytest.UsageError(f"--recbench-report: {report} is a folder; give a file name")
    collector = IcsFile.from_parent(session, path=path)
    collector.prepared = prepared
    collected = list(collector.collect())
    items.extend(collected)
    # told as a collection like any other, so that "collected N items" and --collect-only count them
    result: list[pytest.Item | pytest.Collector] = list(collected)
    config.hook.pytest_collectreport(report=pytest.CollectReport(collector.nodeid, "passed", None, result))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Attach the set's conformance report to the call phase's test report."""
    outcome = yield
    if call.when == "call" and isinstance(item, VectorSetItem) and _LAST_RUN in item.stash:
        setattr(outcome.get_result(), _REPORT_ATTRIBUTE, item.stash[_LAST_RUN].to_json())  # type: ignore[attr-defined]


class _ReportCollector:
    """Gathers the sets' reports from the test reports, in this process or from xdist workers."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        text = getattr(report, _REPORT_ATTRIBUTE, None)
        if isinstance(text, str):
            run = Report.model_validate_json(text)
            self.config.stash.setdefault(_REPORTS, {}).setdefault(run.sets[0].id, []).append(run)


def pytest_configure(config: pytest.Config) -> None:
    """Collect the sets' reports when a report file is asked for (on the xdist controller too)."""
    if _setting(config, "--recbench-report") is not None and not hasattr(config, "workerinput"):
        config.pluginmanager.register(_ReportCollector(config), "recbench-report-collector")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Write the merged report of the sets that ran, when asked to (by the controller alone)."""
    target = _setting(session.config, "--recbench-report")
    runs = session.config.stash.get(_REPORTS, {})
    if target is None or not runs or hasattr(session.config, "workerinput"):
        return
    merged = merge_reports(
        [reports[-1] for reports in runs.values()],
        notes=[f"vector set {set_id} ran {len(reports)} times in this session; its last run is kept"
               for set_id, reports in runs.items() if len(reports) > 1],
    )
    write_atomically(target, merged.to_json())

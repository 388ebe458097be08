"""pytest plugin (entry point ``pytest11``): conformance vectors as test items of any test suite.

    pytest --recbench-ics my-ics.yaml [--recbench-root REPO] [--recbench-report report.json]

Each vector set of the ICS's Recommendation becomes one test item named after the set: it
passes when every vector passes, is skipped when the set is not applicable (an option is not
claimed), is an expected failure when every non-passing vector is in the ICS's expected-failure
list, and fails otherwise, listing each non-passing vector with the expected and provided values.
Select sets with pytest's own ``-k``.
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

_REPORTS = pytest.StashKey[list[Report]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the recbench options."""
    group = parser.getgroup("recbench", "recbench conformance")
    group.addoption("--recbench-ics", action="store", default=None, metavar="FILE",
                    help="Run the vector sets of the Recommendation this ICS is for, one test item per set.")
    group.addoption("--recbench-root", action="store", default=None, metavar="DIR",
                    help="Repository holding recommendations/ (default: found above the ICS, then above here).")
    group.addoption("--recbench-report", action="store", default=None, metavar="FILE",
                    help="Also write the JSON conformance report of the sets that ran.")


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
        self.config.stash.setdefault(_REPORTS, []).append(report)
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
    option = config.getoption("--recbench-ics")
    if not option:
        return
    path = Path(option).resolve()
    try:
        ics = load_ics(path)
    except SpecError as error:
        found = "\n".join(item.render() for item in error.diagnostics)
        raise pytest.UsageError(f"--recbench-ics: not a usable ICS:\n{found}") from None
    configured = config.getoption("--recbench-root")
    root = Path(configured) if configured else (find_repository(path.parent) or find_repository())
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
    report = config.getoption("--recbench-report")
    if report and Path(report).is_dir():
        raise pytest.UsageError(f"--recbench-report: {report} is a folder; give a file name")
    collector = IcsFile.from_parent(session, path=path)
    collector.prepared = prepared
    collected = list(collector.collect())
    items.extend(collected)
    # told as a collection like any other, so that "collected N items" and --collect-only count them
    result: list[pytest.Item | pytest.Collector] = list(collected)
    config.hook.pytest_collectreport(report=pytest.CollectReport(collector.nodeid, "passed", None, result))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Write the merged report of the sets that ran, when asked to."""
    target = session.config.getoption("--recbench-report", default=None)
    reports = session.config.stash.get(_REPORTS, [])
    if not target or not reports:
        return
    write_atomically(Path(target), merge_reports(reports).to_json())

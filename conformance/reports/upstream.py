"""A ready-to-file bug report for an upstream project, written from a conformance report (pure Markdown).

What a maintainer needs to act: what fails (sets, counts, the requirements they test, with the
clause and text of the Recommendation), the smallest failing vector in full (input, expected,
provided), where the expected value comes from (the vector set's provenance), and the
commands that reproduce it with recbench. Only wrong answers (``fail``) are reported: an
error or a rejection the glue could not express is not the upstream project's bug.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from pathlib import Path

from conformance.errors import RecbenchError
from conformance.reports.failures import show_command, value_text
from conformance.reports.model import Report, SetResult, VectorResult
from conformance.reports.verdicts import Verdict
from conformance.spec.catalog import Catalog
from conformance.spec.third_party import declaration_files, load_third_party

LISTED_INPUTS = 40  # failing vectors listed one by one under the summary; the rest are counted


class UpstreamReportError(RecbenchError):
    """Nothing to report: the run has no wrong answer."""


@dataclass(frozen=True)
class _Failure:
    set_result: SetResult
    vector: VectorResult

    @property
    def size(self) -> tuple[int, str, int]:
        """Smaller inputs first (their JSON length), then by set and id, so the choice is stable."""
        return (len(json.dumps(self.vector.inputs or {})), self.set_result.id, self.vector.id)


def upstream_bug_report(report: Report, catalog: Catalog) -> str:
    """The Markdown bug report; ``UpstreamReportError`` when no vector got a wrong answer."""
    failures = [
        _Failure(result, vector) for result in report.sets for vector in result.results
        if vector.verdict is Verdict.FAIL
    ]
    if not failures:
        raise UpstreamReportError(f"{report.implementation.name} {report.implementation.version}: no vector of "
                                  f"{report.recommendation.id} got a wrong answer; nothing to report upstream")
    rec_id = report.recommendation.id
    loaded = catalog.find(rec_id)
    upstream = None
    if loaded is not None:
        for path in declaration_files(loaded.folder):
            try:
                declared = load_third_party(path)
            except RecbenchError:
                continue
            if declared.model.name == report.implementation.name:
                upstream = declared.model.upstream
    implementation = report.implementation
    ics_source = _relative(report.ics_source, catalog)
    project = upstream.project if upstream else implementation.name
    component = f" ({upstream.component})" if upstream and upstream.component else ""
    what = f"{project} {implementation.version}{component}"
    failing_sets = sorted({failure.set_result.id for failure in failures})
    total = sum(result.counts.get(Verdict.FAIL, 0) for result in report.sets)
    lines = [
        f"# {what} gives values other than {rec_id} on {total} test vector{'s' if total != 1 else ''}",
        "",
        f"{what} was run against the test vectors of {rec_id} ({report.recommendation.title}, edition "
        f"{report.recommendation.edition}) with recbench on {report.environment.platform}, "
        f"Python {report.environment.python}. Its answers differ from the expected values in "
        f"{len(failing_sets)} vector set{'s' if len(failing_sets) != 1 else ''}.",
        "",
        "## What fails",
        "",
        "| vector set | wrong answers | vectors | requirements tested |",
        "| --- | --- | --- | --- |",
    ]
    requirements = {item.id: item for item in report.requirements}
    for result in report.sets:
        if result.counts.get(Verdict.FAIL, 0):
            lines.append(f"| {result.id} | {result.counts[Verdict.FAIL]} | {result.vectors} | "
                         f"{', '.join(result.covers) or '-'} |")
    covered = sorted({item for failure in failures for item in failure.set_result.covers})
    if covered:
        lines += ["", f"What {rec_id} requires:", ""]
        for requirement_id in covered:
            item = requirements.get(requirement_id)
            if item is not None:
                lines.append(f"- **{item.id}** ({item.level}, clause {item.clause}): {' '.join(item.text.split())}")
    smallest = min(failures, key=lambda failure: failure.size)
    set_id, vector = smallest.set_result.id, smallest.vector
    lines += ["", "## The smallest failing vector", "", f"`{set_id}/{vector.id}`"
              + (f" ({vector.comment})" if vector.comment else "") + ":", "", "```"]
    for label, values in (("input", vector.inputs), ("expected", vector.expected), ("provided", vector.provided)):
        if values is not None:
            lines.append(f"{label + ':':9} {value_text(values)}")
        elif label == "expected":
            lines.append(f"{label + ':':9} {_expected_text(vector)}")
    lines += ["```", ""]
    entry = loaded.model.vector_set(set_id) if loaded is not None else None
    if entry is not None:
        lines += [f"The expected value comes from the vector set `{set_id}` of {rec_id}: "
                  f"{entry.provenance.kind}, {entry.provenance.origin} (licence {entry.provenance.license})."
                  + (f" {entry.description}" if entry.description else ""), ""]
    listed = sorted(failures, key=lambda failure: (failure.set_result.id, failure.vector.id))
    lines += ["## Every wrong answer kept in the report", ""]
    for failure in listed[:LISTED_INPUTS]:
        wrong = failure.vector
        lines.append(f"- `{failure.set_result.id}/{wrong.id}`: input {value_text(wrong.inputs)}, expected "
                     f"{_expected_text(wrong)}, provided {value_text(wrong.provided)}")
    if len(listed) > LISTED_INPUTS:
        lines.append(f"- … and {len(listed) - LISTED_INPUTS} more (the JSON report holds them).")
    lines += [
        "",
        "## How to reproduce",
        "",
        "```console",
        f"$ {show_command(rec_id, set_id, vector.id)}",
        f"$ recbench conform {shlex.quote(rec_id)} --ics {shlex.quote(ics_source)} "
        f"--select {shlex.quote(set_id)}",
        "```",
        "",
        f"The ICS (`{ics_source}`) says how recbench drives {implementation.name} "
        f"(adapter `{implementation.adapter}`, `{implementation.target}`).",
    ]
    if upstream is not None:
        lines += ["", f"To be filed at {upstream.homepage} (licence {upstream.license})."]
    return "\n".join(lines) + "\n"


def _relative(source: str, catalog: Catalog) -> str:
    """The ICS file as a path from the repository root, when it lies inside it (no machine path in a report)."""
    try:
        return Path(source).resolve().relative_to(catalog.root.resolve()).as_posix()
    except (ValueError, OSError):
        return source


def _expected_text(vector: VectorResult) -> str:
    """The expected outputs, or what a vector without them expects (a rejection)."""
    if vector.expected is not None:
        return value_text(vector.expected)
    return "a rejection of the input" if vector.result == "invalid" else "(no value: either answer is acceptable)"

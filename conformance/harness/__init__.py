"""The conformance harness: ICS, adapters (python, process, command), runner, verdicts, results store.

Entry points:

- ``prepare_run(loaded, ics, selection) -> PreparedRun``: every check before a run, done once.
- ``run_prepared(prepared, options=..., progress=..., sink=...) -> Report``: one run;
  ``run_conformance(loaded, ics, ...)`` prepares and runs in one call.
- ``judge(vector, outcome, interface)``: the verdict rules.
- ``check_references(catalog, store=..., progress=...) -> list[RunSummary]``: every reference
  implementation of the catalogue against its vectors (``recbench check``).
- ``load_ics(path)`` / ``ics_for_implementation(loaded, implementation)``: the ICS to run with.
"""

from __future__ import annotations

from pydantic import BaseModel

from conformance.harness.expected_failures import ExpectedFailureList, expected_failures
from conformance.harness.ics import Ics, LoadedIcs, ics_for_implementation, load_ics
from conformance.harness.ics_check import check_ics, check_setup
from conformance.harness.ics_template import render_ics_template
from conformance.harness.judging import Judgement, judge
from conformance.harness.preparation import PreparedRun, SelectionError, prepare_run
from conformance.harness.protocol import Hello, Request, Response
from conformance.harness.references import RunSummary, check_references
from conformance.harness.runner import ProgressListener, RunInterrupted, RunOptions, run_conformance, run_prepared
from conformance.harness.selection import SetSelection, parse_shard, selection_problems
from conformance.harness.store import ResultsStore, default_store_path
from conformance.reports.verdicts import Verdict

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "ics.schema.json": Ics,
    "process-hello.schema.json": Hello,
    "process-request.schema.json": Request,
    "process-response.schema.json": Response,
}

__all__ = [
    "SCHEMA_MODELS",
    "ExpectedFailureList",
    "Ics",
    "Judgement",
    "LoadedIcs",
    "PreparedRun",
    "ProgressListener",
    "ResultsStore",
    "RunInterrupted",
    "RunOptions",
    "RunSummary",
    "SelectionError",
    "SetSelection",
    "Verdict",
    "check_ics",
    "check_references",
    "check_setup",
    "default_store_path",
    "expected_failures",
    "ics_for_implementation",
    "judge",
    "load_ics",
    "parse_shard",
    "prepare_run",
    "render_ics_template",
    "run_conformance",
    "run_prepared",
    "selection_problems",
]

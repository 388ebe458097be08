"""How a vector that did not pass is told in text: the console, JUnit and the pytest plugin share it.

An implementer fixing a failure needs the input next to the expected and the provided value, so
every text form shows the three (report-sized: long arrays are already cut at the difference in
the report) and the command that prints the whole vector.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterator
from typing import Any

from conformance.reports.model import SetResult, VectorResult
from conformance.reports.verdicts import NON_PASSING

#: Characters of one value's line before it is cut (the report holds up to a window of each array).
VALUE_WIDTH = 400


def failing(result: SetResult, *, listed: bool = True) -> Iterator[VectorResult]:
    """The vectors of ``result`` that did not pass, in order; without the listed ones unless ``listed``."""
    for vector in result.results:
        if vector.verdict in NON_PASSING and (listed or not vector.expected_failure):
            yield vector


def describe(recommendation: str, set_id: str, vector: VectorResult, *, indent: str = "  ") -> list[str]:
    """Lines telling one vector: verdict and reason, then input, expected, provided, and how to see it all."""
    listed = " (expected failure)" if vector.expected_failure else ""
    lines = [f"{indent}vector {vector.id}{listed}: {vector.verdict.value}: {vector.reason}"]
    deeper = indent + "  "
    for label, values in (("input", vector.inputs), ("expected", vector.expected), ("provided", vector.provided)):
        if values is not None:
            lines.append(f"{deeper}{label + ':':9} {value_text(values)}")
    if vector.comment:
        lines.append(f"{deeper}{'comment:':9} {vector.comment}")
    lines.append(f"{deeper}{'all of it:':9} {show_command(recommendation, set_id, vector.id)}")
    return lines


def value_text(values: Any) -> str:
    """``values`` as one line of JSON, cut to ``VALUE_WIDTH`` characters."""
    text = json.dumps(values, ensure_ascii=False, separators=(", ", ": "))
    return text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 1] + "…"


def show_command(recommendation: str, set_id: str, test_id: int) -> str:
    """The command line that prints one vector in full."""
    return f"recbench vectors show {shlex.quote(recommendation)} {shlex.quote(f'{set_id}/{test_id}')}"


__all__ = ["VALUE_WIDTH", "describe", "failing", "show_command", "value_text"]

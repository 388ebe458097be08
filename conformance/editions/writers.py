"""History and diff as JSON, plain text and Markdown (each a pure function returning text).

The Markdown is meant to be pasted into a study-group document (a contribution's "summary of
changes"): headings, one table per kind of change, a strengthened level in bold. Text from the
Recommendation is escaped for Markdown; control characters are left to the caller's terminal
escaping (the CLI's ``visible``) for the plain text.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from conformance.editions.diff import Change, ItemDiff, RecommendationDiff, VectorFileDiff
from conformance.editions.history import History

_MARK = {"added": "+", "removed": "-", "changed": "~"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
MAX_IDS = 40  # test ids listed per kind of change; the rest are counted


def to_json(value: History | RecommendationDiff) -> str:
    """``value`` as JSON (dates as ISO text), two-space indent, final newline."""
    return json.dumps(dataclasses.asdict(value), indent=2, default=str, ensure_ascii=False) + "\n"


def history_text(history: History) -> str:
    """One line per commit, newest first: id, date, edition, status, tags, summary."""
    lines = [f"{history.recommendation} ({history.folder}): {len(history.entries)} commit(s), "
             f"{len(history.releases)} release(s)"]
    for entry in history.entries:
        state = f"edition {entry.edition}, {entry.status}" if entry.edition else f"({entry.problem})"
        tags = f"  [{', '.join(entry.tags)}]" if entry.tags else ""
        lines.append(f"{entry.commit[:12]}  {entry.date:%Y-%m-%d}  {state}{tags}  {entry.summary}")
    listed = {tag for entry in history.entries for tag in entry.tags}
    for release in history.releases:
        if release.name not in listed:
            lines.append(f"release {release.name} at {release.commit[:12]} (a commit outside this history)")
    return "\n".join(lines) + "\n"


def _value(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _ids(ids: Sequence[int]) -> str:
    shown = ", ".join(str(item) for item in ids[:MAX_IDS])
    return shown + (f" and {len(ids) - MAX_IDS} more" if len(ids) > MAX_IDS else "")


def _change_text(change: Change) -> str:
    note = f" ({change.note})" if change.note else ""
    return f"{change.field}: {_value(change.before)} -> {_value(change.after)}{note}"


def _vector_file_lines(item: VectorFileDiff) -> Iterable[str]:
    name = item.file_after if item.file_before == item.file_after else f"{item.file_before} -> {item.file_after}"
    if item.problem:
        yield f"{item.set_id} ({name}): cannot be compared: {item.problem}"
        return
    yield f"{item.set_id} ({name}): {item.tests_before} -> {item.tests_after} tests"
    for label, ids in (("added", item.added), ("removed", item.removed),
                       ("expectation changed", item.expectation_changed), ("reused for other inputs", item.reused)):
        if ids:
            yield f"  {label}: {_ids(ids)}"


def diff_text(diff: RecommendationDiff) -> str:
    """The diff for a terminal: one section per kind of change, '+' added, '-' removed, '~' changed."""
    lines = [f"{diff.recommendation}: {diff.before} -> {diff.after}"]
    if diff.empty:
        lines.append("no changes")
    if diff.metadata:
        lines += ["", "Metadata", *(f"  {_change_text(change)}" for change in diff.metadata)]
    for title, items in (("Requirements", diff.requirements), ("Options", diff.options),
                         ("Interfaces", diff.interfaces), ("Vector sets", diff.vector_sets)):
        if not items:
            continue
        lines += ["", title]
        for item in items:
            strengthened = any(change.note == "strengthened" for change in item.changes)
            lines.append(f"{'!' if strengthened else _MARK[item.status]} {item.id}"
                         + (f": {item.detail}" if item.detail and item.status != "changed" else ""))
            lines += [f"    {_change_text(change)}" for change in item.changes]
    if diff.vector_files:
        lines += ["", "Vector files", *(f"  {line}" for item in diff.vector_files for line in _vector_file_lines(item))]
    if diff.findings:
        lines += ["", "Findings", *(f"  {finding.kind}: {finding.message}" for finding in diff.findings)]
    if diff.invalidated:
        lines += ["", "Stored results invalidated"]
        lines += [f"  run {run.run_id}: {run.implementation} {run.version} ({run.started}): {', '.join(run.sets)}"
                  for run in diff.invalidated]
    return "\n".join(lines) + "\n"


def _md(value: Any) -> str:
    """Text escaped for Markdown (a table cell too: no newline, no bare '|')."""
    text = " ".join(_value(value).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _item_rows(items: Sequence[ItemDiff]) -> list[str]:
    rows = ["| | Id | Change |", "| --- | --- | --- |"]
    for item in items:
        if item.status != "changed":
            rows.append(f"| {item.status} | {_md(item.id)} | {_md(item.detail or '')} |")
            continue
        parts = []
        for change in item.changes:
            text = f"{_md(change.field)}: {_md(change.before)} → {_md(change.after)}"
            parts.append(f"**{text} ({change.note})**" if change.note == "strengthened" else text)
        rows.append(f"| changed | {_md(item.id)} | {'<br>'.join(parts)} |")
    return rows


def diff_markdown(diff: RecommendationDiff) -> str:
    """The diff as Markdown, ready to paste into a study-group document."""
    lines = [f"## Changes to {_md(diff.recommendation)}", "",
             f"From `{diff.before}` to `{diff.after}`" + (": no changes." if diff.empty else "."), ""]
    if diff.metadata:
        lines += ["### Metadata", "", "| Field | Before | After |", "| --- | --- | --- |"]
        lines += [f"| {_md(change.field)} | {_md(change.before)} | {_md(change.after)} |" for change in diff.metadata]
        lines.append("")
    for title, items in (("Requirements", diff.requirements), ("Options", diff.options),
                         ("Interfaces", diff.interfaces), ("Vector sets", diff.vector_sets)):
        if items:
            lines += [f"### {title}", "", *_item_rows(items), ""]
    if diff.vector_files:
        lines += ["### Test vectors", "", "| Set | Tests | Added | Removed | Expectation changed |",
                  "| --- | --- | --- | --- | --- |"]
        for item in diff.vector_files:
            if item.problem:
                lines.append(f"| {_md(item.set_id)} | cannot be compared: {_md(item.problem)} | | | |")
                continue
            lines.append(f"| {_md(item.set_id)} | {item.tests_before} → {item.tests_after} | {_ids(item.added)} | "
                         f"{_ids(item.removed)} | {_ids(item.expectation_changed)} |")
        lines.append("")
    if diff.findings:
        lines += ["### Findings", "", *(f"- **{finding.kind}**: {_md(finding.message)}" for finding in diff.findings),
                  ""]
    if diff.invalidated:
        lines += ["### Conformance results invalidated", ""]
        lines += [f"- run {run.run_id}, {_md(run.implementation)} {_md(run.version)}: {_md(', '.join(run.sets))}"
                  for run in diff.invalidated]
        lines.append("")
    return "\n".join(lines)

"""A self-contained HTML summary of a report: one file, inline style, no scripts, nothing fetched."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from conformance.reports.failures import show_command
from conformance.reports.model import Report, SetResult
from conformance.reports.verdicts import NON_PASSING, Verdict

_STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;
 color:#1b1f24;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
tr.requirement-text td{color:#57606a;font-style:italic;border-top:none}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}
pre{white-space:pre-wrap;margin:.2rem 0}
.v{display:inline-block;padding:.05rem .45rem;border-radius:.6rem;font-weight:600;font-size:.85em}
.pass{background:#dafbe1;color:#116329}.fail{background:#ffebe9;color:#a40e26}.error{background:#a40e26;color:#fff}
.inconclusive{background:#fff8c5;color:#7d4e00}.not-applicable,.none{background:#eaeef2;color:#57606a}
.banner{padding:.8rem 1rem;border-radius:.4rem;margin:1rem 0;font-size:1.05rem}
.ok{background:#dafbe1}.bad{background:#ffebe9}.partial{background:#fff8c5}
dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
details{margin:.3rem 0}summary{cursor:pointer}
"""


def _badge(verdict: Verdict | None) -> str:
    name = verdict.value if verdict is not None else "none"
    return f'<span class="v {name}">{escape(name if verdict is not None else "—")}</span>'


def _value(value: Any) -> str:
    return escape(json.dumps(value, ensure_ascii=False)) if value is not None else "—"


def render_html(report: Report) -> str:
    """The report as one HTML page."""
    rec, implementation = report.recommendation, report.implementation
    title = f"{rec.id} conformance: {implementation.name} {implementation.version}"
    if not report.complete:
        banner = ("partial", "Partial report: the run did not finish.")
    elif report.passed:
        banner = ("ok", "Passed.")
    else:
        banner = ("bad", "Not passed.")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>{escape(rec.title)} ({escape(rec.edition.isoformat())} edition)</p>",
        f'<div class="banner {banner[0]}">{escape(banner[1])} Verdict {_badge(report.verdict)}'
        + (f" — {escape(report.reason)}" if report.reason else "") + "</div>",
        "<dl>",
    ]
    git = implementation.git
    facts = [
        ("Implementation", f"{implementation.name} {implementation.version}"
         + (f" ({implementation.vendor})" if implementation.vendor else "")),
        ("Adapter", f"{implementation.adapter}: {implementation.target}"),
        ("Served as", implementation.served_as),
        ("Source", (implementation.location or "") + (
            f" @ {git.commit[:12]}{' (dirty)' if git.dirty else ''}" if git else "")),
        ("ICS", f"{report.ics_source}" + (f" (sha256 {report.ics_sha256[:16]}…)" if report.ics_sha256 else "")),
        ("Options claimed", _options(report.ics.get("options"))),
        ("Vectors", ", ".join(f"{count} {verdict.value}" for verdict, count in report.counts.items()) or "none"),
        ("Started", report.started.isoformat()),
        ("Finished", report.finished.isoformat() if report.finished else "—"),
        ("Shard", report.selection.shard),
        ("recbench", f"{report.environment.recbench} on Python {report.environment.python}, "
         f"{report.environment.platform}"),
    ]
    for name, value in facts:
        if value:
            parts.append(f"<dt>{escape(name)}</dt><dd>{escape(value)}</dd>")
    parts.append("</dl>")
    parts += _sets(report)
    parts += _requirements(report)
    parts += _expected_failures(report)
    parts += _failures(report.recommendation.id, report.sets)
    if report.notes:
        parts.append("<h2>Notes</h2><ul>")
        parts += [f"<li><pre>{escape(note)}</pre></li>" for note in report.notes]
        parts.append("</ul>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _options(claimed: Any) -> str:
    """The ICS's options as a report holds them (a report read from a file may hold anything)."""
    if isinstance(claimed, list):
        return ", ".join(map(str, claimed)) or "none"
    return json.dumps(claimed)


def _sets(report: Report) -> list[str]:
    rows = ["<h2>Vector sets</h2>", "<table><tr><th>Set</th><th>Interface</th><th>Verdict</th><th>Vectors</th>"
            "<th>Reason</th><th>File (sha256)</th></tr>"]
    for result in report.sets:
        counts = ", ".join(f"{count} {verdict.value}" for verdict, count in result.counts.items())
        source = f"{result.source.file} ({result.source.sha256[:12]}…)" if result.source else "—"
        rows.append(
            f"<tr><td>{escape(result.id)}</td><td>{escape(result.interface)}</td><td>{_badge(result.verdict)}"
            f"{' (listed)' if result.listed else ''}</td><td>{escape(counts or '0')}</td>"
            f"<td>{escape(result.remarks())}</td><td><code>{escape(source)}</code></td></tr>"
        )
    rows.append("</table>")
    return rows


def _requirements(report: Report) -> list[str]:
    rows = ["<h2>Requirements</h2>", "<table><tr><th>Requirement</th><th>Level</th><th>Clause</th><th>Status</th>"
            "<th>Verdict</th><th>Covered by</th></tr>"]
    for row in report.requirements:
        failed = row.verdict in NON_PASSING
        marked = ' class="failed"' if failed else ""
        rows.append(
            f"<tr{marked}><td>{escape(row.id)}</td><td>{escape(row.level)}</td>"
            f"<td>{escape(row.clause)}</td><td>{escape(row.status)}</td><td>{_badge(row.verdict)}</td>"
            f"<td>{escape(', '.join(row.covered_by) or '—')}</td></tr>"
        )
        if failed and row.text:  # what the implementation did not meet, beside its verdict
            rows.append(f"<tr class=\"requirement-text\"><td></td><td colspan=\"5\">{escape(row.text)}</td></tr>")
    rows.append("</table>")
    return rows


def _expected_failures(report: Report) -> list[str]:
    listed = report.expected_failures
    if not listed.listed and not listed.unexpected_passes:
        return []
    parts = ["<h2>Expected failures</h2><dl>"]
    for name, values in (("Listed", listed.listed), ("Matched", listed.matched),
                         ("Passed although listed", listed.unexpected_passes),
                         ("Failed although not listed", listed.unexpected_failures)):
        if values:
            parts.append(f"<dt>{name}</dt><dd>{escape(', '.join(values))}</dd>")
    parts.append("</dl>")
    return parts


def _failures(rec_id: str, sets: list[SetResult]) -> list[str]:
    parts = []
    for result in sets:
        shown = [vector for vector in result.results if vector.verdict in NON_PASSING or vector.expected_failure]
        if not shown:
            continue
        parts.append(f"<details{' open' if result.unexpected_failures else ''}><summary>{escape(result.id)}: "
                     f"{len(shown)} vector{'s' if len(shown) != 1 else ''} shown"
                     + (f", {result.details_omitted} more not shown" if result.details_omitted else "")
                     + "</summary><table><tr><th>Vector</th><th>Verdict</th><th>Reason</th><th>Input</th>"
                     "<th>Expected</th><th>Provided</th></tr>")
        for vector in shown:
            parts.append(
                f"<tr><td>{vector.id}{' (listed)' if vector.expected_failure else ''}"
                + (f"<br><small>{escape(vector.comment)}</small>" if vector.comment else "")
                + f"<br><small><code>{escape(show_command(rec_id, result.id, vector.id))}</code></small>"
                + f"</td><td>{_badge(vector.verdict)}</td><td>{escape(vector.reason)}</td>"
                f"<td><pre>{_value(vector.inputs)}</pre></td><td><pre>{_value(vector.expected)}</pre></td>"
                f"<td><pre>{_value(vector.provided)}</pre></td></tr>"
            )
        parts.append("</table></details>")
    if parts:
        parts.insert(0, "<h2>Vectors that did not pass</h2>")
    return parts

"""An implementation's run history, after wpt.fyi: every stored run, each vector set's verdict
per run, and what changed between its last two complete runs (pure)."""

from __future__ import annotations

from conformance.publish import layout
from conformance.publish.gathering import ImplementationKey, SiteData, StoredReport
from conformance.publish.markup import attribute, code, counts_text, link, page, table, text, verdict_badge
from conformance.publish.pages import SitePage
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import Implementation


def history_page(data: SiteData, loaded: LoadedRecommendation, implementation: Implementation) -> SitePage:
    """The run history of one implementation the catalogue lists."""
    key = ImplementationKey(loaded.folder.name, implementation.name)
    here = layout.history_page(key.slug)
    runs = data.runs.get((loaded.model.id, implementation.name), ())
    title = f"{loaded.model.id} {implementation.name}: run history"
    back = link(text(loaded.model.id), layout.relative(here, layout.recommendation_page(loaded.folder.name)))
    if not runs:
        return SitePage(here, f"{implementation.name} ({loaded.model.id})",
                        page(title, f"No run of this implementation is stored. Back to {back}."), section="Run history")
    rows = []
    for entry in runs:
        run = entry.run
        whole = "complete" if run.whole else ("interrupted" if not run.complete else "partial selection")
        rows.append([
            link(str(run.id), layout.relative(here, layout.report_html(run.id))), run.started[:19].replace("T", " "),
            text(run.version), code(run.git_commit[:12]) if run.git_commit else "-", verdict_badge(run.verdict),
            text(counts_text(run.counts)), text(whole),
        ])
    blocks = [f"Runs of {text(implementation.name)} against {back}, newest first (at most {len(runs)} shown). "
              "Only complete runs of every applicable set stand in the matrix.",
              "## Runs\n\n" + table(["Run", "Started (UTC)", "Version", "Commit", "Verdict", "Vectors", "Kind"], rows),
              _per_set(here, runs), _diff(runs)]
    return SitePage(here, f"{implementation.name} ({loaded.model.id})", page(title, *blocks), section="Run history")


def _per_set(here: str, runs: tuple[StoredReport, ...]) -> str:
    sets: list[str] = []
    for entry in runs:
        sets += [result.id for result in entry.report.sets if result.id not in sets]
    verdicts = [{result.id: result for result in entry.report.sets} for entry in runs]
    header = "".join(
        f'<th><a href="{attribute(layout.relative(here, layout.report_html(entry.run.id)))}">#{entry.run.id}</a>'
        f"<br>{entry.run.started[:10]}</th>" for entry in runs)
    rows = []
    for set_id in sets:
        cells = "".join(f"<td>{verdict_badge(found[set_id].verdict) if set_id in found else ''}</td>"
                        for found in verdicts)
        rows.append(f"<tr><th scope=\"row\">{code(set_id)}</th>{cells}</tr>")
    return ("## Each vector set per run\n\n"
            '<div class="rb-history" data-search-exclude><table><thead><tr><th>Vector set</th>'
            f"{header}</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>")


def _diff(runs: tuple[StoredReport, ...]) -> str:
    whole = [entry for entry in runs if entry.run.whole]
    if len(whole) < 2:
        return "## Last two complete runs\n\nFewer than two complete runs are stored: nothing to compare yet."
    new, old = whole[0], whole[1]
    before = {result.id: result for result in old.report.sets}
    after = {result.id: result for result in new.report.sets}
    rows = []
    for set_id in [*after, *(set_id for set_id in before if set_id not in after)]:
        was, now = before.get(set_id), after.get(set_id)
        if was is not None and now is not None and was.verdict == now.verdict and was.counts == now.counts:
            continue
        rows.append([code(set_id), verdict_badge(was.verdict) if was else "absent",
                     verdict_badge(now.verdict) if now else "absent",
                     text(counts_text(was.counts)) if was else "-", text(counts_text(now.counts)) if now else "-"])
    requirements_before = {row.id: row.verdict for row in old.report.requirements}
    changed = [row for row in new.report.requirements if requirements_before.get(row.id) != row.verdict]
    heading = (f"## Last two complete runs\n\nRun #{new.run.id} ({new.run.started[:10]}) against "
               f"#{old.run.id} ({old.run.started[:10]}): ")
    if not rows and not changed:
        return heading + "no vector set and no requirement changed verdict or counts."
    set_rows = table(["Vector set", f"#{old.run.id}", f"#{new.run.id}", "Vectors before", "Vectors after"],
                     rows) if rows else ""
    requirement_rows = table(["Requirement", f"#{old.run.id}", f"#{new.run.id}"], [
        [code(row.id), verdict_badge(requirements_before.get(row.id)), verdict_badge(row.verdict)] for row in changed
    ]) if changed else ""
    return (heading + f"{len(rows)} vector sets and {len(changed)} requirements changed.\n\n" + set_rows + "\n"
            + requirement_rows)

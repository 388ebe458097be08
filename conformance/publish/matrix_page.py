"""The conformance matrix: Recommendation x implementation, from the results store's own matrix
(latest whole run of each implementation version), each cell linking to its report (pure)."""

from __future__ import annotations

from conformance.publish import layout
from conformance.publish.gathering import ImplementationKey, SiteData, StoredReport
from conformance.publish.markup import attribute, code, page, text, verdict_badge
from conformance.publish.pages import SitePage
from conformance.reports.verdicts import Verdict

#: The counts a cell shows, in this order.
CELL_VERDICTS = (Verdict.PASS, Verdict.FAIL, Verdict.ERROR, Verdict.INCONCLUSIVE)


def matrix_page(data: SiteData) -> SitePage:
    """The matrix as an HTML table (a cell per Recommendation and implementation name)."""
    here = layout.MATRIX
    listed: dict[str, list[str]] = {}
    folders: dict[str, str] = {}
    for loaded in data.catalog.recommendations:
        listed[loaded.model.id] = [implementation.name for implementation in loaded.model.implementations]
        folders[loaded.model.id] = loaded.folder.name
    for entry in data.matrix:  # runs of implementations the catalogue does not list (an ICS of one's own)
        names = listed.setdefault(entry.run.recommendation, [])
        if entry.run.implementation not in names:
            names.append(entry.run.implementation)
    columns: list[str] = []
    for names in listed.values():
        columns += [name for name in names if name not in columns]
    cells: dict[tuple[str, str], list[StoredReport]] = {}
    for entry in data.matrix:
        cells.setdefault((entry.run.recommendation, entry.run.implementation), []).append(entry)
    header = "<th>Recommendation</th>" + "".join(f"<th>{text(name)}</th>" for name in columns)
    rows = []
    for recommendation, names in listed.items():
        folder = folders.get(recommendation)
        name_cell = (f'<a href="{attribute(layout.relative(here, layout.recommendation_page(folder), html=True))}">'
                     f"{text(recommendation)}</a>" if folder else text(recommendation))
        row = [f"<th scope=\"row\">{name_cell}</th>"]
        for column in columns:
            entries = cells.get((recommendation, column), [])
            history = ""
            if folder and column in names:
                target = layout.relative(here, layout.history_page(ImplementationKey(folder, column).slug), html=True)
                history = f' <a class="rb-runs" href="{attribute(target)}">runs</a>'
            if entries:
                row.append("<td>" + "<br>".join(_cell(here, entry) for entry in entries) + history + "</td>")
            elif column in names:
                row.append(f'<td class="rb-not-run">{verdict_badge(None)}{history}</td>')
            else:
                row.append('<td class="rb-none"></td>')
        rows.append("<tr>" + "".join(row) + "</tr>")
    legend = ("Each cell is the latest **complete** run of every applicable vector set of that implementation "
              "(runs with `--select`, `--skip` or a shard, and interrupted runs, never stand for it), per version. "
              "The figures are vectors that passed, failed, were in error and were inconclusive; the cell links to "
              "the run's report. An implementation's run history (each vector set's verdict per run, and what "
              "changed between its last two complete runs) is linked as *runs*.")
    matrix = ('<div class="rb-matrix" data-search-exclude><table class="rb-matrix-table">'
              f"<thead><tr>{header}</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>")
    total = len(data.matrix)
    summary = (f"{total} complete runs in the results store ({code(data.store_path.name)})."
               if total else "The results store holds no complete run yet: run " + code("recbench check")
               + " or " + code("recbench conform") + ", then publish again.")
    return SitePage(here, "Conformance matrix", page("Conformance matrix", summary, legend, matrix))


def _cell(here: str, entry: StoredReport) -> str:
    report = entry.report
    figures = "/".join(f"{report.counts.get(verdict, 0):,}" for verdict in CELL_VERDICTS)
    title = ", ".join(f"{report.counts.get(verdict, 0):,} {verdict.value}" for verdict in CELL_VERDICTS)
    target = layout.relative(here, layout.report_html(entry.run.id))
    return (f'<a class="rb-cell" href="{attribute(target)}" title="{attribute(title)}">{verdict_badge(report.verdict)}'
            f' <span class="rb-figures">{figures}</span></a> <span class="rb-version">{text(entry.run.version)}</span>')

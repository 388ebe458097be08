"""The home page: the catalogue, filterable by series, study group and status (pure)."""

from __future__ import annotations

from conformance.publish import layout
from conformance.publish.gathering import SiteData
from conformance.publish.markup import attribute, badge, code, page, status_badge, text, verdict_badge
from conformance.publish.pages import SitePage
from conformance.reports.verdicts import worst
from conformance.spec.loading import LoadedRecommendation


def series_of(identifier: str) -> str:
    """The series letter of an ITU-T id: 'ITU-T G.711' → 'G'."""
    name = identifier.removeprefix("ITU-T ").strip()
    return name[:1].upper() or "?"


def home_page(data: SiteData) -> SitePage:
    """The catalogue as a table with three filters (the script is assets/recbench.js)."""
    recommendations = data.catalog.recommendations
    rows = [_row(data, loaded) for loaded in recommendations]
    filters = [
        _select("series", "Series", sorted({series_of(r.model.id) for r in recommendations})),
        _select("group", "Study group", sorted({f"SG{r.model.study_group}" for r in recommendations},
                                               key=lambda name: int(name[2:]))),
        _select("status", "Status", sorted({str(r.model.status) for r in recommendations})),
    ]
    header = "".join(f"<th>{name}</th>" for name in (
        "Recommendation", "Title", "Edition", "Status", "Group and Question", "Reference implementation",
        "Conformance", "Dependency health"))
    catalogue = (
        '<div class="rb-catalogue" data-search-exclude>\n'
        f'<form class="rb-filters" aria-label="Filter the catalogue">{"".join(filters)}'
        '<output class="rb-shown" aria-live="polite"></output></form>\n'
        f'<table class="rb-catalogue-table"><thead><tr>{header}</tr></thead><tbody>\n'
        + "\n".join(rows) + "\n</tbody></table>\n</div>"
    )
    runs = len(data.matrix)
    audit = (f"the dependency audit of {data.audit.started_at:%Y-%m-%d} ({len(data.audit.implementations)} "
             "implementations)" if data.audit else None)
    health = text(audit) if audit else (
        "not known yet: no dependency audit is recorded (" + code("recbench check") + " records one)")
    intro = (f"{len(recommendations)} Recommendations kept as data, with their reference implementations. "
             f"Conformance is each implementation's latest complete run ({runs} in the results store); "
             f"dependency health is {health}. "
             f"See the [conformance matrix]({layout.relative(layout.HOME, layout.MATRIX)}) "
             f"and the [dependency health]({layout.relative(layout.HOME, layout.HEALTH)}).")
    return SitePage(layout.HOME, "Catalogue", page("Recommendations", intro, catalogue))


def _select(name: str, label: str, values: list[str]) -> str:
    options = "".join(f'<option value="{attribute(value)}">{text(value)}</option>' for value in values)
    return (f'<label>{label} <select data-filter="{name}" name="{name}"><option value="">all</option>'
            f"{options}</select></label>")


def _row(data: SiteData, loaded: LoadedRecommendation) -> str:
    model = loaded.model
    here = layout.HOME
    target = layout.relative(here, layout.recommendation_page(loaded.folder.name), html=True)
    names = [implementation.name for implementation in model.implementations]
    latest = [entry for name in names if (entry := data.latest(model.id, name)) is not None]
    if latest:
        state = worst(entry.report.verdict for entry in latest)
        shown = verdict_badge(state) + (f" {len(latest)} of {len(names)} run" if len(latest) < len(names) else "")
    else:
        state, shown = None, verdict_badge(None)
    audits = [report for name in names if (report := data.audit_of(model.id, name)) is not None]
    unique = {id(report): report for report in audits}.values()
    if unique:
        violations = sum(len(report.violations) for report in unique)
        health = badge("healthy", "pass") if not violations else badge(f"{violations} violations", "fail")
    else:
        health = badge("not audited", "not-run")
    references = ", ".join(text(i.name) for i in model.implementations if i.kind == "reference") or "none"
    cells = [
        f'<a href="{attribute(target)}">{text(model.id)}</a>', text(model.title), model.edition.isoformat(),
        status_badge(model.status), f"SG{model.study_group}" + (f" {text(model.question)}" if model.question else ""),
        references, shown, health,
    ]
    return (f'<tr data-series="{attribute(series_of(model.id))}" data-group="SG{model.study_group}" '
            f'data-status="{attribute(model.status)}" data-conformance="{attribute(state or "not-run")}">'
            + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")

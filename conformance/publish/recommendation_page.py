"""One Recommendation's page: metadata, references, requirements with their latest verdicts,
options, interfaces, vector sets and implementations (pure: data in, Markdown out)."""

from __future__ import annotations

from conformance.publish import layout
from conformance.publish.gathering import ImplementationKey, SiteData
from conformance.publish.markup import (
    attribute,
    code,
    counts_text,
    link,
    page,
    status_badge,
    table,
    text,
    verdict_badge,
)
from conformance.publish.pages import SitePage
from conformance.publish.sources import source_link
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import MANDATORY_LEVELS, RecommendationReference


def recommendation_page(data: SiteData, loaded: LoadedRecommendation, counts: dict[str, int | None],
                        *, source_url: str | None = None) -> SitePage:
    """The page of ``loaded``; ``counts`` are its vectors per set (None: unreadable file)."""
    model = loaded.model
    here = layout.recommendation_page(loaded.folder.name)
    facts = [
        ("Title", text(model.title)),
        ("Edition", model.edition.isoformat()),
        ("Status", status_badge(model.status)),
        ("Study group", f"SG{model.study_group}" + (f", Question {text(model.question)}" if model.question else "")),
    ]
    if model.base:
        facts.append(("Amends", _recommendation_link(data, here, model.base)))
    if model.editors:
        facts.append(("Editors", text(", ".join(model.editors))))
    if model.keywords:
        facts.append(("Keywords", text(", ".join(model.keywords))))
    amendments = data.catalog.amendments_of(model.id)
    if amendments:
        facts.append(("Amendments", ", ".join(_recommendation_link(data, here, a.model.id) for a in amendments)))
    blocks = [table(["", ""], [[f"**{name}**", value] for name, value in facts])]
    if model.summary:
        blocks.append(text(model.summary.strip()))
    blocks += [_references(data, here, loaded), _requirements(data, loaded), _options(loaded),
               _interfaces(loaded), _vector_sets(loaded, counts), _implementations(data, here, loaded, source_url),
               _editions(data, here, loaded)]
    return SitePage(here, model.id, page(f"{model.id}: {model.title}", *blocks), section="Recommendations")


def release_diff_pages(data: SiteData, loaded: LoadedRecommendation) -> list[SitePage]:
    """One page per released edition after the first: what changed since the release before it."""
    pages = []
    for (identifier, tag), markdown in sorted(data.release_diffs.items()):
        if identifier != loaded.model.id:
            continue
        edition = tag.rsplit("/", 1)[-1]
        here = layout.release_diff_page(loaded.folder.name, edition)
        back = link(text(identifier), layout.relative(here, layout.recommendation_page(loaded.folder.name)))
        pages.append(SitePage(here, f"{identifier} {edition}", page(f"{identifier}, edition {edition}",
                                                                       f"Released as `{tag}`; back to {back}.",
                                                                       markdown), section="Recommendations"))
    return pages


def _editions(data: SiteData, here: str, loaded: LoadedRecommendation) -> str:
    """The edition history: the newest commits with edition and status, and every release tag."""
    history = data.editions.get(loaded.model.id)
    if history is None:
        return "## Edition history\n\nNot known: the repository is not a git repository here."
    rows = []
    for entry in history.entries:
        tags = ", ".join(code(tag) for tag in entry.tags)
        rows.append([entry.date.date().isoformat(), code(entry.commit[:12]), text(entry.edition or "-"),
                     text(entry.status or "-"), tags, text(entry.summary)])
    releases = []
    for release in history.releases:
        edition = release.name.rsplit("/", 1)[-1]
        if (loaded.model.id, release.name) in data.release_diffs:
            target = layout.relative(here, layout.release_diff_page(loaded.folder.name, edition))
            releases.append(f"{code(release.name)} ({link('what changed', target)})")
        else:
            releases.append(f"{code(release.name)} (first release)")
    summary = ("Released editions: " + ", ".join(releases) + ".") if releases else "No edition released yet."
    return ("## Edition history\n\n" + summary + "\n\n"
            + table(["Date", "Commit", "Edition", "Status", "Tags", "Change"], rows))


def _recommendation_link(data: SiteData, here: str, identifier: str) -> str:
    found = data.catalog.find(identifier)
    if found is None:
        return text(identifier)
    return link(text(identifier), layout.relative(here, layout.recommendation_page(found.folder.name)))


def _references(data: SiteData, here: str, loaded: LoadedRecommendation) -> str:
    references = loaded.model.references
    if not references:
        return ""
    rows = []
    for reference in references:
        if isinstance(reference, RecommendationReference):
            rows.append([_recommendation_link(data, here, reference.recommendation), "in this catalogue",
                         text((reference.note or "").strip())])
        else:
            rows.append([text(reference.document), text(reference.title or ""), text((reference.note or "").strip())])
    return "## Normative references\n\n" + table(["Reference", "Title", "Note"], rows)


def _requirements(data: SiteData, loaded: LoadedRecommendation) -> str:
    model = loaded.model
    if not model.requirements:
        return ""
    covering: dict[str, list[str]] = {}
    for entry in model.vector_sets:
        for covered_id in entry.covers:
            covering.setdefault(covered_id, []).append(entry.id)
    names = [implementation.name for implementation in model.implementations]
    latest = {name: data.latest(model.id, name) for name in names}
    verdicts = {name: {row.id: row for row in entry.report.requirements} if entry else {}
                for name, entry in latest.items()}
    rows = []
    untested = 0
    for requirement in model.requirements:
        sets = covering.get(requirement.id, [])
        if requirement.verification == "inspection":
            covered = "by inspection"
        elif sets:
            covered = ", ".join(code(set_id) for set_id in sets)
        else:
            untested += 1
            covered = '<span class="rb-untested">untested</span>'
        cells = [f'<span id="{attribute(requirement.id)}">{code(requirement.id)}</span>', text(requirement.clause),
                 text(requirement.level), covered]
        for name in names:
            row = verdicts[name].get(requirement.id)
            cells.append(verdict_badge(row.verdict) if row is not None and row.verdict is not None
                         else text(row.status if row is not None else "not run"))
        cells.append(text(requirement.text.strip()))
        rows.append(cells)
    mandatory = sum(1 for requirement in model.requirements if requirement.level in MANDATORY_LEVELS)
    summary = (f"{len(model.requirements)} requirements ({mandatory} shall or shall-not); "
               + (f'<span class="rb-untested">{untested} untested</span>' if untested
                  else "every one tested or inspected")
               + ". Verdicts are those of each implementation's latest complete run.")
    header = ["Id", "Clause", "Level", "Covered by", *[text(name) for name in names], "Text"]
    return "## Requirements\n\n" + summary + "\n\n" + table(header, rows)


def _options(loaded: LoadedRecommendation) -> str:
    options = loaded.model.options
    if not options:
        return ""
    return "## Options\n\n" + table(["Id", "Meaning"], [[code(o.id), text(o.text.strip())] for o in options])


def _interfaces(loaded: LoadedRecommendation) -> str:
    interfaces = loaded.model.interfaces
    if not interfaces:
        return ""

    def fields(group: dict[str, object]) -> str:
        return "<br>".join(f"{code(name)}: {code(getattr(kind, 'type', kind))}" for name, kind in group.items()) or "-"

    rows = [[code(i.name), text(i.batch), fields(dict(i.inputs)), fields(dict(i.outputs)), text(i.description or "")]
            for i in interfaces]
    return "## Interfaces\n\n" + table(["Name", "Batch", "Inputs", "Outputs", "Description"], rows)


def _vector_sets(loaded: LoadedRecommendation, counts: dict[str, int | None]) -> str:
    entries = loaded.model.vector_sets
    if not entries:
        return "## Vector sets\n\nNo vector set yet."
    here = layout.recommendation_page(loaded.folder.name)
    rows = []
    for entry in entries:
        count = counts.get(entry.id)
        download = layout.relative(here, layout.vector_file(loaded.folder.name, entry.file))
        rows.append([
            code(entry.id), code(entry.interface), "unreadable" if count is None else f"{count:,}",
            text(entry.provenance.kind) + ": " + text(entry.provenance.origin), text(entry.provenance.license),
            code(entry.sha256[:16] + "…") if entry.sha256 else "-", link(text(entry.file), download),
        ])
    known = sum(count for count in counts.values() if count is not None)
    return (f"## Vector sets\n\n{len(entries)} sets, {known:,} vectors.\n\n"
            + table(["Id", "Interface", "Vectors", "Provenance", "Licence", "sha256", "Download"], rows))


def _implementations(data: SiteData, here: str, loaded: LoadedRecommendation, source_url: str | None) -> str:
    model = loaded.model
    if not model.implementations:
        return "## Implementations\n\nNo implementation is listed."
    rows = []
    for implementation in model.implementations:
        key = ImplementationKey(loaded.folder.name, implementation.name)
        latest = data.latest(model.id, implementation.name)
        report = latest.report if latest else None
        if latest is not None:
            run_id = latest.run.id
            report_link = layout.relative(here, layout.report_html(run_id))
            conformance = (f"{verdict_badge(latest.report.verdict)} "
                           + link(text(counts_text(latest.report.counts)), report_link)
                           + f" ({text(latest.run.version)}, {latest.run.started[:10]})")
            ics = link("ICS", layout.relative(here, layout.ics_file(run_id)))
        else:
            conformance, ics = verdict_badge(None) + " no complete run stored", "-"
        audit = data.audit_of(model.id, implementation.name)
        if audit is None:
            health = "not audited"
        else:
            health = (f"{len(audit.violations)} violations, {len(audit.findings)} findings"
                      + (f", score {audit.repository.score:.1f}/10" if audit.repository and audit.repository.score
                         is not None else ""))
        rows.append([
            text(implementation.name), text(implementation.kind), text(implementation.language),
            code(implementation.license), text(implementation.adapter.type),
            source_link(implementation, report, source_url).markdown(), ics, conformance,
            link(text(health), layout.relative(here, layout.health_card(key.slug))),
            link("history", layout.relative(here, layout.history_page(key.slug))),
        ])
    header = ["Name", "Kind", "Language", "Licence", "Adapter", "Source", "ICS", "Latest report", "Dependency health",
              "Runs"]
    return "## Implementations\n\n" + table(header, rows)

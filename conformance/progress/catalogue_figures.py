"""What the catalogue says for the report: Recommendations as data, their implementations,
requirement coverage by vectors, and vector sets and implementations by provenance and licence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from conformance.progress.model import LicenceRow, ProvenanceRow, RecommendationRow
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import MANDATORY_LEVELS


def recommendation_rows(recommendations: Sequence[LoadedRecommendation],
                        commits: Mapping[str, int] | None) -> tuple[RecommendationRow, ...]:
    """One row per Recommendation; ``commits`` by folder name (None: git not available)."""
    rows = []
    for loaded in recommendations:
        model = loaded.model
        covered = {requirement for entry in model.vector_sets for requirement in entry.covers}
        tested = [item for item in model.requirements if item.level in MANDATORY_LEVELS and item.verification == "test"]
        rows.append(RecommendationRow(
            id=model.id, title=model.title, study_group=model.study_group, question=model.question,
            edition=model.edition.isoformat(), status=str(model.status),
            tested_requirements=len(tested), covered_requirements=sum(item.id in covered for item in tested),
            inspection_requirements=sum(item.verification == "inspection" for item in model.requirements),
            vector_sets=len(model.vector_sets),
            reference_implementations=sum(item.kind == "reference" for item in model.implementations),
            third_party_implementations=sum(item.kind == "third-party" for item in model.implementations),
            commits_in_period=None if commits is None else commits.get(loaded.folder.name, 0)))
    return tuple(sorted(rows, key=lambda row: row.id))


def provenance_rows(recommendations: Sequence[LoadedRecommendation]) -> tuple[ProvenanceRow, ...]:
    """Vector sets counted by provenance kind and licence."""
    counts = Counter((entry.provenance.kind, entry.provenance.license)
                     for loaded in recommendations for entry in loaded.model.vector_sets)
    return tuple(ProvenanceRow(kind, licence, count) for (kind, licence), count in sorted(counts.items()))


def implementation_licences(recommendations: Sequence[LoadedRecommendation]) -> tuple[LicenceRow, ...]:
    """Implementations the Recommendations list, counted by SPDX licence."""
    counts = Counter(item.license for loaded in recommendations for item in loaded.model.implementations)
    return tuple(LicenceRow(licence, count) for licence, count in sorted(counts.items()))


def vector_licences(rows: Sequence[ProvenanceRow]) -> tuple[LicenceRow, ...]:
    """Vector sets counted by licence alone."""
    counts: Counter[str] = Counter()
    for row in rows:
        counts[row.licence] += row.vector_sets
    return tuple(LicenceRow(licence, count) for licence, count in sorted(counts.items()))


def implementation_kinds(recommendations: Sequence[LoadedRecommendation]) -> dict[tuple[str, str], str]:
    """(Recommendation id, implementation name) -> its kind, for the conformance rows."""
    return {(loaded.model.id, item.name): item.kind for loaded in recommendations
            for item in loaded.model.implementations}

"""The catalogue: every Recommendation under a repository's ``recommendations/`` folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from conformance.spec.diagnostics import Diagnostic, SpecError
from conformance.spec.loading import RECOMMENDATION_FILE, LoadedRecommendation, load_recommendation

RECOMMENDATIONS_DIR = "recommendations"


def find_repository(start: Path | None = None) -> Path | None:
    """The nearest folder at or above ``start`` that holds a ``recommendations/`` folder."""
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / RECOMMENDATIONS_DIR).is_dir():
            return candidate
    return None


def recommendation_files(root: Path) -> list[Path]:
    """Every ``recommendation.yaml`` one level below ``root/recommendations``, sorted."""
    return sorted((root / RECOMMENDATIONS_DIR).glob(f"*/{RECOMMENDATION_FILE}"))


@dataclass
class Catalog:
    """The Recommendations of a repository, with the files that failed to load."""

    root: Path
    recommendations: list[LoadedRecommendation] = field(default_factory=list)
    failures: list[Diagnostic] = field(default_factory=list)

    def find(self, identifier: str) -> LoadedRecommendation | None:
        """Look a Recommendation up by id ('ITU-T G.711'), short id ('G.711') or folder name."""
        wanted = identifier.strip().casefold()
        for loaded in self.recommendations:
            full = loaded.model.id.casefold()
            if wanted in (full, full.removeprefix("itu-t "), loaded.folder.name.casefold()):
                return loaded
        return None

    def amendments_of(self, identifier: str) -> list[LoadedRecommendation]:
        """The amendments and corrigenda kept as their own entries whose ``base`` is ``identifier``, by id."""
        found = [loaded for loaded in self.recommendations if loaded.model.base == identifier]
        return sorted(found, key=lambda loaded: loaded.model.id)

    @property
    def ids(self) -> set[str]:
        return {loaded.model.id for loaded in self.recommendations}


def linked_recommendation(path: Path) -> Diagnostic | None:
    """RB600 when a ``recommendation.yaml`` or its folder is a symbolic link, else None.

    A committed link would make recbench read (and its reports quote) files from anywhere on the
    machine that runs it.
    """
    for link in (path.parent, path):
        if link.is_symlink():
            return Diagnostic(link, 1, 1, "RB600", "is a symbolic link: a Recommendation's folder and file "
                              "must be the repository's own")
    return None


def load_catalog(root: Path) -> Catalog:
    """Load every Recommendation under ``root``; files that fail are kept as diagnostics."""
    catalog = Catalog(root)
    for path in recommendation_files(root):
        linked = linked_recommendation(path)
        if linked is not None:
            catalog.failures.append(linked)
            continue
        try:
            catalog.recommendations.append(load_recommendation(path))
        except SpecError as error:
            catalog.failures.extend(error.diagnostics)
    return catalog

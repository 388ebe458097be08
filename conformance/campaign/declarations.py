"""Finding the third-party implementations a repository declares, and choosing some by name."""

from __future__ import annotations

from dataclasses import dataclass

from conformance.errors import RecbenchError
from conformance.spec.catalog import Catalog
from conformance.spec.diagnostics import Diagnostic, SpecError
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.third_party import LoadedThirdParty, declaration_files, load_third_party


@dataclass(frozen=True)
class Declared:
    """One third-party implementation with the Recommendation it implements."""

    recommendation: LoadedRecommendation
    declaration: LoadedThirdParty

    @property
    def name(self) -> str:
        return self.declaration.model.name

    @property
    def label(self) -> str:
        """'ITU-T G.711 audioop': how the campaign names it."""
        return f"{self.recommendation.model.id} {self.name}"


def declared_implementations(
    catalog: Catalog, *, recommendation: str | None = None, implementation: str | None = None
) -> list[Declared]:
    """The declarations of the catalogue (of one Recommendation, of one name), by Recommendation and name.

    Raises ``RecbenchError`` for a Recommendation not in the catalogue or a name that matches
    nothing, and ``SpecError`` (located) for a declaration that is not valid or names another
    Recommendation than the folder it is in.
    """
    chosen = catalog.recommendations
    if recommendation is not None:
        found = catalog.find(recommendation)
        if found is None:
            raise RecbenchError(f"no Recommendation {recommendation!r} in the catalogue")
        chosen = [found]
    declared: list[Declared] = []
    problems: list[Diagnostic] = []
    for loaded in sorted(chosen, key=lambda item: item.model.id):
        for path in declaration_files(loaded.folder):
            try:
                item = load_third_party(path)
            except SpecError as error:
                problems += error.diagnostics
                continue
            if item.model.recommendation != loaded.model.id:
                problems.append(Diagnostic(path, 1, 1, "RB100", f"declares an implementation of "
                                           f"{item.model.recommendation}, but lies in the folder of {loaded.model.id}"))
                continue
            declared.append(Declared(loaded, item))
    if problems:
        raise SpecError(problems)
    if implementation is not None:
        declared = [item for item in declared if item.name == implementation]
        if not declared:
            where = f" of {chosen[0].model.id}" if recommendation is not None else ""
            raise RecbenchError(f"no third-party implementation {implementation!r}{where} is declared")
    return declared

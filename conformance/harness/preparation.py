"""Every check before a run, done once: ``prepare_run`` turns a Recommendation and an ICS into a ``PreparedRun``.

The CLI (``conform``, ``ics check``, ``check``), the pytest plugin and ``check_references`` all
go through it, and the runner takes its result without checking again. It refuses, with
located diagnostics, an ICS that does not fit the Recommendation, names what is not there, or
lists expected failures that cannot match, and a selection that matches nothing. Vector files
are parsed at most once per prepared run: the flags check and the run share the loaded sets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from conformance.errors import RecbenchError
from conformance.harness.expected_failures import ExpectedFailureList, expected_failures
from conformance.harness.ics import LoadedIcs
from conformance.harness.ics_check import check_ics, check_setup
from conformance.harness.selection import SetSelection, select_sets, selection_problems
from conformance.spec.diagnostics import Diagnostic, SpecError
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import VectorSetEntry
from conformance.spec.vectors import VectorSet, load_vector_set

VectorLoader = Callable[[VectorSetEntry, Path], VectorSet]


class SelectionError(RecbenchError):
    """The --select/--skip patterns cannot be what was meant (they match no set, or leave none)."""


@dataclass
class PreparedRun:
    """A Recommendation and an ICS that fit, the sets to run, and the expected failures, checked once."""

    loaded: LoadedRecommendation
    ics: LoadedIcs
    selection: SetSelection
    entries: list[VectorSetEntry]
    expected: ExpectedFailureList
    loader: VectorLoader = load_vector_set
    _sets: dict[str, VectorSet | SpecError] = field(default_factory=dict, repr=False)

    def vector_set(self, entry: VectorSetEntry) -> VectorSet:
        """The loaded set of ``entry``, read at most once; raise ``SpecError`` when it cannot be used."""
        found = self._sets.get(entry.id)
        if found is None:
            try:
                found = self.loader(entry, self.loaded.folder)
            except SpecError as error:
                found = error
            self._sets[entry.id] = found
        if isinstance(found, SpecError):
            raise found
        return found

    def release(self, set_id: str) -> None:
        """Forget a set once it has run (its vectors need not stay in memory)."""
        found = self._sets.get(set_id)
        if not isinstance(found, SpecError):
            self._sets.pop(set_id, None)

    def only(self, set_id: str) -> PreparedRun:
        """The same preparation for one of its sets (the pytest plugin runs one set per item)."""
        entries = [entry for entry in self.entries if entry.id == set_id]
        return PreparedRun(
            self.loaded, self.ics, SetSelection(select=(set_id,)), entries, self.expected, self.loader, self._sets)


def prepare_run(
    loaded: LoadedRecommendation,
    ics: LoadedIcs,
    selection: SetSelection | None = None,
    *,
    loader: VectorLoader | None = None,
) -> PreparedRun:
    """Check ``ics`` against ``loaded`` and this machine and choose the sets; ``SpecError`` lists every problem."""
    selection = selection or SetSelection()
    problems: list[Diagnostic] = []
    try:
        listed: ExpectedFailureList | None = expected_failures(ics)
    except SpecError as error:
        problems += error.diagnostics
        listed = None
    prepared = PreparedRun(
        loaded, ics, selection, select_sets(loaded.model.vector_sets, loaded.folder, selection),
        listed or ExpectedFailureList(), loader or load_vector_set,
    )
    problems += check_ics(ics, loaded, vector_sets=prepared.vector_set, listed=listed) + check_setup(ics)
    if problems:
        raise SpecError(problems)
    unmatched = selection_problems(loaded.model.vector_sets, selection)
    if unmatched:
        sets = ", ".join(entry.id for entry in loaded.model.vector_sets)
        raise SelectionError(f"{'; '.join(unmatched)} of {loaded.model.id} (its sets: {sets})")
    return prepared

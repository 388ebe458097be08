"""Expected-failure lists (after protobuf's conformance runner): known failures that keep CI green.

Entries name a vector (``set-id/test-id``) or a whole set (``set-id``). A listed vector that does
not pass is expected; one that passes, or a non-passing vector that is not listed, fails the run,
so the list can never go stale silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance.files import read_bounded
from conformance.harness.ics import VECTOR_REFERENCE, ExpectedFailure, LoadedIcs
from conformance.spec.diagnostics import Diagnostic, SpecError

MAX_LIST_BYTES = 4 * 1024 * 1024


@dataclass
class ExpectedFailureList:
    """Listed vectors by set, and sets listed whole."""

    vectors: dict[str, set[int]] = field(default_factory=dict)
    whole_sets: set[str] = field(default_factory=set)
    entries: list[str] = field(default_factory=list)

    def add(self, reference: str) -> None:
        """Add one ``set`` or ``set/id`` entry."""
        set_id, _, test = reference.partition("/")
        if test:
            self.vectors.setdefault(set_id, set()).add(int(test))
        else:
            self.whole_sets.add(set_id)
        self.entries.append(reference)

    def listed_in(self, set_id: str) -> set[int]:
        """Vector ids listed one by one in a set."""
        return self.vectors.get(set_id, set())


def expected_failures(ics: LoadedIcs) -> ExpectedFailureList:
    """The ICS's expected failures: its ``expected_failures`` entries and its ``expected_failures_file``."""
    found = ExpectedFailureList()
    for item in ics.model.expected_failures:
        found.add(item.vector if isinstance(item, ExpectedFailure) else item)
    if ics.model.expected_failures_file:
        for number, line in enumerate(_lines(ics), 1):
            entry = line.split("#", 1)[0].strip()
            if not entry:
                continue
            if not VECTOR_REFERENCE.match(entry):
                problem = f"{entry!r} is not 'set-id/test-id' or 'set-id'"
                path = ics.resolve(ics.model.expected_failures_file)
                raise SpecError([Diagnostic(path, number, 1, "RB701", problem)])
            found.add(entry)
    return found


def _lines(ics: LoadedIcs) -> list[str]:
    """The lines of the ICS's expected-failure file; a problem is located at the ICS field naming it."""
    written = ics.model.expected_failures_file
    path = ics.resolve(written)
    problem = None
    if not path.is_file():  # also refuses devices and pipes, whose reads need not end
        problem = "no such file" if not path.exists() else "not a regular file"
    else:
        try:
            return read_bounded(path, MAX_LIST_BYTES).decode("utf-8").splitlines()
        except SpecError as error:
            problem = error.diagnostics[0].message
        except UnicodeDecodeError:
            problem = "not UTF-8 text"
    message = f"expected_failures_file: {written} ({path}): {problem}"
    raise SpecError([ics.diagnostic(message, "expected_failures_file")])

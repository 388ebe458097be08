"""Verdicts after ISO/IEC 9646 and TTCN-3, and the rule that a verdict only gets worse."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Verdict(StrEnum):
    """The outcome of a vector, a vector set, a requirement or a run."""

    PASS = "pass"
    INCONCLUSIVE = "inconclusive"
    FAIL = "fail"
    ERROR = "error"
    NOT_APPLICABLE = "not-applicable"

    @property
    def rank(self) -> int:
        """Severity: not-applicable < pass < inconclusive < fail < error."""
        return _RANK[self]


_RANK = {
    Verdict.NOT_APPLICABLE: 0,
    Verdict.PASS: 1,
    Verdict.INCONCLUSIVE: 2,
    Verdict.FAIL: 3,
    Verdict.ERROR: 4,
}

NON_PASSING = frozenset({Verdict.INCONCLUSIVE, Verdict.FAIL, Verdict.ERROR})


@dataclass
class VerdictTally:
    """The worst verdict seen so far and the reason of the first one that reached it.

    Starts at not-applicable: a run or set in which nothing applied never passes by default.
    """

    verdict: Verdict = Verdict.NOT_APPLICABLE
    reason: str = ""

    def update(self, verdict: Verdict, reason: str = "") -> None:
        """Take ``verdict`` if it is strictly worse; an equal one keeps the earlier reason."""
        if verdict.rank > self.verdict.rank:
            self.verdict = verdict
            self.reason = reason


def worst(verdicts: Iterable[Verdict]) -> Verdict:
    """The worst of ``verdicts`` (not-applicable when there are none)."""
    tally = VerdictTally()
    for verdict in verdicts:
        tally.update(verdict)
    return tally.verdict

"""A verdict only gets worse, and the first worst reason is kept."""

from __future__ import annotations

from conformance.reports.verdicts import Verdict, VerdictTally, worst


def test_order_and_first_worst_reason() -> None:
    tally = VerdictTally()
    assert tally.verdict is Verdict.NOT_APPLICABLE
    for verdict, reason in [(Verdict.PASS, ""), (Verdict.FAIL, "first fail"), (Verdict.INCONCLUSIVE, "later"),
                            (Verdict.FAIL, "second fail"), (Verdict.PASS, "")]:
        tally.update(verdict, reason)
    assert (tally.verdict, tally.reason) == (Verdict.FAIL, "first fail")
    tally.update(Verdict.ERROR, "broken")
    assert (tally.verdict, tally.reason) == (Verdict.ERROR, "broken")
    assert worst([Verdict.PASS, Verdict.INCONCLUSIVE]) is Verdict.INCONCLUSIVE
    assert worst([]) is Verdict.NOT_APPLICABLE
    assert [v.rank for v in (Verdict.NOT_APPLICABLE, Verdict.PASS, Verdict.INCONCLUSIVE, Verdict.FAIL,
                             Verdict.ERROR)] == [0, 1, 2, 3, 4]

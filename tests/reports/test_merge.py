"""Merging the reports of shards."""

from __future__ import annotations

import pytest

from conformance.harness import RunOptions, SetSelection
from conformance.reports.merge import MergeError, merge_reports
from tests.harness.conftest import RunToy
from tests.harness.toy import python_adapter


def test_shards_merge_to_the_full_run(run_toy: RunToy) -> None:
    adapter = python_adapter("toy_impl:Faulty")
    whole = run_toy(adapter, expected_failures=["negate-basic/1"])
    shards = [run_toy(adapter, expected_failures=["negate-basic/1"],
                      run=RunOptions(selection=SetSelection(shard=(index, 3)))) for index in (3, 1, 2)]
    merged = merge_reports(shards)
    assert merged.complete and merged.selection.shard is None
    assert [s.id for s in merged.sets] == [s.id for s in whole.sets]
    assert (merged.verdict, merged.reason, merged.counts, merged.passed) == (
        whole.verdict, whole.reason, whole.counts, whole.passed)
    assert merged.requirements == whole.requirements
    assert merged.expected_failures.unexpected_passes == ["negate-basic/1"]
    assert not merge_reports(shards[:2]).complete


def test_refuses_reports_that_do_not_belong_together(run_toy: RunToy) -> None:
    first = run_toy(python_adapter(), run=RunOptions(selection=SetSelection(select=("negate-basic",))))
    other_ics = run_toy(python_adapter(), flags=["EmptyData"],
                        run=RunOptions(selection=SetSelection(select=("scale-basic",))))
    with pytest.raises(MergeError, match="differs from report 1 in its ICS"):
        merge_reports([first, other_ics])
    with pytest.raises(MergeError, match="'negate-basic' is in report 1 and report 2"):
        merge_reports([first, first])
    shard = run_toy(python_adapter(), run=RunOptions(selection=SetSelection(select=("scale-basic",), shard=(1, 1))))
    with pytest.raises(MergeError, match="some reports are shards"):
        merge_reports([first, shard])
    with pytest.raises(MergeError, match="no reports"):
        merge_reports([])


def test_a_shard_that_is_not_i_of_n_is_refused(run_toy: RunToy) -> None:
    shard = run_toy(python_adapter(), run=RunOptions(selection=SetSelection(shard=(1, 2))))
    edited = shard.model_copy(update={"selection": shard.selection.model_copy(update={"shard": "a/b"})})
    with pytest.raises(MergeError, match=r"shard\.json: shard 'a/b' is not I/N"):
        merge_reports([edited], names=["shard.json"])

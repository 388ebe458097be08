"""Atomic report writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.reports import recorder
from conformance.reports.recorder import write_atomically


def test_atomic_write_replaces_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "r.json"
    write_atomically(target, "one")
    write_atomically(target, "two")
    assert target.read_text() == "two"
    assert [path.name for path in target.parent.iterdir()] == ["r.json"]


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.json"
    write_atomically(target, "old")

    def broken(*arguments: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(recorder.os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, "new")
    assert target.read_text() == "old"
    assert [path.name for path in tmp_path.iterdir()] == ["r.json"]

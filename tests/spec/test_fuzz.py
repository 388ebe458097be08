"""A bounded, deterministic fuzz run of every loader (``nox -s fuzz`` runs the same driver longer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz_loaders import SEEDS, _load, run_in_process


@pytest.mark.parametrize("kind", sorted(SEEDS))
def test_every_seed_loads(kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each seed is valid, so mutations start from a file that reaches every stage of its loader."""
    monkeypatch.setenv("RECBENCH_CACHE_DIR", str(tmp_path / "cache"))
    _, data = SEEDS[kind]
    _load(kind, data, tmp_path)


def test_mutated_inputs_load_or_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECBENCH_CACHE_DIR", str(tmp_path / "cache"))
    findings = run_in_process(seed=20240131, count=270, folder=tmp_path)
    assert not findings, "\n\n".join(findings[:3])

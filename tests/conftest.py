"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test's caches out of the user's home (validated-file markers, databases)."""
    monkeypatch.setenv("RECBENCH_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def repository() -> Path:
    """The project's own repository root."""
    return REPOSITORY


from tests.fetching import file_server, own_cache  # noqa: E402,F401  (fetched payloads, served on 127.0.0.1)
from tests.mini_repository import mini  # noqa: E402,F401  (a fixture for every test folder)

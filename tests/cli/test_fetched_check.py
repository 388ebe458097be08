"""``recbench check`` over a repository whose set fetches its payload: an error until fetched, then a pass."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conformance.cli import app
from tests.cli.test_check import DOUBLER
from tests.fetching import FileServer, fetch_on_demand
from tests.mini_repository import MiniRepository


@pytest.mark.usefixtures("own_cache")
def test_check_errs_on_an_absent_payload_until_it_is_fetched(mini: MiniRepository, file_server: FileServer,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (mini.root / "impl" / "__init__.py").write_text(DOUBLER)
    file_server.files.update(fetch_on_demand(mini.yaml, "basic", [mini.folder / "vectors" / "data.bin"],
                                             file_server.url))
    monkeypatch.chdir(mini.root)
    monkeypatch.setenv("COLUMNS", "200")
    before = CliRunner().invoke(app, ["check", "--no-audit"])
    assert before.exit_code == 1, before.output
    assert "1 Recommendation linted: clean" in before.stdout  # lint needs no fetched file
    assert "check failed: conformance" in before.stdout
    assert file_server.requests == []  # check never downloads

    assert CliRunner().invoke(app, ["vectors", "fetch"]).exit_code == 0
    after = CliRunner().invoke(app, ["check", "--no-audit"])  # the failed run was not stored as an answer
    assert after.exit_code == 0, after.output
    assert "1 of 1 run passed" in after.stdout

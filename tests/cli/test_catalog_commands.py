"""list, show and check over a repository."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conformance.cli import app
from tests.mini_repository import MiniRepository

runner = CliRunner()


@pytest.fixture
def inside_mini(mini: MiniRepository, monkeypatch: pytest.MonkeyPatch) -> MiniRepository:
    monkeypatch.chdir(mini.root)
    monkeypatch.setenv("COLUMNS", "200")  # rich wraps tables to the terminal width
    return mini


def test_list_json(inside_mini: MiniRepository) -> None:
    result = runner.invoke(app, ["list", "--format", "json"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert row["id"] == "ITU-T X.999" and row["mandatory"] == 1 and row["vector_sets"] == 1


def test_list_table(inside_mini: MiniRepository) -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0 and "ITU-T X.999" in result.stdout


@pytest.mark.parametrize("identifier", ["ITU-T X.999", "X.999", "x999", "itu-t x.999"])
def test_show_finds_by_any_name(inside_mini: MiniRepository, identifier: str) -> None:
    result = runner.invoke(app, ["show", identifier])
    assert result.exit_code == 0, result.output
    assert "R1" in result.stdout and "basic" in result.stdout


def test_show_unknown_is_unusable(inside_mini: MiniRepository) -> None:
    result = runner.invoke(app, ["show", "G.999"])
    assert result.exit_code == 2 and "no Recommendation" in result.output


def test_show_json_round_trips(inside_mini: MiniRepository) -> None:
    result = runner.invoke(app, ["show", "X.999", "--format", "json"])
    assert json.loads(result.stdout)["requirements"][0]["id"] == "R1"


def test_outside_a_repository(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(str(tmp_path))
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 2 and "not inside a recbench repository" in result.output


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("recbench ")


def test_lint_list_rules() -> None:
    result = runner.invoke(app, ["lint", "--list-rules"])
    assert result.exit_code == 0 and "RB210" in result.stdout


def test_errors_print_user_text_verbatim(inside_mini: MiniRepository) -> None:
    result = runner.invoke(app, ["show", "[bold]G.999[/x]"])
    assert result.exit_code == 2
    assert "[bold]G.999[/x]" in result.output

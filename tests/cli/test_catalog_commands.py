"""list, show and check over a repository."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conformance.cli import app
from conformance.cli.common import console
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


def test_show_prints_what_the_json_holds(inside_mini: MiniRepository) -> None:
    """Options, interfaces, references and each set's vector count, in text as in JSON."""
    shown = runner.invoke(app, ["show", "X.999"])
    assert shown.exit_code == 0, shown.output
    text = shown.stdout
    for expected in ("Options", "wide", "Inputs above 100", "Interfaces", "double", "values: uint8[]",
                     "values: uint16[]", "References", "ITU-T X.999", "(in this catalogue)",
                     "1 vector sets, 3 vectors"):
        assert expected in text, expected
    row = next(line for line in text.splitlines() if line.startswith("│ basic "))
    assert [cell.strip() for cell in row.split("│")][2:4] == ["double", "3"]
    document = json.loads(runner.invoke(app, ["show", "X.999", "--format", "json"]).stdout)
    assert document["vector_counts"] == {"basic": 3}
    assert document["interfaces"][0]["name"] == "double" and document["options"][0]["id"] == "wide"


def test_show_names_a_vector_file_it_cannot_count(inside_mini: MiniRepository) -> None:
    inside_mini.vectors.write_text("{not json")
    shown = runner.invoke(app, ["show", "X.999"])
    assert shown.exit_code == 0 and "unreadable" in shown.stdout
    document = json.loads(runner.invoke(app, ["show", "X.999", "--format", "json"]).stdout)
    assert document["vector_counts"] == {"basic": None}


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


EVIL = r"\e]0;pwned\a\e[2J[bold red]loud[/] [/x]"  # YAML double-quoted escapes: OSC title, clear screen, markup


@pytest.fixture
def hostile(inside_mini: MiniRepository, monkeypatch: pytest.MonkeyPatch) -> MiniRepository:
    """The mini repository with terminal escapes and rich markup in every text a Recommendation holds."""
    # The console read COLUMNS when first imported, perhaps before inside_mini set it: wide enough
    # here that no table cell folds the texts looked for.
    monkeypatch.setattr(console, "_width", 240)
    inside_mini.edit("title: A Recommendation made up for tests",
                     f'title: "Title {EVIL}"\nsummary: "Summary {EVIL}"')
    inside_mini.edit("text: The doubler shall double its input.", f'text: "Requirement {EVIL}"')
    inside_mini.edit("{id: wide, text: Inputs above 100}", f'{{id: wide, text: "Option {EVIL}"}}')
    return inside_mini


@pytest.mark.parametrize("command", [["show", "X.999"], ["list"]])
def test_recommendation_text_reaches_the_terminal_inert(hostile: MiniRepository, command: list[str]) -> None:
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    output = result.stdout
    assert "\x1b" not in output and "\x07" not in output, "a terminal escape got through"
    assert "\\x1b]0;pwned\\x07\\x1b[2J" in output, "the escapes are not shown as written"
    assert "[bold red]" in output and "[/x]" in output, "markup was interpreted instead of shown"
    if command[0] == "show":
        for text in ("Title", "Summary", "Requirement", "Option"):
            assert f"{text} \\x1b]0;pwned" in output, text

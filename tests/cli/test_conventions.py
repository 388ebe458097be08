"""What every command shares: exit codes in its help, --format/--output spellings, table width."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from conformance.cli import app

ROOT = Path(__file__).resolve().parents[2]


def commands(group: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command below ``group`` with its words (typer carries its own click, so by duck typing)."""
    if hasattr(group, "commands"):
        for name, command in group.commands.items():
            yield from commands(command, (*path, name))
    else:
        yield path, group


def test_the_command_tree_is_walked() -> None:
    names = {" ".join(path) for path, _ in commands(typer.main.get_command(app))}
    assert {"check", "conform", "report merge", "deps audit", "deps db status", "vectors show"} <= names


def test_every_command_help_states_its_exit_codes() -> None:
    runner = CliRunner()
    missing = []
    for path, _ in commands(typer.main.get_command(app)):
        text = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "200"}).output
        if "Exit" not in text:
            missing.append(" ".join(path))
    assert not missing


def test_file_outputs_are_output_o_and_old_spellings_are_hidden() -> None:
    visible: dict[str, set[str]] = {}
    for path, command in commands(typer.main.get_command(app)):
        for parameter in command.params:
            if parameter.param_type_name == "option" and not parameter.hidden:
                visible[" ".join(path)] = visible.get(" ".join(path), set()) | set(parameter.opts)
    assert {"--output", "-o"} <= visible["report merge"] and "--json" not in visible["report merge"]
    assert {"--output", "-o"} <= visible["ics init"] and "--out" not in visible["ics init"]
    assert "--format" in visible["deps db status"] and "--json" not in visible["deps db status"]
    with_o = [name for name, options in visible.items() if "-o" in options and "--output" not in options]
    assert not with_o  # -o always means --output


def test_piped_tables_take_the_width_they_need() -> None:
    result = CliRunner().invoke(app, ["list", "--root", str(ROOT)], env={"COLUMNS": None})
    assert result.exit_code == 0
    line = next(line for line in result.output.splitlines() if "ITU-T X.667" in line)
    assert "Generation of universally unique identifiers" in line  # the long title, not cut into words
    narrow = CliRunner().invoke(app, ["--width", "60", "list", "--root", str(ROOT)], env={"COLUMNS": None})
    assert max(len(line) for line in narrow.output.splitlines()) <= 60
    # the width given to one command does not stick to the next one run in this process
    again = CliRunner().invoke(app, ["list", "--root", str(ROOT)], env={"COLUMNS": None})
    assert again.output == result.output

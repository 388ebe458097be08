"""The CLI reference is generated from the typer application: every command is on the page."""

from __future__ import annotations

import typer.main

from conformance.cli.app import app
from conformance.publish.cli_reference import cli_reference_page


def _commands(command: object, prefix: str) -> list[str]:
    found = [prefix]
    if hasattr(command, "list_commands"):
        context = command.context_class(command, info_name=prefix)  # type: ignore[attr-defined]
        for name in command.list_commands(context):
            found += _commands(command.get_command(context, name), f"{prefix} {name}")  # type: ignore[attr-defined]
    return found


def test_every_command_and_option_is_documented() -> None:
    command = typer.main.get_command(app)
    markdown = cli_reference_page(command).markdown
    names = _commands(command, "recbench")
    assert "recbench publish" in names and "recbench deps audit" in names
    for name in names:
        assert f"# {name.replace('-', '&#45;')}\n" in markdown, name
    assert "&#45;&#45;source&#45;url" in markdown

"""The one escaping of user text before rich prints it."""

from __future__ import annotations

from rich.console import Console

from conformance.cli.common import shown, visible


def test_visible_writes_control_characters_as_escapes() -> None:
    assert visible("a\x1b]0;t\x07b\x9bc\x7f") == "a\\x1b]0;t\\x07b\\x9bc\\x7f"
    assert visible("two\nlines\tand a tab") == "two\nlines\tand a tab"  # layout, not control
    assert visible(3) == "3"


def test_shown_prints_as_written_through_markup() -> None:
    console = Console(record=True, width=200, emoji=False)
    text = "[bold red]loud[/] [/x] \x1b[2J a \\[b] backslash"
    console.print(shown(text))
    assert console.export_text().rstrip("\n") == visible(text)

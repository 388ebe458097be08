"""What every command shares: consoles, escaping of user text, repository discovery, exit codes.

Text that comes from outside recbench (a Recommendation, an ICS, a report, a policy, an
implementation's answers, a file name) goes through ``shown`` before rich prints it with markup,
or ``visible`` when it is printed as plain text (``markup=False`` or a ``Text``): a terminal
escape in a title must not retitle or clear the terminal, and a ``[/x]`` in a policy key must be
shown, not parsed as a closing tag (a ``MarkupError`` would end the command as an internal error).
"""

from __future__ import annotations

import os
import re
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from conformance.spec.catalog import Catalog
    from conformance.spec.diagnostics import Diagnostic


class _Console(Console):
    """A console whose tables take the width they need when the output is not a terminal.

    Piped or redirected, rich would lay a table out in 80 columns, one word per line in a long
    title; a file has no width, so a table is as wide as its content (``--width`` or ``COLUMNS``
    still fix a width). Rules and plain text keep the console's width.
    """

    fixed_width = False  # set by --width

    def print(self, *objects: Any, **settings: Any) -> None:
        if len(objects) == 1 and "width" not in settings and self._sized_by_content():
            from rich.measure import Measurement
            from rich.table import Table

            if isinstance(objects[0], Table):
                needed = Measurement.get(self, self.options.update(width=10_000), objects[0]).maximum
                # rich clamps a print's width to the console's, so the console widens for this table
                saved = self._width
                self.width = max(self.width, needed)
                try:
                    super().print(*objects, **settings)
                finally:
                    self._width = saved
                return
        super().print(*objects, **settings)

    def _sized_by_content(self) -> bool:
        return not (self.is_terminal or self.fixed_width or os.environ.get("COLUMNS"))


# emoji=False: ':smile:' in a Recommendation's text is shown as written, like markup.
console = _Console(highlight=False, emoji=False)
errors = _Console(stderr=True, highlight=False, emoji=False)


def set_width(width: int | None) -> None:
    """``--width``: lay out all output (tables included) in ``width`` columns; None: the default again.

    Called on every invocation, so that a width given to one command never sticks to the next
    one run in the same process (the tests run many).
    """
    for each in (console, errors):
        each.width = width  # type: ignore[assignment]  # rich takes None as "measure again"
        each.fixed_width = width is not None


# C0 controls but tab and newline, DEL and the C1 controls (U+009B is a one-character CSI).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: object) -> str:
    """``text`` with every control character written as its escape (ESC as ``\\x1b``), for plain output."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match[0]):02x}", str(text))


def shown(text: object) -> str:
    """User-controlled ``text`` made printable with rich markup: control characters as escapes,
    markup escaped, so it is shown as written (a reason quoting '[/usr/bin/x]')."""
    return escape(visible(text))


class OutputFormat(StrEnum):
    """``--format`` of the commands that print text or JSON."""

    text = "text"
    json = "json"


class Exit(IntEnum):
    """Exit codes shared by every command."""

    OK = 0
    FINDINGS = 1
    UNUSABLE = 2


def audit_exit(policy_violated: bool) -> Exit:
    """The exit code of a dependency audit: findings when the policy was violated."""
    return Exit.FINDINGS if policy_violated else Exit.OK


def fail(message: str, code: Exit = Exit.UNUSABLE) -> NoReturn:
    """Print an error on stderr and leave with ``code``; the message is plain text, never markup,
    and may quote user text as it is (it is escaped here)."""
    errors.print(f"[bold red]error:[/] {shown(message)}", soft_wrap=True)
    raise typer.Exit(int(code))


def repository_root(root: Path | None) -> Path:
    """The repository to work on: ``--root`` or the nearest one above the working directory."""
    from conformance.spec.catalog import find_repository

    if root is not None:
        if not (root / "recommendations").is_dir():
            fail(f"{root}: no recommendations/ folder here")
        return root
    found = find_repository()
    if found is None:
        fail("not inside a recbench repository (no recommendations/ folder above here); pass --root")
    return found


def catalog_or_fail(root: Path) -> Catalog:
    """Load the catalogue; files that fail to load are printed, the rest still used."""
    from conformance.spec.catalog import load_catalog

    catalog = load_catalog(root)
    for diagnostic in catalog.failures:
        errors.print(visible(diagnostic.render()), markup=False, soft_wrap=True)
    return catalog


def render_diagnostics(diagnostics: list[Diagnostic]) -> None:
    """Print findings as ``file:line:col: CODE message`` lines on stdout."""
    for diagnostic in diagnostics:
        console.print(visible(diagnostic.render()), markup=False, soft_wrap=True)


RootOption = typer.Option(None, "--root", help="Repository root (default: found above the working directory).")

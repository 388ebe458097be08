"""What every command shares: consoles, repository discovery, exit codes."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from conformance.spec.catalog import Catalog, find_repository, load_catalog
from conformance.spec.diagnostics import Diagnostic

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)


class Exit(IntEnum):
    """Exit codes shared by every command."""

    OK = 0
    FINDINGS = 1
    UNUSABLE = 2


def fail(message: str, code: Exit = Exit.UNUSABLE) -> NoReturn:
    """Print an error on stderr and leave with ``code``; the message is plain text, never markup."""
    errors.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
    raise typer.Exit(int(code))


def repository_root(root: Path | None) -> Path:
    """The repository to work on: ``--root`` or the nearest one above the working directory."""
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
    catalog = load_catalog(root)
    for diagnostic in catalog.failures:
        errors.print(diagnostic.render(), markup=False, soft_wrap=True)
    return catalog


def render_diagnostics(diagnostics: list[Diagnostic]) -> None:
    """Print findings as ``file:line:col: CODE message`` lines on stdout."""
    for diagnostic in diagnostics:
        console.print(diagnostic.render(), markup=False, soft_wrap=True)


RootOption = typer.Option(None, "--root", help="Repository root (default: found above the working directory).")

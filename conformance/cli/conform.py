"""``recbench conform``, ``recbench ics``, ``recbench report``: placeholder until the harness lands."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the conformance commands to the top-level app."""

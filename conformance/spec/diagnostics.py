"""Findings about a Recommendation's files, located by file, line and column."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding: where it is, its rule code and a message an editor understands."""

    path: Path
    line: int
    column: int
    code: str
    message: str

    def render(self, base: Path | None = None) -> str:
        """Format as ``file:line:col: CODE message`` (path relative to ``base`` when possible)."""
        return f"{display_path(self.path, base)}:{self.line}:{self.column}: {self.code} {self.message}"


def display_path(path: Path, base: Path | None = None) -> str:
    """A path relative to ``base`` (default: the working directory) when it lies beneath it."""
    anchor = (base or Path.cwd()).resolve()
    try:
        return str(path.resolve().relative_to(anchor))
    except ValueError:
        return str(path)


class SpecError(Exception):
    """A file could not be used; carries the diagnostics that say why."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: Sequence[Diagnostic] = tuple(diagnostics)
        super().__init__("; ".join(item.render() for item in self.diagnostics))

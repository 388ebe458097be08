"""The one error base of the library: an input could not be used, and where it went wrong.

Every error the library raises for a user's input (a Recommendation, a vector file, an ICS, a
lock file, a policy, a report) is a ``RecbenchError``. It carries located diagnostics
(``file:line:col: CODE message``) when the input is a file, or just a message otherwise. The
command line prints them and chooses the exit code (2, unusable input); the library never does.
"""

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
    try:
        anchor = (base or Path.cwd()).resolve()
        return str(path.resolve().relative_to(anchor))
    except (ValueError, OSError, RuntimeError):  # outside, over-long, a symlink loop, NUL
        return str(path)


class RecbenchError(Exception):
    """An input could not be used; ``diagnostics`` say where and why (empty for a plain message)."""

    def __init__(self, diagnostics: Iterable[Diagnostic] | str) -> None:
        if isinstance(diagnostics, str):
            self.diagnostics: Sequence[Diagnostic] = ()
            message = diagnostics
        else:
            self.diagnostics = tuple(diagnostics)
            message = "; ".join(item.render() for item in self.diagnostics)
        super().__init__(message)

    @property
    def lines(self) -> list[str]:
        """What to show the user: one ``file:line:col: CODE message`` per diagnostic, or the message."""
        return [item.render() for item in self.diagnostics] or [str(self)]

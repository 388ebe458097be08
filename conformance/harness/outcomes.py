"""What an adapter brings back for one request: outputs, a rejection, or a breakage."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class Output:
    """The implementation answered with output values."""

    values: Any  # normally a mapping of output names to values; judged, not trusted


@dataclass(frozen=True, slots=True)
class Rejected:
    """The implementation refused the input (raised ValueError, answered 'rejected', ...)."""

    reason: str


@dataclass(frozen=True, slots=True)
class Broken:
    """The implementation or the way to it broke: crash, hang, protocol violation (verdict: error)."""

    reason: str


@dataclass(frozen=True, slots=True)
class Unsendable:
    """The input cannot be expressed to this adapter (e.g. out of range for a binary file format)."""

    reason: str


Outcome = Output | Rejected | Broken | Unsendable

NOT_RUN_DEADLINE = "not run: the run's time limit was reached"


@dataclass(frozen=True)
class AdapterIdentity:
    """What the adapter learnt about the implementation it drives: a child's hello line names it."""

    served_name: str | None = None
    served_version: str | None = None


class Adapter(Protocol):
    """Drives one implementation; ``call`` answers every request, never raises for the implementation's faults."""

    def open(self) -> AdapterIdentity:
        """Get ready (import, start a child); raise ``AdapterUnavailable`` when impossible."""
        ...

    def call(
        self, interface: str, requests: Sequence[Mapping[str, Any]], deadline: float | None
    ) -> list[Outcome]:
        """One outcome per request, in order; ``deadline`` is a ``time.monotonic()`` value or None."""
        ...

    def notes(self) -> list[str]:
        """Things worth a line in the report (restarts, a child's last stderr lines)."""
        ...

    def close(self) -> None:
        """Release everything (children are stopped, killed if they do not stop)."""
        ...


class AdapterUnavailable(Exception):
    """The implementation cannot be driven at all (module not importable, program not found...)."""

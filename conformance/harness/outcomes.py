"""What an adapter brings back for one request: outputs, a rejection, or a breakage."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from conformance.text import MAX_DEPTH, depth_exceeds, safe_text, safe_value


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
ANSWER_KEYS = ("output", "rejected", "error")


def outcome_of(answer: Any) -> Outcome:
    """The one rule turning a parsed answer (a process response, a command's JSON output file) into an outcome.

    An answer is a JSON object holding exactly one of ``output``, ``rejected``, ``error``, nested
    no deeper than ``MAX_DEPTH``; anything else is a protocol violation. Texts are made safe here
    (a lone surrogate cannot reach a report); output values are judged, and made safe later.
    """
    if not isinstance(answer, dict):
        return Broken("protocol violation: the answer is not a JSON object")
    if depth_exceeds(answer, MAX_DEPTH):  # before any str(): printing a deep value recurses
        return Broken(f"protocol violation: the answer nests deeper than {MAX_DEPTH} levels")
    present = [key for key in ANSWER_KEYS if key in answer]
    if len(present) != 1:
        held = f"holds {', '.join(present)}" if present else "holds none of output, rejected, error"
        return Broken(f"protocol violation: the answer {held}; exactly one of output, rejected, error is allowed")
    key = present[0]
    if key == "output":
        return Output(answer[key])
    text = outside_text(answer[key])
    return Rejected(text) if key == "rejected" else Broken(f"the implementation reported an error: {text}")


def outside_text(value: Any) -> str:
    """A text an implementation sent (normally a string), safe to keep; other values are shown shallowly."""
    return safe_text(value) if isinstance(value, str) else str(safe_value(value))


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

"""The ``process`` adapter: a long-lived child speaking the process protocol over stdin/stdout.

Requests are pipelined (up to ``max_in_flight`` unanswered). When the child dies, hangs past the
request timeout, writes a line that is not a response, answers an unknown id or a line longer
than the output cap, the request whose answer was due (the oldest in flight: a child works in
order) is judged an error, the child is killed and restarted, and the other requests in flight
are sent again to the new child. After ``max_restarts`` restarts the remaining requests are
errors. Nothing here waits without a deadline.
"""

from __future__ import annotations

import json
import os
import time
from collections import deque
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from conformance.harness.adapters.child import Child, describe_status, resolve_command
from conformance.harness.outcomes import (
    NOT_RUN_DEADLINE,
    AdapterIdentity,
    AdapterUnavailable,
    Broken,
    Outcome,
    outcome_of,
    outside_text,
)
from conformance.harness.protocol import check_hello
from conformance.harness.values import WIRE_ENCODER
from conformance.spec.adapter_settings import ProcessSettings

STOP_GRACE = 2.0  # seconds a child gets to exit after its input is closed


class _ChildFailure(Exception):
    """The current child cannot go on; the oldest request in flight takes the blame."""


class ProcessDriver:
    """Drives a child process over the NDJSON protocol, surviving every way a child can misbehave."""

    def __init__(self, settings: ProcessSettings, cwd: Path) -> None:
        self.settings = settings
        self.cwd = cwd
        self.env = {**os.environ, **settings.env}
        self.argv: list[str] = []
        self.child: Child | None = None
        self.hello: dict[str, Any] = {}
        self.next_id = 0
        self.restarts = 0
        self.gave_up: str | None = None
        self.buffer = bytearray()
        self._notes: list[str] = []
        self.stderr_total = 0

    # -- life cycle -------------------------------------------------------------------------

    def open(self) -> AdapterIdentity:
        self.argv = resolve_command(self.settings.command, self.cwd, self.env)
        if not self.cwd.is_dir():
            raise AdapterUnavailable(f"working folder {self.cwd} does not exist")
        self._start()
        served = self.hello.get("implementation") or {}
        name, version = served.get("name"), served.get("version")
        return AdapterIdentity(
            served_name=outside_text(name) if name is not None else None,
            served_version=outside_text(version) if version is not None else None,
        )

    def _start(self) -> None:
        """Start a child and read its hello line; raise AdapterUnavailable when it fails."""
        child = Child(self.argv, self.cwd, self.env)
        self.buffer.clear()
        limit = self.settings.timeouts.startup
        deadline = time.monotonic() + limit
        try:
            while b"\n" not in self.buffer:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AdapterUnavailable(f"no hello line within {limit:g} s (startup timeout)")
                child.wait_events(remaining)
                data = child.read()
                if data == b"":
                    status = child.exit_status(1.0)
                    raise AdapterUnavailable(
                        f"the child {describe_status(status)} before its hello line" + _tail(child))
                if data:
                    self.buffer += data
                    if len(self.buffer) > self.settings.max_output_bytes:
                        raise AdapterUnavailable("the hello line exceeds the output cap")
            line, _, rest = bytes(self.buffer).partition(b"\n")
            self.buffer = bytearray(rest)
            try:
                hello = json.loads(line)
            except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
                raise AdapterUnavailable(f"the first line is not a JSON hello: {_show(line)}") from None
            problem = check_hello(hello)
            if problem is not None:
                raise AdapterUnavailable(problem)
        except BaseException:
            self._bury(child)
            raise
        self.hello = hello
        self.child = child

    def _bury(self, child: Child) -> None:
        child.kill()
        self.stderr_total += child.tail.total

    def _restart(self, why: str) -> bool:
        """Start a fresh child after a failure; False (and ``gave_up`` set) when no more restarts are allowed."""
        if self.gave_up is not None:
            return False
        while self.restarts < self.settings.max_restarts:
            self.restarts += 1
            try:
                self._start()
                return True
            except AdapterUnavailable as error:
                why = str(error)
        self.gave_up = (
            f"not run: the child failed and was restarted {self.restarts} time{'s' if self.restarts != 1 else ''}, "
            f"the limit; last failure: {why}"
        )
        self._notes.append(self.gave_up)
        return False

    def _discard_child(self) -> None:
        self.buffer.clear()  # the rest of what the child wrote is of no use
        if self.child is not None:
            self._bury(self.child)
            self.child = None

    def close(self) -> None:
        if self.child is not None:
            child, self.child = self.child, None
            child.stop(STOP_GRACE)
            self.stderr_total += child.tail.total
            tail = child.tail.text()
            if tail:
                self._notes.append(f"child stderr (last lines): {tail}")
        if self.stderr_total > 1024 * 1024:
            self._notes.append(f"the children wrote {self.stderr_total} bytes on stderr")

    def notes(self) -> list[str]:
        notes = list(self._notes)
        if self.restarts:
            notes.insert(0, f"the child was restarted {self.restarts} time{'s' if self.restarts != 1 else ''}")
        return notes

    # -- requests ---------------------------------------------------------------------------

    def call(
        self, interface: str, requests: Sequence[Mapping[str, Any]], deadline: float | None
    ) -> list[Outcome]:
        outcomes: list[Outcome | None] = [None] * len(requests)
        served = self.hello.get("interfaces")
        if self.child is not None and isinstance(served, list) and interface not in served:
            return [Broken(f"the child does not serve interface {interface!r} (its hello lists {served})")] * len(
                requests)
        pending: deque[int] = deque(range(len(requests)))
        in_flight: dict[int, int] = {}  # request id -> index; insertion order is sending order
        outgoing = bytearray()
        prefix = b'{"id":%d,"interface":' + json.dumps(interface).encode() + b',"input":'
        encode = WIRE_ENCODER.encode
        window = self.settings.max_in_flight
        request_timeout = self.settings.timeouts.request
        cap = self.settings.max_output_bytes
        progress_at = time.monotonic()

        def blame(reason: str) -> None:
            """The oldest request in flight gets ``reason``; the rest go back to the queue."""
            if in_flight:
                indices = list(in_flight.values())
                outcomes[indices[0]] = Broken(reason)
                pending.extendleft(reversed(indices[1:]))
                in_flight.clear()
            else:
                self._notes.append(f"between requests: {reason}")
            outgoing.clear()
            self._discard_child()

        while pending or in_flight:
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                for index in [*in_flight.values(), *pending]:
                    outcomes[index] = Broken(NOT_RUN_DEADLINE)
                self._discard_child()
                break
            child = self.child
            if child is None:
                if not self._restart("the child was stopped"):
                    reason = self.gave_up or "the child could not be restarted"
                    for index in [*in_flight.values(), *pending]:
                        outcomes[index] = Broken(reason)
                    break
                child = self.child
                assert child is not None
                progress_at = time.monotonic()
                if not in_flight:
                    served = self.hello.get("interfaces")
                    if isinstance(served, list) and interface not in served:
                        for index in pending:
                            outcomes[index] = Broken(f"the restarted child does not serve {interface!r}")
                        break
            while pending and len(in_flight) < window:
                index = pending.popleft()
                try:
                    body = encode(requests[index])
                except (TypeError, ValueError) as problem:
                    outcomes[index] = Broken(f"the input cannot be sent as JSON: {problem}")
                    continue
                request_id = self.next_id
                self.next_id += 1
                if not in_flight:
                    progress_at = time.monotonic()
                in_flight[request_id] = index
                outgoing += prefix % request_id
                outgoing += body.encode()
                outgoing += b"}\n"
            if not in_flight:
                continue
            try:
                if outgoing:
                    written = child.write(outgoing)
                    if written < 0:
                        raise _ChildFailure(self._death_reason(child, "closed its input"))
                    del outgoing[:written]
                child.want_write(bool(outgoing))
                wait = progress_at + request_timeout - time.monotonic()
                if deadline is not None:
                    wait = min(wait, deadline - time.monotonic())
                if wait <= 0:
                    if time.monotonic() >= progress_at + request_timeout:
                        raise _ChildFailure(
                            f"no answer within {request_timeout:g} s (request timeout); the child was killed")
                    continue
                ready = child.wait_events(wait)
                if child.stdout not in ready:
                    continue
                data = child.read()
                if data is None:
                    continue
                if data == b"":
                    raise _ChildFailure(self._death_reason(child, "closed its output"))
                self.buffer += data
                if self._take_lines(in_flight, outcomes):
                    progress_at = time.monotonic()
                if len(self.buffer) > cap:
                    raise _ChildFailure(f"an answer is longer than the output cap of {cap} bytes; the child was killed")
            except _ChildFailure as failure:
                blame(str(failure))
        return [outcome if outcome is not None else Broken("no answer") for outcome in outcomes]

    def _take_lines(self, in_flight: dict[int, int], outcomes: list[Outcome | None]) -> bool:
        """Consume the complete lines in the buffer; True when at least one answered a request."""
        buffer = self.buffer
        end = buffer.rfind(b"\n")
        if end < 0:
            return False
        lines = [line for line in bytes(buffer[:end]).split(b"\n") if line.strip()]
        del buffer[:end + 1]
        try:  # one parse for every line that arrived: far cheaper than a call per line
            messages: list[Any] = json.loads(b"[" + b",".join(lines) + b"]")
        except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
            messages = []
        if len(messages) != len(lines):  # parsed one by one below, to find the culprit
            messages = [None] * len(lines)
        loads = json.loads
        answered = False
        for line, parsed in zip(lines, messages, strict=True):
            try:
                message = parsed if parsed is not None else loads(line)
                request_id = message["id"]
                index = in_flight.pop(request_id) if type(request_id) is int else None
            except (ValueError, TypeError, RecursionError):
                raise _ChildFailure(
                    f"protocol violation: a response line is not a JSON object: {_show(line)}") from None
            except KeyError:
                raise _ChildFailure(
                    f"protocol violation: response {_show(line)} has no id or an id that matches no request in flight"
                ) from None
            if index is None:
                raise _ChildFailure(f"protocol violation: response id {request_id!r} is not an integer")
            answered = True
            outcomes[index] = outcome_of(message)  # a bad answer costs its request; the child goes on
        return answered

    def _death_reason(self, child: Child, what: str) -> str:
        status = child.exit_status(1.0)
        if status is None:
            return f"the child {what} while still running" + _tail(child)
        return f"the child {describe_status(status)} before answering" + _tail(child)


def _tail(child: Child) -> str:
    text = child.tail.text(3)
    return f" (stderr: {text[-400:]})" if text else ""


def _show(line: bytes, limit: int = 80) -> str:
    text = line[:limit].decode("utf-8", "replace")
    return repr(text + ("…" if len(line) > limit else ""))

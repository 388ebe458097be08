"""The ``command`` adapter: run a file-based command line per vector (or per joined batch).

The command gets its input in a file and writes its output to another, named by the
``{input}`` and ``{output}`` placeholders. Files are JSON by default (``{"interface": ...,
"input": {...}}`` in, ``{"output": {...}}`` or ``{"rejected": "why"}`` out); interfaces listed
under ``files`` exchange one raw binary field instead, as codec tools such as the ITU-T G.191
STL demonstration programs do, with the other inputs passed as ``{NAME}`` placeholders.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import struct
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from conformance.harness.adapters.child import describe_status, resolve_command
from conformance.harness.outcomes import (
    NOT_RUN_DEADLINE,
    AdapterIdentity,
    AdapterUnavailable,
    Broken,
    Outcome,
    Output,
    Rejected,
    Unsendable,
)
from conformance.harness.values import as_bytes, to_wire
from conformance.spec.adapter_settings import BinaryFiles, CommandSettings
from conformance.spec.vectors import decode_payload

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_-]*)\}")
_PACK = {"int16le": "<{}h", "uint16le": "<{}H"}
TAIL_BYTES = 4096


def encode_binary(value: Any, binary_format: str) -> bytes | str:
    """``value`` in a binary file format, or why it cannot be."""
    if binary_format == "raw":
        data = as_bytes(value)
        return data if data is not None else "not a byte string"
    if not isinstance(value, list | tuple):
        return f"{type(value).__name__} is not an array"
    if binary_format == "uint8":
        try:
            return bytes(value)
        except (ValueError, TypeError):
            return "a value is outside 0..255"
    try:
        return struct.pack(_PACK[binary_format].format(len(value)), *value)
    except struct.error:
        return f"a value does not fit the {binary_format} format"


class CommandDriver:
    """Runs one command per request in a private temporary folder; every run has a time limit."""

    def __init__(self, settings: CommandSettings, cwd: Path) -> None:
        self.settings = settings
        self.cwd = cwd
        self.env = {**os.environ, **settings.env}
        self.argv: list[str] = []
        self.folder: tempfile.TemporaryDirectory[str] | None = None
        self.runs = 0
        self._notes: list[str] = []

    def open(self) -> AdapterIdentity:
        if not self.cwd.is_dir():
            raise AdapterUnavailable(f"working folder {self.cwd} does not exist")
        self.argv = resolve_command(self.settings.command, self.cwd, self.env)
        self.folder = tempfile.TemporaryDirectory(prefix="recbench-command-")
        return AdapterIdentity()

    def close(self) -> None:
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None

    def notes(self) -> list[str]:
        return list(self._notes)

    def call(
        self, interface: str, requests: Sequence[Mapping[str, Any]], deadline: float | None
    ) -> list[Outcome]:
        binary = self.settings.files.get(interface)
        return [self._one(interface, request, binary, deadline) for request in requests]

    def _one(
        self, interface: str, request: Mapping[str, Any], binary: BinaryFiles | None, deadline: float | None
    ) -> Outcome:
        if deadline is not None and time.monotonic() >= deadline:
            return Broken(NOT_RUN_DEADLINE)
        assert self.folder is not None, "open() first"
        self.runs += 1
        input_path = Path(self.folder.name) / f"input-{self.runs}"
        output_path = Path(self.folder.name) / f"output-{self.runs}"
        try:
            if binary is None:
                input_path.write_text(to_wire({"interface": interface, "input": request}), encoding="utf-8")
            else:
                data = encode_binary(request.get(binary.input), binary.input_format)
                if isinstance(data, str):
                    return Unsendable(f"input {binary.input!r} cannot be written as {binary.input_format}: {data}")
                input_path.write_bytes(data)
            words = {"input": str(input_path), "output": str(output_path), "interface": interface}
            try:
                argv = [self.argv[0], *(self._substitute(arg, words, request) for arg in self.argv[1:])]
            except KeyError as missing:
                return Broken(
                    f"the command uses the placeholder {{{missing.args[0]}}}, which {interface!r} does not provide")
            return self._run(argv, output_path, binary, deadline)
        finally:
            for path in (input_path, output_path):
                with contextlib.suppress(OSError):
                    path.unlink()

    def _substitute(self, argument: str, words: Mapping[str, str], request: Mapping[str, Any]) -> str:
        def replace(match: re.Match[str]) -> str:
            name = match[1]
            if name in words:
                return words[name]
            value = request[name]
            if isinstance(value, list | tuple | dict | bytes):
                raise KeyError(name)
            text = str(value).lower() if isinstance(value, bool) else str(value)
            return self.settings.arguments.get(name, {}).get(text, text)

        return PLACEHOLDER.sub(replace, argument)

    def _run(self, argv: list[str], output_path: Path, binary: BinaryFiles | None, deadline: float | None) -> Outcome:
        limit = self.settings.timeouts.request
        if deadline is not None:
            limit = min(limit, max(0.0, deadline - time.monotonic()))
        assert self.folder is not None
        log_path = Path(self.folder.name) / f"log-{self.runs}"
        with log_path.open("w+b") as log:
            try:
                process = subprocess.Popen(
                    argv, cwd=self.cwd, env=self.env, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                    start_new_session=True, close_fds=True,
                )
            except (OSError, ValueError) as error:  # ValueError: an argument the OS refuses (a NUL in an input)
                return Broken(f"cannot start {argv[0]!r}: {getattr(error, 'strerror', None) or error}")
            try:
                status = process.wait(timeout=limit)
            except subprocess.TimeoutExpired:
                _kill_group(process)
                return Broken(f"no result within {limit:g} s (request timeout); the command was killed")
            finally:
                _kill_group(process)  # leftovers of the group, if any
            log.seek(max(0, log.seek(0, os.SEEK_END) - TAIL_BYTES))
            tail = log.read().decode("utf-8", "replace").strip().splitlines()
        with contextlib.suppress(OSError):
            log_path.unlink()
        said = f" (output: {' | '.join(tail[-3:])[-400:]})" if tail else ""
        if status != 0:
            if status in self.settings.rejected_exit_status:
                return Rejected(f"exit status {status}" + said)
            return Broken(f"the command {describe_status(status)}" + said)
        try:
            size = output_path.stat().st_size
        except OSError:
            return Broken("the command exited with status 0 without writing its output file" + said)
        if size > self.settings.max_output_bytes:
            return Broken(f"the output file has {size} bytes, over the cap of {self.settings.max_output_bytes}")
        data = output_path.read_bytes()
        if binary is not None:
            try:
                return Output({binary.output: decode_payload(data, binary.output_format)})
            except ValueError as problem:
                return Broken(f"the output file is not {binary.output_format}: {problem}")
        return _json_answer(data)


def _json_answer(data: bytes) -> Outcome:
    try:
        answer = json.loads(data)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
        return Broken(f"the output file is not JSON: {data[:80]!r}")
    if isinstance(answer, dict):
        if "output" in answer:
            return Output(answer["output"])
        if "rejected" in answer:
            return Rejected(str(answer["rejected"]))
        if "error" in answer:
            return Broken(f"the implementation reported an error: {answer['error']}")
    return Broken("the output file holds none of output, rejected or error")


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired, OSError):
        process.wait(timeout=5)

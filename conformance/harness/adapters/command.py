"""The ``command`` adapter: run a file-based command line per vector (or per joined batch).

The command gets its input in a file and writes its output to another, named by the
``{input}`` and ``{output}`` placeholders. Files are JSON by default (``{"interface": ...,
"input": {...}}`` in, ``{"output": {...}}`` or ``{"rejected": "why"}`` out); interfaces listed
under ``files`` exchange one raw binary field instead, as codec tools such as the ITU-T G.191
STL demonstration programs do, with the other inputs passed as ``{NAME}`` placeholders.
``command`` may give each interface its own line, and ``arguments`` may turn the interface's
name into the tool's own word (``{interface: {encode: lilo}}``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import struct
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from conformance.files import UnreadableFile, read_bounded
from conformance.harness.adapters.child import STDERR_TAIL_BYTES, Child, describe_status, resolve_command
from conformance.harness.outcomes import (
    NOT_RUN_DEADLINE,
    AdapterIdentity,
    AdapterUnavailable,
    Broken,
    Outcome,
    Output,
    Rejected,
    Unsendable,
    outcome_of,
)
from conformance.harness.values import as_bytes, to_wire
from conformance.spec.adapter_settings import BinaryFiles, CommandSettings
from conformance.spec.vectors import decode_payload

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_-]*)\}")
FILE_WORDS = ("input", "output", "interface")  # placeholders recbench fills, whatever the interface
COMMAND_LINE_TYPES = frozenset({"int", "bool", "string", "enum", "float"})  # inputs a placeholder can hold
_PACK = {"int16le": "<{}h", "uint16le": "<{}H"}
DRAIN_GRACE = 1.0  # seconds to read what is left once the command and its helpers were killed


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
    """Runs one command per request, each in a fresh private folder and with a time limit.

    A command may do anything to its folder (leave a folder or a FIFO as its output, delete the
    folder, even the temporary root holding it): the next run gets a new folder, made on demand.
    Its stdout and stderr share one pipe drained while it runs; only their tail is kept.
    """

    def __init__(self, settings: CommandSettings, cwd: Path) -> None:
        self.settings = settings
        self.cwd = cwd
        self.env = {**os.environ, **settings.env}
        self.argv: dict[str | None, list[str]] = {}  # by interface; None: the line serving every interface
        self.root: Path | None = None
        self.roots: list[Path] = []  # every temporary root made, removed by close()
        self.runs = 0
        self.flooded = 0  # runs that wrote more on stdout and stderr than their tail keeps
        self.most_written = 0

    def open(self) -> AdapterIdentity:
        if not self.cwd.is_dir():
            raise AdapterUnavailable(f"working folder {self.cwd} does not exist")
        self.argv = {interface: resolve_command(line, self.cwd, self.env)
                     for interface, line in self.settings.command_lines().items()}
        self._new_root()
        return AdapterIdentity()

    def close(self) -> None:
        roots, self.roots, self.root = self.roots, [], None
        for root in roots:
            _remove(root)

    def notes(self) -> list[str]:
        if not self.flooded:
            return []
        runs = f"{self.flooded} command run{'s' if self.flooded != 1 else ''}"
        return [f"{runs} wrote more than {STDERR_TAIL_BYTES} bytes on stdout and stderr (the most: "
                f"{self.most_written} bytes); only the last {STDERR_TAIL_BYTES} bytes of each were kept"]

    def call(
        self, interface: str, requests: Sequence[Mapping[str, Any]], deadline: float | None
    ) -> list[Outcome]:
        binary = self.settings.files.get(interface)
        return [self._one(interface, request, binary, deadline) for request in requests]

    def _new_root(self) -> Path:
        self.root = Path(tempfile.mkdtemp(prefix="recbench-command-"))
        self.roots.append(self.root)
        return self.root

    def _run_folder(self) -> Path:
        """A fresh folder for one run; the temporary root is made again when a command removed it."""
        root = self.root
        if root is None or not _is_folder(root):
            root = self._new_root()
        try:
            return Path(tempfile.mkdtemp(prefix="run-", dir=root))
        except OSError:  # removed in between, or made unusable: a new root
            return Path(tempfile.mkdtemp(prefix="run-", dir=self._new_root()))

    def _one(
        self, interface: str, request: Mapping[str, Any], binary: BinaryFiles | None, deadline: float | None
    ) -> Outcome:
        if deadline is not None and time.monotonic() >= deadline:
            return Broken(NOT_RUN_DEADLINE)
        self.runs += 1
        try:
            folder = self._run_folder()
        except OSError as error:
            return Broken(f"cannot make a temporary folder for the command: {error.strerror or error}")
        input_path = folder / "input"
        output_path = folder / "output"
        try:
            if binary is None:
                input_path.write_text(to_wire({"interface": interface, "input": request}), encoding="utf-8")
            else:
                data = encode_binary(request.get(binary.input), binary.input_format)
                if isinstance(data, str):
                    return Unsendable(f"input {binary.input!r} cannot be written as {binary.input_format}: {data}")
                input_path.write_bytes(data)
            line = self.argv.get(interface, self.argv.get(None))
            if line is None:
                return Broken(f"adapter.command has no command line for the interface {interface!r}")
            words = {"input": str(input_path), "output": str(output_path),
                     "interface": self.settings.word("interface", interface)}
            try:
                argv = [line[0], *(self._substitute(arg, words, request) for arg in line[1:])]
            except KeyError as missing:
                return Broken(
                    f"the command uses the placeholder {{{missing.args[0]}}}, which {interface!r} does not provide")
            return self._run(argv, output_path, binary, deadline)
        except OSError as error:  # the folder was taken away under us, a full disk...
            return Broken(f"cannot pass the files to the command: {error.strerror or error}")
        finally:
            _remove(folder)  # whatever the command left there, a folder or a link included (never followed)

    def _substitute(self, argument: str, words: Mapping[str, str], request: Mapping[str, Any]) -> str:
        def replace(match: re.Match[str]) -> str:
            name = match[1]
            if name in words:
                return words[name]
            value = request[name]
            if isinstance(value, list | tuple | dict | bytes):
                raise KeyError(name)
            text = str(value).lower() if isinstance(value, bool) else str(value)
            return self.settings.word(name, text)

        return PLACEHOLDER.sub(replace, argument)

    def _run(self, argv: list[str], output_path: Path, binary: BinaryFiles | None, deadline: float | None) -> Outcome:
        limit = self.settings.timeouts.request
        if deadline is not None:
            limit = min(limit, max(0.0, deadline - time.monotonic()))
        try:
            child = Child(argv, self.cwd, self.env, interactive=False)
        except AdapterUnavailable as error:
            return Broken(str(error))
        try:
            status = child.wait_exit(time.monotonic() + limit)
        finally:
            child.kill(drain=DRAIN_GRACE)  # and whatever it left running, even outside its session
        written = child.tail.total
        if written > child.tail.limit:
            self.flooded += 1
            self.most_written = max(self.most_written, written)
        text = child.tail.text(3)[-400:]
        said = f" (output: {text})" if text else ""
        if status is None:
            return Broken(f"no result within {limit:g} s (request timeout); the command was killed" + said)
        if status != 0:
            if status in self.settings.rejected_exit_status:
                return Rejected(f"exit status {status}" + said)
            return Broken(f"the command {describe_status(status)}" + said)
        try:
            data = read_bounded(output_path, self.settings.max_output_bytes, follow_symlinks=False)
        except UnreadableFile as problem:
            if not os.path.lexists(output_path):
                return Broken("the command exited with status 0 without writing its output file" + said)
            return Broken(f"the output file was refused: it {problem.reason.removeprefix('file ')}")
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
    return outcome_of(answer)


def _is_folder(path: Path) -> bool:
    """True for a real folder (a link to one is not ours)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _remove(path: Path) -> None:
    """Remove ``path`` and what it holds without following links; what cannot be removed stays."""
    try:
        if _is_folder(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except (OSError, RecursionError):  # RecursionError: a tree nested deeper than rmtree recurses
        pass

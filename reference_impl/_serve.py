"""Child side of the recbench process protocol (docs/process-protocol.md), for Python implementations.

``serve(implementation, name=..., version=...)`` answers protocol requests on stdin/stdout
until end of input: any object the ``python`` adapter could call in-process can serve itself as
a child instead (``python -m reference_impl.g711 serve``). ``answer_files`` does the same for one
request held in a JSON file (the ``command`` adapter's file format). Run as a program, this
module serves any ``module:attribute`` target::

    python -m reference_impl._serve package.module:Codec [--path DIR] [--bytes IFACE.FIELD]
                                    [--name NAME] [--version VERSION] [--files INPUT OUTPUT]
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any

PROTOCOL = "recbench-process/1"
READ_BLOCK = 1 << 16


def _interfaces(implementation: object) -> list[str]:
    return sorted(
        name
        for name in dir(implementation)
        if not name.startswith("_") and callable(getattr(implementation, name))
    )


def _wire(value: Any) -> Any:
    """json hook: bytes as hex; array-likes (e.g. numpy arrays) as lists."""
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, Iterable) and not isinstance(value, str | Mapping):
        return list(value)
    raise TypeError(f"{type(value).__name__} cannot be written as JSON")


_ENCODE = json.JSONEncoder(separators=(",", ":"), default=_wire).encode


class _Responder:
    """Turns one request (parsed JSON) into one response object."""

    def __init__(self, implementation: object, bytes_inputs: Mapping[str, Iterable[str]] | None) -> None:
        self.implementation = implementation
        self.interfaces = _interfaces(implementation)
        self.binary = {name: frozenset(fields) for name, fields in (bytes_inputs or {}).items()}
        self.methods: dict[str, Callable[..., Any]] = {}

    def answer(self, request: Any) -> dict[str, Any]:
        request_id = request.get("id") if isinstance(request, dict) else None
        try:
            if not isinstance(request, dict):
                raise TypeError("a request must be a JSON object")
            interface = request["interface"]
            method = self.methods.get(interface)
            if method is None:
                if interface not in self.interfaces:
                    raise LookupError(f"interface {interface!r} is not served")
                method = self.methods[interface] = getattr(self.implementation, interface)
            arguments = request.get("input", {})
            if not isinstance(arguments, dict):
                raise TypeError("'input' must be a JSON object")
            for field in self.binary.get(interface, ()):
                if isinstance(arguments.get(field), str):
                    arguments[field] = bytes.fromhex(arguments[field])
            try:
                output = method(**arguments)
            except ValueError as rejection:
                return {"id": request_id, "rejected": str(rejection) or type(rejection).__name__}
            return {"id": request_id, "output": output}
        except Exception as failure:  # an error answer keeps the harness going
            return {"id": request_id, "error": f"{type(failure).__name__}: {failure}"}

    def answer_lines(self, lines: list[bytes]) -> bytes:
        """The response lines for request lines that arrived together (parsed in one go when possible)."""
        try:
            requests: list[Any] = json.loads(b"[" + b",".join(lines) + b"]")
        except (ValueError, RecursionError):
            requests = []
        if len(requests) != len(lines):
            return b"".join(self.answer_line(line) for line in lines)
        return b"".join(self._encoded(self.answer(request)) for request in requests)

    def answer_line(self, line: bytes) -> bytes:
        try:
            request = json.loads(line)
        except (ValueError, RecursionError) as failure:
            response: dict[str, Any] = {"id": None, "error": f"request is not JSON: {failure}"}
        else:
            response = self.answer(request)
        return self._encoded(response)

    def _encoded(self, response: dict[str, Any]) -> bytes:
        try:
            text = _ENCODE(response)
        except (TypeError, ValueError) as failure:
            text = _ENCODE({"id": response.get("id"), "error": f"the output cannot be encoded: {failure}"})
        return text.encode() + b"\n"


def serve(
    implementation: object,
    *,
    name: str,
    version: str,
    bytes_inputs: Mapping[str, Iterable[str]] | None = None,
    stdin: IO[Any] | None = None,
    stdout: IO[Any] | None = None,
) -> int:
    """Answer protocol requests until end of input; return the process exit status.

    ``bytes_inputs`` names, per interface, the inputs that arrive as hex and are passed as bytes.
    Requests may be pipelined: everything already received is answered before the next read, and
    the answers are written together. While serving, ``print`` output goes to stderr so that it
    cannot corrupt the protocol stream.
    """
    source = stdin if stdin is not None else sys.stdin
    sink = stdout if stdout is not None else sys.stdout
    reader = getattr(source, "buffer", source)
    writer = getattr(sink, "buffer", sink)
    read = getattr(reader, "read1", None) or reader.read
    responder = _Responder(implementation, bytes_inputs)
    hello = {"protocol": PROTOCOL, "implementation": {"name": name, "version": version},
             "interfaces": responder.interfaces}
    saved_stdout = sys.stdout
    if stdout is None:
        sys.stdout = sys.stderr  # stray prints of the implementation must not reach the protocol
    try:
        _write(writer, (json.dumps(hello) + "\n").encode())
        pending = b""
        while True:
            chunk = read(READ_BLOCK)
            if not chunk:
                break
            if isinstance(chunk, str):
                chunk = chunk.encode()
            pending += chunk
            if b"\n" not in chunk:
                continue
            *lines, pending = pending.split(b"\n")
            answers = responder.answer_lines([line for line in lines if line.strip()])
            if answers:
                _write(writer, answers)
        if pending.strip():
            _write(writer, responder.answer_line(pending))
    except BrokenPipeError:  # the harness went away; nothing left to answer
        return 0
    finally:
        sys.stdout = saved_stdout
    return 0


def _write(writer: IO[Any], data: bytes) -> None:
    try:
        writer.write(data)
    except TypeError:  # a text stream (tests)
        writer.write(data.decode())
    writer.flush()


def answer_files(
    implementation: object,
    input_path: Path,
    output_path: Path,
    *,
    bytes_inputs: Mapping[str, Iterable[str]] | None = None,
) -> int:
    """Answer the request in ``input_path`` (``{"interface", "input"}``) into ``output_path``."""
    responder = _Responder(implementation, bytes_inputs)
    try:
        request = json.loads(input_path.read_bytes())
    except (OSError, ValueError) as failure:
        response: dict[str, Any] = {"error": f"cannot read the request: {failure}"}
    else:
        response = responder.answer(request)
    response.pop("id", None)
    output_path.write_text(_ENCODE(response), encoding="utf-8")
    return 0


def load_target(target: str) -> object:
    """The object 'module:attribute' names, instantiated when it is a class."""
    module_name, _, attribute = target.partition(":")
    found: Any = importlib.import_module(module_name)
    for part in attribute.split("."):
        found = getattr(found, part)
    return found() if isinstance(found, type) else found


def main(argv: list[str] | None = None) -> int:
    """Serve a ``module:attribute`` target over the process protocol (or answer one file request)."""
    parser = argparse.ArgumentParser(prog="python -m reference_impl._serve", description=main.__doc__)
    parser.add_argument("target", help="module:attribute naming a class or an object")
    parser.add_argument("--path", action="append", default=[], help="folder to put on the import path")
    parser.add_argument("--bytes", action="append", default=[], metavar="IFACE.FIELD",
                        help="an input passed as bytes (arrives as hex)")
    parser.add_argument("--name", help="implementation name for the hello line (default: the target)")
    parser.add_argument("--version", default="unknown", help="implementation version for the hello line")
    parser.add_argument("--files", nargs=2, metavar=("INPUT", "OUTPUT"), help="answer one request file")
    options = parser.parse_args(argv)
    for folder in reversed(options.path):
        sys.path.insert(0, folder)
    binary: dict[str, set[str]] = {}
    for item in options.bytes:
        interface, _, field = item.partition(".")
        binary.setdefault(interface, set()).add(field)
    try:
        implementation = load_target(options.target)
    except Exception as failure:
        sys.stderr.write(f"cannot load {options.target!r}: {type(failure).__name__}: {failure}\n")
        return 2
    if options.files:
        return answer_files(implementation, Path(options.files[0]), Path(options.files[1]), bytes_inputs=binary)
    return serve(implementation, name=options.name or options.target, version=options.version, bytes_inputs=binary)


if __name__ == "__main__":
    sys.exit(main())

"""Child side of the recbench process protocol (NDJSON over stdin/stdout), for the references.

The protocol is specified in docs/process-protocol.md. This module lets any object that the
``python`` adapter could call in-process serve itself as a child process instead.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import IO, Any

PROTOCOL = "recbench-process/1"


def _interfaces(implementation: object) -> list[str]:
    return sorted(
        name for name in dir(implementation) if not name.startswith("_") and callable(getattr(implementation, name))
    )


def _to_json(value: Any) -> Any:
    if isinstance(value, bytes | bytearray):
        return bytes(value).hex()
    if isinstance(value, Mapping):
        return {key: _to_json(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return list(value)
    return value


def serve(
    implementation: object,
    *,
    name: str,
    version: str,
    bytes_inputs: Mapping[str, set[str]] | None = None,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
) -> int:
    """Answer protocol requests until end of input; return the process exit status."""
    reader = stdin or sys.stdin
    writer = stdout or sys.stdout
    binary = bytes_inputs or {}
    interfaces = _interfaces(implementation)
    hello = {"protocol": PROTOCOL, "implementation": {"name": name, "version": version}, "interfaces": interfaces}
    writer.write(json.dumps(hello) + "\n")
    writer.flush()
    for line in reader:
        if not line.strip():
            continue
        request_id: Any = None
        try:
            request = json.loads(line)
            request_id = request["id"]
            interface = request["interface"]
            if interface not in interfaces:
                raise LookupError(f"interface {interface!r} is not served")
            arguments = dict(request.get("input", {}))
            for field in binary.get(interface, ()):
                if isinstance(arguments.get(field), str):
                    arguments[field] = bytes.fromhex(arguments[field])
            try:
                output = getattr(implementation, interface)(**arguments)
                response = {"id": request_id, "output": _to_json(output)}
            except ValueError as rejection:
                response = {"id": request_id, "rejected": str(rejection)}
        except Exception as failure:  # an error answer keeps the harness going
            response = {"id": request_id, "error": f"{type(failure).__name__}: {failure}"}
        writer.write(json.dumps(response) + "\n")
        writer.flush()
    return 0

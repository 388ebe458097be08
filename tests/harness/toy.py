"""A toy Recommendation (ITU-T Z.999) exercising every part of the harness, built in a temporary folder.

Three interfaces: ``negate`` (int16 arrays, joinable), ``checksum`` (bytes and an enum, not
joinable, with an acceptable and an invalid vector) and ``scale`` (floats with a tolerance,
joinable). Requirement Z-R4 has no vectors (untested); Z-R5 is verified by inspection.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import struct
import sys
import time
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent / "fixtures"

RECOMMENDATION = """\
# yaml-language-server: $schema=../schema/recommendation.schema.json
id: ITU-T Z.999
title: A toy Recommendation for harness tests
edition: 2024-05-01
status: approved
study_group: 17
requirements:
  - {id: Z-R1, clause: "1", level: shall, text: Negation shall be exact.}
  - {id: Z-R2, clause: "2", level: shall, text: Checksums shall be exact.}
  - {id: Z-R3, clause: "3", level: should, text: Scaling should be accurate.}
  - {id: Z-R4, clause: "4", level: shall, text: Nothing tests this yet.}
  - {id: Z-R5, clause: "5", level: may, verification: inspection, text: Checked by reading.}
options:
  - {id: base, text: Negation}
  - {id: checksums, text: Checksums}
  - {id: floats, text: Scaling}
interfaces:
  - name: negate
    batch: concatenate
    inputs: {values: {type: "int16[]"}}
    outputs: {values: {type: "int16[]"}}
  - name: checksum
    inputs: {data: {type: bytes}, mode: {type: enum, values: [sum, xor]}}
    outputs: {value: {type: int}}
  - name: scale
    batch: concatenate
    inputs: {values: {type: "float[]"}, factor: {type: float}}
    outputs: {values: {type: "float[]", tolerance: {abs: 1.0e-6}}}
vector_sets:
"""

SETS = {
    "negate-basic": ("negate", ["Z-R1"], ["base"]),
    "negate-payload": ("negate", ["Z-R1"], ["base"]),
    "checksum-basic": ("checksum", ["Z-R2"], ["checksums"]),
    "scale-basic": ("scale", ["Z-R3"], ["floats"]),
}

TRIGGER = 13  # chaos children misbehave on a request containing it


def negate_tests() -> list[dict[str, Any]]:
    tests: list[dict[str, Any]] = [
        {"id": 1, "input": {"values": [1, 2, 3]}, "expected": {"values": [-1, -2, -3]}},
        {"id": 2, "input": {"values": [0]}, "expected": {"values": [0]}},
        {"id": 3, "input": {"values": [7]}, "expected": {"values": [-7]}},
        {"id": 4, "input": {"values": [TRIGGER]}, "expected": {"values": [-TRIGGER]}},
        {"id": 5, "input": {"values": [-32767]}, "expected": {"values": [32767]}},
        {"id": 6, "input": {"values": []}, "expected": {"values": []}},
    ]
    tests += [{"id": 10 + n, "input": {"values": [n, n + 1]}, "expected": {"values": [-n, -n - 1]}}
              for n in range(20, 50)]
    tests.append({"id": 100, "comment": "negation overflows", "input": {"values": [-32768]}, "result": "invalid"})
    return tests


def _payload(folder: Path, name: str, values: list[int]) -> dict[str, str]:
    data = struct.pack(f"<{len(values)}h", *values)
    (folder / name).write_bytes(data)
    return {"file": name, "format": "int16le", "sha256": hashlib.sha256(data).hexdigest()}


def _vector_file(set_id: str, interface: str, groups: list[dict[str, Any]], notes: dict[str, str]) -> dict[str, Any]:
    return {
        "schema": "recbench-vectors/1", "recommendation": "ITU-T Z.999", "vectorSet": set_id,
        "interface": interface, "header": [f"toy {set_id}"], "notes": notes,
        "numberOfTests": sum(len(group["tests"]) for group in groups), "groups": groups,
    }


def build_toy(root: Path) -> Path:
    """Write the toy repository under ``root``; returns the Recommendation's folder."""
    folder = root / "recommendations" / "z999"
    vectors = folder / "vectors"
    vectors.mkdir(parents=True)
    payload_in = _payload(vectors, "ramp.bin", list(range(1, 101)))
    payload_out = _payload(vectors, "ramp-negated.bin", [-n for n in range(1, 101)])
    files = {
        "negate-basic": _vector_file("negate-basic", "negate", [{"parameters": {}, "tests": negate_tests()}], {}),
        "negate-payload": _vector_file("negate-payload", "negate", [{"tests": [
            {"id": 1, "input": {"values": payload_in}, "expected": {"values": payload_out}}]}], {}),
        "checksum-basic": _vector_file("checksum-basic", "checksum", [
            {"parameters": {"mode": "sum"}, "tests": [
                {"id": 1, "input": {"data": "010203"}, "expected": {"value": 6}},
                {"id": 2, "input": {"data": "ff01"}, "expected": {"value": 256}},
                {"id": 10, "comment": "empty data", "input": {"data": ""}, "expected": {"value": 0},
                 "result": "acceptable", "flags": ["EmptyData"]},
                {"id": 11, "comment": "too long", "input": {"data": "00" * 17}, "result": "invalid"},
            ]},
            {"parameters": {"mode": "xor"}, "tests": [
                {"id": 3, "input": {"data": "0102"}, "expected": {"value": 3}},
            ]},
        ], {"EmptyData": "an empty input may be refused"}),
        "scale-basic": _vector_file("scale-basic", "scale", [{"parameters": {"factor": 0.1}, "tests": [
            {"id": 1, "input": {"values": [1.0, 2.0]}, "expected": {"values": [0.1, 0.2]}},
            {"id": 2, "input": {"values": [3.0]}, "expected": {"values": [0.3000001]}},
            {"id": 3, "input": {"values": [5.0, 6.0, 7.0]}, "expected": {"values": [0.5, 0.6, 0.7]}},
        ]}], {}),
    }
    text = RECOMMENDATION
    for set_id, (interface, covers, requires) in SETS.items():
        path = vectors / f"{set_id}.json"
        path.write_text(json.dumps(files[set_id], indent=1), encoding="utf-8")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        text += (
            f"  - id: {set_id}\n    interface: {interface}\n    file: vectors/{set_id}.json\n"
            f'    sha256: "{digest}"\n    provenance: {{kind: generated, origin: tests, license: CC0-1.0}}\n'
            f"    covers: [{', '.join(covers)}]\n    requires: [{', '.join(requires)}]\n"
        )
    text += (
        "implementations:\n  - name: reference\n    kind: reference\n    language: python\n"
        "    location: {path: impl}\n    license: Apache-2.0\n"
        "    adapter: {type: python, target: \"toy_z999_reference:Toy\"}\n"
    )
    (folder / "recommendation.yaml").write_text(text, encoding="utf-8")
    # a module name no other test uses: imported modules stay cached for the whole session
    (root / "impl").mkdir()
    (root / "toy_z999_reference.py").write_text((FIXTURES / "toy_impl.py").read_text("utf-8"), encoding="utf-8")
    return folder


def write_ics(path: Path, adapter: dict[str, Any], *, options: list[str] | None = None, **fields: Any) -> Path:
    """An ICS for the toy Recommendation at ``path`` (JSON is valid YAML)."""
    document = {
        "recommendation": "ITU-T Z.999",
        "implementation": {"name": "toy", "version": "1.0"},
        "options": ["base", "checksums", "floats"] if options is None else options,
        "adapter": adapter,
        **fields,
    }
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path


def python_adapter(target: str = "toy_impl:Toy", **settings: Any) -> dict[str, Any]:
    """Adapter settings calling a toy class in-process."""
    return {"type": "python", "target": target, "python_path": [str(FIXTURES)], **settings}


def served_adapter(target: str = "toy_impl:Toy", **settings: Any) -> dict[str, Any]:
    """Adapter settings serving a toy class from a child through reference_impl._serve."""
    return {"type": "process", "command": [sys.executable, "-m", "reference_impl._serve", target,
                                           "--path", str(FIXTURES), "--bytes", "checksum.data"], **settings}


def chaos_adapter(mode: str, **settings: Any) -> dict[str, Any]:
    """Adapter settings running the misbehaving child in ``mode``."""
    return {"type": "process", "command": [sys.executable, str(FIXTURES / "chaos_child.py"), mode], **settings}


def chaos_command(mode: str, **settings: Any) -> dict[str, Any]:
    """Adapter settings running the misbehaving command in ``mode`` once per vector."""
    return {"type": "command", "command": [sys.executable, str(FIXTURES / "chaos_child.py"), "--command", mode,
                                           "{input}", "{output}"], "batch": False, **settings}


def command_adapter(target: str = "toy_impl:Toy", **settings: Any) -> dict[str, Any]:
    """Adapter settings answering each request file through reference_impl._serve --files."""
    return {"type": "command", "command": [sys.executable, "-m", "reference_impl._serve", target, "--path",
                                           str(FIXTURES), "--bytes", "checksum.data", "--files", "{input}",
                                           "{output}"], **settings}


def wait_gone(pid: int, guard: float = 20.0) -> bool:
    """True once ``pid`` is gone or a zombie (killed, waiting for its reaper); the guard only stops a hang."""
    end = time.monotonic() + guard
    while time.monotonic() < end:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except OSError:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
            except PermissionError:
                return False
            state = "?"
        if state == "Z":
            return True
        time.sleep(0.05)
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)  # do not leak it past a failing test
    return False

"""The child side of the process protocol (reference_impl/_serve.py)."""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from reference_impl._serve import PROTOCOL, answer_files, main, serve
from tests.harness.toy import FIXTURES


def _toy_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("toy_impl_for_serve", FIXTURES / "toy_impl.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


toy_impl = _toy_module()
Toy, Printing = toy_impl.Toy, toy_impl.Printing


def exchange(implementation: object, *requests: Any, raw: bytes = b"") -> list[dict[str, Any]]:
    lines = b"".join(json.dumps(request).encode() + b"\n" for request in requests) + raw
    output = io.BytesIO()
    assert serve(implementation, name="toy", version="2", bytes_inputs={"checksum": {"data"}},
                 stdin=io.BytesIO(lines), stdout=output) == 0
    return [json.loads(line) for line in output.getvalue().splitlines()]


def test_hello_then_one_answer_per_request_in_order() -> None:
    hello, first, second = exchange(
        Toy(),
        {"id": 7, "interface": "negate", "input": {"values": [1, -2]}},
        {"id": 8, "interface": "checksum", "input": {"data": "0102", "mode": "sum"}},
    )
    assert hello == {"protocol": PROTOCOL, "implementation": {"name": "toy", "version": "2"},
                     "interfaces": ["checksum", "negate", "scale"]}
    assert first == {"id": 7, "output": {"values": [-1, 2]}}
    assert second == {"id": 8, "output": {"value": 3}}


def test_rejections_and_errors() -> None:
    _, rejected, unknown, broken, not_json = exchange(
        Toy(),
        {"id": 1, "interface": "negate", "input": {"values": [-32768]}},
        {"id": 2, "interface": "divide", "input": {}},
        {"id": 3, "interface": "negate", "input": {"wrong": 1}},
        raw=b"not json\n",
    )
    assert rejected == {"id": 1, "rejected": "-32768 cannot be negated in 16 bits"}
    assert unknown == {"id": 2, "error": "LookupError: interface 'divide' is not served"}
    assert broken["id"] == 3 and broken["error"].startswith("TypeError")
    assert not_json["id"] is None and "not JSON" in not_json["error"]


def test_text_streams_work_too() -> None:
    output = io.StringIO()
    serve(Toy(), name="toy", version="2", stdin=io.StringIO('{"id":1,"interface":"negate","input":{"values":[5]}}'),
          stdout=output)
    assert output.getvalue().splitlines()[1] == '{"id":1,"output":{"values":[-5]}}'


def test_prints_of_the_implementation_go_to_stderr() -> None:
    process = subprocess.run(
        [sys.executable, "-m", "reference_impl._serve", "toy_impl:Printing", "--path", str(FIXTURES)],
        input=b'{"id":1,"interface":"negate","input":{"values":[5]}}\n', capture_output=True, timeout=60,
    )
    lines = process.stdout.decode().splitlines()
    assert len(lines) == 2 and json.loads(lines[1]) == {"id": 1, "output": {"values": [-5]}}
    assert b"debug output from the implementation" in process.stderr
    assert isinstance(Printing(), Toy)


def test_answer_files(tmp_path: Path) -> None:
    request = tmp_path / "in.json"
    request.write_text(json.dumps({"interface": "checksum", "input": {"data": "ff01", "mode": "sum"}}))
    answer_files(Toy(), request, tmp_path / "out.json", bytes_inputs={"checksum": ["data"]})
    assert json.loads((tmp_path / "out.json").read_text()) == {"output": {"value": 256}}
    subprocess.run([sys.executable, "-m", "reference_impl._serve", "toy_impl:Toy", "--path", str(FIXTURES), "--files",
                    str(tmp_path / "missing.json"), str(tmp_path / "out.json")], check=True, timeout=60)
    assert "cannot read the request" in json.loads((tmp_path / "out.json").read_text())["error"]


def test_unloadable_target_exits_2(capsys: object) -> None:
    assert main(["no_such_module:Thing"]) == 2

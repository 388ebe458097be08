"""The command driver: a fresh folder per run, made again when a command deleted it."""

from __future__ import annotations

import sys
from pathlib import Path

from conformance.harness.adapters.command import CommandDriver
from conformance.harness.outcomes import Broken, Output
from conformance.reports.verdicts import Verdict
from conformance.spec.adapter_settings import CommandSettings
from tests.harness.conftest import RunToy
from tests.harness.toy import FIXTURES

SCRIPT = """
import json, shutil, sys
from pathlib import Path
output = Path(sys.argv[2])
request = json.loads(Path(sys.argv[1]).read_text())
if request["input"]["delete"]:
    shutil.rmtree(output.parent.parent)  # the temporary root of every run
else:
    (output.parent / "litter").mkdir()
    output.write_text(json.dumps({"output": {"folder": str(output.parent)}}))
"""


def driver(tmp_path: Path) -> CommandDriver:
    settings = CommandSettings(type="command", command=[sys.executable, "-c", SCRIPT, "{input}", "{output}"])
    return CommandDriver(settings, tmp_path)


def test_a_deleted_temporary_root_costs_only_the_run_that_deleted_it(tmp_path: Path) -> None:
    command = driver(tmp_path)
    command.open()
    try:
        first = command.root
        [deleted, after] = command.call("any", [{"delete": True}, {"delete": False}], None)
        assert isinstance(deleted, Broken) and "without writing its output file" in deleted.reason
        assert isinstance(after, Output)
        assert command.root != first and not Path(after.values["folder"]).exists()  # left nothing behind
        assert command.root is not None and list(command.root.iterdir()) == []
        roots = list(command.roots)
    finally:
        command.close()
    assert not any(root.exists() for root in roots)
    assert command.notes() == []


ECHO = """
import json, sys
from pathlib import Path
Path(sys.argv[-1]).write_text(json.dumps({"output": {"tool": sys.argv[1], "argv": sys.argv[2:-2]}}))
"""


def test_each_interface_runs_its_own_line_with_the_tools_words(tmp_path: Path) -> None:
    """A tool such as the STL's g711demo: `g711demo a lilo IN OUT` encodes, `... loli ...` decodes."""
    line = [sys.executable, "-c", ECHO]
    settings = CommandSettings.model_validate({
        "type": "command",
        "command": {"encode": [*line, "encoder", "{law}", "{interface}", "{input}", "{output}"],
                    "decode": [*line, "decoder", "{interface}", "{law}", "{input}", "{output}"]},
        "arguments": {"interface": {"encode": "lilo", "decode": "loli"}, "law": {"A": "a", "mu": "u"}},
    })
    command = CommandDriver(settings, tmp_path)
    command.open()
    try:
        [encoded] = command.call("encode", [{"law": "A", "samples": [1, 2]}], None)
        [decoded] = command.call("decode", [{"law": "mu", "codes": [3]}], None)
        [unknown] = command.call("transcode", [{"law": "A"}], None)
    finally:
        command.close()
    assert isinstance(encoded, Output) and encoded.values == {"tool": "encoder", "argv": ["a", "lilo"]}
    assert isinstance(decoded, Output) and decoded.values == {"tool": "decoder", "argv": ["loli", "u"]}
    assert isinstance(unknown, Broken)
    assert unknown.reason == "adapter.command has no command line for the interface 'transcode'"


def test_one_line_maps_the_interface_word_too(tmp_path: Path) -> None:
    settings = CommandSettings.model_validate({
        "type": "command", "command": [sys.executable, "-c", ECHO, "tool", "{interface}", "{input}", "{output}"],
        "arguments": {"interface": {"encode": "lilo"}}})
    command = CommandDriver(settings, tmp_path)
    command.open()
    try:
        [encoded, decoded] = [command.call(name, [{}], None)[0] for name in ("encode", "decode")]
    finally:
        command.close()
    assert isinstance(encoded, Output) and encoded.values["argv"] == ["lilo"]
    assert isinstance(decoded, Output) and decoded.values["argv"] == ["decode"]  # unmapped: as named


def test_a_run_through_a_command_map(run_toy: RunToy) -> None:
    """Each toy interface served by its own line; the report names every line."""
    serve = [sys.executable, "-m", "reference_impl._serve", "toy_impl:Toy", "--path", str(FIXTURES),
             "--bytes", "checksum.data", "--files", "{input}", "{output}"]
    report = run_toy({"type": "command", "command": {name: serve for name in ("negate", "checksum", "scale")},
                      "batch_size": 64}, flags=["EmptyData"])
    assert report.verdict is Verdict.PASS, [(s.id, [r.reason for r in s.results if r.reason]) for s in report.sets]
    assert report.implementation.target.startswith("negate: ")
    assert "; checksum: " in report.implementation.target

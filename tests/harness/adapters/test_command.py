"""The command driver: a fresh folder per run, made again when a command deleted it."""

from __future__ import annotations

import sys
from pathlib import Path

from conformance.harness.adapters.command import CommandDriver
from conformance.harness.outcomes import Broken, Output
from conformance.spec.adapter_settings import CommandSettings

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

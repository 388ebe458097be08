"""The hardening issue's acceptance runs, through the command line as a user runs them.

A child answering with a lone surrogate or with an output nested 900 deep, and a command whose
output file is a link to /dev/zero or a FIFO: each costs exactly the vectors it touched (error
verdicts), the report is complete and valid against its schema, JUnit and HTML are written, the
run ends without a time limit having to stop it, and recbench's own memory stays under 200 MB.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conformance.reports.verdicts import Verdict
from conformance.spec.schemas import schema_for
from tests.harness.toy import write_ics

HOSTILE_CHILD = r'''
import json, sys
sys.stdout.write(json.dumps({"protocol": "recbench-process/1", "interfaces": ["negate"],
                             "implementation": {"name": "hostile\ud800", "version": "1"}}) + "\n")
sys.stdout.flush()
for line in sys.stdin:
    request = json.loads(line)
    values = request["input"]["values"]
    answer = {"id": request["id"]}
    if 13 in values:
        answer["error"] = "\ud800 broke"
    elif 7 in values:
        deep = 0
        for _ in range(900):
            deep = [deep]
        answer["output"] = {"values": deep}
    elif -32768 in values:
        answer["rejected"] = "overflow"
    else:
        answer["output"] = {"values": [-value for value in values]}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
'''

HOSTILE_COMMAND = r'''
import json, os, sys
request = json.load(open(sys.argv[1]))
values = request["input"]["values"]
output = sys.argv[2]
if 13 in values:
    os.symlink("/dev/zero", output)
elif 7 in values:
    os.mkfifo(output)
elif -32768 in values:
    json.dump({"rejected": "overflow"}, open(output, "w"))
else:
    json.dump({"output": {"values": [-value for value in values]}}, open(output, "w"))
'''


# recbench's own peak memory: VmHWM of its address space, read as it exits (ru_maxrss would count
# the pages of the pytest worker it was forked from)
MEASURED_MAIN = """
import atexit, sys
status_file = sys.argv.pop(1)
def record():
    with open("/proc/self/status") as status, open(status_file, "w") as out:
        out.write(status.read())
atexit.register(record)
from conformance.cli import main
main()
"""


def run_cli(toy_root: Path, tmp_path: Path, adapter: dict[str, object]) -> tuple[int, int, str]:
    """Run ``recbench conform`` in a child; its exit status, peak memory (bytes) and output."""
    ics = write_ics(tmp_path / "ics.yaml", {**adapter, "timeouts": {"run": 300}}, options=["base"])
    status_file = tmp_path / "status"
    command = [sys.executable, "-c", MEASURED_MAIN, str(status_file), "conform", "Z.999",
               "--root", str(toy_root), "--ics", str(ics), "--no-store", "--select", "negate-basic",
               "--json", str(tmp_path / "r.json"), "--junit", str(tmp_path / "r.xml"),
               "--html", str(tmp_path / "r.html")]

    def guard() -> None:  # if the harness regressed, fail this test rather than the machine
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=guard,
                               env={**os.environ, "COLUMNS": "200"})
    timer = threading.Timer(240, process.kill)  # a hang guard, not a timing assertion
    timer.start()
    try:
        assert process.stdout is not None
        output = process.stdout.read()
        _, status, _ = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
        process.stdout.close()  # type: ignore[union-attr]
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode != -9, "recbench conform did not finish (a read blocked?)"
    peak = next(int(line.split()[1]) * 1024 for line in status_file.read_text().splitlines()
                if line.startswith("VmHWM:"))
    return process.returncode, peak, output.decode("utf-8", "replace")


@pytest.mark.parametrize(("kind", "script"), [("process", HOSTILE_CHILD), ("command", HOSTILE_COMMAND)])
def test_hostile_answers_cost_only_their_vectors(toy_root: Path, tmp_path: Path, kind: str, script: str) -> None:
    program = tmp_path / "hostile.py"
    program.write_text(script, encoding="utf-8")
    arguments = [str(program)] + (["{input}", "{output}"] if kind == "command" else [])
    status, peak, output = run_cli(toy_root, tmp_path, {"type": kind, "command": ["python", *arguments]})
    assert status == 1, output
    assert "internal error" not in output and "Traceback" not in output
    report = json.loads((tmp_path / "r.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema_for("report")).validate(report)
    assert report["complete"]
    [result] = report["sets"]
    errors = {vector["id"]: vector["reason"] for vector in result["results"] if vector["verdict"] == "error"}
    assert sorted(errors) == [3, 4], errors  # the vectors holding 7 and 13, no other
    assert result["counts"] == {Verdict.PASS.value: result["vectors"] - 2, Verdict.ERROR.value: 2}
    if kind == "command":
        assert "link" in errors[4] and "FIFO" in errors[3], errors
    ET.parse(tmp_path / "r.xml")
    assert (tmp_path / "r.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert peak < 200 * 1024 * 1024, f"recbench used {peak / 2**20:.0f} MB"

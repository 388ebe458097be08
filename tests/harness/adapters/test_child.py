"""Children and everything they start: drained output, and helpers that left the session killed."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from conformance.harness.adapters.child import MARK_VARIABLE, Child, Containment, StderrTail, _marked
from tests.harness.toy import wait_gone

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="marks are found in /proc (Linux)")

ESCAPE = """
import os, sys, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        for fd in (0, 1, 2):
            os.dup2(os.open(os.devnull, os.O_RDWR), fd)
        open(sys.argv[1], "w").write(str(os.getpid()))
        time.sleep(120)
    os._exit(0)
os.wait()
print("helper started")
"""


def test_a_double_forked_setsid_helper_is_killed_with_its_command(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    child = Child([sys.executable, "-c", ESCAPE, str(pid_file)], tmp_path, dict(os.environ), interactive=False)
    status = child.wait_exit(time.monotonic() + 30)  # a hang guard, not a timing
    helper = int(pid_file.read_text())
    assert status == 0 and _marked(child.containment.mark) == {helper}  # outside the session, still found
    child.kill(drain=1.0)
    assert wait_gone(helper)
    assert child.tail.text() == "helper started"


def test_the_mark_is_the_childs_only(tmp_path: Path) -> None:
    containment = Containment()
    assert containment.environment({"A": "1"}) == {"A": "1", MARK_VARIABLE: containment.mark}
    assert os.getpid() not in _marked(containment.mark)
    containment.kill(os.getpid() + 10**7)  # nothing carries it: nothing is killed, this process least of all
    containment.release()


def test_the_tail_keeps_the_last_bytes_and_counts_them_all() -> None:
    tail = StderrTail(limit=10)
    for _ in range(100):
        tail.add(b"0123456789abc\n")
    assert tail.total == 1400 and tail.kept <= 2 * 10 + 14
    assert tail.text(1) == "456789abc"  # the last 10 bytes, stripped

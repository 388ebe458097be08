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

# The helper writes its pid before the command exits: the pipe's write end is closed only once the
# file is written, and the command waits for that (else the test read the file too early, now and then).
ESCAPE = """
import os, sys, time
ready, written = os.pipe()
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        for fd in (0, 1, 2):
            os.dup2(os.open(os.devnull, os.O_RDWR), fd)
        with open(sys.argv[1], "w") as pid_file:
            pid_file.write(str(os.getpid()))
        os.close(written)
        time.sleep(120)
    os._exit(0)
os.close(written)
os.wait()
os.read(ready, 1)  # end of file once the helper has written its pid
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

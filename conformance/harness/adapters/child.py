"""A child process with non-blocking pipes: spawn, read and write without blocking, kill.

Everything runs in the caller's thread with a selector, so a child that floods stderr, stops
reading its input or hangs can never block the harness: every wait has a deadline, stderr is
always drained (its tail kept for messages) and a child is killed with its whole process group.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import shutil
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Mapping, Sequence
from pathlib import Path

from conformance.harness.ics import PYTHON_NAMES
from conformance.harness.outcomes import AdapterUnavailable

READ_BLOCK = 1 << 20
STDERR_TAIL_BYTES = 16 * 1024


def resolve_command(command: Sequence[str], cwd: Path, env: Mapping[str, str]) -> list[str]:
    """The argv to run: 'python' is this interpreter, 'dir/prog' is relative to ``cwd``, else PATH."""
    program, *arguments = command
    if program in PYTHON_NAMES:
        return [sys.executable, *arguments]
    if "/" in program or os.sep in program:
        path = Path(os.path.abspath(cwd / program))  # not resolve(): a venv's python is a symlink that must stay one
        if not path.is_file():
            raise AdapterUnavailable(f"program {program!r} not found (looked for {path})")
        if not os.access(path, os.X_OK):
            raise AdapterUnavailable(f"program {program!r} is not executable ({path}; chmod +x?)")
        return [str(path), *arguments]
    found = shutil.which(program, path=env.get("PATH"))
    if found is None:
        raise AdapterUnavailable(f"program {program!r} not found on PATH")
    return [found, *arguments]


class StderrTail:
    """The last bytes a child wrote on stderr, and how many it wrote in all."""

    def __init__(self, limit: int = STDERR_TAIL_BYTES) -> None:
        self.limit = limit
        self.blocks: deque[bytes] = deque()
        self.kept = 0
        self.total = 0

    def add(self, data: bytes) -> None:
        self.total += len(data)
        self.blocks.append(data[-self.limit:])
        self.kept += len(self.blocks[-1])
        while self.kept - len(self.blocks[0]) >= self.limit:
            self.kept -= len(self.blocks.popleft())

    def text(self, lines: int = 5) -> str:
        """The last ``lines`` lines, decoded leniently."""
        tail = b"".join(self.blocks)[-self.limit:].decode("utf-8", "replace").strip().splitlines()
        return " | ".join(line.strip() for line in tail[-lines:] if line.strip())


class Child:
    """One running child with non-blocking stdin, stdout and stderr, watched by a selector."""

    def __init__(self, argv: Sequence[str], cwd: Path, env: Mapping[str, str]) -> None:
        try:
            self.process = subprocess.Popen(
                list(argv), cwd=cwd, env=dict(env), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, bufsize=0, start_new_session=True, close_fds=True,
            )
        except (OSError, ValueError) as error:  # ValueError: an argument or variable the OS refuses
            raise AdapterUnavailable(f"cannot start {argv[0]!r}: {getattr(error, 'strerror', None) or error}") from None
        assert self.process.stdin and self.process.stdout and self.process.stderr
        self.stdin = self.process.stdin.fileno()
        self.stdout = self.process.stdout.fileno()
        self.stderr = self.process.stderr.fileno()
        for fd in (self.stdin, self.stdout, self.stderr):
            os.set_blocking(fd, False)
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.stdout, selectors.EVENT_READ)
        self.selector.register(self.stderr, selectors.EVENT_READ)
        self.writing = False
        self.stdout_open = True
        self.stderr_open = True
        self.stderr_tail = StderrTail()

    def want_write(self, wanted: bool) -> None:
        """Watch stdin for writability only while there is something to write."""
        if wanted == self.writing or self.stdin < 0:
            return
        if wanted:
            self.selector.register(self.stdin, selectors.EVENT_WRITE)
        else:
            self.selector.unregister(self.stdin)
        self.writing = wanted

    def wait_events(self, timeout: float) -> list[int]:
        """File descriptors ready within ``timeout`` seconds (stderr is drained here, not returned)."""
        ready = []
        for key, _ in self.selector.select(max(timeout, 0.0)):
            fd = key.fd
            if fd == self.stderr:
                self._drain_stderr()
            else:
                ready.append(int(fd))
        return ready

    def _drain_stderr(self) -> None:
        try:
            data = os.read(self.stderr, READ_BLOCK)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if data:
            self.stderr_tail.add(data)
        else:
            self.selector.unregister(self.stderr)
            self.stderr_open = False

    def read(self) -> bytes | None:
        """Bytes available on stdout; b'' at end of file; None when nothing is ready."""
        try:
            data = os.read(self.stdout, READ_BLOCK)
        except BlockingIOError:
            return None
        except OSError:
            data = b""
        if not data and self.stdout_open:
            self.selector.unregister(self.stdout)
            self.stdout_open = False
        return data

    def write(self, data: bytes | bytearray | memoryview) -> int:
        """Write what the pipe takes now; -1 when the child closed its input."""
        try:
            return os.write(self.stdin, data)
        except BlockingIOError:
            return 0
        except (BrokenPipeError, OSError):
            return -1

    def close_input(self) -> None:
        """Close the child's stdin (end of requests)."""
        if self.stdin >= 0:
            self.want_write(False)
            with contextlib.suppress(OSError):
                self.process.stdin.close()  # type: ignore[union-attr]
            self.stdin = -1

    def exit_status(self, grace: float = 0.0) -> int | None:
        """The exit status, waiting up to ``grace`` seconds (draining stderr meanwhile)."""
        limit = time.monotonic() + grace
        while True:
            status = self.process.poll()
            if status is not None or time.monotonic() >= limit:
                return status
            if self.stderr_open:
                self.wait_events(min(0.05, max(0.0, limit - time.monotonic())))
            else:
                time.sleep(0.01)

    def kill(self) -> None:
        """Kill the child and its process group, reap it and close every pipe."""
        with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError, OSError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        self.selector.close()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        self.stdin = -1

    def stop(self, grace: float) -> int | None:
        """Close stdin, give the child ``grace`` seconds to exit, then kill what is left."""
        self.close_input()
        status = self.exit_status(grace)
        self.kill()
        return status if status is not None else self.process.returncode


def describe_status(status: int | None) -> str:
    """'exited with status 3', 'was killed by SIGSEGV' ..."""
    if status is None:
        return "is still running"
    if status < 0:
        try:
            name = signal.Signals(-status).name
        except ValueError:
            name = f"signal {-status}"
        return f"was killed by {name}"
    return f"exited with status {status}"

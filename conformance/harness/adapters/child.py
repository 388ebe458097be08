"""A child process with non-blocking pipes: spawn, read and write without blocking, kill.

Everything runs in the caller's thread with a selector, so a child that floods stderr, stops
reading its input or hangs can never block the harness: every wait has a deadline, stderr is
always drained (its tail kept for messages) and a child is killed with everything it started
(``Containment``): its session's process group, its cgroup when one could be made, and every
process still carrying its mark in the environment, which finds helpers that left the session.
"""

from __future__ import annotations

import contextlib
import os
import secrets
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
MARK_VARIABLE = "RECBENCH_CONTAINMENT"  # in a child's environment; inherited by whatever it starts
CGROUP_ROOT = Path("/sys/fs/cgroup")
PROC = Path("/proc")
KILL_ROUNDS = 8  # a process forking while it is killed leaves children for the next round
ENVIRON_LIMIT = 4 << 20


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


class Containment:
    """Everything one child starts, so that it can all be killed: session, cgroup, environment mark.

    The child leads a new session (so its process group is its own). On Linux, when the cgroup v2
    hierarchy lets us make a sub-cgroup of our own, the child is moved into a fresh one, which no
    descendant can leave; and the child's environment carries a mark unique to it, found again
    in ``/proc/PID/environ`` of every descendant that did not clear its environment, even one
    that called setsid and was orphaned. Each layer is used when available and skipped otherwise.
    """

    def __init__(self) -> None:
        self.mark = f"{os.getpid()}-{secrets.token_hex(8)}"
        self.cgroup = _make_cgroup(self.mark)

    def environment(self, env: Mapping[str, str]) -> dict[str, str]:
        """``env`` with this child's mark."""
        return {**env, MARK_VARIABLE: self.mark}

    def adopt(self, pid: int) -> None:
        """Move the started child into the cgroup (before it could start much: Popen just returned)."""
        if self.cgroup is None:
            return
        try:
            (self.cgroup / "cgroup.procs").write_text(str(pid))
        except OSError:  # not delegated after all: fall back on the other layers
            self.release()

    def kill(self, pid: int) -> None:
        """SIGKILL the child's process group, its cgroup and every marked process (never this one)."""
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)
        for _ in range(KILL_ROUNDS):
            left = self._members()
            if not left:
                break
            for member in left:
                with contextlib.suppress(OSError):
                    os.kill(member, signal.SIGKILL)

    def _members(self) -> set[int]:
        found = _marked(self.mark)
        if self.cgroup is not None:
            with contextlib.suppress(OSError, ValueError):
                found.update(int(line) for line in (self.cgroup / "cgroup.procs").read_text().split())
        found.discard(os.getpid())
        return found

    def release(self) -> None:
        """Remove the cgroup (it empties as killed processes exit; a busy one is left to the system)."""
        cgroup, self.cgroup = self.cgroup, None
        if cgroup is None:
            return
        for _ in range(20):
            try:
                cgroup.rmdir()
                return
            except FileNotFoundError:
                return
            except OSError:
                time.sleep(0.01)


def _make_cgroup(name: str) -> Path | None:
    """A new sub-cgroup of our own cgroup (v2), or None when there is none we may make."""
    try:
        lines = (PROC / "self" / "cgroup").read_text().splitlines()
    except OSError:
        return None
    own = next((line[3:] for line in lines if line.startswith("0::")), None)
    if own is None:
        return None
    base = CGROUP_ROOT / own.lstrip("/")
    if not (base / "cgroup.procs").is_file() or not os.access(base / "cgroup.procs", os.W_OK):
        return None  # cgroup v1, or v2 not delegated to us
    try:
        path = base / f"recbench-{name}"
        path.mkdir()
    except OSError:
        return None
    return path


def _marked(mark: str) -> set[int]:
    """Processes whose environment holds ``MARK_VARIABLE=mark`` (those we may read: our user's, or all as root)."""
    needle = f"\0{MARK_VARIABLE}={mark}\0".encode()
    found: set[int] = set()
    try:
        entries = os.listdir(PROC)
    except OSError:  # no /proc (not Linux): the process group is all there is
        return found
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            descriptor = os.open(PROC / entry / "environ", os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError:  # gone, or another user's
            continue
        try:
            data, total = b"\0", 0
            while needle not in data and total < ENVIRON_LIMIT:
                block = os.read(descriptor, 65536)
                if not block:
                    break
                total += len(block)
                data = data[-len(needle):] + block  # the overlap keeps a mark split across blocks
            if needle in data:
                found.add(int(entry))
        except OSError:
            pass
        finally:
            os.close(descriptor)
    return found


class Child:
    """One running child with non-blocking pipes, watched by a selector.

    Interactive (the process adapter): stdin and stdout carry the protocol, stderr is drained
    into ``tail``. Otherwise (a command): stdin is /dev/null and stdout and stderr share one
    pipe, drained into ``tail`` as stderr is.
    """

    def __init__(self, argv: Sequence[str], cwd: Path, env: Mapping[str, str], *, interactive: bool = True) -> None:
        self.containment = Containment()
        try:
            self.process = subprocess.Popen(
                list(argv), cwd=cwd, env=self.containment.environment(env),
                stdin=subprocess.PIPE if interactive else subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE if interactive else subprocess.STDOUT, bufsize=0, start_new_session=True,
                close_fds=True,
            )
        except (OSError, ValueError) as error:  # ValueError: an argument or variable the OS refuses
            self.containment.release()
            raise AdapterUnavailable(f"cannot start {argv[0]!r}: {getattr(error, 'strerror', None) or error}") from None
        self.containment.adopt(self.process.pid)
        assert self.process.stdout
        self.selector = selectors.DefaultSelector()
        if interactive:
            assert self.process.stdin and self.process.stderr
            self.stdin = self.process.stdin.fileno()
            self.stdout = self.process.stdout.fileno()
            self.stderr = self.process.stderr.fileno()
            os.set_blocking(self.stdin, False)
            os.set_blocking(self.stdout, False)
            self.selector.register(self.stdout, selectors.EVENT_READ)
        else:
            self.stdin = self.stdout = -1
            self.stderr = self.process.stdout.fileno()
        os.set_blocking(self.stderr, False)
        self.selector.register(self.stderr, selectors.EVENT_READ)
        self.exited = _exit_descriptor(self.process.pid)  # readable once the child exits: no polling
        if self.exited >= 0:
            self.selector.register(self.exited, selectors.EVENT_READ)
        self.writing = False
        self.stdout_open = interactive
        self.stderr_open = True
        self.tail = StderrTail()

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
            elif fd == self.exited:
                self.selector.unregister(fd)  # told once; poll() answers from now on
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
            self.tail.add(data)
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
            if self.stderr_open or self.exited >= 0:
                self.wait_events(min(0.05, max(0.0, limit - time.monotonic())))
            else:
                time.sleep(0.01)

    def wait_exit(self, deadline: float) -> int | None:
        """Drain output until the child exits; its status, or None when it still runs at ``deadline``."""
        while True:
            status = self.process.poll()
            if status is not None:
                return status
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            self.wait_events(min(remaining, 0.05) if self.exited < 0 else remaining)

    def kill(self, drain: float = 0.0) -> None:
        """Kill the child and everything it started, reap it, read what is left for up to ``drain`` s, close."""
        self.containment.kill(self.process.pid)
        with contextlib.suppress(ProcessLookupError, OSError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        self.containment.release()
        limit = time.monotonic() + drain
        while self.stderr_open and time.monotonic() < limit:  # an escaped holder of the pipe costs ``drain``
            self.wait_events(limit - time.monotonic())
        self.selector.close()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        if self.exited >= 0:
            with contextlib.suppress(OSError):
                os.close(self.exited)
            self.exited = -1
        self.stdin = -1

    def stop(self, grace: float) -> int | None:
        """Close stdin, give the child ``grace`` seconds to exit, then kill what is left."""
        self.close_input()
        status = self.exit_status(grace)
        self.kill()
        return status if status is not None else self.process.returncode


def _exit_descriptor(pid: int) -> int:
    """A pidfd of ``pid`` (Linux 5.3+), readable once it exits; -1 where there is none (then we poll)."""
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):
        return -1


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

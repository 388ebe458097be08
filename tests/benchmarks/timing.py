"""Timing for the benchmark scripts: interleaved rounds, best of N, wall and CPU time.

These machines are shared and noisy, so a figure on its own means little. Every benchmark
times its subject next to a baseline in the same process, and ``interleaved`` runs one round of
every candidate before the next round of any, so a burst of load elsewhere hits them alike; the
best round of each is kept, for wall time and for this process's CPU time separately (a child
process's work shows in wall time only).
"""

from __future__ import annotations

import resource
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Timing:
    """The best wall-clock and the best CPU time (this process) of several rounds, in seconds."""

    wall: float
    cpu: float

    def ratio(self, baseline: Timing) -> str:
        """``"1.23x wall, 1.20x cpu"``: this timing as a multiple of ``baseline``'s."""
        return f"{self.wall / baseline.wall:.2f}x wall, {self.cpu / max(baseline.cpu, 1e-9):.2f}x cpu"


def interleaved(rounds: int, candidates: Mapping[str, Callable[[], object]]) -> dict[str, Timing]:
    """Run every candidate once per round, ``rounds`` times; the best wall and CPU time of each."""
    walls: dict[str, float] = dict.fromkeys(candidates, float("inf"))
    cpus: dict[str, float] = dict.fromkeys(candidates, float("inf"))
    for _ in range(rounds):
        for name, work in candidates.items():
            wall, cpu = time.perf_counter(), time.process_time()
            work()
            walls[name] = min(walls[name], time.perf_counter() - wall)
            cpus[name] = min(cpus[name], time.process_time() - cpu)
    return {name: Timing(walls[name], cpus[name]) for name in candidates}


def interleaved_commands(
    rounds: int, commands: Mapping[str, Sequence[str]], *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> dict[str, Timing]:
    """Like ``interleaved`` for whole commands: wall time, and the CPU time (user + system) of the child."""
    walls: dict[str, float] = dict.fromkeys(commands, float("inf"))
    cpus: dict[str, float] = dict.fromkeys(commands, float("inf"))
    for _ in range(rounds):
        for name, command in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            wall = time.perf_counter()
            subprocess.run(list(command), cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            walls[name] = min(walls[name], time.perf_counter() - wall)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            cpus[name] = min(cpus[name], cpu)
    return {name: Timing(walls[name], cpus[name]) for name in commands}


__all__ = ["Timing", "interleaved", "interleaved_commands"]

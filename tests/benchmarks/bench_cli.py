"""Benchmark: how fast the command line answers, against ``python -c pass`` in the same run.

Run ``python tests/benchmarks/bench_cli.py [--rounds N]`` (or ``nox -s bench``). Times, as whole
commands, interleaved and best of N: the interpreter doing nothing (the baseline),
``recbench --help``, ``recbench --version``, and ``recbench check`` warm (every run answered
from the results store; one cold ``check`` first fills it, and its time is printed too). The
store, history and caches live in a temporary folder, so the repository's own are untouched.
Targets: ``--help`` under 0.25 s, warm ``check`` under 5 s, cold ``check`` under 25 s (2 cores).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from timing import interleaved_commands

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {"recbench --help": 0.25, "recbench check (warm)": 5.0}
COLD_TARGET = 25.0


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    recbench = [sys.executable, "-m", "conformance"]
    with tempfile.TemporaryDirectory(prefix="recbench-bench-") as folder:
        env = {**os.environ, "RECBENCH_STORE": f"{folder}/results.sqlite", "RECBENCH_HISTORY": f"{folder}/h.sqlite3",
               "RECBENCH_CACHE_DIR": f"{folder}/cache", "COLUMNS": "120"}
        check = [*recbench, "check", "--root", str(ROOT)]
        started = time.perf_counter()
        cold = interleaved_commands(1, {"cold": check}, cwd=ROOT, env=env)["cold"]
        print(f"recbench check (cold): {cold.wall:.2f} s wall, {cold.cpu:.2f} s CPU of the child and its workers"
              f" (target < {COLD_TARGET:.0f} s wall; {time.perf_counter() - started:.1f} s)")
        timings = interleaved_commands(rounds, {
            "python -c pass": [sys.executable, "-c", "pass"],
            "recbench --help": [*recbench, "--help"],
            "recbench --version": [*recbench, "--version"],
            "recbench check (warm)": check,
        }, cwd=ROOT, env=env)
    baseline = timings["python -c pass"]
    print(f"best of {rounds}, interleaved; CPU is the child's user + system time")
    for name, timing in timings.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else f"  target < {target} s: {'met' if timing.wall < target else 'NOT met'}"
        print(f"{name:24} {timing.wall:7.3f} s wall {timing.cpu:7.3f} s CPU  "
              f"({timing.ratio(baseline)} of python -c pass){verdict}")


if __name__ == "__main__":
    main()

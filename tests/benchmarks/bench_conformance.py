"""Benchmark: the full G.711 conformance run through the harness against a bare loop.

The bare loop calls the reference implementation's methods on the same loaded vectors in the
same process and compares with ``==``: the least any harness could cost. The harness runs
the same vectors in-process (``python`` adapter), over the process protocol with the reference
served as a child (joined batches, and one request per vector), and, when gcc is present, a
small C child. Vector files are loaded once beforehand (loading is timed separately). Rounds are
interleaved (tests/benchmarks/timing.py) and every figure is the best of several, wall and CPU time
(the CPU time of this process: a child's work shows in wall time only).

    python tests/benchmarks/bench_conformance.py [--rounds N]

Targets (issue 3): in-process harness time <= 1.3x the bare loop; process adapter >= 50,000
vectors/s on the G.711 exhaustive sets.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from timing import interleaved

from conformance.harness import RunOptions, SetSelection, ics_for_implementation, load_ics, run_conformance
from conformance.spec.catalog import load_catalog
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import VectorSetEntry
from conformance.spec.vectors import VectorSet, load_vector_set
from reference_impl.g711 import Implementation

ROOT = Path(__file__).resolve().parents[2]
C_SOURCE = ROOT / "tests" / "harness" / "fixtures" / "g711_child.c"


#: Candidates run on the exhaustive sets only (one round trip per vector is slow over the others' 1,000s)
EXHAUSTIVE_ONLY = frozenset({"process, one request/vector", "C child, one request/vector"})


def bare_loop(g711: LoadedRecommendation, sets: dict[str, VectorSet]) -> int:
    """Call the implementation on every vector and compare, nothing else; returns the passes."""
    implementation = Implementation()
    passed = 0
    for entry in g711.model.vector_sets:
        method = getattr(implementation, entry.interface)
        for vector in sets[entry.id].vectors:
            try:
                output = method(**vector.inputs)
            except ValueError:
                passed += vector.result == "invalid"
                continue
            passed += output == vector.expected
    return passed


def ics_file(folder: Path, adapter: dict[str, Any]) -> Path:
    path = folder / f"ics-{len(list(folder.iterdir()))}.yaml"
    path.write_text(json.dumps({
        "recommendation": "ITU-T G.711", "implementation": {"name": "bench", "version": "1"},
        "options": ["a-law", "mu-law"], "adapter": adapter,
    }))
    return path


def main() -> None:
    """Print timings, throughputs and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    g711 = load_catalog(ROOT).find("G.711")
    assert g711 is not None
    start = time.perf_counter()
    sets = {entry.id: load_vector_set(entry, g711.folder) for entry in g711.model.vector_sets}
    loading = time.perf_counter() - start
    total = sum(len(vector_set.vectors) for vector_set in sets.values())
    exhaustive = sum(len(sets[e].vectors) for e in sets if e.endswith("exhaustive"))

    def cached(entry: VectorSetEntry, folder: Path) -> VectorSet:
        return sets[entry.id]

    options = RunOptions(loader=cached)
    only_exhaustive = RunOptions(loader=cached, selection=SetSelection(select=("*-exhaustive",)))
    reference = g711.model.implementation("reference")
    served = g711.model.implementation("reference-process")
    assert reference is not None and served is not None
    in_process_ics = ics_for_implementation(g711, reference)
    served_ics = ics_for_implementation(g711, served)

    assert bare_loop(g711, sets) == total
    for ics in (in_process_ics, served_ics):
        assert run_conformance(g711, ics, options=options).passed

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        unjoined = load_ics(ics_file(work, {"type": "python", "target": "reference_impl.g711:Implementation",
                                            "batch": False}))
        one_by_one = load_ics(ics_file(work, {"type": "process", "batch": False,
                                              "command": ["python", "-m", "reference_impl.g711", "serve"]}))
        candidates: dict[str, Any] = {
            "bare": lambda: bare_loop(g711, sets),
            "in-process": lambda: run_conformance(g711, in_process_ics, options=options),
            "in-process, one call/vector": lambda: run_conformance(g711, unjoined, options=options),
            "process, joined": lambda: run_conformance(g711, served_ics, options=options),
            "process, one request/vector": lambda: run_conformance(g711, one_by_one, options=only_exhaustive),
        }
        compiler = shutil.which("gcc")
        if compiler:
            program = work / "g711_child"
            subprocess.run([compiler, "-O2", "-o", str(program), str(C_SOURCE)], check=True)
            c_joined = load_ics(ics_file(work, {"type": "process", "command": [str(program)]}))
            c_single = load_ics(ics_file(work, {"type": "process", "command": [str(program)], "batch": False}))
            candidates["C child, joined"] = lambda: run_conformance(g711, c_joined, options=options)
            candidates["C child, one request/vector"] = lambda: run_conformance(
                g711, c_single, options=only_exhaustive)
        timings = interleaved(rounds, candidates)

    bare = timings["bare"]
    targets = {
        "in-process": "target <= 1.3x",
        "in-process, one call/vector": "joining disabled, for comparison",
        "process, one request/vector": "target >= 50,000/s",
    }
    print(f"G.711: {total:,} vectors in {len(sets)} sets ({exhaustive:,} in the exhaustive sets); "
          f"best of {rounds} interleaved rounds")
    print(f"  loading the vector files (once, not in the figures below): {loading:.3f} s")
    for name, timing in timings.items():
        count = exhaustive if name in EXHAUSTIVE_ONLY else total
        line = f"  {name:30} {timing.wall:7.3f} s wall {timing.cpu:7.3f} s cpu {count / timing.wall:11,.0f} vectors/s"
        if name != "bare" and count == total:
            line += f"  {timing.ratio(bare)}"
        if name in targets:
            line += f"  ({targets[name]})"
        print(line)
    print("  (process and C child figures: the exhaustive sets only where marked one request/vector; "
          "their cpu is the harness's share)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()

"""Benchmark: G.722 reference encoder and decoder (modes 1-3) throughput, against real time.

Run ``python tests/benchmarks/bench_g722.py`` (or ``nox -s bench``). Prints 16 kHz samples per
second of the encoder (the STL's inpsp.bin) and of the decoder in each mode (codspw.cod), their
ratio to real time (16,000 samples/s; the target is 10x for the encoder), each with the NumPy
QMF (the default when NumPy is installed) and with the pure-Python reference QMF. As a
machine-independent figure it also gives the cost of one sample relative to a baseline
measured in the same process: one G.711 A-law compression per sample
(reference_impl.g711.alaw_compress), as the G.726 benchmark does.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from timing import interleaved

from reference_impl.g711 import alaw_compress
from reference_impl.g722 import MODES, decode, encode, qmf

REAL_TIME = 16000  # samples per second
TARGET = 10.0  # encoder speed, in multiples of real time
REPEATS = 3
STL = Path(__file__).resolve().parents[2] / "recommendations" / "g722" / "vectors" / "stl"


def words(name: str, code: str) -> list[int]:
    """The 16-bit little-endian words of an STL file."""
    data = (STL / name).read_bytes()
    return list(struct.unpack(f"<{len(data) // 2}{code}", data))


@contextmanager
def reference_qmf() -> Iterator[None]:
    """Run the codec with the pure-Python QMF (the definition) instead of the NumPy one."""
    saved = qmf.transmit, qmf.receive
    qmf.transmit, qmf.receive = qmf.transmit_reference, qmf.receive_reference
    try:
        yield
    finally:
        qmf.transmit, qmf.receive = saved


def with_reference_qmf(work: Callable[[], object]) -> Callable[[], object]:
    """``work`` run with the pure-Python QMF."""

    def run() -> object:
        with reference_qmf():
            return work()

    return run


def main() -> None:
    """Measure and print the figures."""
    samples = words("inpsp.bin", "h")
    codes = words("codspw.cod", "H")
    count = len(samples)
    subjects: dict[str, Callable[[], object]] = {"encoder": lambda: encode(samples)}
    for mode in MODES:
        subjects[f"decoder mode {mode}"] = partial(decode, mode, codes)
    candidates: dict[str, Callable[[], object]] = {"baseline": lambda: [alaw_compress(x) for x in samples]}
    for name, work in subjects.items():
        candidates[name] = work
        candidates[f"{name}, pure"] = with_reference_qmf(work)
    timings = interleaved(REPEATS, candidates)
    base = timings["baseline"]
    baseline = base.wall / count
    vectorised = [(name, timings[name].wall / count) for name in subjects]
    numpy_used = qmf.transmit is not qmf.transmit_reference
    print(f"G.722 reference, {count} samples at 16 kHz (inpsp.bin, {count / REAL_TIME:.1f} s), "
          f"best of {REPEATS} interleaved runs")
    print(f"baseline: G.711 alaw_compress {1 / baseline:,.0f} samples/s")
    print(f"{'':>14} {'NumPy QMF' if numpy_used else 'default QMF':>25} {'pure-Python QMF':>25}")
    print(f"{'':>14} {'samples/s':>11} {'x real':>6} {'x base':>6} "
          f"{'samples/s':>11} {'x real':>6} {'x base':>6}")
    for name in subjects:
        fast, slow = timings[name], timings[f"{name}, pure"]
        print(f"{name:>14} {count / fast.wall:>11,.0f} {count / fast.wall / REAL_TIME:>5.1f}x "
              f"{fast.wall / base.wall:>5.1f}x {count / slow.wall:>11,.0f} {count / slow.wall / REAL_TIME:>5.1f}x "
              f"{slow.wall / base.wall:>5.1f}x   cpu {fast.cpu / base.cpu:.1f}x / {slow.cpu / base.cpu:.1f}x")
    encoder = 1 / vectorised[0][1] / REAL_TIME
    verdict = "meets" if encoder >= TARGET else "is below"
    print(f"encoder: {encoder:.1f}x real time, which {verdict} the {TARGET:.0f}x target")
    print("(x base: time per sample as a multiple of the G.711 baseline's; lower is faster)")


if __name__ == "__main__":
    main()

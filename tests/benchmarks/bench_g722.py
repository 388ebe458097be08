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
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

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


def best_time(run: Callable[[], object]) -> float:
    """Best wall-clock time of REPEATS runs, in seconds."""
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


@contextmanager
def reference_qmf() -> Iterator[None]:
    """Run the codec with the pure-Python QMF (the definition) instead of the NumPy one."""
    saved = qmf.transmit, qmf.receive
    qmf.transmit, qmf.receive = qmf.transmit_reference, qmf.receive_reference
    try:
        yield
    finally:
        qmf.transmit, qmf.receive = saved


def measure() -> list[tuple[str, float]]:
    """Seconds per 16 kHz sample of the encoder and of each decoder mode."""
    samples = words("inpsp.bin", "h")
    codes = words("codspw.cod", "H")
    count = len(samples)
    rows = [("encoder", best_time(lambda: encode(samples)) / count)]
    for mode in MODES:
        seconds = best_time(partial(decode, mode, codes))
        rows.append((f"decoder mode {mode}", seconds / count))
    return rows


def main() -> None:
    """Measure and print the figures."""
    samples = words("inpsp.bin", "h")
    count = len(samples)
    baseline = best_time(lambda: [alaw_compress(x) for x in samples]) / count
    vectorised = measure()
    with reference_qmf():
        pure = measure()
    numpy_used = qmf.transmit is not qmf.transmit_reference
    print(f"G.722 reference, {count} samples at 16 kHz (inpsp.bin, {count / REAL_TIME:.1f} s), "
          f"best of {REPEATS} runs")
    print(f"baseline: G.711 alaw_compress {1 / baseline:,.0f} samples/s")
    print(f"{'':>14} {'NumPy QMF' if numpy_used else 'default QMF':>25} {'pure-Python QMF':>25}")
    print(f"{'':>14} {'samples/s':>11} {'x real':>6} {'x base':>6} "
          f"{'samples/s':>11} {'x real':>6} {'x base':>6}")
    for (name, fast), (_, slow) in zip(vectorised, pure, strict=True):
        print(f"{name:>14} {1 / fast:>11,.0f} {1 / fast / REAL_TIME:>5.1f}x {fast / baseline:>5.1f}x "
              f"{1 / slow:>11,.0f} {1 / slow / REAL_TIME:>5.1f}x {slow / baseline:>5.1f}x")
    encoder = 1 / vectorised[0][1] / REAL_TIME
    verdict = "meets" if encoder >= TARGET else "is below"
    print(f"encoder: {encoder:.1f}x real time, which {verdict} the {TARGET:.0f}x target")
    print("(x base: time per sample as a multiple of the G.711 baseline's; lower is faster)")


if __name__ == "__main__":
    main()

"""Benchmark: G.726 reference encoder and decoder throughput per rate, against real time.

Run ``python tests/benchmarks/bench_g726.py`` (or ``nox -s bench``). Prints samples per second
of the encoder (A-law input, the STL's nrm.a) and the decoder (its own codes back to A-law),
their ratio to real time (8,000 samples/s; the target is 30x for the encoder, by CPU time) and, as a
machine-independent figure, the cost of one sample relative to a baseline measured in the
same process: one G.711 A-law compression per sample (reference_impl.g711.alaw_compress).
Figures are wall-clock: run it on an otherwise idle machine.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from functools import partial
from pathlib import Path

from timing import Timing, interleaved

from reference_impl.g711 import alaw_compress
from reference_impl.g726 import RATES, decode, encode

REAL_TIME = 8000  # samples per second
TARGET = 30.0  # encoder speed, in multiples of real time (by CPU time: a loaded machine slows the wall clock)
REPEATS = 5
INPUT = Path(__file__).resolve().parents[2] / "recommendations" / "g726" / "vectors" / "stl" / "nrm.a"


def main() -> None:
    """Measure and print the figures."""
    data = INPUT.read_bytes()
    words = list(struct.unpack(f"<{len(data) // 2}H", data))
    count = len(words)
    linear = [(w - 128) << 8 for w in words]  # any 16-bit signal does for the baseline
    candidates: dict[str, Callable[[], object]] = {"baseline": lambda: [alaw_compress(x) for x in linear]}
    for rate, tables in RATES.items():
        candidates[f"encode {rate}"] = partial(encode, words, "A", tables)
        candidates[f"decode {rate}"] = partial(decode, encode(words, "A", tables), "A", tables)
    timings = interleaved(REPEATS, candidates)
    baseline = timings["baseline"].wall / count
    print(f"G.726 reference, {count} samples (nrm.a), best of {REPEATS} interleaved runs")
    print(f"baseline: G.711 alaw_compress {1 / baseline:,.0f} samples/s")
    print(f"{'rate':>9} {'encoder/s':>11} {'x real':>13} {'x base':>24} "
          f"{'decoder/s':>11} {'x real':>13} {'x base':>24}")
    slowest = float("inf")
    for rate in RATES:
        encoder, decoder = timings[f"encode {rate}"], timings[f"decode {rate}"]
        enc_rate, dec_rate = count / encoder.cpu, count / decoder.cpu
        slowest = min(slowest, enc_rate / REAL_TIME)
        print(f"{rate:>4} kb/s {enc_rate:>11,.0f} {_real(count, encoder):>13} "
              f"{encoder.ratio(timings['baseline']):>24} {dec_rate:>11,.0f} {_real(count, decoder):>13} "
              f"{decoder.ratio(timings['baseline']):>24}")
    verdict = "meets" if slowest >= TARGET else "is below"
    print(f"slowest encoder: {slowest:.1f}x real time by CPU time, which {verdict} the {TARGET:.0f}x target")
    print("(samples/s by CPU time; x real: cpu/wall)")
    print("(x base: time per sample as a multiple of the G.711 baseline's, wall and cpu; lower is faster)")


def _real(count: int, timing: Timing) -> str:
    """Multiples of real time, by CPU time and by wall-clock time."""
    return f"{count / timing.cpu / REAL_TIME:.1f}/{count / timing.wall / REAL_TIME:.1f}x"


if __name__ == "__main__":
    main()

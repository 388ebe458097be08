"""Unit tests of the P.810 MNRU reference: the noise source, the calibration, both code paths."""

from __future__ import annotations

import math
import statistics
import struct
from pathlib import Path

import pytest

from reference_impl.p810 import Implementation, fullband, narrowband, noise
from reference_impl.p810.rounding import round_full_scale, round_normalised

VECTORS = Path(__file__).resolve().parents[2] / "recommendations" / "p810" / "vectors"


def words(name: str) -> list[int]:
    data = (VECTORS / "stl" / name).read_bytes()
    return list(struct.unpack(f"<{len(data) // 2}h", data))


def test_gaussian_table_has_the_shape_the_stl_draws() -> None:
    table = noise.gaussian_table()
    assert len(table) == noise.TABLE_SIZE
    assert all(-8.0 <= value <= 8.0 for value in table)
    assert abs(statistics.fmean(table)) < 0.1
    assert statistics.pvariance(table) == pytest.approx(4.0, rel=0.05)  # 2 sigma**2 = 8


def test_index_generator_is_the_24_bit_lcg() -> None:
    state, seen = 1, set()
    for _ in range(1000):
        state = (253 * state + 1) % 2**24
        seen.add(state)
    assert len(seen) == 1000  # no short cycle
    assert noise.noise_samples(3, 0) == noise.noise_samples(3, 0)
    assert noise.noise_samples(3, 0) != noise.noise_samples(3, 1)


def test_vectorised_noise_equals_the_loop() -> None:
    vectorised = pytest.importorskip("reference_impl.p810.fullband_vectorised")
    for count, seed in ((0, 5), (1, 0), (1000, 12345), (777, 2**24 - 1)):
        assert vectorised.noise_vectorised(count, seed).tolist() == noise.noise_samples(count, seed)


def test_vectorised_fullband_equals_the_pure_python_path() -> None:
    vectorised = pytest.importorskip("reference_impl.p810.fullband_vectorised")
    signal = words("P501_D_AM_fm_FB_48k.pcm")[20000:21500]
    for mode, dc, wrap in (("modulated", "115-hz", False), ("noise", "none", False), ("modulated", "15-hz", True)):
        shaped = fullband.shaped_noise(len(signal), 3.0, 77)
        alpha = fullband.DC_FILTERS[dc]
        source = fullband.dc_removed(signal, alpha) if alpha else [float(w) for w in signal]
        gain = 0.0 if mode == "noise" else 1.0
        expected = round_full_scale((x * (gain + n) for x, n in zip(source, shaped, strict=True)), wrap=wrap)
        assert vectorised.modulated_vectorised(signal, 3.0, mode, alpha, wrap=wrap, seed=77) == expected


def snr_db(reference: list[int], degraded: list[int]) -> float:
    signal = sum(value * value for value in reference)
    error = sum((a - b) ** 2 for a, b in zip(reference, degraded, strict=True))
    return 10 * math.log10(signal / error)


@pytest.mark.parametrize("q", [10, 20, 30])
def test_narrowband_ratio_follows_q(q: int) -> None:
    # What the STL's snr1..11 tests print: the MNRU output against the Q = 150 dB output.
    source = words("sine.src")
    clean = narrowband.process(source, 150)
    assert snr_db(clean, narrowband.process(source, q)) == pytest.approx(q, abs=1.5)


def test_noise_and_signal_modes_split_the_output() -> None:
    source = words("sine.src")[:2000]
    signal_only = narrowband.process(source, 10, "signal")
    assert signal_only == narrowband.process(source, 200)  # no audible noise at 200 dB
    noise_only = narrowband.process(source, 10, "noise")
    both = narrowband.process(source, 10)
    assert max(abs(a - (b + c)) for a, b, c in zip(both, signal_only, noise_only, strict=True)) <= 2
    assert fullband.process(source, 10, "signal") == source


def test_rounding_half_away_from_zero_and_limits() -> None:
    assert round_normalised([0.5 / 32768, -0.5 / 32768, 2.0, -2.0]) == [1, -1, 32767, -32768]
    assert round_full_scale([32767.6, -40000.0, 0.49], wrap=False) == [32767, -32768, 0]
    assert round_full_scale([32768.0, 65536.0 + 3, -32769.0], wrap=True) == [-32768, 3, 32767]


def test_interfaces_reject_bad_inputs() -> None:
    implementation = Implementation()
    with pytest.raises(ValueError, match="mode"):
        implementation.narrowband(10, "loud", 1, [0])
    with pytest.raises(ValueError, match="seed"):
        implementation.narrowband(10, "modulated", 2**24, [0])
    with pytest.raises(ValueError, match="q is"):
        implementation.fullband_p50(math.nan, "modulated", "none", "clamp", 1, [0])
    with pytest.raises(ValueError, match="dc_filter"):
        implementation.fullband_p50(10, "modulated", "1-hz", "clamp", 1, [0])

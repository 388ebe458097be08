"""Unit tests of the STL filter kernels: single-precision arithmetic, rate changes, both FIR paths."""

from __future__ import annotations

import random
import struct

import pytest

from reference_impl.stlfilter import CascadeIir, FirFilter, ParallelIir, checked_words, from_words, to_words


def single(value: float) -> float:
    return struct.unpack("<f", struct.pack("<f", value))[0]


def signal(count: int, seed: int = 7) -> list[float]:
    generator = random.Random(seed)
    return from_words([generator.randint(-32768, 32767) for _ in range(count)])


COEFFICIENTS = tuple(single(random.Random(3).uniform(-0.3, 0.3)) for _ in range(12))


def test_impulse_response_of_a_plain_fir_is_its_coefficients() -> None:
    impulse = [1.0] + [0.0] * 20
    assert FirFilter(COEFFICIENTS).apply_reference(impulse)[:12] == list(COEFFICIENTS)


def test_decimation_keeps_instants_zero_d_2d() -> None:
    values = signal(50)
    full = FirFilter(COEFFICIENTS).apply_reference(values)
    assert FirFilter(COEFFICIENTS, 3).apply_reference(values) == full[::3]
    assert FirFilter(COEFFICIENTS, 3).output_length(50) == 17


def test_interpolation_equals_filtering_the_zero_stuffed_signal() -> None:
    values = signal(40)
    stuffed = [value if k == 0 else 0.0 for value in values for k in range(3)]
    plain = FirFilter(COEFFICIENTS).apply_reference(stuffed)
    up = FirFilter(COEFFICIENTS, 3, upsampling=True).apply_reference(values)
    assert len(up) == 120
    # The polyphase form skips the zero terms, so the sums may differ in their last bit only.
    assert max(abs(a - b) for a, b in zip(up, plain, strict=True)) < 1e-6


@pytest.mark.parametrize("factor,upsampling", [(1, False), (2, False), (3, False), (2, True), (3, True)])
def test_vectorised_fir_is_bit_identical(factor: int, upsampling: bool) -> None:
    vectorised = pytest.importorskip("reference_impl.stlfilter.fir_vectorised")
    fir = FirFilter(COEFFICIENTS, factor, upsampling=upsampling)
    for count in (0, 1, 5, 301):
        values = signal(count, count)
        assert vectorised.apply_vectorised(fir, values) == fir.apply_reference(values)


def test_every_fir_output_is_single_precision() -> None:
    out = FirFilter(COEFFICIENTS).apply_reference(signal(64))
    assert all(single(value) == value for value in out)


def test_cascade_section_follows_its_difference_equation() -> None:
    section = CascadeIir((0.5, -0.25), (-0.5, 0.125), 2.0)
    x = [1.0, 0.0, 0.0, 0.0, 0.0]
    y: list[float] = []
    for k in range(5):
        past_x = [x[k - i] if k - i >= 0 else 0.0 for i in (1, 2)]
        past_y = [y[k - i] / 2.0 if k - i >= 0 else 0.0 for i in (1, 2)]
        value = x[k] + 0.5 * past_x[0] - 0.25 * past_x[1] + 0.5 * past_y[0] - 0.125 * past_y[1]
        y.append(2.0 * value)
    assert section.apply(x) == y  # exact: every value is a short binary fraction


def test_parallel_form_and_its_rate_changes() -> None:
    parallel = ParallelIir((0.0, 0.25, 0.5), (0.125, -0.25), -0.5, 1.0)
    impulse = [1.0, 0.0, 0.0]
    # w(0) = 2, y(0) = -0.5 + 0.5 * 2; w(1) = 2 * (0 - 0.125 * 0 + 0.25 * 2) = 1, y(1) = 0.5 * 1 + 0.25 * 2
    assert parallel.apply(impulse)[:2] == [0.5, 1.0]
    values = signal(30)
    down = ParallelIir((0.0, 0.25, 0.5), (0.125, -0.25), -0.5, 1.0, 2)
    assert down.apply(values) == parallel.apply(values)[::2]
    up = ParallelIir((0.0, 0.25, 0.5), (0.125, -0.25), -0.5, 2.0, 2, upsampling=True)
    assert len(up.apply(values)) == 60


def test_sample_conversion_rounds_half_away_and_saturates() -> None:
    assert to_words([0.5 / 32768, -0.5 / 32768, 1.5 / 32768, 1.0, -1.5]) == [1, -1, 2, 32767, -32768]
    assert to_words([1.9 / 32768, -1.9 / 32768], "truncate") == [1, -1]
    assert to_words(from_words([-32768, 0, 32767])) == [-32768, 0, 32767]
    with pytest.raises(ValueError):
        to_words([0.0], "floor")
    with pytest.raises(ValueError):
        checked_words([32768])

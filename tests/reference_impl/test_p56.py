"""The P.56 reference: the parts of Method B, the normalisation arithmetic, and the STL files."""

from __future__ import annotations

import math
import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impl.p56 import Implementation, apply_gain, gain_for, measure, measure_samples
from reference_impl.p56.__main__ import main as serve_main
from reference_impl.p56.voltmeter import activity_counts, bisect_level, envelope

STL = Path(__file__).resolve().parents[2] / "recommendations" / "p56" / "vectors" / "stl"
IMPLEMENTATION = Implementation()


def samples(name: str) -> list[int]:
    data = (STL / name).read_bytes()
    return list(struct.unpack(f"<{len(data) // 2}h", data))


@pytest.mark.parametrize("vectorised", [True, False])
def test_normalisation_reproduces_the_stl_files(vectorised: bool) -> None:
    source = samples("voice.src")
    measured = measure_samples(source, 16000.0, vectorised=vectorised)
    for reference, name in (("active", "voice.nrm"), ("rms", "voice.ltl")):
        scaled, clipped = apply_gain(source, gain_for(measured, -30.0, reference), vectorised=vectorised)
        assert scaled == samples(name) and clipped == 0


def test_long_term_level_of_a_full_scale_square_wave_is_zero_dbov() -> None:
    square = [32767, -32768] * 4000
    assert IMPLEMENTATION.measure(square, 8000.0)["long_term_level"] == pytest.approx(0.0, abs=1e-3)


def test_a_tone_at_a_known_level_is_measured_at_that_level() -> None:
    """A steady sine is active all the time: active level = long-term level, activity 1."""
    amplitude = 0.1
    tone = [amplitude * math.sin(2 * math.pi * 1000 * k / 8000) for k in range(16000)]
    result = measure(tone, 8000.0)
    expected = 20 * math.log10(amplitude / math.sqrt(2))
    assert result.long_term_level == pytest.approx(expected, abs=1e-3)
    assert result.active_level == pytest.approx(expected, abs=0.5)
    assert result.activity == pytest.approx(1.0, abs=0.02)


def test_pauses_lower_the_long_term_level_but_not_the_active_level() -> None:
    burst = [0.1 * math.sin(2 * math.pi * 440 * k / 8000) for k in range(8000)]
    with_pause = burst + [0.0] * 8000 + burst
    steady, paused = measure(burst * 2, 8000.0), measure(with_pause, 8000.0)
    assert paused.long_term_level < steady.long_term_level - 1.5
    # within the voltmeter's 0.5 dB bisection tolerance
    assert paused.active_level == pytest.approx(steady.active_level, abs=0.6)
    assert 0.6 < paused.activity < 0.8  # 2 s of 3 active, plus the 200 ms hangover


def test_silence_is_reported_at_minus_100_db() -> None:
    result = IMPLEMENTATION.measure([0] * 1000, 8000.0)
    assert result["active_level"] == -100.0 and result["activity"] == 0.0
    with pytest.raises(ValueError, match="no active speech"):
        IMPLEMENTATION.normalise([0] * 1000, 8000.0, -26.0, "active")


def test_envelope_is_two_first_order_smoothings() -> None:
    g = math.exp(-1 / (8000 * 0.03))
    q = envelope([1.0, 0.0, -1.0], 8000.0)
    p1 = 1 - g
    assert q[0] == pytest.approx((1 - g) * p1)
    assert q[2] > q[1] > q[0] > 0


@settings(max_examples=40, deadline=None)
@given(q=st.lists(st.floats(0.0, 1.0), max_size=400), hangover=st.integers(0, 50))
def test_vectorised_activity_counts_match_the_loop(q: list[float], hangover: int) -> None:
    assert activity_counts(q, hangover) == activity_counts(q, hangover, vectorised=False)


def test_hangover_counts_the_samples_after_a_crossing() -> None:
    q = [0.0, 0.6, 0.0, 0.0, 0.0, 0.0]
    counts = activity_counts(q, 2)
    assert counts[-1] == 3  # c = 0.5: the crossing and two samples of hangover
    assert activity_counts([0.0, 0.0], 2)[0] == 0  # nothing before a first crossing


def test_bisection_follows_the_g191_voltmeter() -> None:
    # an end of the bracket already within 0.5 dB of the margin is the answer
    assert bisect_level(-24.0, -14.0, -40.0, -46.0) == -24.0
    # (upper is step j, where A - C fell to the margin or below; lower is step j - 1)
    assert bisect_level(-26.0, -20.0, -41.0, -37.0) == -23.0  # A - C: 15, 17; middle 16
    # the G.191 loop moves a bound to the new middle, so a far bracket stops narrowing and
    # ends by relaxing its tolerance: the result stays inside the bracket all the same
    level = bisect_level(-26.0, -20.0, -36.0, -40.0)  # A - C: 10 and 20
    assert -26.0 <= level <= -20.0


def test_gain_is_applied_in_single_precision_with_truncation_and_clipping() -> None:
    assert apply_gain([1000, -1000, 30000], 1.5, vectorised=False) == ([1500, -1500, 32767], 1)
    assert apply_gain([3, -3], 0.5) == ([1, -1], 0)  # towards zero
    assert apply_gain([3, -3], 0.5) == apply_gain([3, -3], 0.5, vectorised=False)


@pytest.mark.parametrize(
    ("method", "arguments", "message"),
    [
        ("measure", {"samples": [], "sampling_rate": 8000.0}, "empty"),
        ("measure", {"samples": [40000], "sampling_rate": 8000.0}, r"samples\[0\]"),
        ("measure", {"samples": [1], "sampling_rate": 0.0}, "sampling_rate"),
        ("measure", {"samples": [1], "sampling_rate": float("nan")}, "sampling_rate"),
        ("normalise", {"samples": [1], "sampling_rate": 8000.0, "target_level": -26.0, "reference": "peak"},
         "reference"),
        ("normalise", {"samples": [1], "sampling_rate": 8000.0, "target_level": math.inf, "reference": "rms"},
         "target_level"),
    ],
)
def test_bad_input_is_rejected(method: str, arguments: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        getattr(IMPLEMENTATION, method)(**arguments)


def test_serve_needs_its_argument(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve_main([]) == 2
    assert "usage" in capsys.readouterr().err

"""Unit tests of the P.341 / IRS and G.712 filter references (filter sets, chains, responses)."""

from __future__ import annotations

import math

import pytest

from reference_impl.g712 import Implementation as G712
from reference_impl.g712.filters import FILTERS as G712_FILTERS
from reference_impl.p341 import Implementation as P341
from reference_impl.p341.filters import FILTERS as P341_FILTERS
from reference_impl.p341.filters import chain


def tone(frequency: float, rate: int, count: int, amplitude: int = 10000) -> list[int]:
    return [round(amplitude * math.sin(2 * math.pi * frequency * k / rate)) for k in range(count)]


def rms(values: list[int]) -> float:
    return math.sqrt(sum(v * v for v in values) / len(values))


def test_rate_changers_change_the_length() -> None:
    samples = tone(1000, 8000, 300)
    for name, ratio in (("hq-up-2", 2), ("hq-up-3", 3), ("flat-up-2", 2), ("iir-flat-up-3", 3)):
        assert len(P341().filter(name, samples)["samples"]) == ratio * 300
    for name, expected in (("hq-down-2", 150), ("hq-down-3", 100), ("iir-flat-down-3", 100)):
        assert len(P341().filter(name, samples)["samples"]) == expected


def test_up_then_down_returns_the_tone() -> None:
    samples = tone(1000, 8000, 800)
    out = P341().filter("hq-up-2 hq-down-2", samples)["samples"]
    assert rms(out[200:]) == pytest.approx(rms(samples[200:]), rel=0.02)


def test_band_limits() -> None:
    # The 50-5000 Hz band-pass keeps 1 kHz and removes 7 kHz; G.712 removes 60 Hz at 16 kHz.
    assert rms(P341().filter("band-pass-5k-16k", tone(1000, 16000, 2000))["samples"][800:]) > 6000
    assert rms(P341().filter("band-pass-5k-16k", tone(7000, 16000, 2000))["samples"][800:]) < 300
    assert rms(G712().filter("pcm-16k", "nearest", tone(60, 16000, 4000))["samples"][2000:]) < 1000
    assert rms(G712().filter("pcm-16k", "nearest", tone(1000, 16000, 4000))["samples"][2000:]) > 6000


def test_chains_are_validated() -> None:
    assert len(chain("irs-8k  hq-up-2")) == 2
    with pytest.raises(ValueError, match="unknown filter"):
        chain("irs-8k irs-9k")
    with pytest.raises(ValueError, match="no filter"):
        P341().filter("", [0])
    with pytest.raises(ValueError, match="up-sampling"):
        P341().asynchronous("hq-down-2", 0, [0])


def test_asynchronous_tandem_delays_and_advances() -> None:
    samples = tone(500, 16000, 600)
    plain = P341().asynchronous("iir-flat-up-3", 0, samples)["samples"]
    assert len(plain) == 600
    assert P341().asynchronous("iir-flat-up-3", 5, samples)["samples"] == [0] * 5 + plain
    assert P341().asynchronous("iir-flat-up-3", -5, samples)["samples"] == plain[5:]


def test_filter_sets_are_complete() -> None:
    assert len(P341_FILTERS) == 22
    assert set(G712_FILTERS) == {"pcm-16k", "pcm-down-2", "pcm-up-2", "cascade-8k"}
    assert P341().filter_exact("p341-16k", [0] * 10) == {"samples": [0] * 10}

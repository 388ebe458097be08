"""The G.192 / G.191 EID reference: formats, generators, truncation and insertion.

The STL references run through the harness in test_vector_sets.py; here the parts are tested
on their own: the random numbers against their definition, the models' statistics, the forms
of a pattern against each other, and the truncation and insertion rules on small streams.
"""

from __future__ import annotations

import io
import json
import struct
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impl.g192 import (
    PORTABILITY_SEED,
    Bellcore,
    BitstreamError,
    GilbertElliot,
    Implementation,
    RandomNumbers,
    apply_pattern,
    decisions,
    pattern_file,
    truncate,
)
from reference_impl.g192.__main__ import main as serve_main
from reference_impl.g192.softbits import bits_from_compact, to_compact, words_from_bytes

STL = Path(__file__).resolve().parents[2] / "recommendations" / "g192" / "vectors" / "stl"
IMPLEMENTATION = Implementation()


def g192(*words: int) -> bytes:
    return struct.pack(f"<{len(words)}H", *words)


def test_random_numbers_follow_the_congruence() -> None:
    numbers = RandomNumbers(PORTABILITY_SEED)
    first = (69069 * PORTABILITY_SEED + 1) % 2**32
    assert numbers.next() == first / 2**32
    assert numbers.next() == ((69069 * first + 1) % 2**32) / 2**32


@settings(max_examples=20, deadline=None)
@given(rate=st.floats(0.0, 0.5), gamma=st.floats(0.0, 0.99), seed=st.integers(0, 2**32 - 1))
def test_batched_decisions_equal_single_ones(rate: float, gamma: float, seed: int) -> None:
    one, batch = GilbertElliot(rate, gamma, RandomNumbers(seed)), GilbertElliot(rate, gamma, RandomNumbers(seed))
    assert [one.decide() for _ in range(300)] == batch.decisions(300)


@pytest.mark.parametrize(("rate", "gamma"), [(0.01, 0.0), (0.05, 0.5), (0.2, 0.9)])
def test_gilbert_elliot_errors_come_at_the_rate(rate: float, gamma: float) -> None:
    marks = GilbertElliot(rate, gamma).decisions(200_000)
    assert sum(marks) / len(marks) == pytest.approx(rate, rel=0.15)


def test_gamma_makes_errors_come_in_bursts() -> None:
    def runs(marks: list[int]) -> int:
        return sum(1 for a, b in pairwise(marks) if b and not a)
    independent = GilbertElliot(0.05, 0.0).decisions(100_000)
    bursty = GilbertElliot(0.05, 0.9).decisions(100_000)
    assert runs(bursty) < 0.75 * runs(independent)  # the same errors in fewer, longer runs


@pytest.mark.parametrize("step", [2, 6, 10, 40])
def test_bellcore_erasures_come_at_the_rate(step: int) -> None:
    model = Bellcore(step)
    marks = [model.decide() for _ in range(200_000)]
    assert sum(marks) / len(marks) == pytest.approx(step / 200, rel=0.15)


def test_the_forms_of_a_pattern_agree() -> None:
    marks = decisions("frame-erasures", 0.1, 0.0, 1000, PORTABILITY_SEED)
    words = struct.unpack("<1000H", pattern_file("frame-erasures", marks, "g192"))
    assert [1 if w == 0x6B20 else 0 for w in words] == marks
    assert words_from_bytes(pattern_file("frame-erasures", marks, "byte")) == list(words)
    assert bits_from_compact(pattern_file("frame-erasures", marks, "compact"), 1000) == marks


def test_compact_form_is_least_significant_bit_first() -> None:
    assert to_compact([1, 0, 0, 0, 0, 0, 0, 0, 0, 1]) == b"\x01\x02"
    assert bits_from_compact(b"\x80") == [0] * 7 + [1]


def test_truncation_keeps_the_leading_bits_of_each_frame() -> None:
    stream = g192(0x6B21, 4, 0x81, 0x7F, 0x81, 0x81, 0x6B20, 4, 0, 0, 0, 0)
    out = truncate(stream, "g192", True, 0, 100, 0.02)  # 2 bits of 20 ms at 100 bit/s
    assert out == g192(0x6B21, 2, 0x81, 0x7F, 0x6B20, 2, 0, 0)
    assert truncate(stream, "g192", True, 0, 10_000, 0.02) == stream  # above the input: whole frames


def test_headerless_input_is_framed_by_its_rate_and_a_short_tail_dropped() -> None:
    stream = g192(*([0x81] * 5))
    assert truncate(stream, "g192", False, 100, 50, 0.02) == g192(0x6B21, 1, 0x81, 0x6B21, 1, 0x81)


def test_truncation_refuses_what_is_not_g192() -> None:
    with pytest.raises(BitstreamError, match="sync word"):
        truncate(g192(0x1234, 1, 0x81), "g192", True, 0, 100, 0.02)


def test_bit_errors_flip_the_marked_bits_cyclically() -> None:
    stream = g192(0x6B21, 3, 0x7F, 0x81, 0x7F, 0x6B21, 3, 0x7F, 0x7F, 0x7F)
    pattern = g192(0x81, 0x7F)  # flip every other bit, read cyclically across frames
    out = apply_pattern(stream, "g192", True, pattern, "g192", "bit-errors", 3)
    assert out == g192(0x6B21, 3, 0x81, 0x81, 0x81, 0x6B21, 3, 0x7F, 0x81, 0x7F)


def test_an_erased_frame_keeps_its_size_with_zero_payload() -> None:
    stream = g192(0x6B21, 2, 0x7F, 0x81, 0x6B21, 2, 0x81, 0x81)
    out = apply_pattern(stream, "g192", True, g192(0x6B21, 0x6B20), "g192", "frame-erasures", 2)
    assert out == g192(0x6B21, 2, 0x7F, 0x81, 0x6B20, 2, 0, 0)
    # a compact bitstream cannot mark an erasure: the output is G.192
    compact = IMPLEMENTATION.apply_pattern(b"\x0f", "compact", False, b"\x01", "compact", "frame-erasures", 8)
    assert compact["bitstream"] == g192(*([0] * 8))


def test_disturb_matches_its_parts_on_a_small_stream() -> None:
    stream = g192(*[0x6B21, 8, *([0x7F] * 8)] * 50)
    out = IMPLEMENTATION.disturb(stream, 0.05, 0.0, 0.0, 0.0, 7)["bitstream"]
    errors = GilbertElliot(0.05, 0.0, RandomNumbers(7)).decisions(400)
    words = struct.unpack(f"<{len(out) // 2}H", out)
    payload = [w for k, w in enumerate(words) if k % 10 >= 2]
    assert payload == [0x81 if e else 0x7F for e in errors]


def test_eid8k_records_hold_two_frames() -> None:
    pattern = IMPLEMENTATION.generate_eid8k_pattern("frame-erasures", 0.3, 0.0, 3, 1)["pattern"]
    assert len(pattern) == 3 * 512
    assert all(pattern[r * 512 + 456:(r + 1) * 512] == bytes(56) for r in range(3))


def test_the_official_bellcore_reference_comes_from_the_stated_rate() -> None:
    pattern = IMPLEMENTATION.generate_eid8k_pattern("burst-frame-erasures", 0.03, 0.0, 1000, PORTABILITY_SEED)
    assert pattern["pattern"] == (STL / "eid" / "patb3pct.ref").read_bytes()


@pytest.mark.parametrize(
    ("method", "arguments", "message"),
    [
        ("generate_pattern", {"model": "bit-errors", "rate": 0.7, "gamma": 0.0, "count": 1, "form": "g192",
                              "seed": 1}, "rate"),
        ("generate_pattern", {"model": "burst-frame-erasures", "rate": 0.001, "gamma": 0.0, "count": 1,
                              "form": "g192", "seed": 1}, "Bellcore"),
        ("generate_pattern", {"model": "bit-errors", "rate": 0.1, "gamma": 0.0, "count": -1, "form": "g192",
                              "seed": 1}, "count"),
        ("truncate", {"bitstream": b"", "form": "g192", "sync_header": False, "input_bit_rate": 0,
                      "bit_rate": 100, "frame_ms": 20}, "input_bit_rate"),
        ("truncate", {"bitstream": b"", "form": "ascii", "sync_header": True, "input_bit_rate": 0,
                      "bit_rate": 100, "frame_ms": 20}, "form"),
        ("apply_pattern", {"bitstream": b"\x00", "form": "compact", "sync_header": False, "pattern": b"",
                           "pattern_form": "compact", "kind": "bit-errors", "frame_bits": 8}, "empty"),
        ("disturb", {"bitstream": g192(0x1234), "bit_error_rate": 0.0, "bit_error_gamma": 0.0,
                     "frame_erasure_rate": 0.0, "frame_erasure_gamma": 0.0, "seed": 1}, "sync word"),
    ],
)
def test_bad_input_is_rejected(method: str, arguments: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        getattr(IMPLEMENTATION, method)(**arguments)


def test_process_server_takes_bitstreams_as_hex(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = g192(0x6B21, 2, 0x81, 0x7F)
    request = {"id": 1, "interface": "truncate", "input": {
        "bitstream": stream.hex(), "form": "g192", "sync_header": True, "input_bit_rate": 0,
        "bit_rate": 50, "frame_ms": 20}}
    stdout = io.StringIO()
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(request) + "\n"))
    monkeypatch.setattr("sys.stdout", stdout)
    assert serve_main(["serve"]) == 0
    _, answer = (json.loads(line) for line in stdout.getvalue().splitlines())
    assert answer == {"id": 1, "output": {"bitstream": g192(0x6B21, 1, 0x81).hex()}}


def test_serve_needs_its_argument(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve_main([]) == 2
    assert "usage" in capsys.readouterr().err

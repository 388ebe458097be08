"""The G.727 reference: its algorithm's parts, and a sample of the STL sequences bit for bit.

Every vector set also runs through the harness in test_vector_sets.py; here the sequences are
spot checks, and the rest tests what G.727 says beyond its test data: the nested quantizers,
the core-only adaptation, the synchronous adjustment, and what sets G.727 apart from G.726.
"""

from __future__ import annotations

import io
import json
import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impl.g726 import tone_transition as g726_tone_transition
from reference_impl.g726.adaptive_quantizer import quantize
from reference_impl.g727 import BIT_COMBINATIONS, QUANTIZERS, Implementation, decode, encode
from reference_impl.g727.__main__ import main as serve_main
from reference_impl.g727.synchronous_coding import _step_down, _step_up
from reference_impl.g727.transition import transition_detected

VECTORS = Path(__file__).resolve().parents[2] / "recommendations" / "g727" / "vectors"
IMPLEMENTATION = Implementation()


def words(relative: str) -> list[int]:
    data = (VECTORS / relative).read_bytes()
    return list(struct.unpack(f"<{len(data) // 2}H", data))


@pytest.mark.parametrize(("total", "core"), [(5, 2), (4, 3), (2, 2)])
def test_overload_sequences_bit_for_bit(total: int, core: int) -> None:
    for letter, law in (("a", "A"), ("m", "mu")):
        expected = words(f"stl/rv{total}{core}_{letter}.i")
        assert encode(words(f"stl/ovr.{letter}"), law, total, core) == expected
        assert decode(expected, law, total, core) == words(f"stl/rv{total}{core}_{letter}.o")


def test_cross_law_decoding() -> None:
    codes = words("stl/rv53_m.i")
    assert decode(codes, "A", 5, 3) == words("stl/rv53_c.o")


def test_the_quantizers_are_nested() -> None:
    """Clause 2.3: each quantizer's decision levels are every other level of the next finer one."""
    for bits in (5, 4, 3):
        finer, coarser = QUANTIZERS[bits].decision_levels, QUANTIZERS[bits - 1].decision_levels
        assert finer[1::2] == coarser


@settings(max_examples=200, deadline=None)
@given(d=st.integers(-24576, 24575), y=st.integers(544, 5120), bits=st.sampled_from([5, 4, 3]))
def test_dropping_the_last_bit_gives_the_coarser_quantizer(d: int, y: int, bits: int) -> None:
    assert quantize(d, y, QUANTIZERS[bits]) >> 1 == quantize(d, y, QUANTIZERS[bits - 1])


@settings(max_examples=25, deadline=None)
@given(
    combination=st.sampled_from([c for c in BIT_COMBINATIONS if c[0] > c[1]]),
    law=st.sampled_from(["A", "mu"]),
    samples=st.lists(st.integers(0, 255), max_size=200),
)
def test_enhancement_bits_can_be_dropped_in_the_network(
    combination: tuple[int, int], law: str, samples: list[int]
) -> None:
    """The adaptation sees the core bits only: an (x, y) encoder's codes without their
    enhancement bits are what the (y, y) encoder sends, and any decoder that knows its bits
    stays in step."""
    total, core = combination
    codes = encode(samples, law, total, core)
    for kept in range(core, total):
        dropped = [code >> (total - kept) for code in codes]
        assert dropped == encode(samples, law, kept, core)
        assert decode(dropped, law, kept, core) == decode(encode(samples, law, kept, core), law, kept, core)


@settings(max_examples=25, deadline=None)
@given(
    combination=st.sampled_from(BIT_COMBINATIONS),
    law=st.sampled_from(["A", "mu"]),
    samples=st.lists(st.integers(0, 255), max_size=200),
)
def test_synchronous_tandem_coding_adds_no_distortion(
    combination: tuple[int, int], law: str, samples: list[int]
) -> None:
    total, core = combination
    codes = encode(samples, law, total, core)
    assert encode(decode(codes, law, total, core), law, total, core) == codes


def test_transition_threshold_is_capped_earlier_than_in_g726() -> None:
    yl = 9 << 15  # integer part 9: G.726 still shifts, G.727 caps at 31 << 9
    threshold = ((31 << 9) + (31 << 8)) >> 1
    assert transition_detected(1, yl, threshold) == 0
    assert transition_detected(1, yl, threshold + 1) == 1
    assert g726_tone_transition.transition_detected(1, yl, threshold + 1) == 0
    assert transition_detected(0, yl, 16383) == 0  # no tone before: no transition


def test_synchronous_step_skips_the_mu_law_zero_of_the_other_sign() -> None:
    # sign-magnitude words: 0x80 is -0 and 0x00 is +0
    assert _step_up(0x80, "mu") == 0x01 and _step_down(0x00, "mu") == 0x81
    assert _step_up(0x80, "A") == 0x00 and _step_down(0x00, "A") == 0x80
    assert _step_up(0x7F, "A") == 0x7F and _step_down(0xFF, "mu") == 0xFF  # limits hold
    assert _step_up(0x85, "A") == 0x84 and _step_down(0x05, "A") == 0x04


def test_encode_and_decode_is_the_tandem_of_the_two() -> None:
    samples = words("stl/ovr.m")
    both = IMPLEMENTATION.encode_and_decode("mu", 4, 2, samples)
    assert both["codes"] == IMPLEMENTATION.encode("mu", 4, 2, samples)["codes"]
    assert both["samples"] == IMPLEMENTATION.decode("mu", 4, 2, both["codes"])["samples"]


@pytest.mark.parametrize(
    ("method", "arguments", "message"),
    [
        ("encode", {"law": "linear", "total_bits": 4, "core_bits": 4, "samples": [0]}, "law"),
        ("encode", {"law": "A", "total_bits": 3, "core_bits": 4, "samples": [0]}, "algorithm"),
        ("encode", {"law": "A", "total_bits": 5, "core_bits": 5, "samples": [0]}, "algorithm"),
        ("encode", {"law": "A", "total_bits": True, "core_bits": 2, "samples": [0]}, "algorithm"),
        ("encode", {"law": "A", "total_bits": 4, "core_bits": 4, "samples": [256]}, r"samples\[0\]"),
        ("encode", {"law": "A", "total_bits": 4, "core_bits": 4, "samples": "ab"}, "list"),
        ("decode", {"law": "mu", "total_bits": 2, "core_bits": 2, "codes": [4]}, r"0\.\.3"),
        ("decode", {"law": "mu", "total_bits": 5, "core_bits": 2, "codes": [31, 32]}, r"codes\[1\]"),
        ("decode", {"law": "mu", "total_bits": 4, "core_bits": 4, "codes": [1.0]}, "not an integer"),
    ],
)
def test_bad_input_is_rejected(method: str, arguments: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        getattr(IMPLEMENTATION, method)(**arguments)


def test_each_call_starts_from_reset() -> None:
    samples = words("stl/ovr.a")
    assert IMPLEMENTATION.encode("A", 5, 4, samples) == IMPLEMENTATION.encode("A", 5, 4, samples)
    assert IMPLEMENTATION.encode("A", 4, 4, []) == {"codes": []}


def test_process_server_answers_a_request(monkeypatch: pytest.MonkeyPatch) -> None:
    request = {"id": 1, "interface": "encode",
               "input": {"law": "A", "total_bits": 5, "core_bits": 3, "samples": [213] * 4}}
    stdin = io.StringIO(json.dumps(request) + "\n")
    stdout = io.StringIO()
    monkeypatch.setattr("sys.stdin", stdin)
    monkeypatch.setattr("sys.stdout", stdout)
    assert serve_main(["serve"]) == 0
    hello, answer = (json.loads(line) for line in stdout.getvalue().splitlines())
    assert "encode_and_decode" in hello["interfaces"]
    assert answer == {"id": 1, "output": IMPLEMENTATION.encode("A", 5, 3, [213] * 4)}


def test_serve_needs_its_argument(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve_main([]) == 2
    assert "usage" in capsys.readouterr().err

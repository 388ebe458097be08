"""The G.726 reference against every Appendix II digital test sequence (STL copies), bit for bit.

One test per official output file, so pytest-xdist spreads them; each runs the codec once.
"""

from __future__ import annotations

import io
import json
import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impl.g726 import RATES, Implementation, decode, encode
from reference_impl.g726.__main__ import main as serve_main
from reference_impl.g726.pcm_format import compress, expand
from reference_impl.g726.predictor import FLOAT_ZERO, fmult
from reference_impl.g726.quantizer_tables import RATE_32

VECTORS = Path(__file__).resolve().parents[2] / "recommendations" / "g726" / "vectors"
LAW = {"a": "A", "m": "mu"}
OTHER = {"a": "m", "m": "a"}
CROSS = {"a": "x", "m": "c"}  # fx: A-law codes to a mu-law decoder; fc: mu-law codes to A-law
SOURCE = {"n": "nrm", "v": "ovr"}
INITIALISATION_WORDS = 3496


def words(relative: str, code: str = "H") -> list[int]:
    data = (VECTORS / relative).read_bytes()
    return list(struct.unpack(f"<{len(data) // 2}{code}", data))


CASES = [(rate, letter) for rate in RATES for letter in "am"]


@pytest.mark.parametrize("kind", ["n", "v"])
@pytest.mark.parametrize(("rate", "letter"), CASES)
def test_reset_encoder(rate: int, letter: str, kind: str) -> None:
    samples = words(f"stl/{SOURCE[kind]}.{letter}")
    assert encode(samples, LAW[letter], RATES[rate]) == words(f"stl/r{kind}{rate}f{letter}.i")


@pytest.mark.parametrize("kind", ["n", "v"])
@pytest.mark.parametrize(("rate", "letter"), CASES)
def test_reset_decoder(rate: int, letter: str, kind: str) -> None:
    codes = words(f"stl/r{kind}{rate}f{letter}.i")
    assert decode(codes, LAW[letter], RATES[rate]) == words(f"stl/r{kind}{rate}f{letter}.o")


@pytest.mark.parametrize("kind", ["n", "v"])
@pytest.mark.parametrize(("rate", "letter"), CASES)
def test_reset_cross_law_decoder(rate: int, letter: str, kind: str) -> None:
    codes = words(f"stl/r{kind}{rate}f{letter}.i")
    expected = words(f"stl/r{kind}{rate}f{CROSS[letter]}.o")
    assert decode(codes, LAW[OTHER[letter]], RATES[rate]) == expected


@pytest.mark.parametrize(("rate", "letter"), CASES)
def test_reset_decoder_of_the_i_sequences(rate: int, letter: str) -> None:
    assert decode(words(f"stl/i{rate}"), LAW[letter], RATES[rate]) == words(f"stl/ri{rate}f{letter}.o")


def test_initialisation_sequences_are_the_encoder_output_of_pcm_init() -> None:
    for rate, letter in CASES:
        pcm_init = words(f"homing/pcm_init.{letter}")
        assert len(pcm_init) == INITIALISATION_WORDS
        assert encode(pcm_init, LAW[letter], RATES[rate]) == words(f"homing/i_ini_{rate}.{letter}")
        assert words(f"stl/i_ini_{rate}.{letter}")[:INITIALISATION_WORDS] == words(
            f"homing/i_ini_{rate}.{letter}"
        )


IMPLEMENTATION = Implementation()


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["n", "v"])
@pytest.mark.parametrize(("rate", "letter"), CASES)
def test_homing_encoder(rate: int, letter: str, kind: str) -> None:
    codes = IMPLEMENTATION.encode_initialised(
        LAW[letter], rate, words(f"homing/pcm_init.{letter}"), words(f"stl/{SOURCE[kind]}.{letter}")
    )["codes"]
    assert codes == words(f"stl/h{kind}{rate}f{letter}.i")


@pytest.mark.slow
@pytest.mark.parametrize("source", ["n", "v", "i"])
@pytest.mark.parametrize(("rate", "letter"), CASES)
def test_homing_decoder(rate: int, letter: str, source: str) -> None:
    codes = words(f"stl/i{rate}" if source == "i" else f"stl/h{source}{rate}f{letter}.i")
    samples = IMPLEMENTATION.decode_initialised(
        LAW[letter], rate, words(f"homing/i_ini_{rate}.{letter}"), codes
    )["samples"]
    assert samples == words(f"stl/h{source}{rate}f{letter}.o")


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["n", "v"])
@pytest.mark.parametrize(("rate", "letter"), CASES)
def test_homing_cross_law_decoder(rate: int, letter: str, kind: str) -> None:
    """The decoder is initialised with the i_ini sequence of its own (output) law."""
    expected_name = f"h{kind}{rate}f{CROSS[letter]}.o"
    codes = words(f"stl/h{kind}{rate}f{letter}.i")
    decoder = OTHER[letter]
    samples = IMPLEMENTATION.decode_initialised(
        LAW[decoder], rate, words(f"homing/i_ini_{rate}.{decoder}"), codes
    )["samples"]
    if expected_name == "hn16fc.o":
        # the one published h... file that a decoder started from reset reproduces instead
        assert samples != words(f"stl/{expected_name}")
        assert decode(codes, LAW[decoder], RATES[rate]) == words(f"stl/{expected_name}")
    else:
        assert samples == words(f"stl/{expected_name}")


@pytest.mark.slow
def test_variable_rate_voice_through_a_law() -> None:
    samples = IMPLEMENTATION.encode_decode_variable_rate(
        "A", [16, 24, 32, 40, 32, 24], 16, words("stl/voice.src", "h")
    )["samples"]
    assert samples == words("stl/voicevbr.lrf", "h")


def test_every_vector_set_json_matches_the_reference() -> None:
    """The generated vector files hold what the tests above check (spot check of the shapes)."""
    document = json.loads((VECTORS / "reset-decode-cross-law-32k.json").read_text("utf-8"))
    group = document["groups"][0]
    assert group["parameters"] == {"law": "A", "rate": 32}
    assert group["tests"][0]["input"]["codes"]["file"] == "stl/rn32fm.i"
    assert group["tests"][0]["expected"]["samples"]["file"] == "stl/rn32fc.o"


@pytest.mark.parametrize(
    ("method", "arguments", "message"),
    [
        ("encode", {"law": "B", "rate": 32, "samples": [0]}, "law"),
        ("encode", {"law": "A", "rate": 33, "samples": [0]}, "rate"),
        ("encode", {"law": "A", "rate": True, "samples": [0]}, "rate"),
        ("encode", {"law": "A", "rate": 32, "samples": [213, 256]}, r"samples\[1\]"),
        ("encode", {"law": "mu", "rate": 32, "samples": [-1]}, r"samples\[0\]"),
        ("encode", {"law": "linear", "rate": 32, "samples": [32768]}, r"samples\[0\]"),
        ("encode", {"law": "A", "rate": 32, "samples": "abc"}, "list"),
        ("encode", {"law": "A", "rate": 32, "samples": [1.5]}, "not an integer"),
        ("decode", {"law": "A", "rate": 16, "codes": [4]}, r"codes\[0\].*0\.\.3"),
        ("decode", {"law": "A", "rate": 24, "codes": [8]}, r"0\.\.7"),
        ("decode", {"law": "A", "rate": 32, "codes": [16]}, r"0\.\.15"),
        ("decode", {"law": "A", "rate": 40, "codes": [32]}, r"0\.\.31"),
        ("decode", {"law": "mu", "rate": 32, "codes": [-1]}, r"codes\[0\]"),
        ("decode_initialised", {"law": "A", "rate": 32, "initialisation": [16], "codes": []},
         "initialisation"),
        ("encode_decode_variable_rate",
         {"law": "A", "rates": [32, 20], "block_size": 16, "samples": [0]}, "rate"),
        ("encode_decode_variable_rate",
         {"law": "A", "rates": [], "block_size": 16, "samples": [0]}, "rates"),
        ("encode_decode_variable_rate",
         {"law": "A", "rates": [32], "block_size": 0, "samples": [0]}, "block_size"),
    ],
)
def test_bad_input_is_rejected(method: str, arguments: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        getattr(IMPLEMENTATION, method)(**arguments)


@settings(max_examples=30, deadline=None)
@given(
    rate=st.sampled_from(sorted(RATES)),
    law=st.sampled_from(["A", "mu"]),
    samples=st.lists(st.integers(0, 255), max_size=300),
)
def test_synchronous_tandem_coding_adds_no_distortion(rate: int, law: str, samples: list[int]) -> None:
    """Clause 3.7: re-encoding the decoder's PCM output gives the same ADPCM codes again."""
    codes = encode(samples, law, RATES[rate])
    assert encode(decode(codes, law, RATES[rate]), law, RATES[rate]) == codes


def test_empty_input_gives_empty_output() -> None:
    assert IMPLEMENTATION.encode("A", 32, []) == {"codes": []}
    assert IMPLEMENTATION.decode("mu", 16, []) == {"samples": []}


def test_each_call_starts_from_reset() -> None:
    samples = words("stl/ovr.a")
    first = IMPLEMENTATION.encode("A", 24, samples)
    assert IMPLEMENTATION.encode("A", 24, samples) == first


def test_linear_law_codes_the_14_most_significant_bits() -> None:
    """Annex A uniform PCM: the two low bits of a 16-bit sample are ignored, output is 14-bit."""
    tone = [4000 * ((k % 16) - 8) for k in range(400)]
    codes = IMPLEMENTATION.encode("linear", 32, tone)["codes"]
    assert IMPLEMENTATION.encode("linear", 32, [x | 3 for x in tone])["codes"] == codes
    output = IMPLEMENTATION.decode("linear", 32, codes)["samples"]
    assert all(x % 4 == 0 and -32768 <= x <= 32764 for x in output)
    assert compress(32767, "linear") == 8191 << 2
    assert compress(-32768, "linear") == -8192 << 2
    assert expand(-32768, "linear") == -8192


def test_negative_zero_reconstruction_codes_as_the_smallest_negative_level() -> None:
    # sr = -32768 has no 15-bit magnitude: COMPRESS sees a negative zero (ri40fa.o needs this)
    assert compress(-32768, "A") == 0x55
    assert compress(-32768, "mu") == 0x7F


def test_fmult_of_floating_point_zero_keeps_the_coefficient_sign() -> None:
    # zero is (sign, 0, 32) in the predictor's format: the product is small but not zero
    assert fmult(32767, FLOAT_ZERO) == 2
    assert fmult(-32764, FLOAT_ZERO) == -2
    assert fmult(32767, (1, 0, 32)) == -2
    assert fmult(-32768, (0, 15, 63)) == -fmult(0, (0, 15, 63))  # magnitude 0, sign kept


def test_the_zero_interval_is_sent_as_all_ones() -> None:
    assert RATE_32.code_for_magnitude[0][0] == 15
    assert RATES[16].code_for_magnitude[0][0] == 0  # 16 kbit/s has no zero level


def test_process_server_answers_a_request(monkeypatch: pytest.MonkeyPatch) -> None:
    request = {"id": 1, "interface": "encode", "input": {"law": "A", "rate": 32, "samples": [213] * 4}}
    bad = {"id": 2, "interface": "decode", "input": {"law": "A", "rate": 32, "codes": [16]}}
    stdin = io.StringIO(json.dumps(request) + "\n" + json.dumps(bad) + "\n")
    stdout = io.StringIO()
    monkeypatch.setattr("sys.stdin", stdin)
    monkeypatch.setattr("sys.stdout", stdout)
    assert serve_main(["serve"]) == 0
    hello, answer, rejection = (json.loads(line) for line in stdout.getvalue().splitlines())
    assert "encode_initialised" in hello["interfaces"]
    assert answer == {"id": 1, "output": IMPLEMENTATION.encode("A", 32, [213] * 4)}
    assert rejection["id"] == 2 and "codes[0]" in rejection["rejected"]


def test_serve_needs_its_argument(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve_main([]) == 2
    assert "usage" in capsys.readouterr().err

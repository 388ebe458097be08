"""The G.722 reference against the official STL sequences, plus its interface and QMF paths."""

from __future__ import annotations

import io
import json
import struct
from pathlib import Path

import pytest

from reference_impl import g722
from reference_impl._serve import serve
from reference_impl.g722 import qmf
from reference_impl.g722.tables import ILB

VECTORS = Path(__file__).resolve().parents[2] / "recommendations" / "g722" / "vectors"
PREFIX_CODES = 4000  # decoding is causal: a prefix of the codes gives a prefix of the output


def words(relative: str, code: str = "h") -> list[int]:
    data = (VECTORS / relative).read_bytes()
    return list(struct.unpack(f"<{len(data) // 2}{code}", data))


INPUT = words("stl/inpsp.bin")
CODES = words("stl/codspw.cod", "H")


def test_encoder_matches_stl() -> None:
    assert g722.encode(INPUT) == CODES


@pytest.mark.parametrize("mode", [1, 2, 3])
def test_decoder_matches_stl(mode: int) -> None:
    assert g722.decode(mode, CODES) == words(f"stl/outsp{mode}.bin")


@pytest.mark.parametrize(("mode", "relative"), [(2, "derived/codspw-data8k.cod"),
                                                (3, "derived/codspw-data16k.cod")])
def test_decoder_ignores_auxiliary_data_bits(mode: int, relative: str) -> None:
    with_data = words(relative, "H")[:PREFIX_CODES]
    assert with_data != CODES[:PREFIX_CODES]
    assert g722.decode(mode, with_data) == words(f"stl/outsp{mode}.bin")[: 2 * PREFIX_CODES]


def test_reference_qmf_alone_matches_stl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qmf, "transmit", qmf.transmit_reference)
    monkeypatch.setattr(qmf, "receive", qmf.receive_reference)
    assert g722.encode(INPUT[: 2 * PREFIX_CODES]) == CODES[:PREFIX_CODES]
    assert g722.decode(1, CODES[:PREFIX_CODES]) == words("stl/outsp1.bin")[: 2 * PREFIX_CODES]


def test_vectorised_qmf_equals_reference_at_full_scale() -> None:
    # full-scale square waves and extremes drive both filters into their output limits
    samples = [(-32768, 32767, 32767, -32768)[(i // 3) % 4] for i in range(400)] + INPUT[:2000]
    assert qmf.transmit(samples) == qmf.transmit_reference(samples)
    low = [(-16384, 16383)[(i // 2) % 2] for i in range(300)]
    high = [(16383, -16384, 0)[i % 3] for i in range(300)]
    assert qmf.receive(low, high) == qmf.receive_reference(low, high)
    assert max(qmf.receive_reference(low, high)) == 32767


def test_inverse_logarithm_table() -> None:
    assert list(ILB) == [round(2048 * 2 ** (i / 32)) for i in range(32)]


def test_every_call_starts_from_reset() -> None:
    implementation = g722.Implementation()
    first = implementation.encode(samples=INPUT[:1000])
    assert implementation.encode(samples=INPUT[:1000]) == first == {"codes": CODES[:500]}
    decoded = implementation.decode(mode=2, codes=CODES[:300])
    assert implementation.decode(mode=2, codes=CODES[:300]) == decoded


@pytest.mark.parametrize(
    ("interface", "arguments", "message"),
    [
        ("encode", {"samples": [0, 32768]}, "samples[1] is 32768"),
        ("encode", {"samples": [-32769, 0]}, "samples[0] is -32769"),
        ("encode", {"samples": [0, 0, 0]}, "whole pairs"),
        ("encode", {"samples": [0, 1.5]}, "not an integer"),
        ("decode", {"mode": 0, "codes": [0]}, "mode is 0"),
        ("decode", {"mode": 4, "codes": [0]}, "mode is 4"),
        ("decode", {"mode": True, "codes": [0]}, "mode is True"),
        ("decode", {"mode": "1", "codes": [0]}, "mode is '1'"),
        ("decode", {"mode": 1, "codes": [250, 256]}, "codes[1] is 256"),
        ("decode", {"mode": 3, "codes": [-1]}, "codes[0] is -1"),
    ],
)
def test_invalid_input_is_rejected(interface: str, arguments: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        getattr(g722.Implementation(), interface)(**arguments)


def test_empty_signals() -> None:
    implementation = g722.Implementation()
    assert implementation.encode(samples=[]) == {"codes": []}
    assert implementation.decode(mode=1, codes=[]) == {"samples": []}


def test_serves_over_the_process_protocol() -> None:
    requests = [
        {"id": 1, "interface": "encode", "input": {"samples": INPUT[:200]}},
        {"id": 2, "interface": "decode", "input": {"mode": 5, "codes": [0]}},
    ]
    stdout = io.StringIO()
    stdin = io.StringIO("".join(json.dumps(request) + "\n" for request in requests))
    assert serve(g722.Implementation(), name="g722", version="test", stdin=stdin, stdout=stdout) == 0
    hello, encoded, rejected = (json.loads(line) for line in stdout.getvalue().splitlines())
    assert hello["interfaces"] == ["decode", "encode"]
    assert encoded == {"id": 1, "output": {"codes": CODES[:100]}}
    assert "mode is 5" in rejected["rejected"]

"""The G.711 reference against the STL sweep files and against Python's audioop."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest

from reference_impl import g711

STL = Path(__file__).resolve().parents[2] / "recommendations" / "g711" / "vectors" / "stl"


def words(name: str, code: str) -> list[int]:
    data = (STL / name).read_bytes()
    return list(struct.unpack(f"<{len(data) // 2}{code}", data))


SWEEP = words("sweep.src", "h")


def test_sweep_is_every_16_bit_value() -> None:
    assert sorted(SWEEP) == list(range(-32768, 32768))


@pytest.mark.parametrize(("law", "suffix"), [("A", "a"), ("mu", "u")])
def test_encoder_matches_stl(law: str, suffix: str) -> None:
    assert g711.encode(law, SWEEP) == words(f"sweep-r.{suffix}", "H")


@pytest.mark.parametrize(("law", "suffix"), [("A", "a"), ("mu", "u")])
def test_decoder_matches_stl(law: str, suffix: str) -> None:
    assert g711.decode(law, words(f"sweep-r.{suffix}", "H")) == words(f"sweep-r.re{suffix}", "h")


@pytest.mark.parametrize(("law", "suffix"), [("A", "a"), ("mu", "u")])
def test_encode_then_decode_matches_stl(law: str, suffix: str) -> None:
    assert g711.decode(law, g711.encode(law, SWEEP)) == words(f"sweep-r.{suffix}-{suffix}", "h")


@pytest.mark.parametrize("law", ["A", "mu"])
def test_out_of_range_input_is_rejected(law: str) -> None:
    with pytest.raises(ValueError, match="16-bit"):
        g711.encode(law, [32768])
    with pytest.raises(ValueError, match=r"0\.\.255"):
        g711.decode(law, [-1])
    with pytest.raises(ValueError, match="unknown law"):
        g711.encode("b", [0])


audioop = pytest.importorskip("audioop") if sys.version_info < (3, 13) else None


@pytest.mark.skipif(audioop is None, reason="audioop was removed in Python 3.13")
def test_audioop_agrees_except_on_the_documented_mu_law_cases() -> None:
    assert audioop is not None
    pcm = struct.pack(f"<{len(SWEEP)}h", *SWEEP)
    assert list(audioop.lin2alaw(pcm, 2)) == g711.encode("A", SWEEP)
    assert [x for (x,) in struct.iter_unpack("<h", audioop.alaw2lin(bytes(range(256)), 2))] == g711.decode(
        "A", range(256)
    )
    assert [x for (x,) in struct.iter_unpack("<h", audioop.ulaw2lin(bytes(range(256)), 2))] == g711.decode(
        "mu", range(256)
    )
    theirs = list(audioop.lin2ulaw(pcm, 2))
    ours = g711.encode("mu", SWEEP)
    differing = {x for x, a, b in zip(SWEEP, theirs, ours, strict=True) if a != b}
    # The 127 decision thresholds, read off the positive half (where both sides agree): the inputs
    # at which the encoder's code changes.
    thresholds = [x for x in range(1, 32768) if g711.ulaw_compress(x) != g711.ulaw_compress(x - 1)]
    assert len(thresholds) == 127
    # The STL forms a negative sample's magnitude as its one's complement (~x = -x - 1), so the 4
    # negative values from -t to -t + 3 at each threshold t fall one level nearer zero.
    assert differing == {-t + k for t in thresholds for k in range(4)}
    assert len(differing) == 508 and {-1, -2, -3, -4} <= differing
    for x, a, b in zip(SWEEP, theirs, ours, strict=True):
        if x in differing:
            assert g711.ulaw_expand(b) > g711.ulaw_expand(a)

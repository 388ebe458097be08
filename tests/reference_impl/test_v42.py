"""V.42 reference: 16- and 32-bit FCS against crcmod and zlib, frame reception, vectors."""

from __future__ import annotations

import zlib

import crcmod
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impl.v42 import accept_frame, frame_check_sequence

IBM_SDLC = crcmod.mkCrcFun(0x11021, initCrc=0, rev=True, xorOut=0xFFFF)


@settings(max_examples=10_000, deadline=None)
@given(st.binary(max_size=64))
def test_fcs16_and_fcs32_match_peers(content: bytes) -> None:
    assert frame_check_sequence(content, "16-bit") == IBM_SDLC(content).to_bytes(2, "little")
    assert frame_check_sequence(content, "32-bit") == zlib.crc32(content).to_bytes(4, "little")


@settings(max_examples=2_000, deadline=None)
@given(st.binary(min_size=2, max_size=64), st.sampled_from(["16-bit", "32-bit"]), st.data())
def test_frames_round_trip_and_single_errors_are_rejected(content: bytes, length: str, data: st.DataObject) -> None:
    frame = content + frame_check_sequence(content, length)
    assert accept_frame(frame, length) == content
    position = data.draw(st.integers(0, len(frame) * 8 - 1))
    errored = bytearray(frame)
    errored[position // 8] ^= 1 << (position % 8)
    with pytest.raises(ValueError, match="FCS error"):
        accept_frame(bytes(errored), length)


def test_short_frames_and_unknown_lengths_are_rejected() -> None:
    with pytest.raises(ValueError, match="fewer than 48"):
        accept_frame(bytes(5), "32-bit")
    with pytest.raises(ValueError, match="unknown FCS length"):
        frame_check_sequence(b"", "24-bit")



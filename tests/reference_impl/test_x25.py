"""X.25 reference: FCS against crcmod, transparency, Appendix I, vectors."""

from __future__ import annotations

import re

import crcmod
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impl.x25 import accept_frame, frame_check_sequence, insert_zeros, transmit_frame

IBM_SDLC = crcmod.mkCrcFun(0x11021, initCrc=0, rev=True, xorOut=0xFFFF)


@settings(max_examples=10_000, deadline=None)
@given(st.binary(max_size=64))
def test_fcs_matches_crcmod(content: bytes) -> None:
    assert frame_check_sequence(content) == IBM_SDLC(content).to_bytes(2, "little")


@settings(max_examples=10_000, deadline=None)
@given(st.binary(max_size=16))
def test_zero_insertion_matches_text_substitution(data: bytes) -> None:
    # dense runs of ones: each octet of data becomes 1 to 8 ones or a single zero
    bits = [bit for octet in data for bit in ([1] * (octet % 9) or [0])]
    expected = re.sub("11111", "111110", "".join(map(str, bits)))
    stuffed = insert_zeros(bits)
    assert "".join(map(str, stuffed)) == expected
    assert "111111" not in expected


def test_appendix_i_dce_sabm() -> None:
    printed = "0111 1110 1100 0000 1111 1(0)100 1101 1010 0011 0111 0111 1110"
    assert transmit_frame(bytes([0x03, 0x3F])) == [int(c) for c in re.sub(r"[ ()]", "", printed)]


def test_invalid_frames_are_rejected() -> None:
    with pytest.raises(ValueError, match="fewer than 32"):
        accept_frame(bytes(3))
    good = b"\x03\x3f" + frame_check_sequence(b"\x03\x3f")
    assert accept_frame(good) == b"\x03\x3f"
    with pytest.raises(ValueError, match="FCS error"):
        accept_frame(good[:-1] + bytes([good[-1] ^ 1]))



"""The ITU-T G.192 bitstream words and the three file forms the G.191 tools exchange them in.

G.192 carries a coded bitstream as 16-bit words: a frame starts with a synchronisation word
(0x6B21 for a good frame, 0x6B20 for an erased one; 0x6B22..0x6B2F are allowed as sync words
too) and a word holding the frame's length, followed by one "soft bit" word per bit: 0x007F
for a hard 0, 0x0081 for a hard 1. Error patterns use the same words: a bit-error pattern is
soft bits (0x0081 = flip this bit), a frame-erasure pattern is sync words (0x6B20 = erase).

The G.191 tools also keep them as bytes (the low byte of each word; 0x20 and 0x21 stand for
the sync words) and as compact bits (eight per byte, the first in the least significant bit,
1 for 0x0081 or 0x6B20). Files are little-endian.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

ZERO = 0x007F
ONE = 0x0081
SYNC = 0x6B21
ERASED = 0x6B20
SYNC_WORDS = range(0x6B21, 0x6B30)

G192 = "g192"
BYTE = "byte"
COMPACT = "compact"
FORMATS = (G192, BYTE, COMPACT)

_BYTE_SYNC = {0x20: ERASED, 0x21: SYNC}


def words_from_g192(data: bytes) -> list[int]:
    """The 16-bit words of a G.192 file (an odd trailing byte is ignored, as fread does)."""
    count = len(data) // 2
    return list(struct.unpack(f"<{count}H", data[: 2 * count]))


def words_from_bytes(data: bytes) -> list[int]:
    """Byte form to words: 0x20 and 0x21 are the sync words, any other byte its own value."""
    return [_BYTE_SYNC.get(byte, byte) for byte in data]


def bits_from_compact(data: bytes, count: int | None = None) -> list[int]:
    """Compact form to hard bits, least significant bit first; ``count`` of them (default all)."""
    bits = [(byte >> k) & 1 for byte in data for k in range(8)]
    return bits if count is None else bits[:count]


def to_g192(words: Sequence[int]) -> bytes:
    """Words as a G.192 file."""
    return struct.pack(f"<{len(words)}H", *words)


def to_bytes(words: Sequence[int]) -> bytes:
    """Words in byte form (their low bytes)."""
    return bytes(word & 0xFF for word in words)


def to_compact(marks: Sequence[int]) -> bytes:
    """Hard bits (1 = error or erasure) in compact form, padded with zeros to whole bytes."""
    out = bytearray((len(marks) + 7) // 8)
    for index, mark in enumerate(marks):
        if mark:
            out[index >> 3] |= 1 << (index & 7)
    return bytes(out)

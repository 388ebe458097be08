"""Truncating the frames of an embedded bitstream to a lower bit rate (the G.191 truncate tool).

An embedded codec (G.722, G.727, G.729.1, G.718 ...) orders each frame's bits so that any
leading part of it decodes: a lower rate is obtained by keeping the first
frame_length x bit_rate bits of every frame. The input may be G.192 words, bytes or compact
bits, with or without G.192 sync headers (without them the frame length follows from the
input bit rate); the output is G.192 with a sync header on every frame, the header's length
word giving the bits kept. Bad frames (sync word 0x6B20) are truncated like good ones.
"""

from __future__ import annotations

from reference_impl.g192.softbits import (
    BYTE,
    COMPACT,
    ERASED,
    G192,
    ONE,
    SYNC,
    SYNC_WORDS,
    ZERO,
    bits_from_compact,
    to_g192,
    words_from_bytes,
    words_from_g192,
)


class BitstreamError(ValueError):
    """The input is not a bitstream of the stated form."""


def _headerless_frames(words: list[int], frame_bits: int) -> list[tuple[int, list[int]]]:
    """Whole frames of ``frame_bits`` words; a shorter last frame is dropped, as the tool does."""
    return [(SYNC, words[start:start + frame_bits])
            for start in range(0, len(words) - frame_bits + 1, frame_bits)]


def _framed(words: list[int]) -> list[tuple[int, list[int]]]:
    """Frames of a stream with sync headers: (sync word, payload); an incomplete last one dropped."""
    frames = []
    position = 0
    while position + 2 <= len(words):
        sync, length = words[position], words[position + 1]
        if sync not in SYNC_WORDS and sync != ERASED:
            raise BitstreamError(f"word {position} is 0x{sync:04X}, not a G.192 sync word")
        payload = words[position + 2:position + 2 + length]
        if len(payload) < length:
            break
        frames.append((sync, payload))
        position += 2 + length
    return frames


def frames_of(bitstream: bytes, form: str, sync_header: bool, input_bit_rate: int,
              frame_seconds: float) -> list[tuple[int, list[int]]]:
    """The (sync word, soft-bit payload) frames of a bitstream in any of the three forms."""
    if form == COMPACT:
        if sync_header:
            raise BitstreamError("a compact bitstream has no sync headers")
        frame_bits = int(frame_seconds * input_bit_rate)
        frame_bytes = (frame_bits + 7) // 8
        frames = []
        for start in range(0, len(bitstream) - frame_bytes + 1, frame_bytes):
            bits = bits_from_compact(bitstream[start:start + frame_bytes], frame_bits)
            frames.append((SYNC, [ONE if bit else ZERO for bit in bits]))
        return frames
    words = words_from_g192(bitstream) if form == G192 else words_from_bytes(bitstream)
    if sync_header:
        return _framed(words)
    return _headerless_frames(words, int(frame_seconds * input_bit_rate))


def truncate(bitstream: bytes, form: str, sync_header: bool, input_bit_rate: int,
             bit_rate: int, frame_seconds: float = 0.02) -> bytes:
    """Every frame cut to its first frame_seconds x bit_rate bits, as G.192 with sync headers."""
    if form not in (G192, BYTE, COMPACT):
        raise BitstreamError(f"form {form!r}: expected g192, byte or compact")
    kept = int(frame_seconds * bit_rate)
    out: list[int] = []
    for sync, payload in frames_of(bitstream, form, sync_header, input_bit_rate, frame_seconds):
        bits = payload[:kept]  # a rate above the input's keeps the whole frame
        out += [sync, len(bits), *bits]
    return to_g192(out)

"""Applying an error pattern to a bitstream (the G.191 eid-xor tool).

- Bit errors: each payload soft bit is combined with the pattern's next entry, the pattern
  read cyclically: the result is 0x0081 when the two words differ and 0x007F when they are
  equal, which for hard bits is the exclusive or of the bit and the error flag (0x0081 in the
  pattern flips the bit). Sync headers pass unchanged.
- Frame erasures: each frame takes the pattern's next entry; an erased frame (0x6B20) is
  replaced by one of the same size whose payload is all zero words ("no information") and,
  with sync headers, whose sync word is 0x6B20.

The bitstream is G.192 words, bytes or compact bits, with sync headers (each frame its own
length) or without (frames of frame_bits; a shorter last frame is processed as it is). The
output has the input's form, except that frame erasures in a compact bitstream, which has no
way to mark them, come out as G.192 words.
"""

from __future__ import annotations

from itertools import cycle

from reference_impl.g192.generators import GilbertElliot, RandomNumbers
from reference_impl.g192.softbits import (
    BYTE,
    COMPACT,
    ERASED,
    G192,
    ONE,
    ZERO,
    bits_from_compact,
    to_bytes,
    to_compact,
    to_g192,
    words_from_bytes,
    words_from_g192,
)
from reference_impl.g192.truncation import BitstreamError

BIT_ERRORS = "bit-errors"
FRAME_ERASURES = "frame-erasures"


def pattern_entries(pattern: bytes, form: str, kind: str) -> list[int]:
    """The pattern's entries as G.192 words (compact bits read as errors or erasures)."""
    if form == G192:
        return words_from_g192(pattern)
    if form == BYTE:
        return words_from_bytes(pattern)
    marked, clear = (ONE, ZERO) if kind == BIT_ERRORS else (ERASED, 0x6B21)
    return [marked if bit else clear for bit in bits_from_compact(pattern)]


def _frames(bitstream: bytes, form: str, sync_header: bool, frame_bits: int) -> list[list[int]]:
    """The frames as G.192 words, headers included."""
    if form == COMPACT:
        frame_bytes = (frame_bits + 7) // 8
        return [[ONE if bit else ZERO for bit in bits_from_compact(bitstream[start:start + frame_bytes])]
                [:frame_bits] for start in range(0, len(bitstream), frame_bytes)]
    words = words_from_g192(bitstream) if form == G192 else words_from_bytes(bitstream)
    if not sync_header:
        return [words[start:start + frame_bits] for start in range(0, len(words), frame_bits)]
    frames = []
    position = 0
    while position < len(words):
        if position + 2 > len(words) or position + 2 + words[position + 1] > len(words):
            raise BitstreamError(f"word {position}: the last frame is incomplete")
        end = position + 2 + words[position + 1]
        frames.append(words[position:end])
        position = end
    return frames


def _written(frames: list[list[int]], form: str) -> bytes:
    if form == G192:
        return to_g192([word for frame in frames for word in frame])
    if form == BYTE:
        return to_bytes([word for frame in frames for word in frame])
    return b"".join(to_compact([1 if word == ONE else 0 for word in frame]) for frame in frames)


def apply_pattern(bitstream: bytes, form: str, sync_header: bool, pattern: bytes,
                  pattern_form: str, kind: str, frame_bits: int) -> bytes:
    """The bitstream disturbed by the pattern (see the module's description)."""
    if form == COMPACT and sync_header:
        raise BitstreamError("a compact bitstream has no sync headers")
    entries = pattern_entries(pattern, pattern_form, kind)
    if not entries:
        raise BitstreamError("the error pattern is empty")
    frames = _frames(bitstream, form, sync_header, frame_bits)
    flags = cycle(entries)
    header = 2 if sync_header else 0
    out = []
    if kind == BIT_ERRORS:
        for frame in frames:
            payload = [ONE if word ^ next(flags) else ZERO for word in frame[header:]]
            out.append(frame[:header] + payload)
        return _written(out, form)
    for frame in frames:
        if next(flags) == ERASED:
            out.append(([ERASED, frame[1]] if sync_header else []) + [0] * (len(frame) - header))
        else:
            out.append(frame)
    return _written(out, G192 if form == COMPACT else form)


def disturb(bitstream: bytes, bit_error_rate: float, bit_error_gamma: float,
            frame_erasure_rate: float, frame_erasure_gamma: float, seed: int) -> bytes:
    """The error insertion device on a G.192 bitstream with sync headers (the G.191 eiddemo).

    Two Gilbert-Elliot channels, each with its own random numbers from ``seed``: one decides
    for every payload bit whether it is flipped, the other, when frame_erasure_rate is not
    zero, for every frame whether it is erased (sync word 0x6B20, payload of zero words). The
    frame length is the first frame's; the stream must hold whole frames of it.
    """
    words = words_from_g192(bitstream)
    if len(words) < 2 or words[0] != 0x6B21:
        raise BitstreamError("the bitstream does not start with the G.192 sync word 0x6B21")
    length = words[1]
    frame = length + 2
    bits = GilbertElliot(bit_error_rate, bit_error_gamma, RandomNumbers(seed))
    frames = (GilbertElliot(frame_erasure_rate, frame_erasure_gamma, RandomNumbers(seed))
              if frame_erasure_rate != 0.0 else None)
    out: list[int] = []
    for start in range(0, len(words) - frame + 1, frame):
        sync, size, *payload = words[start:start + frame]
        if sync != 0x6B21:
            break  # the tool stops at the first frame that is not a good frame
        errors = bits.decisions(length)
        disturbed = [(ONE if word == ZERO else ZERO) if error else word
                     for word, error in zip(payload, errors, strict=True)]
        if frames is not None:
            if frames.decide():
                out += [sync & 0xFFF0, size, *([0] * length)]
                continue
            disturbed = [word & 0xFF for word in disturbed]
        out += [sync, size, *disturbed]
    return to_g192(out)

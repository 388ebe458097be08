"""Error patterns as the G.191 tools write them: gen-patt (G.192, byte, compact) and eid8k.

A pattern marks, for each bit (bit errors) or each frame (frame erasures), whether it is
disturbed. gen-patt writes one entry per bit or frame: G.192 words (0x0081 / 0x007F for a bit
error or not, 0x6B20 / 0x6B21 for an erased frame or not), their low bytes, or compact bits
(1 = disturbed). eid8k, made for 8 kbit/s codecs, writes 512-byte records of two 228-byte
frames and 56 zero bytes: a bit-error frame holds a byte per bit (0x81 / 0x7F), an erasure
frame is 228 bytes of 0x7F, or of 0x00 when erased.
"""

from __future__ import annotations

from reference_impl.g192.generators import Bellcore, GilbertElliot, RandomNumbers, bellcore_step
from reference_impl.g192.softbits import (
    BYTE,
    COMPACT,
    ERASED,
    G192,
    ONE,
    SYNC,
    ZERO,
    to_bytes,
    to_compact,
    to_g192,
)

BIT_ERRORS = "bit-errors"  # random (Gilbert-Elliot) bit errors
FRAME_ERASURES = "frame-erasures"  # random (Gilbert-Elliot) frame erasures
BURST_FRAME_ERASURES = "burst-frame-erasures"  # Bellcore model
MODELS = (BIT_ERRORS, FRAME_ERASURES, BURST_FRAME_ERASURES)

EID8K_FRAME = 228
EID8K_RECORD = 512


def decisions(model: str, rate: float, gamma: float, count: int, seed: int) -> list[int]:
    """``count`` decisions (1 = disturbed) of the model from ``seed``."""
    numbers = RandomNumbers(seed)
    if model == BURST_FRAME_ERASURES:
        if gamma != 0.0:
            raise ValueError("the Bellcore model has no gamma: give 0")
        generator: GilbertElliot | Bellcore = Bellcore(bellcore_step(rate), numbers)
    elif model in (BIT_ERRORS, FRAME_ERASURES):
        generator = GilbertElliot(rate, gamma, numbers)
    else:
        raise ValueError(f"model {model!r}: expected one of {', '.join(MODELS)}")
    if isinstance(generator, GilbertElliot):
        return generator.decisions(count)
    return [generator.decide() for _ in range(count)]


def pattern_file(model: str, marks: list[int], form: str) -> bytes:
    """The marks as a gen-patt pattern file of the given form."""
    if form == COMPACT:
        return to_compact(marks)
    disturbed, clean = (ONE, ZERO) if model == BIT_ERRORS else (ERASED, SYNC)
    words = [disturbed if mark else clean for mark in marks]
    if form == G192:
        return to_g192(words)
    if form == BYTE:
        return to_bytes(words)
    raise ValueError(f"form {form!r}: expected g192, byte or compact")


def eid8k_file(model: str, marks: list[int]) -> bytes:
    """eid8k's records: per frame a byte per bit (bit errors) or a whole-frame flag (erasures).

    For bit errors ``marks`` holds one decision per bit (228 a frame), otherwise one per
    frame; frames go in pairs into 512-byte records.
    """
    frames: list[bytes] = []
    if model == BIT_ERRORS:
        for start in range(0, len(marks), EID8K_FRAME):
            frames.append(bytes(0x81 if m else 0x7F for m in marks[start:start + EID8K_FRAME]))
    else:
        frames = [(b"\x00" if m else b"\x7f") * EID8K_FRAME for m in marks]
    padding = bytes(EID8K_RECORD - 2 * EID8K_FRAME)
    return b"".join(frames[i] + frames[i + 1] + padding for i in range(0, len(frames) - 1, 2))

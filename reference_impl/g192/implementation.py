"""The G.192 / G.191 EID reference as the harness calls it: one method per interface."""

from __future__ import annotations

from reference_impl.g192.insertion import BIT_ERRORS as ERRORS_KIND
from reference_impl.g192.insertion import FRAME_ERASURES, apply_pattern, disturb
from reference_impl.g192.patterns import BIT_ERRORS, EID8K_FRAME, decisions, eid8k_file, pattern_file
from reference_impl.g192.softbits import FORMATS
from reference_impl.g192.truncation import truncate

NAME = "recbench-g192-reference"
VERSION = "1.0.0"
MAX_ENTRIES = 10_000_000  # a pattern larger than this is refused rather than built


def _integer(value: object, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{field} is {value!r}: expected an integer in {low}..{high}")
    return value


def _number(value: object, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{field} is {value!r}: expected a number")
    return float(value)


def _form(form: object) -> str:
    if form not in FORMATS:
        raise ValueError(f"form is {form!r}: expected g192, byte or compact")
    return str(form)


class Implementation:
    """Interfaces of recommendations/g192."""

    def truncate(self, bitstream: bytes, form: str, sync_header: bool, input_bit_rate: int,
                 bit_rate: int, frame_ms: int) -> dict[str, bytes]:
        """Each frame cut to frame_ms x bit_rate bits; G.192 with sync headers out."""
        if not isinstance(bitstream, bytes | bytearray):
            raise ValueError("bitstream must be bytes")
        if not isinstance(sync_header, bool):
            raise ValueError(f"sync_header is {sync_header!r}: expected true or false")
        frame = _integer(frame_ms, "frame_ms", 1, 1000)
        rate = _integer(bit_rate, "bit_rate", 1, 10_000_000)
        low = 0 if sync_header else 1
        input_rate = _integer(input_bit_rate, "input_bit_rate", low, 10_000_000)
        if not sync_header and input_rate * frame // 1000 < 1:
            raise ValueError("input_bit_rate x frame_ms gives frames of no bits")
        return {"bitstream": truncate(bytes(bitstream), _form(form), sync_header, input_rate, rate,
                                      frame / 1000)}

    def generate_pattern(self, model: str, rate: float, gamma: float, count: int, form: str,
                         seed: int) -> dict[str, bytes]:
        """gen-patt: ``count`` bits or frames of the model, written in the given form."""
        marks = decisions(model, _number(rate, "rate"), _number(gamma, "gamma"),
                          _integer(count, "count", 0, MAX_ENTRIES), _integer(seed, "seed", 0, 2**32 - 1))
        return {"pattern": pattern_file(model, marks, _form(form))}

    def generate_eid8k_pattern(self, model: str, rate: float, gamma: float, records: int,
                               seed: int) -> dict[str, bytes]:
        """eid8k: ``records`` 512-byte records of two 228-byte frames each."""
        frames = 2 * _integer(records, "records", 0, MAX_ENTRIES // (2 * EID8K_FRAME))
        count = frames * EID8K_FRAME if model == BIT_ERRORS else frames
        marks = decisions(model, _number(rate, "rate"), _number(gamma, "gamma"), count,
                          _integer(seed, "seed", 0, 2**32 - 1))
        return {"pattern": eid8k_file(model, marks)}

    def apply_pattern(self, bitstream: bytes, form: str, sync_header: bool, pattern: bytes,
                      pattern_form: str, kind: str, frame_bits: int) -> dict[str, bytes]:
        """eid-xor: the bitstream with the pattern's bit errors or frame erasures applied."""
        for name, value in (("bitstream", bitstream), ("pattern", pattern)):
            if not isinstance(value, bytes | bytearray):
                raise ValueError(f"{name} must be bytes")
        if not isinstance(sync_header, bool):
            raise ValueError(f"sync_header is {sync_header!r}: expected true or false")
        if kind not in (ERRORS_KIND, FRAME_ERASURES):
            raise ValueError(f"kind is {kind!r}: expected bit-errors or frame-erasures")
        bits = _integer(frame_bits, "frame_bits", 1, 65535)
        return {"bitstream": apply_pattern(bytes(bitstream), _form(form), sync_header, bytes(pattern),
                                           _form(pattern_form), str(kind), bits)}

    def disturb(self, bitstream: bytes, bit_error_rate: float, bit_error_gamma: float,
                frame_erasure_rate: float, frame_erasure_gamma: float, seed: int) -> dict[str, bytes]:
        """eiddemo: a G.192 bitstream with sync headers through the error insertion device."""
        if not isinstance(bitstream, bytes | bytearray):
            raise ValueError("bitstream must be bytes")
        return {"bitstream": disturb(bytes(bitstream), _number(bit_error_rate, "bit_error_rate"),
                                     _number(bit_error_gamma, "bit_error_gamma"),
                                     _number(frame_erasure_rate, "frame_erasure_rate"),
                                     _number(frame_erasure_gamma, "frame_erasure_gamma"),
                                     _integer(seed, "seed", 0, 2**32 - 1))}

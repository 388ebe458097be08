"""The G.722 reference as the harness calls it: one method per interface of recommendation.yaml."""

from __future__ import annotations

from collections.abc import Sequence

from reference_impl.g722 import codec

NAME = "recbench-g722-reference"


def _checked_words(values: Sequence[int], field: str, low: int, high: int) -> list[int]:
    """The values as a list, or ValueError naming the field and the first value out of range."""
    words = list(values)
    for index, value in enumerate(words):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{field}[{index}] is {value!r}, not an integer")
        if not low <= value <= high:
            raise ValueError(f"{field}[{index}] is {value}, outside {low}..{high}")
    return words


class Implementation:
    """Interfaces of recommendations/g722: encode and decode, each call from reset."""

    def encode(self, samples: Sequence[int]) -> dict[str, list[int]]:
        """16 kHz 16-bit samples (an even number) to one 8-bit code per pair; mode-independent."""
        words = _checked_words(samples, "samples", -32768, 32767)
        if len(words) % 2:
            raise ValueError(
                f"samples holds {len(words)} values: G.722 encodes whole pairs of 16 kHz samples"
            )
        return {"codes": codec.encode(words)}

    def decode(self, mode: int, codes: Sequence[int]) -> dict[str, list[int]]:
        """8-bit codes to two 16 kHz samples each, decoding 6, 5 or 4 bits of IL (mode 1, 2, 3)."""
        if isinstance(mode, bool) or mode not in codec.MODES:
            raise ValueError(f"mode is {mode!r}: expected 1 (64 kbit/s), 2 (56) or 3 (48)")
        return {"samples": codec.decode(mode, _checked_words(codes, "codes", 0, 255))}

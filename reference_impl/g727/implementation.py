"""The G.727 reference as the harness calls it: one method per interface of recommendation.yaml.

Every call starts from the reset state. Laws: "A" and "mu", log PCM words 0..255 as
transmitted. An algorithm is (total_bits, core_bits): (5,4), (5,3), (5,2), (4,4), (4,3),
(4,2), (3,3), (3,2) or (2,2).
"""

from __future__ import annotations

from collections.abc import Sequence

from reference_impl.g726.pcm_format import A_LAW, MU_LAW
from reference_impl.g727 import codec
from reference_impl.g727.quantizer_tables import BIT_COMBINATIONS

NAME = "recbench-g727-reference"
VERSION = "1.0.0"
LAWS = (A_LAW, MU_LAW)


def _law(law: object) -> str:
    if law not in LAWS:
        raise ValueError(f"law is {law!r}: expected 'A' or 'mu'")
    return str(law)


def _algorithm(total_bits: object, core_bits: object) -> tuple[int, int]:
    """(total_bits, core_bits) when G.727 defines that algorithm, else ValueError."""
    pair = (total_bits, core_bits)
    if any(isinstance(value, bool) for value in pair) or pair not in BIT_COMBINATIONS:
        raise ValueError(
            f"({total_bits},{core_bits}) is not a G.727 algorithm: total bits 5 to 2, "
            "core bits 4 to 2 and no more than the total"
        )
    return BIT_COMBINATIONS[BIT_COMBINATIONS.index(pair)]  # type: ignore[arg-type]


def _checked(values: Sequence[int], field: str, high: int) -> list[int]:
    """The values as a list, or ValueError naming the field and the first bad value."""
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise ValueError(f"{field} must be a list of integers")
    words = list(values)
    for index, value in enumerate(words):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{field}[{index}] is {value!r}, not an integer")
        if not 0 <= value <= high:
            raise ValueError(f"{field}[{index}] is {value}, outside 0..{high}")
    return words


class Implementation:
    """Interfaces of recommendations/g727, each call from reset."""

    def encode(
        self, law: str, total_bits: int, core_bits: int, samples: Sequence[int]
    ) -> dict[str, list[int]]:
        """Log PCM words to code words of total_bits bits."""
        law = _law(law)
        total, core = _algorithm(total_bits, core_bits)
        return {"codes": codec.encode(_checked(samples, "samples", 255), law, total, core)}

    def decode(
        self, law: str, total_bits: int, core_bits: int, codes: Sequence[int]
    ) -> dict[str, list[int]]:
        """Code words of total_bits bits to log PCM words of the decoder's law."""
        law = _law(law)
        total, core = _algorithm(total_bits, core_bits)
        words = _checked(codes, "codes", (1 << total) - 1)
        return {"samples": codec.decode(words, law, total, core)}

    def encode_and_decode(
        self, law: str, total_bits: int, core_bits: int, samples: Sequence[int]
    ) -> dict[str, list[int]]:
        """Encode from reset, then decode the codes with a decoder from reset: both outputs."""
        law = _law(law)
        total, core = _algorithm(total_bits, core_bits)
        codes = codec.encode(_checked(samples, "samples", 255), law, total, core)
        return {"codes": codes, "samples": codec.decode(codes, law, total, core)}

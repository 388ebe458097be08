"""G.722 by the `G722` package (sippy's libg722, a C extension derived from Steve Underwood's code)."""

from __future__ import annotations

import array
from typing import Any

from campaign_adapters._common import NotExpressible, Readiness, distribution, int16_samples, octets

RATES = {1: 64000, 2: 56000, 3: 48000}  # G.722's modes and the bit rates the library is opened with
DROPPED_BITS = {1: 0, 2: 1, 3: 2}  # the library takes a mode's 7- or 6-bit codes; the vectors hold 8-bit words


def check() -> Readiness:
    return distribution("g722", "G722")


class Implementation:
    """encode at 64 kbit/s; decode in the vector's mode, each call from the reset state (a new codec)."""

    def __init__(self) -> None:
        import G722

        self.codec = G722.G722

    def encode(self, samples: list[int]) -> dict[str, Any]:
        pcm = array.array("h", int16_samples(samples, "G722"))
        return {"codes": list(self.codec(16000, 64000).encode(pcm))}

    def decode(self, mode: int, codes: list[int]) -> dict[str, Any]:
        if mode not in RATES:
            raise NotExpressible(f"G722 is opened with a bit rate: mode {mode} has none")
        # in modes 2 and 3 the receiver ignores the low-order bits of each 8-bit word (G.722 clause 1.4.4);
        # the library wants the remaining 7 or 6 bits as a number, so they are shifted down
        data = octets([code >> DROPPED_BITS[mode] for code in octets(codes, "G722")], "G722")
        return {"samples": array.array("h", self.codec(16000, RATES[mode]).decode(data)).tolist()}

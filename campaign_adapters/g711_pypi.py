"""G.711 by the `g711` package (a C extension taking and giving float32 arrays scaled to [-1, 1))."""

from __future__ import annotations

from typing import Any

from campaign_adapters._common import Readiness, distribution, int16_samples, octets

SCALE = 32768.0  # the package's float samples are the 16-bit ones divided by 2^15


def check() -> Readiness:
    return distribution("g711", "g711")


class Implementation:
    """encode/decode through g711.encode_alaw/encode_ulaw and decode_alaw/decode_ulaw."""

    def __init__(self) -> None:
        import g711
        import numpy

        self.g711 = g711
        self.numpy = numpy

    def encode(self, law: str, samples: list[int]) -> dict[str, Any]:
        audio = self.numpy.asarray(int16_samples(samples, "g711"), dtype=self.numpy.float32) / SCALE
        coded = self.g711.encode_alaw(audio) if law == "A" else self.g711.encode_ulaw(audio)
        return {"codes": list(coded)}

    def decode(self, law: str, codes: list[int]) -> dict[str, Any]:
        data = octets(codes, "g711")
        audio = self.g711.decode_alaw(data) if law == "A" else self.g711.decode_ulaw(data)
        # the exact products of a float32 by 2^15 are integers; rounding keeps a sloppy one visible as itself
        return {"samples": [round(value * SCALE) for value in audio.tolist()]}

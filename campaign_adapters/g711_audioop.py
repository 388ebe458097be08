"""G.711 by Python 3.11's audioop (lin2alaw, alaw2lin, lin2ulaw, ulaw2lin; removed in Python 3.13)."""

from __future__ import annotations

import array
import sys
import warnings
from typing import Any

from campaign_adapters._common import Readiness, int16_samples, octets, standard_library


def check() -> Readiness:
    """audioop is in the standard library up to Python 3.12."""
    if sys.version_info >= (3, 13):
        return Readiness(("audioop (removed from the standard library in Python 3.13)",))
    return standard_library("audioop")


def _audioop() -> Any:
    with warnings.catch_warnings():  # deprecated since 3.11; the campaign tests it all the same
        warnings.simplefilter("ignore", DeprecationWarning)
        import audioop
    return audioop


class Implementation:
    """encode/decode of the G.711 interfaces, one audioop call per request."""

    def __init__(self) -> None:
        self.audioop = _audioop()

    def encode(self, law: str, samples: list[int]) -> dict[str, Any]:
        pcm = array.array("h", int16_samples(samples, "audioop")).tobytes()
        coded = self.audioop.lin2alaw(pcm, 2) if law == "A" else self.audioop.lin2ulaw(pcm, 2)
        return {"codes": list(coded)}

    def decode(self, law: str, codes: list[int]) -> dict[str, Any]:
        data = octets(codes, "audioop")
        pcm = self.audioop.alaw2lin(data, 2) if law == "A" else self.audioop.ulaw2lin(data, 2)
        return {"samples": array.array("h", pcm).tolist()}

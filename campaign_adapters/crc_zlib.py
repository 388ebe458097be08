"""V.42's 32-bit FCS by the standard library's zlib.crc32 (CRC-32/ISO-HDLC)."""

from __future__ import annotations

import zlib

from campaign_adapters._common import Readiness, standard_library
from campaign_adapters._crc import V42Fcs


def check() -> Readiness:
    return standard_library("zlib")


class V42(V42Fcs):
    def __init__(self) -> None:
        super().__init__(None, zlib.crc32)

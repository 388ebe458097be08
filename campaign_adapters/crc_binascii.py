"""V.41's msb-first check bits by the standard library's binascii.crc_hqx (CRC-16/XMODEM with a zero start)."""

from __future__ import annotations

import binascii

from campaign_adapters._common import Readiness, standard_library
from campaign_adapters._crc import V41Octets


def check() -> Readiness:
    return standard_library("binascii")


class V41(V41Octets):
    def __init__(self) -> None:
        super().__init__(None, lambda data: binascii.crc_hqx(data, 0))  # V41-R3: the register starts at zero

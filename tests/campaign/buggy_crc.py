"""A V.41 implementation with one planted bug, for the evidence and bug-report writers' tests."""

from __future__ import annotations

import binascii
from typing import Any


class V41:
    def encode_octets(self, data: bytes, bit_order: str) -> dict[str, Any]:
        if bit_order != "msb-first":
            raise ValueError("only msb-first")
        value = binascii.crc_hqx(data, 0)
        if len(data) == 1:  # the planted bug: one-octet data get the check bits swapped
            return {"check_octets": value.to_bytes(2, "little")}
        return {"check_octets": value.to_bytes(2, "big")}

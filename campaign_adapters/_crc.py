"""The octet layout of the check sequences, shared by every CRC library's glue.

A CRC library returns the register as an integer; the interfaces want the octets in
transmission order. For the reflected algorithms (sent low-order bit first: V.41's lsb-first
variant, the X.25 and V.42 FCS) the low-order octet goes first; for the unreflected one (V.41's
msb-first variant) the high-order octet goes first. That is layout, not arithmetic: the
register's value is the library's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Crc = Callable[[bytes], int]


def low_octet_first(value: int, size: int) -> bytes:
    return value.to_bytes(size, "little")


def high_octet_first(value: int, size: int) -> bytes:
    return value.to_bytes(size, "big")


class V41Octets:
    """V.41's encode_octets over a library's CRC-16/KERMIT (lsb-first) and CRC-16/XMODEM (msb-first)."""

    def __init__(self, kermit: Crc | None, xmodem: Crc | None) -> None:
        self.kermit = kermit
        self.xmodem = xmodem

    def encode_octets(self, data: bytes, bit_order: str) -> dict[str, Any]:
        if bit_order == "lsb-first":
            if self.kermit is None:
                raise NotImplementedError("this library has no reflected CRC-16 (CRC-16/KERMIT)")
            return {"check_octets": low_octet_first(self.kermit(data), 2)}
        if self.xmodem is None:
            raise NotImplementedError("this library has no unreflected CRC-16 (CRC-16/XMODEM)")
        return {"check_octets": high_octet_first(self.xmodem(data), 2)}


class X25Fcs:
    """X.25's frame_check_sequence over a library's CRC-16/IBM-SDLC (alias CRC-16/X-25)."""

    def __init__(self, x25: Crc) -> None:
        self.x25 = x25

    def frame_check_sequence(self, content: bytes) -> dict[str, Any]:
        return {"fcs": low_octet_first(self.x25(content), 2)}


class V42Fcs:
    """V.42's frame_check_sequence over a library's CRC-16/IBM-SDLC and CRC-32/ISO-HDLC."""

    def __init__(self, fcs16: Crc | None, fcs32: Crc | None) -> None:
        self.fcs16 = fcs16
        self.fcs32 = fcs32

    def frame_check_sequence(self, content: bytes, length: str) -> dict[str, Any]:
        crc, size = (self.fcs16, 2) if length == "16-bit" else (self.fcs32, 4)
        if crc is None:
            raise NotImplementedError(f"this library has no {length} FCS")
        return {"fcs": low_octet_first(crc(content), size)}

"""V.41, X.25 and V.42 check sequences by fastcrc (Rust; crc16.kermit, xmodem, ibm_sdlc and crc32.iso_hdlc)."""

from __future__ import annotations

from collections.abc import Callable

from campaign_adapters._common import Readiness, distribution
from campaign_adapters._crc import V41Octets, V42Fcs, X25Fcs


def check() -> Readiness:
    return distribution("fastcrc", "fastcrc")


def _function(width: int, name: str) -> Callable[[bytes], int]:
    import fastcrc

    function: Callable[[bytes], int] = getattr(fastcrc.crc16 if width == 16 else fastcrc.crc32, name)
    return function


class V41(V41Octets):
    def __init__(self) -> None:
        super().__init__(_function(16, "kermit"), _function(16, "xmodem"))


class X25(X25Fcs):
    def __init__(self) -> None:
        super().__init__(_function(16, "ibm_sdlc"))


class V42(V42Fcs):
    def __init__(self) -> None:
        super().__init__(_function(16, "ibm_sdlc"), _function(32, "iso_hdlc"))

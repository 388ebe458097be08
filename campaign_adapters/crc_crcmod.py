"""V.41, X.25 and V.42 check sequences by crcmod (its predefined kermit, xmodem, x-25 and crc-32)."""

from __future__ import annotations

from collections.abc import Callable

from campaign_adapters._common import Readiness, distribution
from campaign_adapters._crc import V41Octets, V42Fcs, X25Fcs


def check() -> Readiness:
    return distribution("crcmod", "crcmod")


def _predefined(name: str) -> Callable[[bytes], int]:
    import crcmod.predefined

    function: Callable[[bytes], int] = crcmod.predefined.mkPredefinedCrcFun(name)
    return function


class V41(V41Octets):
    def __init__(self) -> None:
        super().__init__(_predefined("kermit"), _predefined("xmodem"))


class X25(X25Fcs):
    def __init__(self) -> None:
        super().__init__(_predefined("x-25"))


class V42(V42Fcs):
    def __init__(self) -> None:
        super().__init__(_predefined("x-25"), _predefined("crc-32"))

"""V.41, X.25 and V.42 check sequences by crccheck (Crc16Kermit, Crc16Xmodem, Crc16X25, Crc32)."""

from __future__ import annotations

from collections.abc import Callable

from campaign_adapters._common import Readiness, distribution
from campaign_adapters._crc import V41Octets, V42Fcs, X25Fcs


def check() -> Readiness:
    return distribution("crccheck", "crccheck")


def _calc(name: str) -> Callable[[bytes], int]:
    import crccheck.crc

    algorithm = getattr(crccheck.crc, name)
    return lambda data: int(algorithm.calc(data))


class V41(V41Octets):
    def __init__(self) -> None:
        super().__init__(_calc("Crc16Kermit"), _calc("Crc16Xmodem"))


class X25(X25Fcs):
    def __init__(self) -> None:
        super().__init__(_calc("Crc16X25"))


class V42(V42Fcs):
    def __init__(self) -> None:
        super().__init__(_calc("Crc16X25"), _calc("Crc32"))

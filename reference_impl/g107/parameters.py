"""The E-model's input parameters with their default values and permitted ranges (Table 3).

Field names are the Recommendation's own symbols. Levels are in dB (dBm0p for Nc, dBmp for
Nfor, dB(A) for Ps and Pr), delays in milliseconds and Ppl in per cent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

# Table 3: permitted range of each parameter (inclusive). Nfor has none; mT and sT (the delay
# sensitivity of Table 1) only need to be positive for the equations to be defined.
PERMITTED_RANGES: dict[str, tuple[float, float]] = {
    "SLR": (0.0, 18.0), "RLR": (-5.0, 14.0), "STMR": (10.0, 20.0), "LSTR": (13.0, 23.0),
    "Ds": (-3.0, 3.0), "Dr": (-3.0, 3.0), "TELR": (5.0, 65.0), "WEPL": (5.0, 110.0),
    "T": (0.0, 500.0), "Tr": (0.0, 1000.0), "Ta": (0.0, 500.0), "qdu": (1.0, 14.0),
    "Ie": (0.0, 40.0), "Bpl": (4.3, 40.0), "Ppl": (0.0, 20.0), "BurstR": (1.0, 8.0),
    "Nc": (-80.0, -40.0), "Ps": (35.0, 85.0), "Pr": (35.0, 85.0), "A": (0.0, 20.0),
}
POSITIVE = frozenset({"mT", "sT"})


@dataclass(frozen=True)
class Parameters:
    """One connection's parameters; every default is Table 3's."""

    SLR: float = 8.0  # send loudness rating
    RLR: float = 2.0  # receive loudness rating
    STMR: float = 15.0  # sidetone masking rating
    LSTR: float = 18.0  # listener sidetone rating
    Ds: float = 3.0  # D-value of the telephone, send side
    Dr: float = 3.0  # D-value of the telephone, receive side (enters only through LSTR)
    TELR: float = 65.0  # talker echo loudness rating
    WEPL: float = 110.0  # weighted echo path loss
    T: float = 0.0  # mean one-way delay of the echo path
    Tr: float = 0.0  # round-trip delay in a 4-wire loop
    Ta: float = 0.0  # absolute delay in echo-free connections
    qdu: float = 1.0  # number of quantization distortion units
    Ie: float = 0.0  # equipment impairment factor
    Bpl: float = 4.3  # packet-loss robustness factor
    Ppl: float = 0.0  # random packet-loss probability, per cent
    BurstR: float = 1.0  # burst ratio
    Nc: float = -70.0  # circuit noise referred to the 0 dBr point
    Nfor: float = -64.0  # noise floor at the receive side
    Ps: float = 35.0  # room noise at the send side
    Pr: float = 35.0  # room noise at the receive side
    A: float = 0.0  # advantage factor
    mT: float = 100.0  # minimum perceivable delay (Table 1, default class)
    sT: float = 1.0  # delay sensitivity (Table 1, default class)

    def __post_init__(self) -> None:
        for field in fields(self):
            check_parameter(field.name, getattr(self, field.name))


def check_parameter(name: str, value: object) -> float:
    """Return ``value`` as a float if it is a finite number in the parameter's permitted range."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, not {value!r}")
    low, high = PERMITTED_RANGES.get(name, (-math.inf, math.inf))
    if not low <= value <= high:
        raise ValueError(f"{name} = {value} is outside its permitted range {low:g} .. {high:g} (Table 3)")
    if name in POSITIVE and value <= 0:
        raise ValueError(f"{name} = {value} must be positive")
    return float(value)

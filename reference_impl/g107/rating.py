"""The transmission rating factor R of the E-model (clause 7, equations 7-1 to 7-29).

Each function computes one factor from the parameters. The branches for a sidetone masking
rating below 9 dB (TERVs) or above 20 dB are not modelled: Table 3 permits STMR from 10 to 20 dB
only, and out-of-range parameters are rejected.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reference_impl.g107.parameters import Parameters, check_parameter


def _power_sum(*levels: float) -> float:
    """10 log10 of the sum of the powers of levels given in dB."""
    return 10 * math.log10(sum(10 ** (level / 10) for level in levels))


def noise_sum(p: Parameters) -> float:
    """No, the power sum of the noise sources, referred to the 0 dBr point (7-3 to 7-7)."""
    olr = p.SLR + p.RLR
    nos = p.Ps - p.SLR - p.Ds - 100 + 0.004 * (p.Ps - olr - p.Ds - 14) ** 2
    pre = p.Pr + 10 * math.log10(1 + 10 ** ((10 - p.LSTR) / 10))
    nor = p.RLR - 121 + pre + 0.008 * (pre - 35) ** 2
    nfo = p.Nfor + p.RLR
    return _power_sum(p.Nc, nos, nor, nfo)


def basic_signal_to_noise(p: Parameters) -> float:
    """Ro, the basic signal-to-noise ratio (7-2)."""
    return 15 - 1.5 * (p.SLR + noise_sum(p))


def simultaneous_impairment(p: Parameters) -> float:
    """Is = Iolr + Ist + Iq (7-8 to 7-17)."""
    no = noise_sum(p)
    ro = 15 - 1.5 * (p.SLR + no)
    olr = p.SLR + p.RLR
    x_olr = olr + 0.2 * (64 + no - p.RLR)
    i_olr = 20 * (float((1 + (x_olr / 8) ** 8) ** (1 / 8)) - x_olr / 8)
    i_st = sidetone_impairment(p)
    q = 37 - 15 * math.log10(p.qdu)
    g = 1.07 + 0.258 * q + 0.0602 * q**2
    y = (ro - 100) / 15 + 46 / 8.4 - g / 9
    z = 46 / 30 - g / 40
    i_q = 15 * math.log10(1 + 10**y + 10**z)
    return i_olr + i_st + i_q


def sidetone_impairment(p: Parameters) -> float:
    """Ist, the impairment due to non-optimum sidetone (7-11, 7-12)."""
    stmr_o = -10 * math.log10(10 ** (-p.STMR / 10) + math.exp(-p.T / 4) * 10 ** (-p.TELR / 10))
    return float(
        12 * (1 + ((stmr_o - 13) / 6) ** 8) ** (1 / 8)
        - 28 * (1 + ((stmr_o + 1) / 19.4) ** 35) ** (1 / 35)
        - 13 * (1 + ((stmr_o - 3) / 33) ** 13) ** (1 / 13)
        + 29
    )


def delay_impairment(p: Parameters) -> float:
    """Id = Idte + Idle + Idd (7-18 to 7-28)."""
    return talker_echo_impairment(p) + listener_echo_impairment(p) + absolute_delay_impairment(p)


def talker_echo_impairment(p: Parameters) -> float:
    """Idte (7-19 to 7-22); zero below 1 ms, where talker echo acts as sidetone."""
    if p.T < 1:
        return 0.0
    roe = -1.5 * (noise_sum(p) - p.RLR)
    terv = p.TELR - 40 * math.log10((1 + p.T / 10) / (1 + p.T / 150)) + 6 * math.exp(-0.3 * p.T**2)
    re = 80 + 2.5 * (terv - 14)
    return ((roe - re) / 2 + math.sqrt((roe - re) ** 2 / 4 + 100) - 1) * (1 - math.exp(-p.T))


def listener_echo_impairment(p: Parameters) -> float:
    """Idle (7-24, 7-25)."""
    ro = basic_signal_to_noise(p)
    rle = 10.5 * (p.WEPL + 7) * float((p.Tr + 1) ** (-1 / 4))
    return (ro - rle) / 2 + math.sqrt((ro - rle) ** 2 / 4 + 169)


def absolute_delay_impairment(p: Parameters) -> float:
    """Idd (7-26 to 7-28): none up to the minimum perceivable delay mT."""
    if p.Ta <= p.mT:
        return 0.0
    x = math.log10(p.Ta / p.mT) / math.log10(2)
    exponent = 6 * p.sT
    return 25 * float(
        (1 + x**exponent) ** (1 / exponent) - 3 * (1 + (x / 3) ** exponent) ** (1 / exponent) + 2
    )


def effective_equipment_impairment(Ie: float, Ppl: float, Bpl: float, BurstR: float) -> float:
    """Ie,eff from the codec's Ie and Bpl and the packet loss Ppl with burst ratio BurstR (7-29)."""
    ie, ppl, bpl, burst = (check_parameter(name, value) for name, value in
                           (("Ie", Ie), ("Ppl", Ppl), ("Bpl", Bpl), ("BurstR", BurstR)))
    return ie + (95 - ie) * ppl / (ppl / burst + bpl)


@dataclass(frozen=True)
class Rating:
    """R and the factors it is made of."""

    R: float
    Ro: float
    Is: float
    Id: float
    Ie_eff: float


def rating(p: Parameters) -> Rating:
    """R = Ro - Is - Id - Ie,eff + A (7-1)."""
    ro = basic_signal_to_noise(p)
    i_s = simultaneous_impairment(p)
    i_d = delay_impairment(p)
    ie_eff = effective_equipment_impairment(p.Ie, p.Ppl, p.Bpl, p.BurstR)
    return Rating(ro - i_s - i_d - ie_eff + p.A, ro, i_s, i_d, ie_eff)

"""The filters of the STL's FIR module and its IIR IRS and flat filters, by name.

Names: the weighting filters keep the rate (irs-8k, irs-16k: P.48 IRS send; modified-irs-16k,
modified-irs-48k: P.830 modified IRS send; receive-modified-irs-8k and -16k; half-tilt-irs-16k;
delta-sm-16k; psophometric-8k: O.41; msin-16k: the GSM mobile station input; p341-16k: the
P.341 send mask; band-pass-5k-16k: 50-5000 Hz; flat-16k: the linear-phase band-pass; iir-irs-8k:
IRS send in IIR form). The rate changers: hq-down-2, hq-up-2, hq-down-3, hq-up-3 (the
high-quality low-pass), flat-down-2, flat-up-2 (linear-phase band-pass) and iir-flat-down-3,
iir-flat-up-3 (cascade-form IIR low-pass).
"""

from __future__ import annotations

from reference_impl.p341 import tables as t
from reference_impl.stlfilter import CascadeIir, FirFilter

Filter = FirFilter | CascadeIir

FILTERS: dict[str, Filter] = {
    "irs-8k": FirFilter(t.IRS_8K),
    "irs-16k": FirFilter(t.IRS_16K),
    "modified-irs-16k": FirFilter(t.MODIFIED_IRS_16K),
    "modified-irs-48k": FirFilter(t.MODIFIED_IRS_48K),
    "receive-modified-irs-8k": FirFilter(t.RECEIVE_MODIFIED_IRS_8K),
    "receive-modified-irs-16k": FirFilter(t.RECEIVE_MODIFIED_IRS_16K),
    "half-tilt-irs-16k": FirFilter(t.HALF_TILT_IRS_16K),
    "delta-sm-16k": FirFilter(t.DELTA_SM_16K),
    "psophometric-8k": FirFilter(t.PSOPHOMETRIC_8K),
    "msin-16k": FirFilter(t.MSIN_16K),
    "p341-16k": FirFilter(t.P341_16K),
    "band-pass-5k-16k": FirFilter(t.BAND_PASS_5K_16K),
    "flat-16k": FirFilter(t.FLAT_16K),
    "hq-down-2": FirFilter(t.HQ_DOWN_2, 2),
    "hq-up-2": FirFilter(t.HQ_UP_2, 2, upsampling=True),
    "hq-down-3": FirFilter(t.HQ_DOWN_3, 3),
    "hq-up-3": FirFilter(t.HQ_UP_3, 3, upsampling=True),
    "flat-down-2": FirFilter(t.FLAT_DOWN_2, 2),
    "flat-up-2": FirFilter(t.FLAT_UP_2, 2, upsampling=True),
    "iir-irs-8k": CascadeIir(t.IRS_IIR_8K_NUMERATORS, t.IRS_IIR_8K_DENOMINATORS, t.IRS_IIR_8K_GAIN),
    "iir-flat-down-3": CascadeIir(
        t.IIR_FLAT_DOWN_3_NUMERATORS, t.IIR_FLAT_DOWN_3_DENOMINATORS, t.IIR_FLAT_DOWN_3_GAIN, 3
    ),
    "iir-flat-up-3": CascadeIir(
        t.IIR_FLAT_UP_3_NUMERATORS, t.IIR_FLAT_UP_3_DENOMINATORS, t.IIR_FLAT_UP_3_GAIN, 3, upsampling=True
    ),
}


def chain(names: str) -> list[Filter]:
    """The filters named in ``names`` (separated by spaces), in order; ValueError for an unknown one."""
    found = []
    for name in names.split():
        if name not in FILTERS:
            raise ValueError(f"unknown filter {name!r}: expected one of {', '.join(FILTERS)}")
        found.append(FILTERS[name])
    if not found:
        raise ValueError("no filter named")
    return found

"""The STL's G.712 PCM channel filters (IIR), by name.

pcm-16k: the G.712 channel band-pass at 16 kHz (parallel form, 1:1); pcm-down-2: the same
filter decimating 16 kHz to 8 kHz; pcm-up-2: interpolating 8 kHz to 16 kHz; cascade-8k: the
8 kHz G.712 filter in cascade form.
"""

from __future__ import annotations

from reference_impl.g712 import tables as t
from reference_impl.stlfilter import CascadeIir, ParallelIir

Filter = ParallelIir | CascadeIir

FILTERS: dict[str, Filter] = {
    "pcm-16k": ParallelIir(t.G712_PARALLEL_NUMERATORS, t.G712_PARALLEL_DENOMINATORS, t.G712_PARALLEL_DIRECT, 1.0),
    "pcm-down-2": ParallelIir(t.G712_PARALLEL_NUMERATORS, t.G712_PARALLEL_DENOMINATORS, t.G712_PARALLEL_DIRECT, 1.0, 2),
    "pcm-up-2": ParallelIir(
        t.G712_PARALLEL_NUMERATORS, t.G712_PARALLEL_DENOMINATORS, t.G712_PARALLEL_DIRECT, 2.0, 2, upsampling=True
    ),
    "cascade-8k": CascadeIir(t.G712_CASCADE_8K_NUMERATORS, t.G712_CASCADE_8K_DENOMINATORS, t.G712_CASCADE_8K_GAIN),
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

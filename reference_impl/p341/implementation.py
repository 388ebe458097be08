"""The P.341 / IRS filter reference as the harness calls it: one method per interface of recommendations/p341."""

from __future__ import annotations

from collections.abc import Sequence

from reference_impl.p341.filters import FILTERS, chain
from reference_impl.stlfilter import checked_words, from_words, to_words

NAME = "recbench-p341-reference"
VERSION = "1.0.0"


class Implementation:
    """Interfaces of recommendations/p341; every call starts the filters from a zero state."""

    def filter(self, filters: str, samples: Sequence[int]) -> dict[str, list[int]]:
        """The samples through the named filters in turn (single precision), rounded to 16 bits once."""
        stages = chain(filters)
        signal = from_words(checked_words(samples))
        for stage in stages:
            signal = stage.apply(signal)
        words = to_words(signal)
        return {"samples": words}

    def filter_exact(self, filters: str, samples: Sequence[int]) -> dict[str, list[int]]:
        """``filter``, for the interface whose output is compared exactly."""
        return self.filter(filters, samples)

    def asynchronous(self, filter: str, delay: int, samples: Sequence[int]) -> dict[str, list[int]]:
        """Up-sample with ``filter``, keep every factor-th output, then delay (or, negative, advance) by ``delay``."""
        stage = FILTERS.get(filter)
        if stage is None or not stage.upsampling:
            raise ValueError(f"filter {filter!r} is not an up-sampling filter")
        if isinstance(delay, bool) or not isinstance(delay, int):
            raise ValueError(f"delay is {delay!r}, not an integer")
        words = to_words(stage.apply(from_words(checked_words(samples)))[:: stage.factor])
        words = [0] * delay + words if delay >= 0 else words[-delay:]
        return {"samples": words}

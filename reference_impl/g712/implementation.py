"""The G.712 filter reference as the harness calls it: the interface of recommendations/g712."""

from __future__ import annotations

from collections.abc import Sequence

from reference_impl.g712.filters import chain
from reference_impl.stlfilter import checked_words, from_words, to_words

NAME = "recbench-g712-reference"
VERSION = "1.0.0"


class Implementation:
    """Interfaces of recommendations/g712; every call starts the filters from a zero state."""

    def filter(self, filters: str, rounding: str, samples: Sequence[int]) -> dict[str, list[int]]:
        """The samples through the named filters in turn (single precision), then to 16 bits."""
        stages = chain(filters)
        signal = from_words(checked_words(samples))
        for stage in stages:
            signal = stage.apply(signal)
        words = to_words(signal, rounding)
        return {"samples": words}

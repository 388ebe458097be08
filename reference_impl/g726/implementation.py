"""The G.726 reference as the harness calls it: one method per interface of recommendation.yaml.

Every call starts from the reset state. Laws: "A" and "mu" (log PCM words 0..255, as
transmitted) and "linear" (16-bit two's complement, G.726 Annex A uniform PCM). Rates are in
kbit/s: 16, 24, 32 or 40. A decoder's law is its output law; decoding codes that an encoder
of the other law produced is the Recommendation's cross-law test, so it needs no parameter.
"""

from __future__ import annotations

from collections.abc import Sequence

from reference_impl.g711 import alaw_compress, alaw_expand, ulaw_compress, ulaw_expand
from reference_impl.g726 import codec
from reference_impl.g726.pcm_format import A_LAW, LAWS, LINEAR, MU_LAW
from reference_impl.g726.quantizer_tables import RATES, RateTables

NAME = "recbench-g726-reference"


def _tables(rate: object) -> RateTables:
    if isinstance(rate, bool) or not isinstance(rate, int) or rate not in RATES:
        raise ValueError(f"rate is {rate!r}: expected 16, 24, 32 or 40 (kbit/s)")
    return RATES[rate]


def _law(law: object) -> str:
    if law not in LAWS:
        raise ValueError(f"law is {law!r}: expected 'A', 'mu' or 'linear'")
    return str(law)


def _checked(values: Sequence[int], field: str, low: int, high: int) -> list[int]:
    """The values as a list, or ValueError naming the field and the first bad value."""
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise ValueError(f"{field} must be a list of integers")
    words = list(values)
    for index, value in enumerate(words):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{field}[{index}] is {value!r}, not an integer")
        if not low <= value <= high:
            raise ValueError(f"{field}[{index}] is {value}, outside {low}..{high}")
    return words


def _pcm(samples: Sequence[int], law: str, field: str) -> list[int]:
    if law == LINEAR:
        return _checked(samples, field, -32768, 32767)
    return _checked(samples, field, 0, 255)


def _codes(codes: Sequence[int], tables: RateTables, field: str) -> list[int]:
    return _checked(codes, field, 0, tables.all_ones)


class Implementation:
    """Interfaces of recommendations/g726, each call from reset."""

    def encode(self, law: str, rate: int, samples: Sequence[int]) -> dict[str, list[int]]:
        """PCM words (log PCM codes, or 16-bit linear) to ADPCM code words of 2 to 5 bits."""
        law = _law(law)
        tables = _tables(rate)
        return {"codes": codec.encode(_pcm(samples, law, "samples"), law, tables)}

    def decode(self, law: str, rate: int, codes: Sequence[int]) -> dict[str, list[int]]:
        """ADPCM code words to PCM words of the decoder's law (with synchronous adjustment)."""
        law = _law(law)
        tables = _tables(rate)
        return {"samples": codec.decode(_codes(codes, tables, "codes"), law, tables)}

    def encode_initialised(
        self, law: str, rate: int, initialisation: Sequence[int], samples: Sequence[int]
    ) -> dict[str, list[int]]:
        """Encode ``initialisation`` first, discarding its codes, then ``samples``."""
        law = _law(law)
        tables = _tables(rate)
        head = _pcm(initialisation, law, "initialisation")
        codes = codec.encode(head + _pcm(samples, law, "samples"), law, tables)
        return {"codes": codes[len(head):]}

    def decode_initialised(
        self, law: str, rate: int, initialisation: Sequence[int], codes: Sequence[int]
    ) -> dict[str, list[int]]:
        """Decode ``initialisation`` first, discarding its output, then ``codes``."""
        law = _law(law)
        tables = _tables(rate)
        head = _codes(initialisation, tables, "initialisation")
        samples = codec.decode(head + _codes(codes, tables, "codes"), law, tables)
        return {"samples": samples[len(head):]}

    def encode_decode_variable_rate(
        self, law: str, rates: Sequence[int], block_size: int, samples: Sequence[int]
    ) -> dict[str, list[int]]:
        """16-bit linear samples through encoder and decoder, the rate cycling per block.

        Block j (of ``block_size`` samples) uses rates[j % len(rates)]; encoder and decoder
        keep their state across the switches. For the log laws the samples are converted by
        G.711 before encoding and after decoding; "linear" codes them uniformly (Annex A).
        """
        law = _law(law)
        if isinstance(block_size, bool) or not isinstance(block_size, int) or block_size < 1:
            raise ValueError(f"block_size is {block_size!r}: expected a positive integer")
        cycle = [_tables(rate) for rate in _checked(rates, "rates", 0, 255)]
        if not cycle:
            raise ValueError("rates is empty: give at least one rate")
        linear = _checked(samples, "samples", -32768, 32767)
        schedule = [cycle[(k // block_size) % len(cycle)] for k in range(len(linear))]
        if law == A_LAW:
            words = [alaw_compress(x) for x in linear]
        elif law == MU_LAW:
            words = [ulaw_compress(x) for x in linear]
        else:
            words = linear
        decoded = codec.decode_scheduled(codec.encode_scheduled(words, law, schedule), law, schedule)
        if law == A_LAW:
            return {"samples": [alaw_expand(c) for c in decoded]}
        if law == MU_LAW:
            return {"samples": [ulaw_expand(c) for c in decoded]}
        return {"samples": decoded}

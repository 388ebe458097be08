"""G.704 reference: CRC-4/5/6 against crcmod and long division, block layouts, vectors."""

from __future__ import annotations

import crcmod
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impl.fcs import BitOrder, octets_to_bits
from reference_impl.g704 import CRC_4, CRC_5, CRC_6, remainder_bits

PROCEDURES = {"crc-4": (CRC_4, 4, 0x3), "crc-5": (CRC_5, 5, 0x15), "crc-6": (CRC_6, 6, 0x03)}


def _crcmod_short(width: int, poly: int) -> crcmod.Crc:
    # a CRC of width w < 8 equals the 8-bit CRC with generator x^(8-w)·G(x), shifted (reflected form)
    return crcmod.mkCrcFun(0x100 | ((poly << (8 - width)) & 0xFF), initCrc=0, rev=True, xorOut=0)


def _long_division(bits: list[int], generator: int, degree: int) -> list[int]:
    dividend = int("".join(map(str, bits)) or "0", 2) << degree
    while dividend.bit_length() > degree:
        dividend ^= generator << (dividend.bit_length() - 1 - degree)
    return [int(char) for char in f"{dividend:0{degree}b}"]


def _bits(data: bytes, cut: int) -> list[int]:
    """Bits of ``data`` less the last ``cut``: any bit length, drawn quickly from binary()."""
    bits = [(octet >> (7 - position)) & 1 for octet in data for position in range(8)]
    return bits[: max(0, len(bits) - cut)]


@settings(max_examples=10_000, deadline=None)
@given(st.binary(max_size=48), st.sampled_from(sorted(PROCEDURES)))
def test_octet_aligned_inputs_match_crcmod(data: bytes, name: str) -> None:
    procedure, width, poly = PROCEDURES[name]
    value = _crcmod_short(width, poly)(data)
    expected = [(value >> position) & 1 for position in range(width)]  # refout: bit 0 is x^(w-1)
    assert remainder_bits(procedure.generator, octets_to_bits(data, BitOrder.LSB_FIRST)) == expected


@settings(max_examples=10_000, deadline=None)
@given(st.binary(max_size=38), st.integers(0, 7), st.sampled_from(sorted(PROCEDURES)))
def test_any_bit_length_matches_long_division(data: bytes, cut: int, name: str) -> None:
    bits = _bits(data, cut)
    procedure, width, _ = PROCEDURES[name]
    generator = procedure.generator
    assert remainder_bits(generator, bits) == _long_division(bits, generator.coefficients, width)


def test_catalogue_check_values() -> None:
    bits = octets_to_bits(b"123456789", BitOrder.LSB_FIRST)
    assert remainder_bits(CRC_4.generator, bits) == [1, 1, 1, 0]  # CRC-4/G-704 0x7
    assert remainder_bits(CRC_5.generator, bits) == [1, 1, 1, 0, 0]  # CRC-5/G-704 0x07
    assert remainder_bits(CRC_6.generator, bits) == [0, 1, 1, 0, 0, 0]  # CRC-6/G-704 0x06


def test_crc4_ignores_its_own_c_bits_and_crc6_its_f_bits() -> None:
    smf = [1, 0, 0, 1] * 512
    flipped = list(smf)
    for position in (0, 512, 1024, 1536):
        flipped[position] ^= 1
    assert CRC_4.check_bits(smf) == CRC_4.check_bits(flipped)
    multiframe = [0, 1, 1] * 1544
    forced = list(multiframe)
    for frame in range(24):
        forced[frame * 193] = 1
    assert CRC_6.check_bits(multiframe) == remainder_bits(CRC_6.generator, forced)
    with pytest.raises(ValueError, match="2048 bits"):
        CRC_4.check_bits(smf[:-1])



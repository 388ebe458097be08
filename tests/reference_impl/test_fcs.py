"""The shared division engine (reference_impl.fcs): register, bit order, HDLC FCS."""

from __future__ import annotations

import zlib

import crcmod
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impl.fcs import (
    FCS_16,
    FCS_32,
    BitOrder,
    DividingRegister,
    GeneratorPolynomial,
    bits_to_octets,
    octets_to_bits,
)

CCITT = GeneratorPolynomial((16, 12, 5, 0))
IBM_SDLC = crcmod.mkCrcFun(0x11021, initCrc=0, rev=True, xorOut=0xFFFF)


def test_polynomial_is_printed_as_in_the_recommendations() -> None:
    assert str(CCITT) == "x^16 + x^12 + x^5 + 1"
    assert CCITT.degree == 16 and CCITT.feedback == 0x1021


def test_a_polynomial_without_constant_term_is_refused() -> None:
    try:
        GeneratorPolynomial((16, 12))
    except ValueError as error:
        assert "constant term" in str(error)
    else:
        raise AssertionError("accepted")


@settings(max_examples=2_000, deadline=None)
@given(st.binary(max_size=48), st.sampled_from(list(BitOrder)))
def test_octet_steps_equal_bit_steps(data: bytes, order: BitOrder) -> None:
    by_octet, by_bit = DividingRegister(CCITT, preset=0x1234), DividingRegister(CCITT, preset=0x1234)
    by_octet.feed_octets(data, order)
    by_bit.feed_bits(octets_to_bits(data, order))
    assert by_octet.remainder == by_bit.remainder


@settings(max_examples=2_000, deadline=None)
@given(st.binary(max_size=32), st.sampled_from(list(BitOrder)))
def test_octets_and_bits_round_trip(data: bytes, order: BitOrder) -> None:
    assert bits_to_octets(octets_to_bits(data, order), order) == data


def test_error_free_remainders_are_the_recommendations_constants() -> None:
    for content in (b"", b"123456789", bytes(range(256))):
        assert FCS_16.receiver_remainder(content + FCS_16.compute(content)) == 0b0001_1101_0000_1111
        assert FCS_32.receiver_remainder(content + FCS_32.compute(content)) == 0xC704DD7B


@settings(max_examples=10_000, deadline=None)
@given(st.binary(max_size=64))
def test_fcs16_matches_crcmod(data: bytes) -> None:
    assert FCS_16.compute(data) == IBM_SDLC(data).to_bytes(2, "little")


@settings(max_examples=10_000, deadline=None)
@given(st.binary(max_size=64))
def test_fcs32_matches_zlib(data: bytes) -> None:
    assert FCS_32.compute(data) == zlib.crc32(data).to_bytes(4, "little")

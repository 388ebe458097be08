"""I.432.1 reference: HEC against crcmod, single-bit correction, receiver modes, vectors."""

from __future__ import annotations

import crcmod
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impl.i4321 import (
    HeaderReceiver,
    Outcome,
    coset_remainder,
    header_error_control,
    receive_headers,
)
from reference_impl.i4321.hec import SINGLE_BIT_SYNDROMES

I432 = crcmod.mkCrcFun(0x107, initCrc=0x55, rev=False, xorOut=0x55)


@settings(max_examples=10_000, deadline=None)
@given(st.binary(min_size=4, max_size=4))
def test_hec_matches_crcmod(header: bytes) -> None:
    assert header_error_control(header) == I432(header)


@settings(max_examples=10_000, deadline=None)
@given(st.binary(max_size=64))
def test_coset_remainder_matches_crcmod(data: bytes) -> None:
    assert coset_remainder(data) == I432(data)


@settings(max_examples=2_000, deadline=None)
@given(st.binary(min_size=4, max_size=4), st.integers(0, 39))
def test_every_single_bit_error_is_corrected(body: bytes, position: int) -> None:
    header = body + bytes([header_error_control(body)])
    errored = bytearray(header)
    errored[position // 8] ^= 0x80 >> (position % 8)
    outcome, passed = HeaderReceiver().receive(bytes(errored))
    assert (outcome, passed) == (Outcome.CORRECTED, header)


def test_the_forty_single_bit_syndromes_are_distinct() -> None:
    assert sorted(SINGLE_BIT_SYNDROMES.values()) == list(range(40))


def test_idle_cell_and_catalogue_values() -> None:
    assert header_error_control(bytes([0, 0, 0, 1])) == 0b0101_0010
    assert coset_remainder(b"123456789") == 0xA1


def test_detection_mode_discards_then_returns_to_correction() -> None:
    good = bytes(4) + bytes([header_error_control(bytes(4))])
    one_bit = bytes([0x40]) + good[1:]
    outcomes, delivered = receive_headers(one_bit + one_bit + good + one_bit, correction=True)
    assert outcomes == [Outcome.CORRECTED, Outcome.DISCARDED, Outcome.VALID, Outcome.CORRECTED]
    assert delivered == good * 3
    assert receive_headers(one_bit + good, correction=False)[0] == [Outcome.DISCARDED, Outcome.VALID]
    with pytest.raises(ValueError, match="whole number"):
        receive_headers(bytes(6), correction=True)



"""V.41 reference: cross-checks against binascii.crc_hqx and crcmod, vectors, process server."""

from __future__ import annotations

import binascii
import json
import subprocess
import sys
from pathlib import Path

import crcmod
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impl.fcs import BitOrder, octets_to_bits
from reference_impl.v41 import block_has_error, check_bits, check_octets

KERMIT = crcmod.mkCrcFun(0x11021, initCrc=0, rev=True, xorOut=0)


def _long_division(bits: list[int]) -> list[int]:
    dividend = int("".join(map(str, bits)) or "0", 2) << 16
    while dividend.bit_length() > 16:
        dividend ^= 0x11021 << (dividend.bit_length() - 17)
    return [int(char) for char in f"{dividend:016b}"]


def _bits(data: bytes, cut: int) -> list[int]:
    """Bits of ``data`` less the last ``cut``: any bit length, drawn quickly from binary()."""
    bits = [(octet >> (7 - position)) & 1 for octet in data for position in range(8)]
    return bits[: max(0, len(bits) - cut)]


@settings(max_examples=10_000, deadline=None)
@given(st.binary(max_size=64))
def test_msb_first_matches_crc_hqx(data: bytes) -> None:
    assert check_octets(data, BitOrder.MSB_FIRST) == binascii.crc_hqx(data, 0).to_bytes(2, "big")


@settings(max_examples=10_000, deadline=None)
@given(st.binary(max_size=64))
def test_lsb_first_matches_crcmod_kermit(data: bytes) -> None:
    assert check_octets(data, BitOrder.LSB_FIRST) == KERMIT(data).to_bytes(2, "little")


@settings(max_examples=10_000, deadline=None)
@given(st.binary(max_size=25), st.integers(0, 7))
def test_bit_serial_matches_long_division(data: bytes, cut: int) -> None:
    bits = _bits(data, cut)
    assert check_bits(bits) == _long_division(bits)
    assert not block_has_error(bits + check_bits(bits))


def test_catalogue_check_values() -> None:
    assert check_octets(b"123456789", BitOrder.MSB_FIRST).hex() == "31c3"  # CRC-16/XMODEM
    assert check_octets(b"123456789", BitOrder.LSB_FIRST).hex() == "8921"  # CRC-16/KERMIT 0x2189
    assert check_bits(octets_to_bits(b"123456789", BitOrder.MSB_FIRST)) == [int(c) for c in f"{0x31C3:016b}"]


def test_single_bit_errors_are_always_detected() -> None:
    block = [1, 0, 1, 1, 0, 0, 1] * 20
    block += check_bits(block)
    for position in range(len(block)):
        errored = list(block)
        errored[position] ^= 1
        assert block_has_error(errored)


def test_process_server_answers() -> None:
    request = {"id": 1, "interface": "encode_octets", "input": {"data": "313233343536373839", "bit_order": "msb-first"}}
    reject = {"id": 2, "interface": "check_block", "input": {"block_bits": [1, 0]}}
    completed = subprocess.run(
        [sys.executable, "-m", "reference_impl.v41", "serve"], input=f"{json.dumps(request)}\n{json.dumps(reject)}\n",
        capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2], timeout=60, check=True,
    )
    hello, answer, rejection = (json.loads(line) for line in completed.stdout.splitlines())
    assert "encode_octets" in hello["interfaces"]
    assert answer == {"id": 1, "output": {"check_octets": "31c3"}}
    assert "rejected" in rejection

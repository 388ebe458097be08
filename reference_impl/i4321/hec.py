"""ITU-T I.432.1 header error control (HEC) of ATM cells.

The HEC is the remainder of x^8 times the first four header octets divided by
x^8 + x^2 + x + 1, with the coset 01010101 added to it; octets are sent high-order bit first.
The code corrects any single-bit error in the 40-bit header and detects many multi-bit errors.
The receiver has two modes: in correction mode a single-bit error is corrected and a
multi-bit error discards the cell, and either moves the receiver to detection mode; in
detection mode every cell with a detected error is discarded, and a cell without one returns
the receiver to correction mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum

from reference_impl.fcs import BitOrder, DividingRegister, GeneratorPolynomial

GENERATOR = GeneratorPolynomial((8, 2, 1, 0))
COSET = 0b0101_0101
HEADER_OCTETS = 5
PROTECTED_OCTETS = 4


def coset_remainder(data: bytes) -> int:
    """Remainder of x^8 times ``data`` (high-order bits first) by the generator, plus the coset."""
    register = DividingRegister(GENERATOR)
    register.feed_octets(data, BitOrder.MSB_FIRST)
    return register.remainder ^ COSET


def header_error_control(protected: bytes) -> int:
    """The HEC octet for the first four octets of a cell header."""
    if len(protected) != PROTECTED_OCTETS:
        raise ValueError(f"the HEC covers {PROTECTED_OCTETS} header octets; got {len(protected)}")
    return coset_remainder(protected)


def _check_header(header: bytes) -> None:
    if len(header) != HEADER_OCTETS:
        raise ValueError(f"a cell header has {HEADER_OCTETS} octets; got {len(header)}")


def syndrome(header: bytes) -> int:
    """Zero for a header whose HEC matches; otherwise the pattern that locates an error."""
    _check_header(header)
    return header_error_control(header[:PROTECTED_OCTETS]) ^ header[PROTECTED_OCTETS]


def _single_bit_syndromes() -> dict[int, int]:
    """Syndrome of an error in each one of the 40 header bits (bit 0 = first bit sent)."""
    clean = bytes(HEADER_OCTETS)
    clean = clean[:PROTECTED_OCTETS] + bytes([header_error_control(clean[:PROTECTED_OCTETS])])
    table: dict[int, int] = {}
    for position in range(HEADER_OCTETS * 8):
        errored = bytearray(clean)
        errored[position // 8] ^= 0x80 >> (position % 8)
        table[syndrome(bytes(errored))] = position
    return table


SINGLE_BIT_SYNDROMES = _single_bit_syndromes()


class Outcome(int, Enum):
    """What the receiver does with one cell header."""

    VALID = 0  # no error detected: the cell is passed on
    CORRECTED = 1  # single-bit error corrected: the corrected cell is passed on
    DISCARDED = 2  # error detected and not corrected: the cell is discarded


class Mode(StrEnum):
    """The receiver's two modes of operation."""

    CORRECTION = "correction"
    DETECTION = "detection"


@dataclass
class HeaderReceiver:
    """The HEC receiver, starting in correction mode (or kept in detection mode when
    ``correction`` is off, for receivers that do not claim single-bit correction)."""

    correction: bool = True
    mode: Mode = Mode.CORRECTION

    def __post_init__(self) -> None:
        if not self.correction:
            self.mode = Mode.DETECTION

    def receive(self, header: bytes) -> tuple[Outcome, bytes]:
        """Process one 5-octet header; return the outcome and the header as passed on."""
        found = syndrome(header)
        if found == 0:
            if self.correction:
                self.mode = Mode.CORRECTION
            return Outcome.VALID, header
        in_correction = self.mode is Mode.CORRECTION
        self.mode = Mode.DETECTION
        if in_correction and found in SINGLE_BIT_SYNDROMES:
            position = SINGLE_BIT_SYNDROMES[found]
            corrected = bytearray(header)
            corrected[position // 8] ^= 0x80 >> (position % 8)
            return Outcome.CORRECTED, bytes(corrected)
        return Outcome.DISCARDED, header


def receive_headers(headers: bytes, correction: bool) -> tuple[list[Outcome], bytes]:
    """Run a receiver over consecutive 5-octet headers.

    Returns each header's outcome and the headers passed on (corrected where corrected),
    concatenated; discarded headers are left out.
    """
    if len(headers) % HEADER_OCTETS:
        raise ValueError(f"{len(headers)} octets are not a whole number of {HEADER_OCTETS}-octet headers")
    receiver = HeaderReceiver(correction=correction)
    outcomes: list[Outcome] = []
    delivered = bytearray()
    for start in range(0, len(headers), HEADER_OCTETS):
        outcome, header = receiver.receive(headers[start : start + HEADER_OCTETS])
        outcomes.append(outcome)
        if outcome is not Outcome.DISCARDED:
            delivered += header
    return outcomes, bytes(delivered)


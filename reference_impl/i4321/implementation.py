"""The I.432.1 reference as the harness calls it: one method per interface of recommendation.yaml."""

from __future__ import annotations

from reference_impl.i4321 import hec


class Implementation:
    """Interfaces of recommendations/i4321: crc8, header_error_control, receive_headers."""

    def crc8(self, data: bytes) -> dict[str, int]:
        """The HEC's division and coset over any octet string (catalogued as CRC-8/I-432-1)."""
        return {"crc": hec.coset_remainder(data)}

    def header_error_control(self, header: bytes) -> dict[str, int]:
        """HEC octet of the first four header octets."""
        return {"hec": hec.header_error_control(header)}

    def receive_headers(self, headers: bytes, correction: bool) -> dict[str, object]:
        """Outcome of each header in turn (0 valid, 1 corrected, 2 discarded) and those passed on."""
        outcomes, delivered = hec.receive_headers(headers, correction)
        return {"outcomes": [int(outcome) for outcome in outcomes], "delivered": delivered}

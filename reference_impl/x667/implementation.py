"""The adapter object the conformance harness drives: one method per interface of the YAML."""

from __future__ import annotations

from collections.abc import Callable

from reference_impl.x667 import generation
from reference_impl.x667.layout import Variant, compare, variant_of, version_of
from reference_impl.x667.representation import (
    format_hex,
    format_oid,
    format_urn,
    parse_hex,
    parse_oid,
    parse_urn,
)

_PARSERS: dict[str, Callable[[str], int]] = {"hex": parse_hex, "urn": parse_urn, "oid": parse_oid}


class Implementation:
    """ITU-T X.667 reference: every method returns a dict of outputs or raises ValueError."""

    def time_based(self, timestamp: int, clock_sequence: int, node: bytes) -> dict[str, str]:
        """Version 1 UUID from a 60-bit timestamp, 14-bit clock sequence and 6-octet node."""
        return {"uuid": format_hex(generation.time_based(timestamp, clock_sequence, node))}

    def name_based(self, algorithm: str, namespace: str, name: bytes) -> dict[str, str]:
        """Version 3 (md5) or 5 (sha1) UUID of a name (octets) in a name space (hex form)."""
        if algorithm == "md5":
            value = generation.name_based(parse_hex(namespace), name, "md5")
        elif algorithm == "sha1":
            value = generation.name_based(parse_hex(namespace), name, "sha1")
        else:
            raise ValueError(f"algorithm {algorithm!r} is neither 'md5' nor 'sha1'")
        return {"uuid": format_hex(value)}

    def random_based(self, random: bytes) -> dict[str, str]:
        """Version 4 UUID from 16 random octets."""
        return {"uuid": format_hex(generation.random_based(random))}

    def represent(self, uuid: str) -> dict[str, str]:
        """The hexadecimal, URN, OID and decimal integer forms of a UUID given in hex form."""
        value = parse_hex(uuid)
        return {
            "hex": format_hex(value),
            "urn": format_urn(value),
            "oid": format_oid(value),
            "integer": str(value),
        }

    def parse(self, form: str, text: str) -> dict[str, str]:
        """Parse ``text`` in the given form (hex, urn or oid) to the canonical hex form."""
        parser = _PARSERS.get(form)
        if parser is None:
            raise ValueError(f"form {form!r} is not one of {', '.join(_PARSERS)}")
        return {"uuid": format_hex(parser(text))}

    def classify(self, uuid: str) -> dict[str, str | int]:
        """The variant (clause 11) and, for the X.667 variant, the version (clause 12.2)."""
        value = parse_hex(uuid)
        variant = variant_of(value)
        version = version_of(value) if variant is Variant.X667 else 0
        return {"variant": variant.value, "version": version}

    def compare(self, first: str, second: str) -> dict[str, int]:
        """Order two UUIDs (clause 9): -1, 0 or 1."""
        return {"order": compare(parse_hex(first), parse_hex(second))}

"""Setting the fields of time-based, name-based and random-number-based UUIDs (clauses 12-15).

Every source of variation (the clock, the clock sequence, the node, the random octets) is an
argument, so generation is deterministic and testable; obtaining those values from a system is
the caller's business (Annexes A and C describe how).
"""

from __future__ import annotations

import hashlib
from typing import Literal

from reference_impl.x667.layout import stamp

TIME_BITS = 60  # clause 12.3: a 60-bit count of 100 ns intervals since 1582-10-15 00:00 UTC
CLOCK_SEQUENCE_BITS = 14  # clause 12.4
NODE_OCTETS = 6  # clause 12.5: 48 bits
RANDOM_OCTETS = 16

VERSION_TIME_BASED = 1
VERSION_NAME_BASED_MD5 = 3
VERSION_RANDOM = 4
VERSION_NAME_BASED_SHA1 = 5

HashAlgorithm = Literal["md5", "sha1"]


def time_based(timestamp: int, clock_sequence: int, node: bytes) -> int:
    """A version 1 UUID from its time, clock sequence and node (clause 13)."""
    if not 0 <= timestamp < 1 << TIME_BITS:
        raise ValueError(f"timestamp {timestamp} is not a {TIME_BITS}-bit unsigned count")
    if not 0 <= clock_sequence < 1 << CLOCK_SEQUENCE_BITS:
        raise ValueError(
            f"clock sequence {clock_sequence} is not a {CLOCK_SEQUENCE_BITS}-bit value"
        )
    if len(node) != NODE_OCTETS:
        raise ValueError(f"node is {len(node)} octets, expected {NODE_OCTETS}")
    time_low = timestamp & 0xFFFF_FFFF
    time_mid = (timestamp >> 32) & 0xFFFF
    time_high = (timestamp >> 48) & 0x0FFF
    value = (
        (time_low << 96)
        | (time_mid << 80)
        | (time_high << 64)
        | (clock_sequence << 48)  # the top two of its 16 bits are the variant, set by stamp()
        | int.from_bytes(node, "big")
    )
    return stamp(value, VERSION_TIME_BASED)


def name_based(namespace: int, name: bytes, algorithm: HashAlgorithm) -> int:
    """A version 3 (MD5) or version 5 (SHA-1) UUID of ``name`` in ``namespace`` (clause 14).

    The hash covers the name space identifier's 16-octet binary representation followed by
    the name's octets in its canonical form; the first 16 octets of the hash become the UUID.
    """
    if algorithm == "md5":
        digest, version = hashlib.md5(usedforsecurity=False), VERSION_NAME_BASED_MD5
    elif algorithm == "sha1":
        digest, version = hashlib.sha1(usedforsecurity=False), VERSION_NAME_BASED_SHA1
    else:
        raise ValueError(f"unknown hash algorithm {algorithm!r}: use 'md5' or 'sha1'")
    digest.update(namespace.to_bytes(16, "big"))
    digest.update(name)
    return stamp(int.from_bytes(digest.digest()[:16], "big"), version)


def random_based(octets: bytes) -> int:
    """A version 4 UUID from 16 random octets, of which 122 bits are kept (clause 15)."""
    if len(octets) != RANDOM_OCTETS:
        raise ValueError(f"random input is {len(octets)} octets, expected {RANDOM_OCTETS}")
    return stamp(int.from_bytes(octets, "big"), VERSION_RANDOM)

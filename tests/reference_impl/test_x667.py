"""ITU-T X.667 reference: its vector sets, and a cross-check against Python's uuid module."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impl.x667 import (
    compare,
    format_hex,
    format_oid,
    format_urn,
    name_based,
    parse_hex,
    parse_oid,
    parse_urn,
    random_based,
    time_based,
    variant_of,
    version_of,
)

FOLDER = Path(__file__).resolve().parents[2] / "recommendations" / "x667"
PEER_EXAMPLES = settings(max_examples=10_000, deadline=None)
GREGORIAN_TO_UNIX_100NS = 0x01B21DD213814000
PEER_VARIANTS = {uuid.RESERVED_NCS: "ncs", uuid.RFC_4122: "x667",
                 uuid.RESERVED_MICROSOFT: "microsoft", uuid.RESERVED_FUTURE: "future"}

uuids = st.integers(min_value=0, max_value=(1 << 128) - 1)


def test_example_uuid_forms() -> None:
    value = parse_hex("f81d4fae-7dec-11d0-a765-00a0c91e6bf6")
    assert value == 329800735698586629295641978511506172918
    assert format_oid(value) == "2.25.329800735698586629295641978511506172918"
    assert format_urn(value) == "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"
    assert (variant_of(value).value, version_of(value)) == ("x667", 1)


@pytest.mark.parametrize("text", [
    "f81d4fae7dec11d0a76500a0c91e6bf6", "{f81d4fae-7dec-11d0-a765-00a0c91e6bf6}",
    "f81d4fae-7dec-11d0-a765-00a0c91e6bf\u0661", "f81d4fae-7dec-11d0-a765_00a0c91e6bf6", "",
])
def test_malformed_hex_is_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        parse_hex(text)


@pytest.mark.parametrize("text", ["2.25.01", "2.25.", "2.25.340282366920938463463374607431768211456",
                                  "2.25." + "9" * 5000, "2.25.1_0"])
def test_malformed_oid_is_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        parse_oid(text)


def test_urn_prefix_is_case_insensitive() -> None:
    assert parse_urn("URN:UUID:F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6") == parse_hex(
        "f81d4fae-7dec-11d0-a765-00a0c91e6bf6"
    )


@PEER_EXAMPLES
@given(st.integers(0, (1 << 60) - 1), st.integers(0, (1 << 14) - 1), st.binary(min_size=6, max_size=6))
def test_time_based_matches_uuid1(timestamp: int, clock_sequence: int, node: bytes) -> None:
    uuid._last_timestamp = None  # type: ignore[attr-defined]  # uuid1 keeps timestamps increasing
    nanoseconds = (timestamp - GREGORIAN_TO_UNIX_100NS) * 100
    # uuid1 reads the clock through time.time_ns; pin it (cheaper than mock.patch per example)
    real_time_ns = time.time_ns
    time.time_ns = lambda: nanoseconds
    try:
        peer = uuid.uuid1(node=int.from_bytes(node, "big"), clock_seq=clock_sequence)
    finally:
        time.time_ns = real_time_ns
    assert time_based(timestamp, clock_sequence, node) == peer.int


@PEER_EXAMPLES
@given(uuids, st.text(), st.booleans())
def test_name_based_matches_uuid3_and_uuid5(namespace: int, name: str, sha1: bool) -> None:
    peer = (uuid.uuid5 if sha1 else uuid.uuid3)(uuid.UUID(int=namespace), name)
    assert name_based(namespace, name.encode(), "sha1" if sha1 else "md5") == peer.int


@PEER_EXAMPLES
@given(st.binary(min_size=16, max_size=16))
def test_random_based_matches_uuid_version_4(octets: bytes) -> None:
    assert random_based(octets) == uuid.UUID(bytes=octets, version=4).int


@PEER_EXAMPLES
@given(uuids, uuids, st.integers(0, (1 << 36) - 1))
def test_representations_classification_and_order_match_uuid(first: int, second: int,
                                                               upper: int) -> None:
    peer, other = uuid.UUID(int=first), uuid.UUID(int=second)
    assert format_hex(first) == str(peer)
    assert format_urn(first) == peer.urn
    assert format_oid(first) == f"2.25.{peer.int}"
    mixed = "".join(c.upper() if upper >> i & 1 else c for i, c in enumerate(str(peer)))
    assert parse_hex(mixed) == uuid.UUID(mixed).int
    assert parse_urn(f"urn:uuid:{mixed}") == peer.int
    assert parse_oid(format_oid(first)) == first
    assert variant_of(first).value == PEER_VARIANTS[peer.variant]
    if peer.version is not None:
        assert version_of(first) == peer.version
    assert compare(first, second) == (peer > other) - (peer < other)


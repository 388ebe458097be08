"""ITU-T X.690 DER reference: its vector sets, cross-checks against pyasn1 and asn1crypto on
random types and values, and rejection of encodings that break DER."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_impl.x690 import DerError, Implementation, decode, encode, parse_type

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "recommendations" / "x690"
sys.path.insert(0, str(ROOT / "tools" / "vectors"))
import x690_peers as peers  # noqa: E402

PEER_EXAMPLES = settings(max_examples=10_000, deadline=None)
REFERENCE = Implementation()


@PEER_EXAMPLES
@given(st.randoms(use_true_random=False))
def test_encoding_and_decoding_match_pyasn1(rng: random.Random) -> None:
    schema, value = peers.random_case(rng, "pyasn1")
    asn_type = parse_type(schema)
    der = encode(asn_type, value)
    assert der == peers.pyasn1_encode(schema, value)
    assert decode(asn_type, der) == peers.pyasn1_decode(schema, der)


@PEER_EXAMPLES
@given(st.randoms(use_true_random=False))
def test_encoding_and_decoding_match_asn1crypto(rng: random.Random) -> None:
    schema, value = peers.random_case(rng, "asn1crypto")
    asn_type = parse_type(schema)
    der = encode(asn_type, value)
    assert der == peers.asn1crypto_encode(schema, value)
    assert peers.asn1crypto_native_of(schema, decode(asn_type, der)) == peers.asn1crypto_native(schema, der)


# found by the test above: asn1crypto 1.5 could not dump a SET of implicitly tagged times held
# in a tagged SEQUENCE OF (children left unparsed); the peer helper parses them first
ASN1CRYPTO_SET_CASE: tuple[dict[str, Any], Any] = ({'components': [{'name': 'c0',
                      'type': {'element': {'components': [{'name': 'c0',
                                                           'type': {'tags': [{'class': 'application',
                                                                              'mode': 'implicit',
                                                                              'number': 1}],
                                                                    'type': 'UTCTime'}},
                                                          {'name': 'c1',
                                                           'type': {'tags': [{'class': 'application',
                                                                              'mode': 'implicit',
                                                                              'number': 0}],
                                                                    'type': 'UTCTime'}}],
                                           'tags': [{'class': 'application', 'mode': 'implicit', 'number': 0}],
                                           'type': 'SET'},
                               'tags': [{'class': 'application', 'mode': 'explicit', 'number': 0}],
                               'type': 'SEQUENCE OF'}},
                     {'name': 'c1', 'optional': True, 'type': {'type': 'BOOLEAN'}},
                     {'name': 'c2',
                      'optional': True,
                      'type': {'tags': [{'class': 'application', 'mode': 'explicit', 'number': 1}],
                               'type': 'BOOLEAN'}}],
      'tags': [{'class': 'application', 'mode': 'explicit', 'number': 0}],
      'type': 'SEQUENCE'},
     {'c0': [{'c0': '500101000000Z', 'c1': '500101000000Z'}, {'c0': '500101000000Z', 'c1': '500101000000Z'},
             {'c0': '500101000000Z', 'c1': '500101000000Z'}, {'c0': '500101000000Z', 'c1': '500101000000Z'}]})


def test_a_set_of_tagged_times_in_a_tagged_sequence_of_matches_asn1crypto() -> None:
    schema, value = ASN1CRYPTO_SET_CASE
    der = encode(parse_type(schema), value)
    assert der == peers.asn1crypto_encode(schema, value)


@settings(max_examples=500, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(1, 3))
def test_lengths_not_in_fewest_octets_are_rejected(rng: random.Random, padding: int) -> None:
    schema, value = peers.random_case(rng, "pyasn1")
    der = encode(parse_type(schema), value)
    # re-encode the outermost length with extra leading zero octets: valid BER, never DER
    start = 1
    while der[start - 1] & 0x1F == 0x1F and (start == 1 or der[start - 1] & 0x80):
        start += 1
    first = der[start]
    count = first & 0x7F if first & 0x80 else 0
    length = int.from_bytes(der[start + 1 : start + 1 + count], "big") if count else first
    octets = length.to_bytes(max(1, (length.bit_length() + 7) // 8), "big")
    padded = b"\x00" * padding + octets
    bloated = der[:start] + bytes([0x80 | len(padded)]) + padded + der[start + 1 + count :]
    with pytest.raises(DerError):
        decode(parse_type(schema), bloated)


@settings(max_examples=500, deadline=None)
@given(st.randoms(use_true_random=False), st.binary(min_size=1, max_size=3))
def test_trailing_octets_are_rejected(rng: random.Random, tail: bytes) -> None:
    schema, value = peers.random_case(rng, "pyasn1")
    with pytest.raises(DerError):
        decode(parse_type(schema), encode(parse_type(schema), value) + tail)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=4), min_size=2, max_size=6))
def test_set_of_out_of_order_is_rejected(items: list[bytes]) -> None:
    schema = parse_type({"type": "SET OF", "element": {"type": "OCTET STRING"}})
    der = encode(schema, [item.hex() for item in items])
    elements = [bytes([0x04, len(item)]) + item for item in items]
    ordered = sorted(elements)
    if ordered[0] == ordered[-1]:
        return  # all equal: every order is the DER order
    reversed_contents = b"".join(reversed(ordered))
    shuffled = bytes([0x31, len(reversed_contents)]) + reversed_contents
    assert der != shuffled
    with pytest.raises(DerError, match=r"11\.6"):
        decode(schema, shuffled)


def test_canonical_set_order_spans_tag_classes() -> None:
    schema = {"type": "SET", "components": [
        {"name": name, "type": {"type": "INTEGER", "tags": [{"class": tag_class, "number": number,
                                                           "mode": mode}]}}
        for name, tag_class, number, mode in [("p", "private", 0, "implicit"),
                                               ("c1", "context", 1, "implicit"),
                                               ("c0", "context", 0, "explicit"),
                                               ("a", "application", 30, "implicit")]
    ]}
    der = REFERENCE.encode(json.dumps(schema), json.dumps({"p": 1, "c1": 2, "c0": 3, "a": 4}))["der"]
    assert der.hex() == "310e" + "5e0104" + "a003020103" + "810102" + "c00101"


@pytest.mark.parametrize(("schema", "message"), [
    ({"type": "SEQUENCE"}, "components"), ({"type": "SET OF"}, "element"),
    ({"type": "INTEGER", "tags": [{"class": "context", "number": -1, "mode": "implicit"}]}, "number"),
    ({"type": "INTEGER", "size": 3}, "unexpected"),
])
def test_malformed_types_are_rejected_with_their_place(schema: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        REFERENCE.encode(json.dumps(schema), "0")

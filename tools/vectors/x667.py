"""Generate the ITU-T X.667 vector sets; expected values come from Python's ``uuid`` module.

Run from the repository root: ``python tools/vectors/x667.py``. Inputs are drawn from a seeded
generator, so the files are identical on every run. Each expected value is computed by the
standard library's ``uuid`` module (an implementation independent of reference_impl.x667) and
the reference is asserted to agree before anything is written.
"""

from __future__ import annotations

import random
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import refresh_hashes, write_vector_file  # noqa: E402

from reference_impl.x667 import Implementation  # noqa: E402

FOLDER = ROOT / "recommendations" / "x667"
VECTORS = FOLDER / "vectors"
REC = "ITU-T X.667"
SEED = 667
GREGORIAN_TO_UNIX_100NS = 0x01B21DD213814000  # 1582-10-15 to 1970-01-01 in 100 ns units
EXAMPLE = "f81d4fae-7dec-11d0-a765-00a0c91e6bf6"  # the example UUID of X.667 clauses 6 and 8
NAMESPACES = {  # X.667 Annex D.9 (also IETF RFC 4122 Appendix C)
    "DNS": uuid.NAMESPACE_DNS, "URL": uuid.NAMESPACE_URL,
    "OID": uuid.NAMESPACE_OID, "X.500": uuid.NAMESPACE_X500,
}
REFERENCE = Implementation()

MALFORMED_HEX = [
    ("", "empty"),
    ("f81d4fae7dec11d0a76500a0c91e6bf6", "hyphens missing"),
    ("{f81d4fae-7dec-11d0-a765-00a0c91e6bf6}", "braces are not part of the representation"),
    ("f81d4fae-7dec-11d0-a765-00a0c91e6bf", "one digit short"),
    ("f81d4fae-7dec-11d0-a765-00a0c91e6bf60", "one digit too many"),
    ("f81d4fae7-dec-11d0-a765-00a0c91e6bf6", "first hyphen misplaced"),
    ("f81d4fae-7dec-11d0a-765-00a0c91e6bf6", "fourth group misplaced"),
    ("f81d4fae-7dec-11d0-a765_00a0c91e6bf6", "underscore instead of hyphen"),
    ("g81d4fae-7dec-11d0-a765-00a0c91e6bf6", "'g' is not a hexadecimal digit"),
    (" f81d4fae-7dec-11d0-a765-00a0c91e6bf", "leading space"),
    ("f81d4fae-7dec-11d0-a765-00a0c91e6bf ", "trailing space"),
    ("f81d4fae-7dec-11d0-a765-00a0c91e6bf\n", "trailing newline"),
    ("f81d4fae-7dec-11d0-a765-00a0c91e6b\u0660\u0661", "Arabic-Indic digits"),
    ("f81d4fae-7dec-11d0-a765-00a0c91e6b\uff46\uff16", "full-width letters"),
    ("+81d4fae-7dec-11d0-a765-00a0c91e6bf6", "sign character"),
    ("f81d4fae-7dec-11d0-a765-0x a0c91e6bf", "0x prefix inside a group"),
]
MALFORMED_URN = [
    ("f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "prefix missing"),
    ("urn:uuid:", "nothing after the prefix"),
    ("urn:uuid:f81d4fae7dec11d0a76500a0c91e6bf6", "hyphens missing"),
    ("urn:uuid:{f81d4fae-7dec-11d0-a765-00a0c91e6bf6}", "braces"),
    ("urn:uuid: f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "space after the prefix"),
    ("urn:uid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "wrong namespace identifier"),
    ("uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "scheme missing"),
    ("urn:oid:2.25.329800735698586629295641978511506172918", "an OID URN is not the uuid URN"),
]
MALFORMED_OID = [
    ("2.25.", "arc missing"),
    ("2.25", "arc and dot missing"),
    ("2.25.0329800735698586629295641978511506172918", "leading zero"),
    ("2.25.340282366920938463463374607431768211456", "2**128, one above the largest UUID"),
    ("2.25.-1", "negative"),
    ("2.25.+1", "sign"),
    ("2.25.1.2", "a further arc"),
    ("2.25.1 ", "trailing space"),
    ("1.25.329800735698586629295641978511506172918", "wrong root arc"),
    ("2.26.329800735698586629295641978511506172918", "wrong second arc"),
    ("{2 25 329800735698586629295641978511506172918}", "value notation is not the dotted form"),
    ("2.25.32980073569858662929564197851150617291\u0668", "Arabic-Indic digit"),
    ("2.25.f81d4fae7dec11d0a76500a0c91e6bf6", "hexadecimal arc"),
]


def random_case(rng: random.Random, text: str) -> str:
    """Upper-case each letter with probability one half."""
    return "".join(c.upper() if rng.random() < 0.5 else c for c in text)


def check(reference: dict[str, Any], expected: dict[str, Any], what: str) -> dict[str, Any]:
    """Return ``expected`` after asserting the reference agrees with the peer."""
    if reference != expected:
        raise SystemExit(f"reference disagrees with the uuid module on {what}: {reference} != {expected}")
    return expected


def rejected(call: Callable[[], object]) -> bool:
    try:
        call()
    except ValueError:
        return True
    return False


def peer_uuid1(timestamp: int, clock_sequence: int, node: bytes) -> uuid.UUID:
    """uuid.uuid1 with its clock pinned to ``timestamp`` (100 ns units since 1582-10-15)."""
    nanoseconds = (timestamp - GREGORIAN_TO_UNIX_100NS) * 100
    uuid._last_timestamp = None  # type: ignore[attr-defined]  # uuid1 keeps timestamps increasing
    with mock.patch.object(time, "time_ns", return_value=nanoseconds):
        return uuid.uuid1(node=int.from_bytes(node, "big"), clock_seq=clock_sequence)


def time_based_sets() -> list[tuple[str, str, list[str], list[dict[str, Any]]]]:
    rng = random.Random(SEED + 1)
    official = {
        "id": 1, "comment": "the example UUID of X.667 clauses 6 and 8, from its own fields",
        "input": {"timestamp": 0x1D07DECF81D4FAE, "clock_sequence": 0x2765, "node": "00a0c91e6bf6"},
        "expected": {"uuid": EXAMPLE},
    }
    edges = [(0, 0, bytes(6)), ((1 << 60) - 1, (1 << 14) - 1, b"\xff" * 6),
             (GREGORIAN_TO_UNIX_100NS, 0, bytes.fromhex("010203040506")),
             (0x1E0_0000_0000_0000, 0x1234, bytes.fromhex("0123456789ab"))]
    cases = edges + [
        (rng.getrandbits(60), rng.getrandbits(14), rng.randbytes(6)) for _ in range(200)
    ]
    tests = []
    for index, (timestamp, clock_sequence, node) in enumerate(cases, start=1):
        expected = {"uuid": str(peer_uuid1(timestamp, clock_sequence, node))}
        check(REFERENCE.time_based(timestamp, clock_sequence, node), expected, "time_based")
        tests.append({"id": index, "input": {"timestamp": timestamp, "clock_sequence": clock_sequence,
                                             "node": node.hex()}, "expected": expected})
    bad = [
        (1 << 60, 0, bytes(6), "timestamp needs 61 bits"), (-1, 0, bytes(6), "negative timestamp"),
        (0, 1 << 14, bytes(6), "clock sequence needs 15 bits"), (0, -1, bytes(6), "negative clock sequence"),
        (0, 0, bytes(5), "node of 5 octets"), (0, 0, bytes(7), "node of 7 octets"),
    ]
    for offset, (timestamp, clock_sequence, node, why) in enumerate(bad):
        assert rejected(lambda t=timestamp, c=clock_sequence, n=node: REFERENCE.time_based(t, c, n))
        tests.append({"id": 1001 + offset, "comment": why, "result": "invalid",
                      "input": {"timestamp": timestamp, "clock_sequence": clock_sequence, "node": node.hex()}})
    return [
        ("time-based-example", "time_based",
         ["The example UUID of X.667 (f81d4fae-7dec-11d0-a765-00a0c91e6bf6) rebuilt from its fields:",
          "timestamp 0x1d07decf81d4fae, clock sequence 0x2765, node 00a0c91e6bf6 (clause 13)."],
         [{"tests": [official]}]),
        ("time-based-generated", "time_based",
         ["Version 1 UUIDs: four edge cases and 200 seeded random (timestamp, clock sequence, node).",
          "Expected: Python's uuid.uuid1 with its clock pinned to the timestamp.",
          "Tests 1001-1006: inputs out of range, which must be rejected."],
         [{"tests": tests}]),
    ]


def name_based_sets() -> list[tuple[str, str, list[str], list[dict[str, Any]]]]:
    sets = []
    for algorithm, version, peer in (("md5", 3, uuid.uuid3), ("sha1", 5, uuid.uuid5)):
        rng = random.Random(f"{SEED}-{algorithm}")
        names = ["", "www.example.com", "http://www.itu.int/", "1.3.6.1", "cn=John Smith, c=GB",
                 "\u00e9t\u00e9", "\u65e5\u672c", "\U0001f600"]
        names += ["".join(chr(rng.choice([rng.randrange(0x20, 0x7F), rng.randrange(0xA0, 0x3000)]))
                          for _ in range(rng.randrange(1, 40))) for _ in range(120)]
        groups = []
        test_id = 1
        for label, namespace in [*NAMESPACES.items(), ("random", uuid.UUID(int=rng.getrandbits(128)))]:
            tests = []
            for name in names:
                expected = {"uuid": str(peer(namespace, name))}
                check(REFERENCE.name_based(algorithm, str(namespace), name.encode()), expected, "name_based")
                tests.append({"id": test_id, "input": {"name": name.encode().hex()}, "expected": expected})
                test_id += 1
            groups.append({"parameters": {"algorithm": algorithm, "namespace": str(namespace)},
                           "comment": f"name space {label}", "tests": tests})
        invalid = []
        for offset, (namespace_text, why) in enumerate(MALFORMED_HEX[:6]):
            assert rejected(lambda a=algorithm, n=namespace_text: REFERENCE.name_based(a, n, b"x"))
            invalid.append({"id": 9001 + offset, "comment": f"name space malformed: {why}", "result": "invalid",
                            "input": {"namespace": namespace_text}})
        groups.append({"parameters": {"algorithm": algorithm, "name": "78"}, "tests": invalid})
        sets.append((
            f"name-based-{algorithm}-generated", "name_based",
            [f"Version {version} (name-based, {algorithm.upper()}) UUIDs: the four name spaces of "
             "Annex D.9 and one random name space,",
             f"each with {len(names)} names (UTF-8 octets, hex-encoded). "
             f"Expected: Python's uuid.uuid{version}.",
             "Tests 9001-9006: malformed name space identifiers, which must be rejected."],
            groups,
        ))
    return sets


def random_based_set() -> list[tuple[str, str, list[str], list[dict[str, Any]]]]:
    rng = random.Random(SEED + 4)
    cases = [bytes(16), b"\xff" * 16] + [rng.randbytes(16) for _ in range(300)]
    tests = []
    for index, octets in enumerate(cases, start=1):
        expected = {"uuid": str(uuid.UUID(bytes=octets, version=4))}
        check(REFERENCE.random_based(octets), expected, "random_based")
        tests.append({"id": index, "input": {"random": octets.hex()}, "expected": expected})
    for offset, length in enumerate((0, 15, 17)):
        assert rejected(lambda n=length: REFERENCE.random_based(bytes(n)))
        tests.append({"id": 1001 + offset, "comment": f"{length} random octets", "result": "invalid",
                      "input": {"random": bytes(length).hex()}})
    return [("random-generated", "random_based",
             ["Version 4 UUIDs from 302 sixteen-octet inputs (two edges, 300 seeded random).",
              "Expected: Python's uuid.UUID(bytes=..., version=4).",
              "Tests 1001-1003: inputs of the wrong length, which must be rejected."],
             [{"tests": tests}])]


def represent_sets() -> list[tuple[str, str, list[str], list[dict[str, Any]]]]:
    example = uuid.UUID(EXAMPLE)
    official = {"id": 1, "comment": "X.667's example UUID", "input": {"uuid": EXAMPLE},
                "expected": {"hex": EXAMPLE, "urn": "urn:uuid:" + EXAMPLE,
                             "oid": "2.25.329800735698586629295641978511506172918",
                             "integer": "329800735698586629295641978511506172918"}}
    assert official["expected"]["integer"] == str(example.int)
    check(REFERENCE.represent(EXAMPLE), official["expected"], "represent")
    rng = random.Random(SEED + 6)
    values = [0, (1 << 128) - 1, 1, 1 << 127] + [rng.getrandbits(128) for _ in range(300)]
    tests = []
    for index, value in enumerate(values, start=1):
        peer = uuid.UUID(int=value)
        expected = {"hex": str(peer), "urn": peer.urn, "oid": f"2.25.{peer.int}", "integer": str(peer.int)}
        text = random_case(rng, str(peer)) if index > 4 else str(peer)
        check(REFERENCE.represent(text), expected, "represent")
        tests.append({"id": index, "input": {"uuid": text}, "expected": expected,
                      **({"comment": "input in mixed case"} if text != str(peer) else {})})
    for offset, (text, why) in enumerate(MALFORMED_HEX):
        assert rejected(lambda t=text: REFERENCE.represent(t)), text
        tests.append({"id": 1001 + offset, "comment": why, "input": {"uuid": text}, "result": "invalid"})
    return [
        ("represent-example", "represent",
         ["X.667's example UUID in its hexadecimal, URN, OID and integer forms (clauses 6.3, 6.4, 7, 8)."],
         [{"tests": [official]}]),
        ("represent-generated", "represent",
         ["304 UUIDs (0, 2**128-1, 1, 2**127 and 300 seeded random values), given in hexadecimal form,",
          "most in mixed case; expected hex, urn and integer forms from Python's uuid.UUID, and the OID",
          "form as '2.25.' followed by uuid.UUID.int. Tests 1001 onwards are malformed and must be rejected."],
         [{"tests": tests}]),
    ]


def parse_set() -> list[tuple[str, str, list[str], list[dict[str, Any]]]]:
    rng = random.Random(SEED + 7)
    groups = []
    test_id = 1
    for form in ("hex", "urn", "oid"):
        tests = []
        for _ in range(150):
            peer = uuid.UUID(int=rng.getrandbits(128))
            if form == "hex":
                text = random_case(rng, str(peer))
            elif form == "urn":
                text = random_case(rng, "urn:uuid:") + random_case(rng, str(peer))
            else:
                text = f"2.25.{peer.int}"
            # uuid.UUID strips only a lower-case urn prefix, so the peer is given the hex part;
            # the OID arc is the integer value
            if form == "hex":
                value = uuid.UUID(text)
            elif form == "urn":
                value = uuid.UUID(text[len("urn:uuid:"):])
            else:
                value = uuid.UUID(int=int(text[len("2.25."):]))
            expected = {"uuid": str(value)}
            check(REFERENCE.parse(form, text), expected, "parse")
            tests.append({"id": test_id, "input": {"text": text}, "expected": expected})
            test_id += 1
        malformed = {"hex": MALFORMED_HEX, "urn": MALFORMED_URN, "oid": MALFORMED_OID}[form]
        for offset, (text, why) in enumerate(malformed):
            assert rejected(lambda f=form, t=text: REFERENCE.parse(f, t)), text
            tests.append({"id": {"hex": 1001, "urn": 2001, "oid": 3001}[form] + offset, "comment": why,
                          "input": {"text": text}, "result": "invalid"})
        groups.append({"parameters": {"form": form}, "comment": f"{form} form", "tests": tests})
    tests = []
    for offset, (value, why) in enumerate([(0, "the nil UUID"), ((1 << 128) - 1, "2**128-1")]):
        text = f"2.25.{value}"
        expected = {"uuid": str(uuid.UUID(int=value))}
        check(REFERENCE.parse("oid", text), expected, "parse")
        tests.append({"id": 4001 + offset, "comment": f"{why} as an OID",
                      "input": {"form": "oid", "text": text}, "expected": expected})
    groups.append({"comment": "OID edges", "tests": tests})
    return [("parse-generated", "parse",
             ["150 seeded random UUIDs in each of the hex, urn and oid forms (hex digits and the urn prefix in",
              "mixed case), expected from Python's uuid.UUID; then malformed texts of each form (tests 1001,",
              "2001 and 3001 onwards), which must be rejected although uuid.UUID accepts some of them."],
             groups)]


def classify_set() -> list[tuple[str, str, list[str], list[dict[str, Any]]]]:
    rng = random.Random(SEED + 8)
    names = {uuid.RESERVED_NCS: "ncs", uuid.RFC_4122: "x667",
             uuid.RESERVED_MICROSOFT: "microsoft", uuid.RESERVED_FUTURE: "future"}
    tests = []
    for index in range(1, 401):
        value = rng.getrandbits(128)
        peer = uuid.UUID(int=value)
        expected = {"variant": names[peer.variant], "version": peer.version or 0}
        check(REFERENCE.classify(str(peer)), expected, "classify")
        tests.append({"id": index, "input": {"uuid": str(peer)}, "expected": expected})
    for offset, version in enumerate(range(16)):
        peer = uuid.UUID(int=(rng.getrandbits(128) & ~(0xF << 76) & ~(0xC << 60)) | version << 76 | 0x8 << 60)
        expected = {"variant": names[peer.variant], "version": peer.version or 0}
        check(REFERENCE.classify(str(peer)), expected, "classify")
        tests.append({"id": 501 + offset, "comment": f"X.667 variant, version {version}",
                      "input": {"uuid": str(peer)}, "expected": expected})
    return [("classify-generated", "classify",
             ["400 seeded random 128-bit values and the 16 versions of the X.667 variant: the variant",
              "(clause 11) and version (clause 12.2, 0 for other variants) from Python's uuid.UUID."],
             [{"tests": tests}])]


def compare_set() -> list[tuple[str, str, list[str], list[dict[str, Any]]]]:
    rng = random.Random(SEED + 9)
    tests = []
    for index in range(1, 301):
        first = uuid.UUID(int=rng.getrandbits(128))
        if index % 3 == 0:
            second = first
        elif index % 3 == 1:
            second = uuid.UUID(int=first.int ^ (1 << rng.randrange(128)))  # differ in one bit
        else:
            second = uuid.UUID(int=rng.getrandbits(128))
        expected = {"order": (first > second) - (first < second)}
        a, b = random_case(rng, str(first)), random_case(rng, str(second))
        check(REFERENCE.compare(a, b), expected, "compare")
        tests.append({"id": index, "input": {"first": a, "second": b}, "expected": expected})
    return [("compare-generated", "compare",
             ["300 seeded pairs (equal, differing in one bit, unrelated): their order (clause 9),",
              "from the ordering of Python's uuid.UUID."],
             [{"tests": tests}])]


def main() -> None:
    hashes = {}
    for set_id, interface, header, groups in [
        *time_based_sets(), *name_based_sets(), *random_based_set(), *represent_sets(),
        *parse_set(), *classify_set(), *compare_set(),
    ]:
        file = f"vectors/{set_id}.json"
        for group in groups:  # common.write_vector_file needs a key besides "tests" in a group
            group.setdefault("comment", "")
        hashes[file] = write_vector_file(
            FOLDER / file, recommendation=REC, vector_set=set_id, interface=interface,
            header=header, groups=groups,
        )
        print(f"{set_id}: {hashes[file]}")
    refresh_hashes(FOLDER)


if __name__ == "__main__":
    main()

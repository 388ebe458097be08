"""Generate the vector sets of V.41, V.42, X.25, I.432.1 and G.704 (check sequences).

Run from the repository root: ``python tools/vectors/fcs.py``. Inputs come from seeded
generators, so the files are identical on every run. Expected values of the generated sets
are computed here by implementations independent of reference_impl: crcmod, zlib.crc32 and
binascii.crc_hqx for octet data, and a big-integer polynomial long division (written below,
unlike the references' shift register) for bit sequences. The references are asserted to
agree before anything is written. The official sets hold published facts: the check values
of the RevEng CRC catalogue and the bit patterns of X.25 Appendix I.
"""

from __future__ import annotations

import binascii
import random
import re
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import crcmod

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import payload, write_vector_file  # noqa: E402

from reference_impl import g704, i4321, v41, v42, x25  # noqa: E402

CHECK_INPUT = b"123456789"  # the catalogue's check string
LONG_INPUT_BYTES = 65536
Test = dict[str, Any]

# --- independent computations ------------------------------------------------------------


def bits_of(data: bytes, lsb_first: bool) -> list[int]:
    """Bits of ``data`` in transmission order (written independently of reference_impl.fcs)."""
    text = "".join(f"{octet:08b}"[::-1] if lsb_first else f"{octet:08b}" for octet in data)
    return [int(char) for char in text]


def long_division_remainder(bits: Sequence[int], exponents: Sequence[int]) -> list[int]:
    """Remainder of x^d·M(x) by G(x), by long division on one big integer; x^(d-1) first."""
    degree = max(exponents)
    divisor = sum(1 << exponent for exponent in exponents)
    dividend = int("".join(map(str, bits)) or "0", 2) << degree
    while dividend.bit_length() > degree:
        dividend ^= divisor << (dividend.bit_length() - 1 - degree)
    return [int(char) for char in f"{dividend:0{degree}b}"]


def crcmod_function(poly: int, register_init: int, reflected: bool, xor_out: int) -> Callable[[bytes], int]:
    """A crcmod CRC with the catalogue's parameters (crcmod's init is the XORed-out form)."""
    return crcmod.mkCrcFun(poly, initCrc=register_init ^ xor_out, rev=reflected, xorOut=xor_out)


KERMIT = crcmod_function(0x11021, 0, True, 0)
XMODEM = crcmod_function(0x11021, 0, False, 0)
IBM_SDLC = crcmod_function(0x11021, 0xFFFF, True, 0xFFFF)
I432 = crcmod_function(0x107, 0, False, 0x55)


def short_crc(width: int, poly: int) -> Callable[[bytes], int]:
    """A reflected CRC narrower than 8 bits, as crcmod's 8-bit CRC with the poly times x^(8-w)."""
    eight = crcmod.mkCrcFun(0x100 | ((poly << (8 - width)) & 0xFF), initCrc=0, rev=True, xorOut=0)
    return eight


def reflected_value_bits(value: int, width: int) -> list[int]:
    """Remainder bits (x^(w-1) first) of a catalogue value given with refout = true."""
    return [(value >> position) & 1 for position in range(width)]


def le(value: int, octets: int) -> str:
    """Hex of ``value`` little-endian: how a reflected catalogue value is sent on the line."""
    return value.to_bytes(octets, "little").hex()


def stuffed(bits: Sequence[int]) -> list[int]:
    """Zero insertion by text substitution (independent of reference_impl.x25)."""
    text = re.sub("11111", "111110", "".join(map(str, bits)))
    return [int(char) for char in text]


# --- writing ---------------------------------------------------------------------------------


class VectorFolder:
    """Writes the vector files of one Recommendation, numbering tests from 1 in each file."""

    def __init__(self, folder: str, recommendation: str, licence_note: str) -> None:
        self.vectors = ROOT / "recommendations" / folder / "vectors"
        self.recommendation = recommendation
        self.licence_note = licence_note

    def write(self, vector_set: str, interface: str, header: list[str], groups: list[dict[str, Any]],
              notes: dict[str, str] | None = None) -> None:
        number = 0
        for group in groups:
            group.setdefault("comment", "")  # common.write_vector_file needs a key besides "tests"
            for test in group["tests"]:
                number += 1
                test.setdefault("comment", "")
                test["id"] = number
                test.setdefault("result", "valid")
                test.setdefault("flags", [])
                test.pop("check", None)
                ordered = {key: test[key] for key in ("id", "comment", "input", "expected", "result", "flags")
                           if key in test}
                test.clear()
                test.update(ordered)
        write_vector_file(
            self.vectors / f"{vector_set}.json", recommendation=self.recommendation,
            vector_set=vector_set, interface=interface, header=[*header, self.licence_note],
            groups=groups, notes=notes,
        )

    def long_input(self) -> dict[str, str]:
        """A reference to the folder's 64 KiB pseudo-random input, written on first use."""
        path = self.vectors / "long-input.bin"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(random.Random(41).randbytes(LONG_INPUT_BYTES))
        return payload(self.vectors, "long-input.bin", "raw")


def agree(label: str, reference: Any, independent: Any) -> Any:
    """Return ``independent`` after asserting that the reference computed the same."""
    if reference != independent:
        raise SystemExit(f"{label}: reference gives {reference!r}, independent computation {independent!r}")
    return independent


def rejected(call: Callable[[], Any]) -> bool:
    """True when the reference rejects the call with ValueError."""
    try:
        call()
    except ValueError:
        return True
    return False


def must_reject(label: str, call: Callable[[], Any]) -> None:
    if not rejected(call):
        raise SystemExit(f"{label}: the reference accepts an input that must be rejected")


LICENCE = "Vector data: Apache-2.0 (recbench); catalogue check values are facts, cited with their source."


def octet_samples(rng: random.Random) -> list[tuple[bytes, str]]:
    """Inputs for octet-oriented sets: empty, single octets, short, odd lengths, long-ish."""
    samples: list[tuple[bytes, str]] = [(b"", "empty input"), (b"\x00", "one zero octet"),
                                        (b"\xff", "one all-ones octet"), (b"\x80", "only the top bit"),
                                        (b"\x01", "only the bottom bit"), (bytes(32), "32 zero octets"),
                                        (b"\xff" * 32, "32 all-ones octets")]
    for length in (2, 3, 5, 7, 16, 31, 64, 255, 256, 1500, 4096):
        samples.append((rng.randbytes(length), f"{length} pseudo-random octets"))
    return samples


# --- V.41 ------------------------------------------------------------------------------------


def v41_vectors() -> None:
    out = VectorFolder("v41", "ITU-T V.41", LICENCE)
    impl = v41.Implementation()
    rng = random.Random(4101)
    v41_terms = (16, 12, 5, 0)

    def bits_test(bits: list[int], comment: str) -> Test:
        expected = long_division_remainder(bits, v41_terms)
        agree(comment, impl.encode_bits(bits)["check_bits"], expected)
        return {"comment": comment, "input": {"information_bits": bits}, "expected": {"check_bits": expected}}

    tests = [bits_test([], "empty block: remainder 0"), bits_test([1], "a single 1"),
             bits_test([0] * 7, "seven zeros")]
    for length in (1, 3, 5, 9, 13, 15, 16, 17, 23, 31, 33, 63, 100, 239, 240, 241, 260, 1001):
        tests.append(bits_test([rng.getrandbits(1) for _ in range(length)], f"{length} pseudo-random bits"))
    tests.append(bits_test([1] * 240, "240 ones (a V.41 block's information length)"))
    tests.append(bits_test([rng.getrandbits(1) for _ in range(20_003)], "20003 pseudo-random bits (long)"))
    out.write("encode-bits-generated", "encode_bits",
              ["Check bits of bit-serial blocks of any length, including lengths not a multiple of 8.",
               "Expected: big-integer polynomial long division in tools/vectors/fcs.py."],
              [{"comment": "information bits in transmission order", "tests": tests}])

    long_ref = out.long_input()
    long_data = (out.vectors / "long-input.bin").read_bytes()
    for order, peer, peer_name in (("lsb-first", KERMIT, "crcmod, CRC-16/KERMIT parameters"),
                                   ("msb-first", XMODEM, "crcmod, CRC-16/XMODEM parameters")):
        tests = []
        for data, comment in [*octet_samples(rng), (long_data, "65536 pseudo-random octets (long)")]:
            value = peer(data)
            if order == "msb-first":
                agree("crc_hqx", binascii.crc_hqx(data, 0), value)
                expected = value.to_bytes(2, "big").hex()
            else:
                expected = le(value, 2)
            agree(comment, impl.encode_octets(data, order)["check_octets"].hex(), expected)
            data_field: Any = long_ref if data is long_data else data.hex()
            tests.append({"comment": comment, "input": {"data": data_field}, "expected": {"check_octets": expected}})
        out.write(f"encode-octets-{order}-generated", "encode_octets",
                  [f"Check octets of octet data sent {order}; expected values from {peer_name}"
                   + (" and binascii.crc_hqx." if order == "msb-first" else ".")],
                  [{"parameters": {"bit_order": order}, "tests": tests}])

    check = [
        ("lsb-first", "catalogue-kermit", 0x2189, "8921",
         "CRC-16/KERMIT (alias CRC-16/V-41-LSB): width 16, poly 0x1021, init 0, refin/refout true, "
         "xorout 0, check 0x2189. With refout the value's low byte holds the first bits sent, so "
         "the two check octets on the line are 89 21."),
        ("msb-first", "catalogue-xmodem", 0x31C3, "31c3",
         "CRC-16/XMODEM (alias CRC-16/V-41-MSB): width 16, poly 0x1021, init 0, refin/refout false, "
         "xorout 0, check 0x31C3, sent high octet first: 31 C3."),
    ]
    for order, set_id, value, octets, text in check:
        agree(set_id, impl.encode_octets(CHECK_INPUT, order)["check_octets"].hex(), octets)
        out.write(set_id, "encode_octets",
                  ["Check value of the RevEng CRC catalogue over the ASCII string '123456789'.", text,
                   f"Catalogue value {value:#06x}."],
                  [{"parameters": {"bit_order": order},
                    "tests": [{"comment": "'123456789'", "input": {"data": CHECK_INPUT.hex()},
                               "expected": {"check_octets": octets}}]}])

    tests = []
    for length in (0, 1, 8, 17, 240, 1000):
        info = [rng.getrandbits(1) for _ in range(length)]
        block = info + long_division_remainder(info, v41_terms)
        agree("clean block", impl.check_block(block)["error_detected"], False)
        tests.append({"comment": f"{length} information bits and their check bits",
                      "input": {"block_bits": block}, "expected": {"error_detected": False}})
        for flips in (1, 2, 3):
            errored = list(block)
            for position in rng.sample(range(len(block)), flips):
                errored[position] ^= 1
            detected = any(long_division_remainder(errored[:-16], v41_terms)[i] != errored[-16 + i]
                           for i in range(16))
            agree("errored block", impl.check_block(errored)["error_detected"], detected)
            tests.append({"comment": f"{length} information bits, {flips} bit(s) in error",
                          "input": {"block_bits": errored}, "expected": {"error_detected": detected}})
    tests.append({"comment": "16 zero bits: the empty block's check bits",
                  "input": {"block_bits": [0] * 16}, "expected": {"error_detected": False}})
    invalid = [([], "no bits: shorter than the 16 check bits"), ([1] * 15, "15 bits"),
               ([0, 1, 2] + [0] * 16, "a value that is not a bit")]
    for block, comment in invalid:
        must_reject(comment, lambda block=block: impl.check_block(block))
        tests.append({"comment": comment, "input": {"block_bits": block}, "result": "invalid"})
    out.write("check-block-generated", "check_block",
              ["Receiver check of whole blocks (information then check bits).",
               "Expected: the block's own last 16 bits compared with a long division of the rest."],
              [{"tests": tests}])


# --- V.42 ------------------------------------------------------------------------------------


def hdlc_fcs(data: bytes, length: str) -> str:
    """The FCS octets as sent: reflected catalogue CRCs, little-endian."""
    if length == "16-bit":
        return le(IBM_SDLC(data), 2)
    return le(zlib.crc32(data), 4)


def v42_vectors() -> None:
    out = VectorFolder("v42", "ITU-T V.42", LICENCE)
    impl = v42.Implementation()
    rng = random.Random(4201)
    long_ref = out.long_input()
    long_data = (out.vectors / "long-input.bin").read_bytes()
    for length, peer in (("16-bit", "crcmod with the CRC-16/IBM-SDLC parameters"),
                         ("32-bit", "zlib.crc32 (CRC-32/ISO-HDLC)")):
        short = length[:2]
        tests = []
        for data, comment in [*octet_samples(rng), (long_data, "65536 pseudo-random octets (long)")]:
            expected = hdlc_fcs(data, length)
            agree(comment, impl.frame_check_sequence(data, length)["fcs"].hex(), expected)
            field: Any = long_ref if data is long_data else data.hex()
            tests.append({"comment": comment, "input": {"content": field}, "expected": {"fcs": expected}})
        out.write(f"fcs{short}-generated", "frame_check_sequence",
                  [f"{length} FCS of frame contents; expected values from {peer}, sent low octet first."],
                  [{"parameters": {"length": length}, "tests": tests}])

        catalogue = ("CRC-16/IBM-SDLC (alias CRC-16/ISO-HDLC, CRC-16/X-25): poly 0x1021, init 0xFFFF, "
                     "refin/refout true, xorout 0xFFFF, check 0x906E, residue 0xF0B8"
                     if length == "16-bit" else
                     "CRC-32/ISO-HDLC (aliases CRC-32, CRC-32/ADCCP, CRC-32/V-42, CRC-32/XZ, PKZIP): poly 0x04C11DB7, "
                     "init 0xFFFFFFFF, refin/refout true, xorout 0xFFFFFFFF, check 0xCBF43926, residue 0xDEBB20E3")
        value = 0x906E if length == "16-bit" else 0xCBF43926
        expected = le(value, int(short) // 8)
        agree("catalogue", impl.frame_check_sequence(CHECK_INPUT, length)["fcs"].hex(), expected)
        out.write(f"fcs{short}-catalogue", "frame_check_sequence",
                  ["Check value of the RevEng CRC catalogue over the ASCII string '123456789'.",
                   catalogue,
                   "With refout the value's low octet holds the first bits sent: the FCS octets "
                   f"on the line are {expected}."],
                  [{"parameters": {"length": length},
                    "tests": [{"comment": "'123456789'", "input": {"content": CHECK_INPUT.hex()},
                               "expected": {"fcs": expected}}]}])

        octets = int(short) // 8
        tests = []
        for size in (2, 3, 10, 260):
            content = rng.randbytes(size)
            frame = content + bytes.fromhex(hdlc_fcs(content, length))
            agree("valid frame", impl.receive_frame(frame, length)["content"], content)
            tests.append({"comment": f"{size}-octet content with its FCS", "input": {"frame": frame.hex()},
                          "expected": {"content": content.hex()}})
        for size, comment in ((10, "one bit in error in the content"), (10, "one bit in error in the FCS"),
                              (40, "two octets swapped")):
            content = rng.randbytes(size)
            frame = bytearray(content + bytes.fromhex(hdlc_fcs(content, length)))
            if "FCS" in comment:
                frame[-1] ^= 0x10
            elif "swapped" in comment:
                frame[0], frame[1] = (frame[1], frame[0]) if frame[0] != frame[1] else (frame[0] ^ 1, frame[1])
            else:
                frame[3] ^= 0x04
            tests.append({"comment": f"FCS error: {comment}", "input": {"frame": bytes(frame).hex()},
                          "result": "invalid"})
        minimum = 2 + octets
        tests.append({"comment": f"{minimum - 1} octets: fewer than address, control and FCS",
                      "input": {"frame": rng.randbytes(minimum - 1).hex()}, "result": "invalid"})
        tests.append({"comment": "empty frame", "input": {"frame": ""}, "result": "invalid"})
        content = b""
        tests.append({"comment": f"an FCS alone ({octets} octets), correct for empty content",
                      "input": {"frame": hdlc_fcs(content, length)}, "result": "invalid"})
        for test in tests:
            if test.get("result") == "invalid":
                frame = bytes.fromhex(test["input"]["frame"])
                must_reject(test["comment"], lambda frame=frame, size=length: impl.receive_frame(frame, size))
        out.write(f"receive{short}-generated", "receive_frame",
                  [f"Receiving frames with a {length} FCS: valid frames give their content; FCS errors "
                   "and frames too short to be valid must be rejected (discarded).",
                   "Valid frames are built with the independent FCS above."],
                  [{"parameters": {"length": length}, "tests": tests}])


# --- X.25 ------------------------------------------------------------------------------------

APPENDIX_I = [
    # (example, content, line bits as printed, with "(0)" marking zeros inserted for transparency)
    ("I.1 example 1: DCE SABM command, address A, P = 1", "033f",
     "0111 1110 1100 0000 1111 1(0)100 1101 1010 0011 0111 0111 1110"),
    ("I.1 example 2: DCE UA response, address B, F = 1", "0173",
     "0111 1110 1000 0000 1100 1110 1100 0001 1110 1010 0111 1110"),
    ("I.2 example 1: DTE SABM command, address B, P = 1", "013f",
     "0111 1110 1000 0000 1111 1(0)100 1101 0111 11(0)11 1011 0111 1110"),
    ("I.2 example 2: DTE UA response, address A, F = 1", "0373",
     "0111 1110 1100 0000 1100 1110 1100 1100 0010 0110 0111 1110"),
]


def x25_vectors() -> None:
    out = VectorFolder("x25", "ITU-T X.25", LICENCE)
    impl = x25.Implementation()
    rng = random.Random(2501)

    tests = []
    for comment, content, printed in APPENDIX_I:
        bits = [int(char) for char in printed.replace("(", "").replace(")", "").replace(" ", "")]
        agree(comment, impl.transmit_frame(bytes.fromhex(content))["bits"], bits)
        tests.append({"comment": comment, "input": {"content": content}, "expected": {"bits": bits}})
    out.write("appendix-i-examples", "transmit_frame",
              ["The four bit patterns of X.25 Appendix I (examples of transmitted bit patterns by the "
               "DCE and the DTE): flag, address, control, FCS with zeros inserted for transparency, flag.",
               "Address A = 0x03, B = 0x01; SABM with P = 1 = 0x3F, UA with F = 1 = 0x73 (octets sent "
               "low-order bit first)."],
              [{"tests": tests}])

    expected = le(0x906E, 2)
    agree("catalogue", impl.frame_check_sequence(CHECK_INPUT)["fcs"].hex(), expected)
    out.write("fcs-catalogue", "frame_check_sequence",
              ["Check value of the RevEng CRC catalogue over the ASCII string '123456789'.",
               "CRC-16/IBM-SDLC (aliases CRC-16/ISO-HDLC, CRC-16/X-25, X-25): poly 0x1021, init 0xFFFF, "
               "refin/refout true, xorout 0xFFFF, check 0x906E, residue 0xF0B8.",
               "With refout the value's low octet holds the first bits sent: the FCS octets are 6e 90."],
              [{"tests": [{"comment": "'123456789'", "input": {"content": CHECK_INPUT.hex()},
                           "expected": {"fcs": expected}}]}])

    long_ref = out.long_input()
    long_data = (out.vectors / "long-input.bin").read_bytes()
    tests = []
    for data, comment in [*octet_samples(rng), (long_data, "65536 pseudo-random octets (long)")]:
        expected = le(IBM_SDLC(data), 2)
        agree(comment, impl.frame_check_sequence(data)["fcs"].hex(), expected)
        field: Any = long_ref if data is long_data else data.hex()
        tests.append({"comment": comment, "input": {"content": field}, "expected": {"fcs": expected}})
    out.write("fcs-generated", "frame_check_sequence",
              ["FCS of frame contents; expected values from crcmod with the CRC-16/IBM-SDLC parameters."],
              [{"tests": tests}])

    flag = [0, 1, 1, 1, 1, 1, 1, 0]
    tests = []
    samples = [(bytes([0x03, 0x3F]) + b"\xff" * 6, "runs of ones in the information field"),
               (bytes([0x01, 0x00]) + b"\x7e" * 4, "flag patterns in the information field"),
               (bytes([0x03, 0x00]), "I frame without information")]
    samples += [(rng.randbytes(size), f"{size} pseudo-random octets") for size in (2, 3, 8, 64, 300)]
    for content, comment in samples:
        protected = bits_of(content, True) + bits_of(bytes.fromhex(le(IBM_SDLC(content), 2)), True)
        bits = flag + stuffed(protected) + flag
        agree(comment, impl.transmit_frame(content)["bits"], bits)
        tests.append({"comment": comment, "input": {"content": content.hex()}, "expected": {"bits": bits}})
    out.write("transmit-generated", "transmit_frame",
              ["Line bits of frames: flag, content and FCS (crcmod) with a zero inserted after every "
               "five contiguous ones (text substitution), flag."],
              [{"tests": tests}])

    tests = []
    for size in (2, 3, 16, 131):
        content = rng.randbytes(size)
        frame = content + bytes.fromhex(le(IBM_SDLC(content), 2))
        agree("valid frame", impl.receive_frame(frame)["content"], content)
        tests.append({"comment": f"{size}-octet content and its FCS", "input": {"frame_octets": frame.hex()},
                      "expected": {"content": content.hex()}})
    for comment in ("one bit in error in the address", "one bit in error in the FCS", "last octet missing"):
        content = rng.randbytes(12)
        frame = bytearray(content + bytes.fromhex(le(IBM_SDLC(content), 2)))
        if "address" in comment:
            frame[0] ^= 0x01
        elif "FCS" in comment:
            frame[-2] ^= 0x80
        else:
            frame = frame[:-1]
        tests.append({"comment": f"FCS error: {comment}", "input": {"frame_octets": bytes(frame).hex()},
                      "result": "invalid"})
    tests.append({"comment": "24 bits: fewer than 32 between flags", "input": {"frame_octets": "033f00"},
                  "result": "invalid"})
    tests.append({"comment": "16 bits: an FCS alone, correct for empty content",
                  "input": {"frame_octets": le(IBM_SDLC(b""), 2)}, "result": "invalid"})
    tests.append({"comment": "empty frame", "input": {"frame_octets": ""}, "result": "invalid"})
    for test in tests:
        if test.get("result") == "invalid":
            must_reject(test["comment"],
                        lambda frame=test["input"]["frame_octets"]: impl.receive_frame(bytes.fromhex(frame)))
    out.write("receive-generated", "receive_frame",
              ["Receiving frames: valid frames give their content; FCS errors and invalid frames "
               "(fewer than 32 bits between flags) must be rejected (discarded)."],
              [{"tests": tests}])


# --- I.432.1 ---------------------------------------------------------------------------------


def corrected_by_search(header: bytes) -> tuple[int, bytes]:
    """Brute force with the crcmod HEC: 0 valid, 1 one flip fixes it (and the header), 2 neither."""
    if I432(header[:4]) == header[4]:
        return 0, header
    for position in range(40):
        flipped = bytearray(header)
        flipped[position // 8] ^= 0x80 >> (position % 8)
        if I432(bytes(flipped[:4])) == flipped[4]:
            return 1, bytes(flipped)
    return 2, header


def i4321_vectors() -> None:
    out = VectorFolder("i4321", "ITU-T I.432.1", LICENCE)
    impl = i4321.Implementation()
    rng = random.Random(4321)

    agree("catalogue", impl.crc8(CHECK_INPUT)["crc"], 0xA1)
    out.write("crc8-catalogue", "crc8",
              ["Check value of the RevEng CRC catalogue over the ASCII string '123456789'.",
               "CRC-8/I-432-1 (alias CRC-8/ITU): width 8, poly 0x07, init 0, refin/refout false, "
               "xorout 0x55 (the coset), check 0xA1, residue 0xAC."],
              [{"tests": [{"comment": "'123456789'", "input": {"data": CHECK_INPUT.hex()},
                           "expected": {"crc": 0xA1}}]}])

    agree("idle", impl.header_error_control(bytes([0, 0, 0, 1]))["hec"], 0x52)
    out.write("idle-cell-header", "header_error_control",
              ["The idle cell header of I.432.1 (clause 4.5, header pattern for idle cell "
               "identification): octets 00 00 00 01 and HEC 0101 0010."],
              [{"tests": [{"comment": "idle cell", "input": {"header": "00000001"}, "expected": {"hec": 0x52}}]}])

    tests = []
    headers = [bytes(4), b"\xff" * 4, bytes([0, 0, 0, 1]), bytes([0, 0, 0, 0x0F])]
    headers += [rng.randbytes(4) for _ in range(40)]
    for header in headers:
        expected = I432(header)
        agree("hec", impl.header_error_control(header)["hec"], expected)
        tests.append({"comment": "", "input": {"header": header.hex()}, "expected": {"hec": expected}})
    for header, comment in ((b"", "no octets"), (bytes(3), "three octets"), (bytes(5), "five octets: the HEC "
                                                                                          "covers four")):
        must_reject(comment, lambda header=header: impl.header_error_control(header))
        tests.append({"comment": comment, "input": {"header": header.hex()}, "result": "invalid"})
    out.write("hec-generated", "header_error_control",
              ["HEC of cell headers; expected values from crcmod with the CRC-8/I-432-1 parameters."],
              [{"tests": tests}])

    tests = []
    for data, comment in octet_samples(rng):
        expected = I432(data)
        agree(comment, impl.crc8(data)["crc"], expected)
        tests.append({"comment": comment, "input": {"data": data.hex()}, "expected": {"crc": expected}})
    out.write("crc8-generated", "crc8",
              ["The HEC's division and coset over octet strings of any length, as catalogued "
               "(CRC-8/I-432-1); expected values from crcmod."],
              [{"tests": tests}])

    def valid_header() -> bytes:
        body = rng.randbytes(4)
        return body + bytes([I432(body)])

    def with_errors(header: bytes, count: int) -> bytes:
        errored = bytearray(header)
        for position in rng.sample(range(40), count):
            errored[position // 8] ^= 0x80 >> (position % 8)
        return bytes(errored)

    def model(cells: list[bytes], correction: bool) -> tuple[list[int], bytes]:
        """The two-mode receiver, from the brute-force classification of each header."""
        mode_correction = correction
        outcomes, delivered = [], b""
        for cell in cells:
            kind, fixed = corrected_by_search(cell)
            if kind == 0:
                outcomes.append(0)
                delivered += cell
                mode_correction = correction
            elif kind == 1 and mode_correction:
                outcomes.append(1)
                delivered += fixed
                mode_correction = False
            else:
                outcomes.append(2)
                mode_correction = False
        return outcomes, delivered

    scenarios: list[tuple[str, list[bytes]]] = []
    clean = [valid_header() for _ in range(3)]
    scenarios.append(("three error-free headers", clean))
    scenarios.append(("no headers", []))
    one = valid_header()
    scenarios.append(("single-bit error, then error-free", [with_errors(one, 1), valid_header()]))
    scenarios.append(("two single-bit errors in a row: the second is in detection mode",
                      [with_errors(valid_header(), 1), with_errors(valid_header(), 1), valid_header(),
                       with_errors(valid_header(), 1)]))
    scenarios.append(("an error in every one of the 40 bit positions, each after a clean header",
                      [cell for position in range(40) for cell in (
                          (lambda h, p: bytes(b ^ ((0x80 >> (p % 8)) if i == p // 8 else 0)
                                              for i, b in enumerate(h)))(valid_header(), position),
                          valid_header())]))
    multi = []
    for _ in range(30):
        multi += [with_errors(valid_header(), rng.choice((2, 3, 4, 8))), valid_header()]
    scenarios.append(("multi-bit errors, each followed by an error-free header", multi))
    scenarios.append(("a run of errored headers", [with_errors(valid_header(), rng.choice((1, 2)))
                                                   for _ in range(12)] + [valid_header()]))
    for correction, set_id, requires_text in ((True, "receive-correction-generated", "correction mode"),
                                              (False, "receive-detection-only-generated", "detection only")):
        tests = []
        for comment, cells in scenarios:
            outcomes, delivered = model(cells, correction)
            result = impl.receive_headers(b"".join(cells), correction)
            agree(comment, (result["outcomes"], result["delivered"]), (outcomes, delivered))
            tests.append({"comment": comment, "input": {"headers": b"".join(cells).hex()},
                          "expected": {"outcomes": outcomes, "delivered": delivered.hex()}})
        for data, comment in ((bytes(4), "four octets: not a whole header"), (bytes(11), "eleven octets")):
            must_reject(comment, lambda data=data, on=correction: impl.receive_headers(data, on))
            tests.append({"comment": comment, "input": {"headers": data.hex()}, "result": "invalid"})
        out.write(set_id, "receive_headers",
                  [f"The HEC receiver ({requires_text}) over consecutive 5-octet headers, starting in "
                   "correction mode when correction is on. Outcomes: 0 passed, 1 corrected and passed, "
                   "2 discarded; 'delivered' holds the headers passed on.",
                   "Expected: a model of the two modes driven by a brute-force search (crcmod HEC over "
                   "all 40 single-bit flips)."],
                  [{"parameters": {"correction": correction}, "tests": tests}])


# --- G.704 -----------------------------------------------------------------------------------

G704_TERMS = {"crc-4": (4, 1, 0), "crc-5": (5, 4, 2, 0), "crc-6": (6, 1, 0)}
G704_CATALOGUE = {
    "crc-4": ("CRC-4/G-704 (alias CRC-4/ITU): width 4, poly 0x3, init 0, refin/refout true, xorout 0, "
              "check 0x7", 4, 0x3, 0x7),
    "crc-5": ("CRC-5/G-704 (alias CRC-5/ITU): width 5, poly 0x15, init 0, refin/refout true, xorout 0, "
              "check 0x07", 5, 0x15, 0x07),
    "crc-6": ("CRC-6/G-704 (alias CRC-6/ITU): width 6, poly 0x03, init 0, refin/refout true, xorout 0, "
              "check 0x06", 6, 0x03, 0x06),
}


def g704_block(procedure: str, rng: random.Random) -> list[int]:
    bits = {"crc-4": 2048, "crc-5": 3156, "crc-6": 4632}[procedure]
    return [rng.getrandbits(1) for _ in range(bits)]


def g704_independent_check(procedure: str, block: list[int]) -> list[int]:
    """The procedure's check bits, from its layout as stated in G.704 (positions 0-based)."""
    bits = list(block)
    if procedure == "crc-4":
        for frame in (0, 2, 4, 6):  # C-bits: bit 1 of the frames with the frame alignment signal
            bits[frame * 256] = 0
    elif procedure == "crc-6":
        for frame in range(24):  # every F-bit counts as 1
            bits[frame * 193] = 1
    else:
        bits = bits[: 3 * 789 + 784]  # the CRC message block: up to bit 784 of frame 4
    return long_division_remainder(bits, G704_TERMS[procedure])


def g704_carried(procedure: str, block: list[int]) -> list[int]:
    if procedure == "crc-4":
        return [block[frame * 256] for frame in (0, 2, 4, 6)]
    if procedure == "crc-6":
        return [block[frame * 193] for frame in (1, 5, 9, 13, 17, 21)]
    return block[3 * 789 + 784 :]


def g704_insert(procedure: str, block: list[int], check: list[int]) -> list[int]:
    out = list(block)
    positions = {"crc-4": [f * 256 for f in (0, 2, 4, 6)], "crc-6": [f * 193 for f in (1, 5, 9, 13, 17, 21)],
                 "crc-5": [3 * 789 + 784 + i for i in range(5)]}[procedure]
    for position, bit in zip(positions, check, strict=True):
        out[position] = bit
    return out


def g704_vectors() -> None:
    out = VectorFolder("g704", "ITU-T G.704", LICENCE)
    impl = g704.Implementation()
    rng = random.Random(704)
    for procedure, (text, width, poly, value) in G704_CATALOGUE.items():
        bits = bits_of(CHECK_INPUT, True)
        expected = reflected_value_bits(value, width)
        agree(procedure, impl.remainder(procedure, bits)["check_bits"], expected)
        agree(procedure, reflected_value_bits(short_crc(width, poly)(CHECK_INPUT), width), expected)
        out.write(f"{procedure}-catalogue", "remainder",
                  ["Check value of the RevEng CRC catalogue over the ASCII string '123456789'.", text + ".",
                   "refin = true: each octet is sent low-order bit first, so the input is the 72 bits of "
                   "'123456789' in that order. refout = true: the value's bit 0 is the remainder's x^(w-1) "
                   "coefficient, which is the first check bit (C1 / e1)."],
                  [{"parameters": {"procedure": procedure},
                    "tests": [{"comment": "'123456789', low-order bit first", "input": {"bits": bits},
                               "expected": {"check_bits": expected}}]}])

        tests = [{"comment": "empty input", "input": {"bits": []},
                  "expected": {"check_bits": [0] * width}}]
        for length in (1, 2, 3, 4, 5, 6, 7, 9, 11, 63, 64, 100, 193, 255, 256, 789, 2048, 3151, 4632, 16_411):
            bits = [rng.getrandbits(1) for _ in range(length)]
            expected = long_division_remainder(bits, G704_TERMS[procedure])
            if length % 8 == 0:  # octet-aligned: crcmod agrees too (bits read low-order first)
                data = bytes(int("".join(map(str, bits[i:i + 8][::-1])), 2) for i in range(0, length, 8))
                agree("crcmod", reflected_value_bits(short_crc(width, poly)(data), width), expected)
            tests.append({"comment": f"{length} pseudo-random bits", "input": {"bits": bits},
                          "expected": {"check_bits": expected}})
        for test in tests:
            agree(test["comment"], impl.remainder(procedure, test["input"]["bits"])["check_bits"],
                  test["expected"]["check_bits"])
        out.write(f"{procedure}-remainder-generated", "remainder",
                  ["The procedure's division over bit sequences of any length (register starting at zero).",
                   "Expected: big-integer polynomial long division; octet-aligned ones also by crcmod."],
                  [{"parameters": {"procedure": procedure}, "tests": tests}])

        tests = []
        blocks = [g704_block(procedure, rng) for _ in range(6)]
        blocks.append([0] * len(blocks[0]))
        blocks.append([1] * len(blocks[0]))
        for index, block in enumerate(blocks):
            expected = g704_independent_check(procedure, block)
            agree("block", impl.block_check_bits(procedure, block)["check_bits"], expected)
            comment = ("pseudo-random block", "all zeros", "all ones")[max(0, index - 5)]
            tests.append({"comment": comment, "input": {"block": block}, "expected": {"check_bits": expected}})
        # the check bits' own positions must not matter (C-bits zeroed, F-bits forced, or outside the CMB)
        base = blocks[0]
        flipped = list(base)
        for position in {"crc-4": [0, 512, 1024, 1536], "crc-6": [f * 193 for f in range(24)],
                         "crc-5": [3151 + i for i in range(5)]}[procedure]:
            flipped[position] ^= 1
        expected = g704_independent_check(procedure, base)
        agree("flipped", impl.block_check_bits(procedure, flipped)["check_bits"], expected)
        tests.append({"comment": "the first block with its excluded bits inverted: same check bits",
                      "input": {"block": flipped}, "expected": {"check_bits": expected}})
        length = len(base)
        for bits, comment in ((base[:-1], f"{length - 1} bits: one short"), ([*base, 0], f"{length + 1} bits"),
                              ([], "empty")):
            must_reject(comment, lambda bits=bits, name=procedure: impl.block_check_bits(name, bits))
            tests.append({"comment": comment, "input": {"block": bits}, "result": "invalid"})
        out.write(f"{procedure}-block-generated", "block_check_bits",
                  [f"{procedure.upper()} check bits over whole blocks (sub-multiframe or multiframe), with "
                   "the block layout of G.704 applied.",
                   "Expected: long division after applying the layout in tools/vectors/fcs.py."],
                  [{"parameters": {"procedure": procedure}, "tests": tests}])

        tests = []
        for errors_at, comment in (([], "no errors"), ([1], "an error in the second block"),
                                   ([0, 3], "errors in the first and fourth blocks")):
            blocks = [g704_block(procedure, rng) for _ in range(5)]
            same = procedure == "crc-5"
            for index in range(5):  # send each block's check bits where G.704 puts them
                if same:
                    blocks[index] = g704_insert(procedure, blocks[index],
                                                g704_independent_check(procedure, blocks[index]))
                elif index + 1 < 5:
                    blocks[index + 1] = g704_insert(procedure, blocks[index + 1],
                                                    g704_independent_check(procedure, blocks[index]))
            for index in errors_at:
                position = rng.randrange(100, 180)  # a payload bit, never a check or forced bit
                blocks[index][position] ^= 1
            stream = [bit for block in blocks for bit in block]
            protected = blocks if same else blocks[:-1]
            expected = [int(g704_independent_check(procedure, block)
                            != g704_carried(procedure, blocks[i if same else i + 1]))
                        for i, block in enumerate(protected)]
            agree(comment, impl.errored_blocks(procedure, stream)["errored"], expected)
            tests.append({"comment": f"five blocks, {comment}", "input": {"stream": stream},
                          "expected": {"errored": expected}})
        stream = [bit for block in (g704_block(procedure, rng) for _ in range(2)) for bit in block][:-3]
        must_reject("partial", lambda stream=stream, name=procedure: impl.errored_blocks(name, stream))
        tests.append({"comment": "not a whole number of blocks", "input": {"stream": stream}, "result": "invalid"})
        out.write(f"{procedure}-decode-generated", "errored_blocks",
                  ["Decoding: the receiver recomputes each block's check bits and compares them with those "
                   "received " + ("in the same multiframe." if procedure == "crc-5" else "in the next block."),
                   "Expected: from the independent check bits in tools/vectors/fcs.py."],
                  [{"parameters": {"procedure": procedure}, "tests": tests}])


def main() -> None:
    v41_vectors()
    v42_vectors()
    x25_vectors()
    i4321_vectors()
    g704_vectors()


if __name__ == "__main__":
    main()

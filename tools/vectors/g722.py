"""Generate the ITU-T G.722 vector sets from the official STL test sequences.

Run from the repository root: ``python tools/vectors/g722.py``. The official sets use the STL
files whole, by reference (encoder: inpsp.bin to codspw.cod; decoder: codspw.cod to outsp1,
outsp2 and outsp3.bin in modes 1, 2 and 3), each run from reset. The derived sets put
auxiliary data into the bits of IL that modes 2 and 3 leave unused (codspw.cod with its one or
two least significant bits replaced by a fixed pseudo-random pattern); the decoder must ignore
those bits, so the expected outputs are the official outsp2.bin and outsp3.bin unchanged.
The output is deterministic: running the script twice writes identical files.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import payload, sha256_of, write_vector_file

FOLDER = Path(__file__).resolve().parents[2] / "recommendations" / "g722"
VECTORS = FOLDER / "vectors"
REC = "ITU-T G.722"
STL = "ITU-T G.191 STL (openitu/STL commit 139db49783b5096abf40d4f271d74fda9d591d20), src/g722/test_data"
MODE_RATES = {1: "64 kbit/s", 2: "56 kbit/s", 3: "48 kbit/s"}
# Mode: (number of IL bits free for data, auxiliary data rate, derived payload file)
AUXILIARY = {2: (1, "8 kbit/s", "derived/codspw-data8k.cod"), 3: (2, "16 kbit/s", "derived/codspw-data16k.cod")}
DATA_SEED = 0x0722  # seed of the auxiliary data pattern; never change it (the files would change)


def words(relative: str) -> list[int]:
    """The 16-bit little-endian unsigned words of a file under vectors/."""
    data = (VECTORS / relative).read_bytes()
    return list(struct.unpack(f"<{len(data) // 2}H", data))


def data_pattern(count: int, width: int) -> list[int]:
    """``count`` values of ``width`` bits from a 32-bit xorshift generator seeded with DATA_SEED."""
    state = DATA_SEED
    values = []
    for _ in range(count):
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        values.append(state >> (32 - width))
    return values


def write_auxiliary_payload(mode: int) -> None:
    """codspw.cod with the IL bits that mode ``mode`` ignores replaced by auxiliary data."""
    width, _, relative = AUXILIARY[mode]
    mask = (1 << width) - 1
    codes = words("stl/codspw.cod")
    data = data_pattern(len(codes), width)
    mixed = [(code & ~mask & 0xFF) | bits for code, bits in zip(codes, data, strict=True)]
    if mixed == codes:
        raise AssertionError("the data pattern changed no code")
    target = VECTORS / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(struct.pack(f"<{len(mixed)}H", *mixed))


def write_official_sets() -> None:
    """The STL encoder test and the three decoder tests, whole, by reference."""
    write_vector_file(
        VECTORS / "stl-encode.json",
        recommendation=REC, vector_set="stl-encode", interface="encode",
        header=["The STL G.722 encoder test: inpsp.bin (16 kHz speech) in, codspw.cod out.",
                "The encoder starts from reset with zero QMF delay lines and runs over the whole",
                "file; codspw.cod holds one 8-bit code (IH in bits 7-6, IL in bits 5-0) per word.",
                "The encoder does not depend on the mode: every decoder mode starts from this output."],
        groups=[{"comment": "mode-independent: no parameters", "tests": [
            {"id": 1, "comment": "encode inpsp.bin",
             "input": {"samples": payload(VECTORS, "stl/inpsp.bin", "int16le")},
             "expected": {"codes": payload(VECTORS, "stl/codspw.cod", "uint16le")}},
        ]}],
    )
    for mode, rate in MODE_RATES.items():
        write_vector_file(
            VECTORS / f"stl-decode-mode-{mode}.json",
            recommendation=REC, vector_set=f"stl-decode-mode-{mode}", interface="decode",
            header=[f"The STL G.722 decoder test in mode {mode} ({rate}): codspw.cod in, "
                    f"outsp{mode}.bin out.",
                    "The decoder starts from reset with zero QMF delay lines and runs over the "
                    "whole file."],
            groups=[{"parameters": {"mode": mode}, "tests": [
                {"id": 1, "comment": f"decode codspw.cod in mode {mode}",
                 "input": {"codes": payload(VECTORS, "stl/codspw.cod", "uint16le")},
                 "expected": {"samples": payload(VECTORS, f"stl/outsp{mode}.bin", "int16le")}},
            ]}],
        )


def write_auxiliary_sets() -> None:
    """Modes 2 and 3 with auxiliary data in the unused IL bits: the output must not change."""
    for mode, (width, rate, relative) in AUXILIARY.items():
        write_auxiliary_payload(mode)
        bits = "bit 0" if width == 1 else "bits 1-0"
        write_vector_file(
            VECTORS / f"auxiliary-data-mode-{mode}.json",
            recommendation=REC, vector_set=f"auxiliary-data-mode-{mode}", interface="decode",
            header=[f"Mode {mode} leaves {bits} of IL to a {rate} auxiliary data channel.",
                    f"Input: codspw.cod with {bits} of every code replaced by a fixed "
                    f"pseudo-random pattern ({relative}, written by tools/vectors/g722.py).",
                    f"Expected: the official outsp{mode}.bin, since the decoder ignores those bits."],
            groups=[{"parameters": {"mode": mode}, "tests": [
                {"id": 1, "comment": f"decode {relative} in mode {mode}",
                 "input": {"codes": payload(VECTORS, relative, "uint16le")},
                 "expected": {"samples": payload(VECTORS, f"stl/outsp{mode}.bin", "int16le")}},
            ]}],
        )


def write_rejection_sets() -> None:
    """Inputs outside the interfaces' types, which an implementation must reject."""
    write_vector_file(
        VECTORS / "encode-rejects.json",
        recommendation=REC, vector_set="encode-rejects", interface="encode",
        header=["Encoder inputs that must be rejected: samples outside the 16-bit range, and an",
                "odd number of samples (the encoder consumes 16 kHz samples in pairs)."],
        groups=[{"comment": "each test must be rejected", "tests": [
            {"id": 1, "comment": "sample above the 16-bit range",
             "input": {"samples": [0, 32768]}, "result": "invalid"},
            {"id": 2, "comment": "sample below the 16-bit range",
             "input": {"samples": [-32769, 0]}, "result": "invalid"},
            {"id": 3, "comment": "odd number of samples: the last pair is incomplete",
             "input": {"samples": [0, 0, 0]}, "result": "invalid"},
        ]}],
    )
    write_vector_file(
        VECTORS / "decode-rejects.json",
        recommendation=REC, vector_set="decode-rejects", interface="decode",
        header=["Decoder inputs that must be rejected: modes other than 1, 2 and 3, and codes",
                "outside 0..255."],
        groups=[
            {"comment": "modes that do not exist", "tests": [
                {"id": 1, "comment": "mode 0 does not exist",
                 "input": {"mode": 0, "codes": [250]}, "result": "invalid"},
                {"id": 2, "comment": "mode 4 does not exist",
                 "input": {"mode": 4, "codes": [250]}, "result": "invalid"},
            ]},
            {"parameters": {"mode": 1}, "comment": "codes outside 0..255", "tests": [
                {"id": 3, "comment": "code above 255", "input": {"codes": [250, 256]},
                 "result": "invalid"},
                {"id": 4, "comment": "negative code", "input": {"codes": [-1]}, "result": "invalid"},
            ]},
        ],
    )


def main() -> None:
    """Write every G.722 vector set (and the derived payloads) and print their sha256."""
    write_official_sets()
    write_auxiliary_sets()
    write_rejection_sets()
    for path in sorted(VECTORS.glob("*.json")):
        print(f"{path.relative_to(FOLDER)}  {sha256_of(path)}")


if __name__ == "__main__":
    main()

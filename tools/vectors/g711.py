"""Generate the ITU-T G.711 vector sets from the official STL sweep files.

Run from the repository root: ``python tools/vectors/g711.py``. The exhaustive sets split the
STL's sweep (every 16-bit input, the ITU's expected codes) into one test per sample, so a
failing sample is reported by itself; the official sets use the sweep files whole, by reference.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import payload, write_vector_file

FOLDER = Path(__file__).resolve().parents[2] / "recommendations" / "g711"
VECTORS = FOLDER / "vectors"
REC = "ITU-T G.711"
STL = "ITU-T G.191 STL (openitu/STL commit 139db49783b5096abf40d4f271d74fda9d591d20), src/g711/test_data"
LAWS = {"A": ("a", "alaw"), "mu": ("u", "ulaw")}


def words(name: str, code: str) -> list[int]:
    data = (VECTORS / "stl" / name).read_bytes()
    return list(struct.unpack(f"<{len(data) // 2}{code}", data))


def main() -> None:
    sweep = words("sweep.src", "h")
    for law, (suffix, stem) in LAWS.items():
        codes = words(f"sweep-r.{suffix}", "H")
        decoded = words(f"sweep-r.re{suffix}", "h")
        encode_tests = [
            {"id": index + 1, "input": {"samples": [x]}, "expected": {"codes": [c]}}
            for index, (x, c) in enumerate(zip(sweep, codes, strict=True))
        ]
        write_vector_file(
            VECTORS / f"{stem}-encode-exhaustive.json",
            recommendation=REC,
            vector_set=f"{stem}-encode-exhaustive",
            interface="encode",
            header=[
                f"Every 16-bit linear input encoded with the {law}-law, one test per sample.",
                "Expected codes: the STL reference sweep-r." + suffix + " (official), split per sample.",
            ],
            groups=[{"parameters": {"law": law}, "tests": encode_tests}],
        )
        table: dict[int, int] = {}
        for c, y in zip(codes, decoded, strict=True):
            table.setdefault(c, y)
        decode_tests = [{"id": c + 1, "input": {"codes": [c]}, "expected": {"samples": [table[c]]}} for c in range(256)]
        write_vector_file(
            VECTORS / f"{stem}-decode-exhaustive.json",
            recommendation=REC,
            vector_set=f"{stem}-decode-exhaustive",
            interface="decode",
            header=[
                f"Every 8-bit {law}-law code decoded, one test per code.",
                f"Expected samples: the STL references sweep-r.{suffix} / sweep-r.re{suffix}.",
            ],
            groups=[{"parameters": {"law": law}, "tests": decode_tests}],
        )
        write_rejection_sets(law, stem)
        write_vector_file(
            VECTORS / f"{stem}-stl-sweep.json",
            recommendation=REC,
            vector_set=f"{stem}-stl-sweep",
            interface="encode",
            header=["The STL sweep test, whole: sweep.src in, sweep-r." + suffix + " out."],
            groups=[
                {
                    "parameters": {"law": law},
                    "tests": [
                        {
                            "id": 1,
                            "comment": "encode sweep.src",
                            "input": {"samples": payload(VECTORS, "stl/sweep.src", "int16le")},
                            "expected": {"codes": payload(VECTORS, f"stl/sweep-r.{suffix}", "uint16le")},
                        },
                    ],
                }
            ],
        )
        write_vector_file(
            VECTORS / f"{stem}-stl-sweep-decode.json",
            recommendation=REC,
            vector_set=f"{stem}-stl-sweep-decode",
            interface="decode",
            header=[
                f"The STL sweep decoder test: sweep-r.{suffix} in, sweep-r.re{suffix} out.",
                f"sweep-r.{suffix}-{suffix} (encode then decode) is byte-identical to "
                f"sweep-r.re{suffix}, so this set also checks the round trip.",
            ],
            groups=[
                {
                    "parameters": {"law": law},
                    "tests": [
                        {
                            "id": 1,
                            "comment": f"decode sweep-r.{suffix}",
                            "input": {"codes": payload(VECTORS, f"stl/sweep-r.{suffix}", "uint16le")},
                            "expected": {"samples": payload(VECTORS, f"stl/sweep-r.re{suffix}", "int16le")},
                        },
                    ],
                }
            ],
        )


def write_rejection_sets(law: str, stem: str) -> None:
    """Inputs outside the interfaces' ranges, apart from the coding sets (they cover G711-R9)."""
    write_vector_file(
        VECTORS / f"{stem}-encode-rejects.json",
        recommendation=REC,
        vector_set=f"{stem}-encode-rejects",
        interface="encode",
        header=[f"Encoder inputs outside the 16-bit range, which a {law}-law encoder that validates its input",
                "refuses."],
        groups=[{"parameters": {"law": law}, "tests": [
            {"id": 1, "comment": "sample above the 16-bit range", "input": {"samples": [32768]}, "result": "invalid"},
            {"id": 2, "comment": "sample below the 16-bit range", "input": {"samples": [-32769]}, "result": "invalid"},
        ]}],
    )
    write_vector_file(
        VECTORS / f"{stem}-decode-rejects.json",
        recommendation=REC,
        vector_set=f"{stem}-decode-rejects",
        interface="decode",
        header=[f"A code outside 0..255, which a {law}-law decoder that validates its input refuses."],
        groups=[{"parameters": {"law": law}, "tests": [
            {"id": 1, "comment": "code above 255", "input": {"codes": [256]}, "result": "invalid"},
        ]}],
    )


if __name__ == "__main__":
    main()

"""Generate the ITU-T O.150 vector sets (pseudo-random test patterns and the pattern checker).

Run from the repository root: ``python tools/vectors/o150.py``. Expected values are computed
here independently of reference_impl.o150: each pattern is written out as a plain list by its
recurrence (s[j] = s[j-tap] XOR s[j-n], first n bits ONE), inverted or zero-suppressed as
clause 5 says; bits past one period come from the period 2^n - 1 of a maximal-length
sequence (the tests check that each feedback polynomial is primitive). The checker's expected
counts come from a model of its stated rules that knows the true alignment of every received
bit. The reference is asserted to agree before anything is written.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import write_vector_file  # noqa: E402

from reference_impl.o150 import Implementation  # noqa: E402

REC = "ITU-T O.150"
VECTORS = ROOT / "recommendations" / "o150" / "vectors"
LICENCE = "Vector data: Apache-2.0 (recbench)."
# name: (stages n, tap, inverted, zero suppression) as clause 5 states them
DEFINITIONS = {
    "prbs-9": (9, 5, False, None), "prbs-11": (11, 9, False, None), "prbs-15": (15, 14, True, None),
    "prbs-20": (20, 3, False, None), "prbs-20-zs": (20, 17, False, 14), "prbs-23": (23, 18, True, None),
    "prbs-29": (29, 27, True, None), "prbs-31": (31, 28, True, None),
}
PREFIX = 110_000  # bits written out per pattern; enough for every offset below one period used
REFERENCE = Implementation()


BACK = 64  # bits written out before bit 0, i.e. at the end of the previous period


def register_sequence(name: str) -> list[int]:
    """The register's output s[-BACK..PREFIX-1] before inversion or suppression (index + BACK).

    Forwards from s[0..n-1] = 1 by s[j] = s[j-tap] + s[j-n]; backwards by the same relation
    solved for its oldest term, s[j-n] = s[j] + s[j-tap].
    """
    n, tap, _, _ = DEFINITIONS[name]
    s = [1] * n
    for j in range(n, PREFIX):
        s.append(s[j - tap] ^ s[j - n])
    before: list[int] = []  # before[m-1] = s[-m]
    for m in range(1, BACK + 1):
        def at(j: int) -> int:
            return s[j] if j >= 0 else before[-j - 1]
        before.append(at(n - m) ^ at(n - m - tap))
    return before[::-1] + s


def line_bits(name: str, s: Sequence[int]) -> list[int]:
    """The pattern as sent, from the register's output (the last `zeros` bits need lookahead)."""
    _, _, inverted, zeros = DEFINITIONS[name]
    if zeros is not None:
        return [1 if not any(s[j + 1 : j + 1 + zeros]) else s[j] for j in range(len(s) - zeros)]
    return [bit ^ inverted for bit in s]


UNDERLYING = {name: register_sequence(name) for name in DEFINITIONS}
PATTERN = {name: line_bits(name, UNDERLYING[name]) for name in DEFINITIONS}


def _index(name: str, position: int) -> int:
    """Where pattern bit ``position`` (any integer) sits in the written-out lists."""
    period = (1 << DEFINITIONS[name][0]) - 1
    wrapped = position % period
    if wrapped >= period - BACK:
        wrapped -= period
    index = wrapped + BACK
    if not 0 <= index < len(PATTERN[name]):
        raise SystemExit(f"{name}: bit {position} is outside the written-out stretch")
    return index


def bits_at(name: str, offset: int, count: int) -> list[int]:
    """Pattern bits offset..offset+count-1 (each period repeats the first)."""
    return [PATTERN[name][_index(name, offset + i)] for i in range(count)]


def agree(label: str, reference: Any, independent: Any) -> Any:
    if reference != independent:
        raise SystemExit(f"{label}: reference gives {reference!r}, independent computation {independent!r}")
    return independent


def generate_sets() -> None:
    for name, (n, _, inverted, zeros) in DEFINITIONS.items():
        period = (1 << n) - 1
        cases: list[tuple[int, int, str]] = [
            (0, 1024 if period > 1024 else period + n, "first bits, from the all-ONE register state"),
            (period - 32, 64, "the end of one period and the start of the next"),
            (period, 64, "one period on: the first 64 bits again"),
            (2 * period + 5, 40, "two periods and five bits on"),
            (100_000, 64, "bits 100000 to 100063"),
            (0, 0, "no bits"),
        ]
        if period < 100_000:
            cases.append((0, 2 * period + 3, "two whole periods and three bits"))
        tests = []
        for offset, count, comment in cases:
            expected = bits_at(name, offset, count)
            agree(f"{name} {comment}", REFERENCE.generate(name, offset, count)["bits"], expected)
            tests.append({"id": len(tests) + 1, "comment": comment, "input": {"offset": offset, "count": count},
                          "expected": {"bits": expected}, "result": "valid", "flags": []})
        how = ("inverted" if inverted else "not inverted") if zeros is None else \
            f"an output bit forced to ONE whenever the next {zeros} bits would all be ZERO"
        write_vector_file(
            VECTORS / f"generate-{name}.json", recommendation=REC, vector_set=f"generate-{name}",
            interface="generate",
            header=[f"O.150 {name}: {n}-stage register, period {period} bits, {how}.",
                    "Bit 0 is the register output with every stage at ONE (O.150 fixes this start for the "
                    "2^9-1 pattern: it begins with the first ONE of nine consecutive ONEs; recbench uses it "
                    "for all patterns so that the first bits are defined).",
                    "Expected: the recurrence written out as a list in tools/vectors/o150.py, and the period.",
                    LICENCE],
            groups=[{"parameters": {"pattern": name}, "comment": "", "tests": tests}],
        )


def model_check(name: str, received: Sequence[int], truth: Sequence[int | None]) -> dict[str, Any]:
    """The checker's stated rules, with the true pattern position of each received bit known.

    truth[i] is the pattern position received bit i was sent from (None for a bit that came
    from nowhere). Knowing the position, the model knows the register state there, forced ONEs
    of the zero-suppressed pattern included, so a clean aligned stretch always synchronises.
    """
    n = DEFINITIONS[name][0]
    period = (1 << n) - 1
    compared = errors = losses = 0
    recent: list[int] = []
    phase: int | None = None  # pattern position the checker expects at bit i, once synchronised
    i = 0
    while i < len(received):
        if phase is None:
            if i + 2 * n > len(received):
                break
            window = range(i, i + 2 * n)
            clean = all(truth[k] is not None and received[k] == bits_at(name, truth[k], 1)[0]  # type: ignore[arg-type]
                        for k in window)
            aligned = clean and all(truth[k] == truth[i] + (k - i) for k in window)  # type: ignore[operator]
            if not aligned:
                i += 1
                continue
            phase = (truth[i] + 2 * n) % period  # type: ignore[operator]
            recent = []
            i += 2 * n
            continue
        error = bits_at(name, phase, 1)[0] ^ received[i]
        compared += 1
        errors += error
        recent = [*recent, error][-64:]
        phase = (phase + 1) % period
        i += 1
        if sum(recent) >= 16:
            losses += 1
            phase = None
    return {"compared": compared, "errors": errors, "sync_losses": losses, "synchronised": phase is not None}


FORCED_ONES = " (ONEs that may have been forced in place of register ZEROs are also tried as ZEROs)"


def check_sets() -> None:
    for name in DEFINITIONS:
        n, zeros = DEFINITIONS[name][0], DEFINITIONS[name][3]
        start, length = 777, 3000
        segment = bits_at(name, start, length)
        positions = list(range(start, start + length))

        scenarios: list[tuple[str, list[int], list[int | None]]] = []
        scenarios.append(("3000 error-free bits from bit 777", list(segment), list(positions)))
        errored = list(segment)
        for k in (1000, 1500, 2000):
            errored[k] ^= 1
        truth_errored: list[int | None] = list(positions)
        scenarios.append(("three isolated bit errors", errored, truth_errored))
        slipped = segment[:1500] + segment[1501:]
        scenarios.append(("one bit lost at bit 1500 (a slip): synchronisation lost and regained",
                          slipped, positions[:1500] + positions[1501:]))
        burst = list(segment)
        for k in range(1500, 1540):
            burst[k] ^= 1
        truth_burst: list[int | None] = [None if 1500 <= k < 1540 else p for k, p in enumerate(positions)]
        scenarios.append(("40 inverted bits in a row", burst, truth_burst))
        inverse = [bit ^ 1 for bit in segment]
        scenarios.append(("the pattern with ONE and ZERO exchanged is not this pattern", inverse,
                          [None] * length))
        scenarios.append((f"{n} bits: too few to synchronise", list(segment[:n]), list(positions[:n])))
        scenarios.append(("no bits", [], []))
        if zeros is not None:
            scenarios.append(("2040 error-free bits from bit 1: bits 20-22 are ONEs forced in place of register "
                              "ZEROs, which the checker must try as ZEROs to synchronise at once",
                              bits_at(name, 1, 2040), list(range(1, 2041))))

        tests = []
        for comment, received, truth in scenarios:
            expected = model_check(name, received, truth)
            agree(f"{name} {comment}", REFERENCE.check(name, received), expected)
            tests.append({"id": len(tests) + 1, "comment": comment, "input": {"bits": received},
                          "expected": expected, "result": "valid", "flags": []})
        write_vector_file(
            VECTORS / f"check-{name}.json", recommendation=REC, vector_set=f"check-{name}", interface="check",
            header=[f"The pattern checker on {name}: error-free, isolated errors, a slip, a burst, the "
                    "wrongly inverted pattern, and inputs too short to synchronise.",
                    "Rules (interface description): synchronise when n received bits, loaded as the register, "
                    f"reproduce 2n received bits{FORCED_ONES if zeros is not None else ''}; count errors while "
                    "synchronised; lose synchronisation at 16 errors in the last 64 compared bits.",
                    "Expected: a model of those rules that knows each received bit's true position.",
                    LICENCE],
            groups=[{"parameters": {"pattern": name}, "comment": "", "tests": tests}],
        )


UNKNOWN = [("prbs-7", "2^7-1 is not an O.150 pattern"), ("PRBS-15", "names are case-sensitive"),
           ("2^15-1", "the period is not the name"), ("", "empty name"), ("prbs-20-qrss", "not the name used"),
           ("prbs-15 ", "trailing space")]


def invalid_sets() -> None:
    tests = []
    for name, comment in UNKNOWN:
        try:
            REFERENCE.generate(name, 0, 8)
        except ValueError:
            pass
        else:
            raise SystemExit(f"{name!r} accepted")
        tests.append({"id": len(tests) + 1, "comment": comment,
                      "input": {"pattern": name, "offset": 0, "count": 8}, "result": "invalid", "flags": []})
    for values, comment in (({"pattern": "prbs-9", "offset": -1, "count": 8}, "negative offset"),
                            ({"pattern": "prbs-9", "offset": 0, "count": -1}, "negative count")):
        try:
            REFERENCE.generate(**values)  # type: ignore[arg-type]
        except ValueError:
            pass
        else:
            raise SystemExit(f"{comment} accepted")
        tests.append({"id": len(tests) + 1, "comment": comment, "input": values, "result": "invalid", "flags": []})
    write_vector_file(VECTORS / "generate-invalid.json", recommendation=REC, vector_set="generate-invalid",
                      interface="generate", header=["Requests a generator must reject.", LICENCE],
                      groups=[{"comment": "", "tests": tests}])
    tests = []
    for name, comment in UNKNOWN:
        tests.append({"id": len(tests) + 1, "comment": comment, "input": {"pattern": name, "bits": [0, 1] * 40},
                      "result": "invalid", "flags": []})
    tests.append({"id": len(tests) + 1, "comment": "a value that is not a bit",
                  "input": {"pattern": "prbs-9", "bits": [0, 1, 2]}, "result": "invalid", "flags": []})
    for test in tests:
        try:
            REFERENCE.check(**test["input"])
        except ValueError:
            continue
        raise SystemExit(f"{test['comment']} accepted")
    write_vector_file(VECTORS / "check-invalid.json", recommendation=REC, vector_set="check-invalid",
                      interface="check", header=["Requests a checker must reject.", LICENCE],
                      groups=[{"comment": "", "tests": tests}])


def main() -> None:
    generate_sets()
    check_sets()
    invalid_sets()


if __name__ == "__main__":
    main()

"""Generate the ITU-T G.107 (E-model) vector sets.

Run from the repository root: ``python tools/vectors/g107.py``. No independent E-model library
exists, so the expected values of the generated sets come from :func:`transcription`, a second,
vectorised (numpy) transcription of equations 7-1 to 7-29 and B-4 kept apart from
reference_impl.g107 and written without looking at it; the two must agree within 1e-9 before a
file is written. The official sets hold the figures the Recommendation itself states.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import refresh_hashes, write_vector_file  # noqa: E402

from reference_impl.g107 import Implementation  # noqa: E402

FOLDER = ROOT / "recommendations" / "g107"
REC = "ITU-T G.107"
SEED = 107
AGREEMENT = 1e-9
DEFAULTS: dict[str, float] = {  # Table 3
    "SLR": 8.0, "RLR": 2.0, "STMR": 15.0, "LSTR": 18.0, "Ds": 3.0, "Dr": 3.0, "TELR": 65.0,
    "WEPL": 110.0, "T": 0.0, "Tr": 0.0, "Ta": 0.0, "qdu": 1.0, "Ie": 0.0, "Bpl": 4.3,
    "Ppl": 0.0, "BurstR": 1.0, "Nc": -70.0, "Nfor": -64.0, "Ps": 35.0, "Pr": 35.0, "A": 0.0,
    "mT": 100.0, "sT": 1.0,
}
RANGES: dict[str, tuple[float, float]] = {  # Table 3, permitted ranges
    "SLR": (0, 18), "RLR": (-5, 14), "STMR": (10, 20), "LSTR": (13, 23), "Ds": (-3, 3),
    "Dr": (-3, 3), "TELR": (5, 65), "WEPL": (5, 110), "T": (0, 500), "Tr": (0, 1000),
    "Ta": (0, 500), "qdu": (1, 14), "Ie": (0, 40), "Bpl": (4.3, 40), "Ppl": (0, 20),
    "BurstR": (1, 8), "Nc": (-80, -40), "Ps": (35, 85), "Pr": (35, 85), "A": (0, 20),
}
REFERENCE = Implementation()


def transcription(q: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """R and its factors for arrays of parameters, straight from equations 7-1 to 7-29."""
    def db_sum(*levels: np.ndarray) -> np.ndarray:
        return 10 * np.log10(sum(np.power(10.0, level / 10) for level in levels))

    olr = q["SLR"] + q["RLR"]
    pre = q["Pr"] + 10 * np.log10(1 + np.power(10.0, (10 - q["LSTR"]) / 10))
    no = db_sum(q["Nc"],
                q["Ps"] - q["SLR"] - q["Ds"] - 100 + 0.004 * (q["Ps"] - olr - q["Ds"] - 14) ** 2,
                q["RLR"] - 121 + pre + 0.008 * (pre - 35) ** 2,
                q["Nfor"] + q["RLR"])
    ro = 15 - 1.5 * (q["SLR"] + no)

    xolr = olr + 0.2 * (64 + no - q["RLR"])
    iolr = 20 * ((1 + (xolr / 8) ** 8) ** 0.125 - xolr / 8)
    stmro = -10 * np.log10(np.power(10.0, -q["STMR"] / 10) + np.exp(-q["T"] / 4) * np.power(10.0, -q["TELR"] / 10))
    ist = (12 * (1 + ((stmro - 13) / 6) ** 8) ** (1 / 8) - 28 * (1 + ((stmro + 1) / 19.4) ** 35) ** (1 / 35)
           - 13 * (1 + ((stmro - 3) / 33) ** 13) ** (1 / 13) + 29)
    quality = 37 - 15 * np.log10(q["qdu"])
    g = 1.07 + 0.258 * quality + 0.0602 * quality**2
    iq = 15 * np.log10(1 + np.power(10.0, (ro - 100) / 15 + 46 / 8.4 - g / 9) + np.power(10.0, 46 / 30 - g / 40))
    is_ = iolr + ist + iq

    terv = q["TELR"] - 40 * np.log10((1 + q["T"] / 10) / (1 + q["T"] / 150)) + 6 * np.exp(-0.3 * q["T"] ** 2)
    roe, re = -1.5 * (no - q["RLR"]), 80 + 2.5 * (terv - 14)
    idte = np.where(q["T"] < 1, 0.0,
                    ((roe - re) / 2 + np.sqrt((roe - re) ** 2 / 4 + 100) - 1) * (1 - np.exp(-q["T"])))
    rle = 10.5 * (q["WEPL"] + 7) * (q["Tr"] + 1) ** -0.25
    idle = (ro - rle) / 2 + np.sqrt((ro - rle) ** 2 / 4 + 169)
    x = np.log2(np.maximum(q["Ta"], q["mT"]) / q["mT"])
    e = 6 * q["sT"]
    idd = np.where(q["Ta"] <= q["mT"], 0.0,
                   25 * ((1 + x**e) ** (1 / e) - 3 * (1 + (x / 3) ** e) ** (1 / e) + 2))
    id_ = idte + idle + idd

    ie_eff = q["Ie"] + (95 - q["Ie"]) * q["Ppl"] / (q["Ppl"] / q["BurstR"] + q["Bpl"])
    return {"R": ro - is_ - id_ - ie_eff + q["A"], "Ro": ro, "Is": is_, "Id": id_, "Ie_eff": ie_eff}


def mos_transcription(r: np.ndarray) -> np.ndarray:
    """MOS_CQE of equation B-4 for an array of ratings."""
    return np.where(r < 0, 1.0, np.where(r > 100, 4.5, 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6))


def expected_ratings(cases: list[dict[str, float]]) -> list[dict[str, float]]:
    """Expected R and factors per case, from the transcription, checked against the reference."""
    arrays = {name: np.array([case[name] for case in cases], dtype=float) for name in DEFAULTS}
    results = transcription(arrays)
    rows = []
    for index, case in enumerate(cases):
        row = {name: float(values[index]) for name, values in results.items()}
        reference = {**REFERENCE.rating(**case), **REFERENCE.factors(**case)}
        for name, value in row.items():
            if abs(reference[name] - value) > AGREEMENT:
                raise SystemExit(f"{name} disagrees for {case}: reference {reference[name]}, transcription {value}")
        rows.append(row)
    return rows


def rounded(value: float) -> float:
    """Twelve significant digits: far below every tolerance, and stable across platforms' libm."""
    return float(f"{value:.12g}")


def only(parameters: dict[str, float]) -> dict[str, float]:
    """The parameters that differ from the defaults (a test's input over the group's defaults)."""
    return {name: value for name, value in parameters.items() if DEFAULTS[name] != value}


def rejected(call: Any, **arguments: Any) -> bool:
    try:
        call(**arguments)
    except ValueError:
        return True
    return False


def rating_sets() -> list[tuple[str, str, list[str], list[dict[str, Any]]]]:
    official = [{"id": 1, "comment": "all parameters at their Table 3 defaults: R = 93.2 (clause 7.7)",
                 "input": {}, "expected": {"R": 93.2}}]
    assert abs(REFERENCE.rating(**DEFAULTS)["R"] - 93.2) <= 0.01

    cases: list[dict[str, float]] = [dict(DEFAULTS)]
    comments = ["defaults"]
    for name, (low, high) in RANGES.items():
        for fraction in (0, 0.125, 0.25, 0.5, 0.75, 1):
            value = round(low + (high - low) * fraction, 6)
            if value != DEFAULTS[name]:
                cases.append({**DEFAULTS, name: value})
                comments.append(f"{name} = {value:g}, others default")
    for nfor in (-80.0, -70.0, -50.0):
        cases.append({**DEFAULTS, "Nfor": nfor})
        comments.append(f"Nfor = {nfor:g}, others default")
    for ta in (100.0, 150.0, 200.0, 300.0, 400.0, 500.0):
        for t, telr in ((0.0, 65.0), (ta, 65.0), (ta / 2, 45.0)):
            cases.append({**DEFAULTS, "Ta": ta, "T": t, "TELR": telr, "Tr": 2 * t})
            comments.append(f"Ta = {ta:g} ms, T = {t:g} ms, Tr = 2T, TELR = {telr:g} dB")
    for t in (0.5, 1.0, 2.0, 5.0):
        cases.append({**DEFAULTS, "T": t, "TELR": 25.0})
        comments.append(f"T = {t:g} ms with TELR = 25 dB: Idte is zero below 1 ms")
    sweep_rows = expected_ratings(cases)

    rng = random.Random(SEED)
    random_cases = []
    for _ in range(300):
        case = dict(DEFAULTS)
        for name in rng.sample(sorted(RANGES), rng.randrange(1, len(RANGES) + 1)):
            low, high = RANGES[name]
            case[name] = round(rng.uniform(low, high), 3)
        case["Nfor"] = round(rng.uniform(-80, -50), 3) if rng.random() < 0.3 else DEFAULTS["Nfor"]
        random_cases.append(case)
    random_rows = expected_ratings(random_cases)

    invalid = []
    test_id = 9001
    for name, (low, high) in RANGES.items():
        for value, side in ((low - 0.5, "below"), (high + 0.5, "above")):
            assert rejected(REFERENCE.rating, **{**DEFAULTS, name: value})
            invalid.append({"id": test_id, "comment": f"{name} = {value:g}, {side} its permitted range",
                            "input": {name: value}, "result": "invalid"})
            test_id += 1
    for name, value in (("mT", 0.0), ("sT", 0.0), ("sT", -1.0)):
        assert rejected(REFERENCE.rating, **{**DEFAULTS, name: value})
        invalid.append({"id": test_id, "comment": f"{name} = {value:g}: must be positive",
                        "input": {name: value}, "result": "invalid"})
        test_id += 1

    def tests(rows: list[dict[str, float]], inputs: list[dict[str, float]], labels: list[str] | None,
              outputs: tuple[str, ...], start: int) -> list[dict[str, Any]]:
        return [{"id": start + index, **({"comment": labels[index]} if labels else {}),
                 "input": only(case), "expected": {name: rounded(row[name]) for name in outputs}}
                for index, (case, row) in enumerate(zip(inputs, rows, strict=True))]

    factor_names = ("Ro", "Is", "Id", "Ie_eff")
    header = ["Group parameters are the Table 3 defaults; each test overrides some of them."]
    generated_note = ("Expected values: tools/vectors/g107.py's numpy transcription of equations 7-1 to 7-29, "
                      "agreeing with the reference within 1e-9, rounded to 12 significant digits.")
    return [
        ("rating-defaults", "rating", ["The Recommendation's own figure: R = 93.2 with every parameter at its default.",
                                       *header], [{"parameters": DEFAULTS, "comment": "", "tests": official}]),
        ("rating-sweeps", "rating",
         ["Each ranged parameter of Table 3 at 1/8 steps across its range, the others at their defaults;",
          "Nfor; delays with and without echo; then every parameter just outside its range (tests 9001 on),",
          "which must be rejected.", generated_note, *header],
         [{"parameters": DEFAULTS, "comment": "", "tests": tests(sweep_rows, cases, comments, ("R",), 1) + invalid}]),
        ("rating-random", "rating",
         ["300 seeded random parameter sets within the permitted ranges.", generated_note, *header],
         [{"parameters": DEFAULTS, "comment": "", "tests": tests(random_rows, random_cases, None, ("R",), 1)}]),
        ("factors-sweeps", "factors",
         ["Ro, Is, Id and Ie,eff for the cases of rating-sweeps.", generated_note, *header],
         [{"parameters": DEFAULTS, "comment": "", "tests": tests(sweep_rows, cases, comments, factor_names, 1)}]),
        ("factors-random", "factors",
         ["Ro, Is, Id and Ie,eff for the cases of rating-random.", generated_note, *header],
         [{"parameters": DEFAULTS, "comment": "",
           "tests": tests(random_rows, random_cases, None, factor_names, 1)}]),
    ]


TABLE_B1 = [(90.0, 4.34), (80.0, 4.03), (70.0, 3.60), (60.0, 3.10), (50.0, 2.58)]


def mos_sets() -> list[tuple[str, str, list[str], list[dict[str, Any]]]]:
    official = []
    for index, (r, mos) in enumerate(TABLE_B1, start=1):
        # Table B.1's figures are not all B-4 rounded: it prints 4.03 for R = 80, B-4 gives 4.024
        assert abs(REFERENCE.mos(r)["MOS"] - mos) <= 0.01
        official.append({"id": index, "comment": f"Table B.1: R = {r:g} gives MOS_CQE {mos:.2f}",
                         "input": {"R": r}, "expected": {"MOS": mos}})
    ratings = np.round(np.arange(-20.0, 120.25, 0.25), 2)
    values = mos_transcription(ratings)
    tests = []
    for index, (r, mos) in enumerate(zip(ratings, values, strict=True), start=1):
        assert abs(REFERENCE.mos(float(r))["MOS"] - mos) <= AGREEMENT
        tests.append({"id": index, "input": {"R": float(r)}, "expected": {"MOS": rounded(float(mos))}})
    return [
        ("mos-table-b1", "mos", ["Annex B, Table B.1: the lower limits of R and MOS_CQE of the user satisfaction "
                                 "categories, the MOS printed to two decimals (for R = 80 the table's 4.03 is",
                                 "0.006 above equation B-4's 4.024; the interface's tolerance of 0.01 admits both)."],
         [{"comment": "", "tests": official}]),
        ("mos-generated", "mos", ["R from -20 to 120 in steps of 0.25, across both clamps of equation B-4.",
                                  "Expected values: tools/vectors/g107.py's own transcription of B-4."],
         [{"comment": "", "tests": tests}]),
    ]


def packet_loss_sets() -> list[tuple[str, str, list[str], list[dict[str, Any]]]]:
    rng = random.Random(SEED + 1)
    cases = [(0.0, 0.0, 4.3, 1.0), (0.0, 20.0, 4.3, 1.0), (40.0, 20.0, 4.3, 8.0), (11.0, 2.0, 19.0, 1.0),
             (0.0, 1.0, 25.1, 1.0), (10.0, 5.0, 40.0, 3.5)]
    cases += [(round(rng.uniform(0, 40), 3), round(rng.uniform(0, 20), 3), round(rng.uniform(4.3, 40), 3),
               round(rng.uniform(1, 8), 3)) for _ in range(300)]
    tests = []
    for index, (ie, ppl, bpl, burst) in enumerate(cases, start=1):
        arrays = {**{name: np.array([value]) for name, value in DEFAULTS.items()},
                  "Ie": np.array([ie]), "Ppl": np.array([ppl]), "Bpl": np.array([bpl]), "BurstR": np.array([burst])}
        expected = float(transcription(arrays)["Ie_eff"][0])
        got = REFERENCE.effective_equipment_impairment(Ie=ie, Ppl=ppl, Bpl=bpl, BurstR=burst)["Ie_eff"]
        assert abs(got - expected) <= AGREEMENT
        tests.append({"id": index, "input": {"Ie": ie, "Ppl": ppl, "Bpl": bpl, "BurstR": burst},
                      "expected": {"Ie_eff": rounded(expected)}})
    bad = [("Ie", -0.5), ("Ie", 40.5), ("Ppl", -0.1), ("Ppl", 20.5), ("Bpl", 4.2), ("Bpl", 40.5),
           ("BurstR", 0.9), ("BurstR", 8.5)]
    for offset, (name, value) in enumerate(bad):
        arguments = {"Ie": 0.0, "Ppl": 1.0, "Bpl": 4.3, "BurstR": 1.0, name: value}
        assert rejected(REFERENCE.effective_equipment_impairment, **arguments)
        tests.append({"id": 9001 + offset, "comment": f"{name} = {value:g} is outside its permitted range",
                      "input": arguments, "result": "invalid"})
    return [("ie-eff-generated", "effective_equipment_impairment",
             ["Equation 7-29: six chosen and 300 seeded random (Ie, Ppl, Bpl, BurstR) within Table 3's ranges,",
              "then out-of-range inputs (tests 9001 on), which must be rejected.",
              "Expected values: tools/vectors/g107.py's own transcription of 7-29."],
             [{"comment": "", "tests": tests}])]


def main() -> None:
    hashes = {}
    for set_id, interface, header, groups in [*rating_sets(), *mos_sets(), *packet_loss_sets()]:
        file = f"vectors/{set_id}.json"
        hashes[file] = write_vector_file(FOLDER / file, recommendation=REC, vector_set=set_id,
                                         interface=interface, header=header, groups=groups)
        print(f"{set_id}: {hashes[file]}")
    refresh_hashes(FOLDER)


if __name__ == "__main__":
    main()

"""CVSS vector strings (v3.0, v3.1, v4.0) turned into a score and a qualitative severity.

Written from the FIRST specifications: CVSS v3.1 section 7 (equations and weights, also used
for v3.0 with its own round-up) and CVSS v4.0 section 8 (MacroVector lookup and interpolation
by severity distance). The v4.0 MacroVector scores, the highest-severity vectors of each
equivalence class and the class depths are data published by FIRST with the specification
(BSD-2-Clause calculator data); they are facts and are reproduced here as tables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import product
from typing import Literal

Severity = Literal["none", "low", "medium", "high", "critical"]


class CvssError(ValueError):
    """A CVSS vector string that cannot be read or scored."""


@dataclass(frozen=True, slots=True)
class CvssScore:
    """The score of one vector: version, numeric score (0.0-10.0) and qualitative severity."""

    version: str
    vector: str
    score: float
    severity: Severity


def severity_of(score: float) -> Severity:
    """The qualitative rating of a score (the same scale in v3.x and v4.0)."""
    if score <= 0.0:
        return "none"
    if score < 4.0:
        return "low"
    if score < 7.0:
        return "medium"
    if score < 9.0:
        return "high"
    return "critical"


def score_vector(vector: str) -> CvssScore:
    """Score a CVSS v3.0, v3.1 or v4.0 vector string."""
    text = vector.strip()
    prefix, _, _ = text.partition("/")
    if prefix in ("CVSS:3.0", "CVSS:3.1"):
        value = _score_v3(text, prefix[5:])
        version = prefix[5:]
    elif prefix == "CVSS:4.0":
        value = _score_v4(text)
        version = "4.0"
    else:
        raise CvssError(f"unsupported CVSS vector prefix {prefix!r} in {vector!r}")
    return CvssScore(version=version, vector=text, score=value, severity=severity_of(value))


def _parse_metrics(vector: str, allowed: dict[str, tuple[str, ...]], required: tuple[str, ...]
                   ) -> dict[str, str]:
    parts = vector.split("/")[1:]
    metrics: dict[str, str] = {}
    for part in parts:
        key, sep, value = part.partition(":")
        if not sep or key not in allowed:
            raise CvssError(f"unknown metric {part!r} in {vector!r}")
        if key in metrics:
            raise CvssError(f"metric {key} given twice in {vector!r}")
        if value not in allowed[key]:
            raise CvssError(f"metric {key} has no value {value!r} in {vector!r}")
        metrics[key] = value
    missing = [key for key in required if key not in metrics]
    if missing:
        raise CvssError(f"base metrics {', '.join(missing)} missing in {vector!r}")
    return metrics


# --- CVSS v3.x -------------------------------------------------------------------------------

_V3_BASE = ("AV", "AC", "PR", "UI", "S", "C", "I", "A")
_CIA = ("H", "L", "N")
_CIA_X = ("X", "H", "L", "N")
_V3_ALLOWED: dict[str, tuple[str, ...]] = {
    "AV": ("N", "A", "L", "P"), "AC": ("L", "H"), "PR": ("N", "L", "H"), "UI": ("N", "R"),
    "S": ("U", "C"), "C": _CIA, "I": _CIA, "A": _CIA,
    "E": ("X", "H", "F", "P", "U"), "RL": ("X", "U", "W", "T", "O"), "RC": ("X", "C", "R", "U"),
    "CR": ("X", "H", "M", "L"), "IR": ("X", "H", "M", "L"), "AR": ("X", "H", "M", "L"),
    "MAV": ("X", "N", "A", "L", "P"), "MAC": ("X", "L", "H"), "MPR": ("X", "N", "L", "H"),
    "MUI": ("X", "N", "R"), "MS": ("X", "U", "C"), "MC": _CIA_X, "MI": _CIA_X, "MA": _CIA_X,
}
_V3_AV = {"N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2}
_V3_AC = {"L": 0.77, "H": 0.44}
_V3_PR_UNCHANGED = {"N": 0.85, "L": 0.62, "H": 0.27}
_V3_PR_CHANGED = {"N": 0.85, "L": 0.68, "H": 0.5}
_V3_UI = {"N": 0.85, "R": 0.62}
_V3_CIA = {"H": 0.56, "L": 0.22, "N": 0.0}
_V3_E = {"X": 1.0, "H": 1.0, "F": 0.97, "P": 0.94, "U": 0.91}
_V3_RL = {"X": 1.0, "U": 1.0, "W": 0.97, "T": 0.96, "O": 0.95}
_V3_RC = {"X": 1.0, "C": 1.0, "R": 0.96, "U": 0.92}
_V3_REQ = {"X": 1.0, "H": 1.5, "M": 1.0, "L": 0.5}


def _roundup_v31(value: float) -> float:
    # v3.1 Appendix A: integer arithmetic avoids float artefacts such as 4.000000001 -> 4.1.
    scaled = round(value * 100_000)
    if scaled % 10_000 == 0:
        return scaled / 100_000
    return (math.floor(scaled / 10_000) + 1) / 10.0


def _roundup_v30(value: float) -> float:
    return math.ceil(value * 10) / 10


def _score_v3(vector: str, version: str) -> float:
    m = _parse_metrics(vector, _V3_ALLOWED, _V3_BASE)
    roundup = _roundup_v31 if version == "3.1" else _roundup_v30

    def pick(name: str) -> str:
        modified = m.get("M" + name, "X")
        return m[name] if modified == "X" else modified

    environmental = any(m.get(k, "X") != "X" for k in _V3_ALLOWED if k.startswith(("M", "CR", "IR", "AR")))
    temporal = _V3_E[m.get("E", "X")] * _V3_RL[m.get("RL", "X")] * _V3_RC[m.get("RC", "X")]

    if not environmental:
        changed = m["S"] == "C"
        iss = 1 - (1 - _V3_CIA[m["C"]]) * (1 - _V3_CIA[m["I"]]) * (1 - _V3_CIA[m["A"]])
        impact = 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 if changed else 6.42 * iss
        pr = (_V3_PR_CHANGED if changed else _V3_PR_UNCHANGED)[m["PR"]]
        exploitability = 8.22 * _V3_AV[m["AV"]] * _V3_AC[m["AC"]] * pr * _V3_UI[m["UI"]]
        if impact <= 0:
            return 0.0
        base = roundup(min((1.08 if changed else 1.0) * (impact + exploitability), 10))
        return roundup(base * temporal)

    changed = pick("S") == "C"
    cr, ir, ar = (_V3_REQ[m.get(k, "X")] for k in ("CR", "IR", "AR"))
    miss = min(1 - (1 - cr * _V3_CIA[pick("C")]) * (1 - ir * _V3_CIA[pick("I")])
               * (1 - ar * _V3_CIA[pick("A")]), 0.915)
    if changed:
        # v3.0 and v3.1 differ only in this term of the modified impact.
        tail = (miss * 0.9731 - 0.02) ** 13 if version == "3.1" else (miss - 0.02) ** 15
        impact = 7.52 * (miss - 0.029) - 3.25 * tail
    else:
        impact = 6.42 * miss
    pr = (_V3_PR_CHANGED if changed else _V3_PR_UNCHANGED)[pick("PR")]
    exploitability = 8.22 * _V3_AV[pick("AV")] * _V3_AC[pick("AC")] * pr * _V3_UI[pick("UI")]
    if impact <= 0:
        return 0.0
    inner = min((1.08 if changed else 1.0) * (impact + exploitability), 10)
    return roundup(roundup(inner) * temporal)


# --- CVSS v4.0 -------------------------------------------------------------------------------

_V4_BASE = ("AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA")
_V4_ALLOWED: dict[str, tuple[str, ...]] = {
    "AV": ("N", "A", "L", "P"), "AC": ("L", "H"), "AT": ("N", "P"), "PR": ("N", "L", "H"),
    "UI": ("N", "P", "A"), "VC": _CIA, "VI": _CIA, "VA": _CIA, "SC": _CIA, "SI": _CIA, "SA": _CIA,
    "E": ("X", "A", "P", "U"),
    "CR": ("X", "H", "M", "L"), "IR": ("X", "H", "M", "L"), "AR": ("X", "H", "M", "L"),
    "MAV": ("X", "N", "A", "L", "P"), "MAC": ("X", "L", "H"), "MAT": ("X", "N", "P"),
    "MPR": ("X", "N", "L", "H"), "MUI": ("X", "N", "P", "A"),
    "MVC": _CIA_X, "MVI": _CIA_X, "MVA": _CIA_X, "MSC": _CIA_X,
    "MSI": ("X", "S", "H", "L", "N"), "MSA": ("X", "S", "H", "L", "N"),
    # Supplemental metrics carry no weight in the score but are valid in a vector.
    "S": ("X", "N", "P"), "AU": ("X", "N", "Y"), "R": ("X", "A", "U", "I"),
    "V": ("X", "D", "C"), "RE": ("X", "L", "M", "H"), "U": ("X", "Clear", "Green", "Amber", "Red"),
}

# Severity level of each metric value, in steps of 0.1 from the most severe value (0.0).
_V4_LEVEL: dict[str, dict[str, float]] = {
    "AV": {"N": 0.0, "A": 0.1, "L": 0.2, "P": 0.3},
    "PR": {"N": 0.0, "L": 0.1, "H": 0.2},
    "UI": {"N": 0.0, "P": 0.1, "A": 0.2},
    "AC": {"L": 0.0, "H": 0.1},
    "AT": {"N": 0.0, "P": 0.1},
    "VC": {"H": 0.0, "L": 0.1, "N": 0.2},
    "VI": {"H": 0.0, "L": 0.1, "N": 0.2},
    "VA": {"H": 0.0, "L": 0.1, "N": 0.2},
    "SC": {"H": 0.1, "L": 0.2, "N": 0.3},
    "SI": {"S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3},
    "SA": {"S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3},
    "CR": {"H": 0.0, "M": 0.1, "L": 0.2},
    "IR": {"H": 0.0, "M": 0.1, "L": 0.2},
    "AR": {"H": 0.0, "M": 0.1, "L": 0.2},
}

# MacroVector -> score (FIRST CVSS v4.0 lookup table; key digits are EQ1..EQ6).
_V4_MACRO_SCORES_TEXT = """
000000 10 000001 9.9 000010 9.8 000011 9.5 000020 9.5 000021 9.2 000100 10 000101 9.6
000110 9.3 000111 8.7 000120 9.1 000121 8.1 000200 9.3 000201 9 000210 8.9 000211 8
000220 8.1 000221 6.8 001000 9.8 001001 9.5 001010 9.5 001011 9.2 001020 9 001021 8.4
001100 9.3 001101 9.2 001110 8.9 001111 8.1 001120 8.1 001121 6.5 001200 8.8 001201 8
001210 7.8 001211 7 001220 6.9 001221 4.8 002001 9.2 002011 8.2 002021 7.2 002101 7.9
002111 6.9 002121 5 002201 6.9 002211 5.5 002221 2.7 010000 9.9 010001 9.7 010010 9.5
010011 9.2 010020 9.2 010021 8.5 010100 9.5 010101 9.1 010110 9 010111 8.3 010120 8.4
010121 7.1 010200 9.2 010201 8.1 010210 8.2 010211 7.1 010220 7.2 010221 5.3 011000 9.5
011001 9.3 011010 9.2 011011 8.5 011020 8.5 011021 7.3 011100 9.2 011101 8.2 011110 8
011111 7.2 011120 7 011121 5.9 011200 8.4 011201 7 011210 7.1 011211 5.2 011220 5
011221 3 012001 8.6 012011 7.5 012021 5.2 012101 7.1 012111 5.2 012121 2.9 012201 6.3
012211 2.9 012221 1.7 100000 9.8 100001 9.5 100010 9.4 100011 8.7 100020 9.1 100021 8.1
100100 9.4 100101 8.9 100110 8.6 100111 7.4 100120 7.7 100121 6.4 100200 8.7 100201 7.5
100210 7.4 100211 6.3 100220 6.3 100221 4.9 101000 9.4 101001 8.9 101010 8.8 101011 7.7
101020 7.6 101021 6.7 101100 8.6 101101 7.6 101110 7.4 101111 5.8 101120 5.9 101121 5
101200 7.2 101201 5.7 101210 5.7 101211 5.2 101220 5.2 101221 2.5 102001 8.3 102011 7
102021 5.4 102101 6.5 102111 5.8 102121 2.6 102201 5.3 102211 2.1 102221 1.3 110000 9.5
110001 9 110010 8.8 110011 7.6 110020 7.6 110021 7 110100 9 110101 7.7 110110 7.5
110111 6.2 110120 6.1 110121 5.3 110200 7.7 110201 6.6 110210 6.8 110211 5.9 110220 5.2
110221 3 111000 8.9 111001 7.8 111010 7.6 111011 6.7 111020 6.2 111021 5.8 111100 7.4
111101 5.9 111110 5.7 111111 5.7 111120 4.7 111121 2.3 111200 6.1 111201 5.2 111210 5.7
111211 2.9 111220 2.4 111221 1.6 112001 7.1 112011 5.9 112021 3 112101 5.8 112111 2.6
112121 1.5 112201 2.3 112211 1.3 112221 0.6 200000 9.3 200001 8.7 200010 8.6 200011 7.2
200020 7.5 200021 5.8 200100 8.6 200101 7.4 200110 7.4 200111 6.1 200120 5.6 200121 3.4
200200 7 200201 5.4 200210 5.2 200211 4 200220 4 200221 2.2 201000 8.5 201001 7.5
201010 7.4 201011 5.5 201020 6.2 201021 5.1 201100 7.2 201101 5.7 201110 5.5 201111 4.1
201120 4.6 201121 1.9 201200 5.3 201201 3.6 201210 3.4 201211 1.9 201220 1.9 201221 0.8
202001 6.4 202011 5.1 202021 2 202101 4.7 202111 2.1 202121 1.1 202201 2.4 202211 0.9
202221 0.4 210000 8.8 210001 7.5 210010 7.3 210011 5.3 210020 6 210021 5 210100 7.3
210101 5.5 210110 5.9 210111 4 210120 4.1 210121 2 210200 5.4 210201 4.3 210210 4.5
210211 2.2 210220 2 210221 1.1 211000 7.5 211001 5.5 211010 5.8 211011 4.5 211020 4
211021 2.1 211100 6.1 211101 5.1 211110 4.8 211111 1.8 211120 2 211121 0.9 211200 4.6
211201 1.8 211210 1.7 211211 0.7 211220 0.8 211221 0.2 212001 5.3 212011 2.4 212021 1.4
212101 2.4 212111 1.2 212121 0.5 212201 1 212211 0.3 212221 0.1
"""
_V4_MACRO_SCORES: dict[tuple[int, ...], float] = {}
_tokens = _V4_MACRO_SCORES_TEXT.split()
for _key, _value in zip(_tokens[0::2], _tokens[1::2], strict=True):
    _V4_MACRO_SCORES[tuple(int(digit) for digit in _key)] = float(_value)
del _tokens

# Highest-severity vectors of each class (FIRST data), as metric->value maps.
def _vectors(*texts: str) -> tuple[dict[str, str], ...]:
    return tuple(dict(part.split(":") for part in text.split("/")) for text in texts)


_V4_TOP_EQ1 = {0: _vectors("AV:N/PR:N/UI:N"),
               1: _vectors("AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"),
               2: _vectors("AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P")}
_V4_TOP_EQ2 = {0: _vectors("AC:L/AT:N"), 1: _vectors("AC:H/AT:N", "AC:L/AT:P")}
_V4_TOP_EQ3_EQ6 = {
    (0, 0): _vectors("VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"),
    (0, 1): _vectors("VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"),
    (1, 0): _vectors("VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"),
    (1, 1): _vectors("VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M",
                     "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M", "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H",
                     "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M"),
    (2, 1): _vectors("VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"),
}
_V4_TOP_EQ4 = {0: _vectors("SC:H/SI:S/SA:S"), 1: _vectors("SC:H/SI:H/SA:H"),
               2: _vectors("SC:L/SI:L/SA:L")}
# Depth of each class in severity steps (FIRST data); the distance is normalised by it.
_V4_DEPTH_EQ1 = {0: 1, 1: 4, 2: 5}
_V4_DEPTH_EQ2 = {0: 1, 1: 2}
_V4_DEPTH_EQ3_EQ6 = {(0, 0): 7, (0, 1): 6, (1, 0): 8, (1, 1): 8, (2, 1): 10}
_V4_DEPTH_EQ4 = {0: 6, 1: 5, 2: 4}
_STEP = 0.1


def _effective_v4(m: dict[str, str]) -> dict[str, str]:
    effective: dict[str, str] = {}
    for name in _V4_BASE:
        modified = m.get("M" + name, "X")
        effective[name] = m[name] if modified == "X" else modified
    for name in ("CR", "IR", "AR"):
        effective[name] = "H" if m.get(name, "X") == "X" else m[name]
    effective["E"] = "A" if m.get("E", "X") == "X" else m["E"]
    return effective


def _macrovector(e: dict[str, str]) -> tuple[int, int, int, int, int, int]:
    av, pr, ui = e["AV"], e["PR"], e["UI"]
    if av == "N" and pr == "N" and ui == "N":
        eq1 = 0
    elif (av == "N" or pr == "N" or ui == "N") and av != "P":
        eq1 = 1
    else:
        eq1 = 2
    eq2 = 0 if e["AC"] == "L" and e["AT"] == "N" else 1
    vc, vi, va = e["VC"], e["VI"], e["VA"]
    if vc == "H" and vi == "H":
        eq3 = 0
    elif "H" in (vc, vi, va):
        eq3 = 1
    else:
        eq3 = 2
    if e["SI"] == "S" or e["SA"] == "S":
        eq4 = 0
    elif "H" in (e["SC"], e["SI"], e["SA"]):
        eq4 = 1
    else:
        eq4 = 2
    eq5 = {"A": 0, "P": 1, "U": 2}[e["E"]]
    high_requirement_met = ((e["CR"] == "H" and vc == "H") or (e["IR"] == "H" and vi == "H")
                            or (e["AR"] == "H" and va == "H"))
    eq6 = 0 if high_requirement_met else 1
    return eq1, eq2, eq3, eq4, eq5, eq6


def _distance(e: dict[str, str], top: dict[str, str], names: tuple[str, ...]) -> float:
    return sum(_V4_LEVEL[n][e[n]] - _V4_LEVEL[n][top[n]] for n in names)


def _score_v4(vector: str) -> float:
    m = _parse_metrics(vector, _V4_ALLOWED, _V4_BASE)
    e = _effective_v4(m)
    if all(e[n] == "N" for n in ("VC", "VI", "VA", "SC", "SI", "SA")):
        return 0.0
    macro = _macrovector(e)
    eq1, eq2, eq3, eq4, eq5, eq6 = macro
    value = _V4_MACRO_SCORES[macro]

    def score_at(candidate: tuple[int, ...]) -> float | None:
        return _V4_MACRO_SCORES.get(candidate)

    # The next less severe MacroVector along each class; None where the class has no lower one.
    lower_eq1 = score_at((eq1 + 1, eq2, eq3, eq4, eq5, eq6))
    lower_eq2 = score_at((eq1, eq2 + 1, eq3, eq4, eq5, eq6))
    # EQ3 and EQ6 move together: from (0,0) either may step, and the higher neighbour counts.
    if (eq3, eq6) == (0, 0):
        options = [s for s in (score_at((eq1, eq2, 0, eq4, eq5, 1)),
                               score_at((eq1, eq2, 1, eq4, eq5, 0))) if s is not None]
        lower_eq3_eq6 = max(options) if options else None
    elif (eq3, eq6) == (1, 0):
        lower_eq3_eq6 = score_at((eq1, eq2, eq3, eq4, eq5, eq6 + 1))
    elif (eq3, eq6) in ((0, 1), (1, 1)):
        lower_eq3_eq6 = score_at((eq1, eq2, eq3 + 1, eq4, eq5, eq6))
    else:
        lower_eq3_eq6 = None
    lower_eq4 = score_at((eq1, eq2, eq3, eq4 + 1, eq5, eq6))
    lower_eq5 = score_at((eq1, eq2, eq3, eq4, eq5 + 1, eq6))

    # The most severe vector of this MacroVector that the given vector does not exceed.
    distances: tuple[float, float, float, float] | None = None
    for parts in product(_V4_TOP_EQ1[eq1], _V4_TOP_EQ2[eq2], _V4_TOP_EQ3_EQ6[(eq3, eq6)],
                         _V4_TOP_EQ4[eq4]):
        top: dict[str, str] = {}
        for part in parts:
            top.update(part)
        per_metric = [_V4_LEVEL[n][e[n]] - _V4_LEVEL[n][top[n]] for n in top]
        if all(d >= 0 for d in per_metric):
            distances = (
                _distance(e, top, ("AV", "PR", "UI")),
                _distance(e, top, ("AC", "AT")),
                _distance(e, top, ("VC", "VI", "VA", "CR", "IR", "AR")),
                _distance(e, top, ("SC", "SI", "SA")),
            )
            break
    if distances is None:  # pragma: no cover - the FIRST tables cover every MacroVector
        raise CvssError(f"no highest-severity vector found for {vector!r}")

    depths = (_V4_DEPTH_EQ1[eq1] * _STEP, _V4_DEPTH_EQ2[eq2] * _STEP,
              _V4_DEPTH_EQ3_EQ6[(eq3, eq6)] * _STEP, _V4_DEPTH_EQ4[eq4] * _STEP)
    lowers = (lower_eq1, lower_eq2, lower_eq3_eq6, lower_eq4)
    shifts: list[float] = []
    for lower, distance, depth in zip(lowers, distances, depths, strict=True):
        if lower is None:
            continue
        shifts.append((value - lower) * (distance / depth))
    if lower_eq5 is not None:
        shifts.append(0.0)  # EQ5 (exploit maturity) has depth 1: no distance within its class
    if shifts:
        value -= sum(shifts) / len(shifts)
    value = min(max(value, 0.0), 10.0)
    # Round half up at one decimal; the small offset absorbs binary float error (x.x4999...).
    return float(Decimal(str(round(value + 1e-9, 6))).quantize(Decimal("0.1"), ROUND_HALF_UP))

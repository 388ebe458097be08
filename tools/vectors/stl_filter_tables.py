"""Write the STL's filter coefficient tables as Python data for reference_impl/p341 and g712.

Run from the repository root with an openitu/STL checkout (commit
139db49783b5096abf40d4f271d74fda9d591d20): ``python tools/vectors/stl_filter_tables.py STL/src``.
Each table is read from the ``static float`` arrays of the named C function, every entry (a
decimal, or a ratio such as ``1584. / f24`` with f24 = 2**23) evaluated in double precision
and stored in single precision, as the C compiler does; a FIR table is then multiplied by its
gain and stored in single precision again, as the STL's fir_initialization does. The values
are written as exact decimal forms of those single-precision numbers, so the output is
deterministic and the C arithmetic starts from the same numbers.
"""

from __future__ import annotations

import ast
import operator
import re
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ORIGIN = "openitu/STL commit 139db49783b5096abf40d4f271d74fda9d591d20"
# FIR filters: name -> (file, fill function, gain, rate factor, kind U/D)
FIR = {
    "IRS_8K": ("fir/fir-irs.c", "fill_irs8khz", 1.0, 1, "D"),
    "IRS_16K": ("fir/fir-irs.c", "fill_irs16khz", 1.0, 1, "D"),
    "MODIFIED_IRS_16K": ("fir/fir-irs.c", "fill_modified_irs16khz", -1.0, 1, "D"),
    "MODIFIED_IRS_48K": ("fir/fir-irs.c", "fill_modified_irs48khz", -1.0, 1, "D"),
    "RECEIVE_MODIFIED_IRS_8K": ("fir/fir-irs.c", "fill_rx_modified_irs8khz", 1.0, 1, "D"),
    "RECEIVE_MODIFIED_IRS_16K": ("fir/fir-irs.c", "fill_rx_modified_irs16khz", 1.0, 1, "D"),
    "HALF_TILT_IRS_16K": ("fir/fir-hirs.c", "fill_ht_irs16khz", 1.08, 1, "D"),
    "DELTA_SM_16K": ("fir/fir-dsm.c", "fill_delta_sm_16khz", 1.0, 1, "D"),
    "PSOPHOMETRIC_8K": ("fir/fir-pso.c", "fill_psophometric_8khz", 1.0, 1, "D"),
    "MSIN_16K": ("fir/fir-msin.c", "fill_msin_16khz", 1.0, 1, "D"),
    "HQ_DOWN_2": ("fir/fir-flat.c", "fill_lp_2_to_1", 1.0, 2, "D"),
    "HQ_UP_2": ("fir/fir-flat.c", "fill_lp_2_to_1", 2.0, 2, "U"),
    "HQ_DOWN_3": ("fir/fir-flat.c", "fill_lp_3_to_1", 1.0, 3, "D"),
    "HQ_UP_3": ("fir/fir-flat.c", "fill_lp_3_to_1", 3.0, 3, "U"),
    "FLAT_DOWN_2": ("fir/fir-flat.c", "fill_flat_band_pass", 1.0, 2, "D"),
    "FLAT_UP_2": ("fir/fir-flat.c", "fill_flat_band_pass", 2.0, 2, "U"),
    "FLAT_16K": ("fir/fir-flat.c", "fill_flat_band_pass", 1.0, 1, "D"),
    "P341_16K": ("fir/fir-wb.c", "fill_p341_16khz", 1.0, 1, "D"),
    "BAND_PASS_5K_16K": ("fir/fir-wb.c", "fill_bp5k_16khz", 1.0, 1, "D"),
}
# Cascade-form IIR filters: name -> (file, fill function, gain, rate factor, kind)
CASCADE = {
    "IRS_IIR_8K": ("iir/iir-irs.c", "fill_iir_irs_8khz", 1.05133050e-04, 1, "D"),
    "IIR_FLAT_DOWN_3": ("iir/iir-flat.c", "fill_casc_iir_lp_3_to_1", 2.552013334e-04, 3, "D"),
    "IIR_FLAT_UP_3": ("iir/iir-flat.c", "fill_casc_iir_lp_3_to_1", 3.0 * 2.552013334e-04, 3, "U"),
}
G712_CASCADE = {"G712_CASCADE_8K": ("iir/cascg712.c", "fill_iir_G712_8khz", 0.695296250, 1, "D")}
# Parallel-form IIR (G.712): name -> (file, fill function, gain, rate factor, kind); K is in the fill function
PARALLEL = {
    "G712_16K": ("iir/iir-g712.c", "fill_iir_cof_16khz", 1.0, 1, "D"),
    "G712_DOWN_2": ("iir/iir-g712.c", "fill_iir_cof_16khz", 1.0, 2, "D"),
    "G712_UP_2": ("iir/iir-g712.c", "fill_iir_cof_16khz", 2.0, 2, "U"),
}
_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def single(value: float) -> float:
    """``value`` rounded to single precision."""
    return struct.unpack("<f", struct.pack("<f", value))[0]


def evaluate(text: str, names: dict[str, float]) -> float:
    """A C constant expression of numbers, names, + - * / and parentheses, in double precision."""
    text = re.sub(r"\(\s*(?:F|float|double)\s*\)", "", text.strip())  # casts: the value is stored as float anyway
    text = re.sub(r"(?<=[0-9.])[fFlL]\b", "", text)
    text = re.sub(r"\(float\)\s*0x([0-9A-Fa-f]+)", lambda m: str(float(int(m.group(1), 16))), text)
    text = re.sub(r"\b(\d+)\.(?!\d)", r"\1.0", text)

    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return float(node.value)
        if isinstance(node, ast.Name):
            return names[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            value = walk(node.operand)
            return -value if isinstance(node.op, ast.USub) else value
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](walk(node.left), walk(node.right))
        raise ValueError(f"unsupported expression {text!r}")

    return walk(ast.parse(text.strip(), mode="eval"))


def function_body(source: str, name: str) -> str:
    """The text of C function ``name``'s body."""
    match = re.search(rf"^\w[\w\s\*]*\b{name}\s*\([^)]*\)\s*\{{(.*?)^\}}", source, re.S | re.M)
    if match is None:
        raise LookupError(name)
    return match.group(1)


def arrays(source: str, function: str) -> tuple[list[list[float]], dict[str, float]]:
    """The static float arrays of ``function`` (entries in single precision) and its #define constants."""
    defines = {m.group(1): m.group(2) for m in re.finditer(r"^#define\s+(\w+)\s+(.+?)\s*(?:/\*.*)?$", source, re.M)}
    names: dict[str, float] = {}
    for key, value in defines.items():
        try:
            names[key] = evaluate(value, names)
        except (ValueError, KeyError, SyntaxError):
            continue
    body = re.sub(r"/\*.*?\*/", "", function_body(source, function), flags=re.S)
    found = []
    for match in re.finditer(r"static float \w+(?:\[\w+\])+\s*=\s*\{(.*?)\};", body, re.S):
        entries = [item for item in re.split(r"[,{}\s]*,[,{}\s]*|[{}]", match.group(1)) if item.strip()]
        found.append([single(evaluate(entry, names)) for entry in entries])
    constants = {m.group(1): names[m.group(1)] for m in re.finditer(r"\*K\s*=\s*(\w+)", body) if m.group(1) in names}
    return found, constants


def render(name: str, values: list[float]) -> list[str]:
    lines = [f"{name}: tuple[float, ...] = ("]
    row: list[str] = []
    for value in values:
        row.append(repr(value))
        if len(", ".join(row)) > 100:
            lines.append("    " + ", ".join(row[:-1]) + ",")
            row = row[-1:]
    if row:
        lines.append("    " + ", ".join(row) + ",")
    return [*lines, ")"]


def fir_module(src: Path) -> list[str]:
    lines: list[str] = []
    for name, (file, function, gain, factor, kind) in FIR.items():
        (table,), _ = arrays((src / file).read_text(encoding="latin-1"), function)
        lines += ["", f"# {function} in src/{file}, times {gain!r}: {len(table)} taps, "
                  f"{'up' if kind == 'U' else 'down'}-sampling factor {factor}"]
        lines += render(name, [single(gain * value) for value in table])
    return lines


def cascade_module(src: Path, filters: dict[str, tuple[str, str, float, int, str]]) -> list[str]:
    lines: list[str] = []
    for name, (file, function, gain, factor, kind) in filters.items():
        (numerators, denominators), _ = arrays((src / file).read_text(encoding="latin-1"), function)
        lines += ["", f"# {function} in src/{file}: {len(numerators) // 2} second-order sections, gain {gain!r}, "
                  f"{'up' if kind == 'U' else 'down'}-sampling factor {factor}"]
        lines += render(f"{name}_NUMERATORS", numerators) + render(f"{name}_DENOMINATORS", denominators)
        lines.append(f"{name}_GAIN = {gain!r}  # double precision, applied to each output")
    return lines


def parallel_module(src: Path) -> list[str]:
    file, function = PARALLEL["G712_16K"][:2]
    (numerators, denominators), constants = arrays((src / file).read_text(encoding="latin-1"), function)
    lines = ["", f"# {function} in src/{file}: {len(numerators) // 3} second-order sections in parallel"]
    lines += render("G712_PARALLEL_NUMERATORS", numerators) + render("G712_PARALLEL_DENOMINATORS", denominators)
    (direct,) = constants.values()
    return [*lines, f"G712_PARALLEL_DIRECT = {direct!r}  # K, the direct path (double precision)"]


def header(what: str, files: str) -> list[str]:
    return [f'"""{what}, as data.', "",
            "Generated by tools/vectors/stl_filter_tables.py from the ITU-T G.191 STL",
            f"({ORIGIN}), {files}, distributed under the",
            "\"ITU-T Software Tools' General Public License\" (ITU-T G.191 Annex 1). Every value is a",
            "single-precision number, as the STL's filters hold them; FIR tables already carry their gain.",
            "Do not edit by hand.", '"""', "", "from __future__ import annotations"]


def main(argv: list[str]) -> int:
    """Write reference_impl/p341/tables.py and reference_impl/g712/tables.py from an STL src folder."""
    if len(argv) != 1:
        sys.stderr.write("usage: python tools/vectors/stl_filter_tables.py STL/src\n")
        return 2
    src = Path(argv[0])
    p341 = header("The coefficients of the STL's FIR filters and IIR IRS and flat filters",
                  "src/fir and src/iir") + fir_module(src) + cascade_module(src, CASCADE)
    (ROOT / "reference_impl" / "p341" / "tables.py").write_text("\n".join(p341) + "\n", encoding="utf-8")
    g712 = header("The coefficients of the STL's G.712 PCM channel filters", "src/iir")
    g712 += parallel_module(src) + cascade_module(src, G712_CASCADE)
    (ROOT / "reference_impl" / "g712" / "tables.py").write_text("\n".join(g712) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

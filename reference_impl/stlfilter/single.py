"""Rounding to single precision (IEEE binary32, nearest even), as a C float assignment does.

Products and sums of two single-precision numbers computed in double precision and then
rounded give the single-precision result exactly (double has more than 2 x 24 + 2 bits), so a
C expression on floats is reproduced by rounding after each operation.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable


def singles(values: Iterable[float]) -> list[float]:
    """Every value rounded to single precision."""
    return array("f", values).tolist()


def rounder() -> tuple[array[float], float]:
    """A one-item float array for inline rounding (``cell[0] = v; v = cell[0]``) and its first value."""
    cell = array("f", [0.0])
    return cell, cell[0]

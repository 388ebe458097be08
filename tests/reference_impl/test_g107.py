"""ITU-T G.107 E-model reference: its vector sets, the Recommendation's stated figures, and
invariants checked on random inputs (no independent E-model library exists to compare with;
the generator's separate numpy transcription of the equations stands in for one)."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reference_impl.g107 import (
    PERMITTED_RANGES,
    Implementation,
    Parameters,
    effective_equipment_impairment,
    mos_from_rating,
    rating,
)

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "recommendations" / "g107"
_spec = importlib.util.spec_from_file_location("g107_vectors", ROOT / "tools" / "vectors" / "g107.py")
assert _spec is not None and _spec.loader is not None
g107_vectors = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(g107_vectors)

MANY = settings(max_examples=10_000, deadline=None)
MOS_MINIMUM = 0.98883  # B-4 dips below 1 between R = 0 and R = 6.52, lowest near R = 3.22


def test_defaults_give_the_stated_rating() -> None:
    computed = rating(Parameters()).R
    assert abs(computed - 93.2) <= 0.01


@pytest.mark.parametrize(("r", "mos"), [(90, 4.34), (80, 4.03), (70, 3.60), (60, 3.10), (50, 2.58)])
def test_table_b1(r: float, mos: float) -> None:
    assert mos_from_rating(r) == pytest.approx(mos, abs=0.01)


ranged = st.fixed_dictionaries({
    name: st.floats(low, high, allow_nan=False) for name, (low, high) in PERMITTED_RANGES.items()
})


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.large_base_example])
@given(st.lists(st.tuples(ranged, st.floats(-80, -40)), min_size=20, max_size=20))
def test_reference_matches_the_independent_transcription(cases: list[tuple[dict[str, float], float]]) -> None:
    """10,000 parameter sets in all: 500 examples of 20, the transcription taking each 20 at once."""
    connections = [Parameters(**values, Nfor=nfor) for values, nfor in cases]
    arrays = {name: np.array([getattr(c, name) for c in connections]) for name in g107_vectors.DEFAULTS}
    other = g107_vectors.transcription(arrays)
    for index, connection in enumerate(connections):
        result = rating(connection)
        for name in ("R", "Ro", "Is", "Id", "Ie_eff"):
            assert getattr(result, name) == pytest.approx(float(other[name][index]), abs=1e-9, rel=1e-12)


@MANY
@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6))
def test_mos_is_bounded_and_rises_above_its_dip(first: float, second: float) -> None:
    low, high = sorted((first, second))
    assert MOS_MINIMUM <= mos_from_rating(low) <= 4.5
    if low >= 3.23:  # past the dip, MOS never falls as R rises
        assert mos_from_rating(low) <= mos_from_rating(high)
    if low <= 0 or low >= 6.52:
        assert mos_from_rating(low) >= 1


def test_mos_is_continuous_at_its_clamps() -> None:
    assert mos_from_rating(0.0) == 1.0 and mos_from_rating(-1e-9) == 1.0
    assert mos_from_rating(100.0) == 4.5 and mos_from_rating(100 + 1e-9) == 4.5


@MANY
@given(st.floats(0, 40), st.floats(0, 20), st.floats(4.3, 40), st.floats(1, 8), st.floats(0, 20))
def test_packet_loss_only_adds_impairment(ie: float, ppl: float, bpl: float, burst: float,
                                          more: float) -> None:
    value = effective_equipment_impairment(ie, ppl, bpl, burst)
    # Ppl / (Ppl/BurstR + Bpl) stays below BurstR, and below 1 only for random loss: with
    # bursty loss 7-29 can pass 95 inside the permitted ranges (Ppl 20, Bpl 4.3, BurstR 8: 279)
    assert ie <= value < ie + (95 - ie) * burst + 1e-9
    if burst == 1:
        assert value < 95
    if ppl == 0:
        assert value == ie
    worse = min(20.0, ppl + more)
    assert effective_equipment_impairment(ie, worse, bpl, burst) >= value - 1e-12
    assert effective_equipment_impairment(ie, ppl, bpl, min(8.0, burst + more)) >= value - 1e-12
    assert effective_equipment_impairment(ie, ppl, min(40.0, bpl + more), burst) <= value + 1e-12


@settings(max_examples=2_000, deadline=None)
@given(ranged, st.sampled_from(["Ta", "qdu", "Ie", "Ppl", "A"]), st.floats(0, 1))
def test_rating_moves_the_right_way(values: dict[str, float], name: str, step: float) -> None:
    low, high = PERMITTED_RANGES[name]
    before = Parameters(**values)
    after = Parameters(**{**values, name: min(high, values[name] + step * (high - low))})
    change = rating(after).R - rating(before).R
    loss_share = before.Ppl / (before.Ppl / before.BurstR + before.Bpl)
    if name == "Ie" and loss_share > 1:
        return  # 7-29 then falls as Ie rises (see test_packet_loss_only_adds_impairment)
    if name == "A":
        assert change == pytest.approx(after.A - before.A, abs=1e-9)
    else:  # more delay, distortion, codec impairment or loss never raises R
        assert change <= 1e-9


@pytest.mark.parametrize("name", sorted(PERMITTED_RANGES))
def test_out_of_range_parameters_are_rejected(name: str) -> None:
    low, high = PERMITTED_RANGES[name]
    for value in (low - 0.001, high + 0.001):
        with pytest.raises(ValueError, match=name):
            Implementation().rating(**{name: value})


@pytest.mark.parametrize("value", [math.nan, math.inf, "8", True, None])
def test_non_numbers_are_rejected(value: Any) -> None:
    with pytest.raises(ValueError, match="SLR"):
        Implementation().rating(SLR=value)


def test_unknown_parameter_is_rejected() -> None:
    with pytest.raises(ValueError):
        Implementation().rating(XYZ=1.0)


def test_delay_below_minimum_perceivable_adds_nothing() -> None:
    base, at_minimum = rating(Parameters()).R, rating(Parameters(Ta=100.0)).R
    shifted, beyond = rating(Parameters(Ta=150.0, mT=150.0)).R, rating(Parameters(Ta=150.0)).R
    assert at_minimum == base
    assert shifted == base
    assert beyond < base

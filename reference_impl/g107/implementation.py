"""The adapter object the conformance harness drives: one method per interface of the YAML."""

from __future__ import annotations

from dataclasses import asdict

from reference_impl.g107.mos import mos_from_rating
from reference_impl.g107.parameters import Parameters
from reference_impl.g107.rating import effective_equipment_impairment, rating


def _connection(parameters: dict[str, float]) -> Parameters:
    try:
        return Parameters(**parameters)
    except TypeError as error:  # an unknown parameter name
        raise ValueError(str(error)) from None


class Implementation:
    """ITU-T G.107 reference: every method returns a dict of outputs or raises ValueError."""

    def rating(self, **parameters: float) -> dict[str, float]:
        """The transmission rating factor R (Table 3 names; absent parameters take defaults)."""
        return {"R": rating(_connection(parameters)).R}

    def factors(self, **parameters: float) -> dict[str, float]:
        """The factors R is made of: Ro, Is, Id and Ie_eff."""
        factors = asdict(rating(_connection(parameters)))
        del factors["R"]
        return factors

    def mos(self, R: float) -> dict[str, float]:
        """MOS_CQE for a rating R (Annex B)."""
        return {"MOS": mos_from_rating(R)}

    def effective_equipment_impairment(
        self, Ie: float, Ppl: float, Bpl: float, BurstR: float
    ) -> dict[str, float]:
        """Ie,eff from Ie, Ppl, Bpl and BurstR (equation 7-29)."""
        return {"Ie_eff": effective_equipment_impairment(Ie, Ppl, Bpl, BurstR)}

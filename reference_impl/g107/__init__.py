"""ITU-T G.107 reference implementation: the E-model's rating factor R and MOS estimate."""

__version__ = "0.1.0"  # this reference's own version, announced when served and recorded in reports

from reference_impl.g107.implementation import Implementation
from reference_impl.g107.mos import mos_from_rating
from reference_impl.g107.parameters import PERMITTED_RANGES, Parameters
from reference_impl.g107.rating import Rating, effective_equipment_impairment, rating

__all__ = [
    "PERMITTED_RANGES",
    "Implementation",
    "Parameters",
    "Rating",
    "effective_equipment_impairment",
    "mos_from_rating",
    "rating",
]

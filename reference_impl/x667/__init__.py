"""ITU-T X.667 | ISO/IEC 9834-8 reference implementation: UUID generation and representations."""

__version__ = "0.1.0"  # this reference's own version, announced when served and recorded in reports

from reference_impl.x667.generation import name_based, random_based, time_based
from reference_impl.x667.implementation import Implementation
from reference_impl.x667.layout import Variant, compare, variant_of, version_of
from reference_impl.x667.representation import (
    format_hex,
    format_oid,
    format_urn,
    parse_hex,
    parse_oid,
    parse_urn,
)

__all__ = [
    "Implementation",
    "Variant",
    "compare",
    "format_hex",
    "format_oid",
    "format_urn",
    "name_based",
    "parse_hex",
    "parse_oid",
    "parse_urn",
    "random_based",
    "time_based",
    "variant_of",
    "version_of",
]

"""ITU-T X.690 reference implementation: Distinguished Encoding Rules (DER) for a subset of ASN.1."""

__version__ = "0.1.0"  # this reference's own version, announced when served and recorded in reports

from reference_impl.x690.contents import ValueModelError
from reference_impl.x690.decoder import decode
from reference_impl.x690.encoder import encode
from reference_impl.x690.implementation import Implementation, canonical_json
from reference_impl.x690.schema import AsnType, Kind, SchemaError, parse_type
from reference_impl.x690.tlv import DerError, Tag, TagClass

__all__ = [
    "AsnType",
    "DerError",
    "Implementation",
    "Kind",
    "SchemaError",
    "Tag",
    "TagClass",
    "ValueModelError",
    "canonical_json",
    "decode",
    "encode",
    "parse_type",
]

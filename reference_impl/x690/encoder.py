"""DER encoding of a JSON value as a given type (X.690 clause 8 with clauses 10 and 11)."""

from __future__ import annotations

from typing import Any

from reference_impl.x690.contents import ValueModelError, encode_contents
from reference_impl.x690.schema import AsnType, Component, Kind
from reference_impl.x690.tlv import encode_element


def encode(asn_type: AsnType, value: Any) -> bytes:
    """The DER encoding of ``value``; ValueModelError names where the value does not fit."""
    return _encode(asn_type, value, "value")


def _encode(asn_type: AsnType, value: Any, where: str) -> bytes:
    try:
        if asn_type.kind in (Kind.SEQUENCE, Kind.SET):
            contents = _encode_components(asn_type, value, where)
        elif asn_type.kind in (Kind.SEQUENCE_OF, Kind.SET_OF):
            contents = _encode_elements(asn_type, value, where)
        else:
            contents = encode_contents(asn_type.kind, value)
    except ValueModelError as error:
        if str(error).startswith(where):
            raise
        raise ValueModelError(f"{where}: {error}") from None
    constructed = asn_type.kind in (Kind.SEQUENCE, Kind.SET, Kind.SEQUENCE_OF, Kind.SET_OF)
    encoding = encode_element(asn_type.layers[0], constructed, contents)
    for tag in asn_type.layers[1:]:  # explicit tags wrap in constructed encodings (8.14.3)
        encoding = encode_element(tag, True, encoding)
    return encoding


def default_encoding(component: Component, where: str) -> bytes:
    """The encoding of a component's DEFAULT value (DER compares values by their encodings)."""
    try:
        return _encode(component.type, component.default, where)
    except ValueModelError as error:
        raise ValueModelError(f"{where}: the schema's DEFAULT does not fit its type: {error}") from None


def _encode_components(asn_type: AsnType, value: Any, where: str) -> bytes:
    if not isinstance(value, dict):
        raise ValueModelError(f"{where}: a {asn_type.kind} value is an object of components")
    unknown = sorted(set(value) - {component.name for component in asn_type.components})
    if unknown:
        raise ValueModelError(f"{where}: no component named {', '.join(map(repr, unknown))}")
    encoded: list[tuple[Any, bytes]] = []
    for component in asn_type.components:
        place = f"{where}.{component.name}"
        if component.name not in value:
            if component.optional or component.has_default:
                continue
            raise ValueModelError(f"{place}: the component is mandatory but absent")
        encoding = _encode(component.type, value[component.name], place)
        if component.has_default and encoding == default_encoding(component, place):
            continue  # 11.5: a value equal to its DEFAULT is not encoded
        encoded.append((component.type.outer_tag, encoding))
    if asn_type.kind is Kind.SET:
        encoded.sort(key=lambda item: item[0])  # 10.3: canonical order of tags (X.680 8.6)
    return b"".join(encoding for _, encoding in encoded)


def _encode_elements(asn_type: AsnType, value: Any, where: str) -> bytes:
    if not isinstance(value, list):
        raise ValueModelError(f"{where}: a {asn_type.kind} value is a list")
    assert asn_type.element is not None
    encodings = [
        _encode(asn_type.element, item, f"{where}[{index}]") for index, item in enumerate(value)
    ]
    if asn_type.kind is Kind.SET_OF:
        encodings.sort(key=set_of_order_key(encodings))  # 11.6
    return b"".join(encodings)


def set_of_order_key(encodings: list[bytes]) -> Any:
    """Sort key of 11.6: octet strings compared with the shorter padded by trailing zeros."""
    width = max((len(encoding) for encoding in encodings), default=0)
    return lambda encoding: encoding.ljust(width, b"\x00")

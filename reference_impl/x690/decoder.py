"""Strict DER decoding against a given type: every departure from DER is rejected.

The rules enforced here beyond the framing of :mod:`tlv`: the form (primitive or constructed)
each type requires (8.x, 10.2), explicit tags holding exactly one encoding (8.14), SET
components in canonical tag order (10.3), SET OF elements in ascending order of their
encodings (11.6), components equal to their DEFAULT not encoded (11.5), the contents rules of
:mod:`contents`, and no data after the outermost encoding.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from reference_impl.x690.contents import decode_contents
from reference_impl.x690.encoder import default_encoding, set_of_order_key
from reference_impl.x690.schema import CONSTRUCTED_KINDS, AsnType, Component, Kind
from reference_impl.x690.tlv import DerError, Element, read_element, read_elements


def decode(asn_type: AsnType, data: bytes) -> Any:
    """The JSON value of the DER encoding ``data``; DerError names the offset and the rule."""
    element = read_element(data, 0)
    if element.end != len(data):
        raise DerError(element.end, f"{len(data) - element.end} octets follow the encoding")
    return _decode(asn_type, element, data)


def _decode(asn_type: AsnType, element: Element, data: bytes) -> Any:
    for depth, tag in enumerate(reversed(asn_type.layers)):
        if element.tag != tag:
            raise DerError(element.start, f"tag {element.tag} found where {tag} is expected")
        if depth == len(asn_type.layers) - 1:
            break
        if not element.constructed:
            raise DerError(element.start, f"explicit tag {tag} must be constructed (8.14.3)")
        inner = read_elements(data, element.contents_start, element.end)
        if len(inner) != 1:
            raise DerError(element.contents_start,
                           f"explicit tag {tag} holds {len(inner)} encodings, not one")
        element = inner[0]
    constructed = asn_type.kind in CONSTRUCTED_KINDS
    if element.constructed != constructed:
        form = "constructed" if constructed else "primitive"
        rule = "10.2" if not constructed else "8.9, 8.10, 8.11, 8.12"
        raise DerError(element.start, f"{asn_type.kind} must use the {form} form ({rule})")
    if asn_type.kind in (Kind.SEQUENCE, Kind.SET):
        return _decode_components(asn_type, element, data)
    if asn_type.kind in (Kind.SEQUENCE_OF, Kind.SET_OF):
        return _decode_elements(asn_type, element, data)
    value, problem = decode_contents(asn_type.kind, element.contents)
    if problem is not None:
        raise DerError(element.contents_start, problem)
    return value


def _decode_components(asn_type: AsnType, element: Element, data: bytes) -> dict[str, Any]:
    children = read_elements(data, element.contents_start, element.end)
    if asn_type.kind is Kind.SET:
        for before, after in pairwise(children):
            if not before.tag < after.tag:
                raise DerError(after.start, f"SET component {after.tag} follows {before.tag}: "
                                            "not in canonical tag order (10.3)")
        by_tag = {component.type.outer_tag: component for component in asn_type.components}
        matched: dict[str, Element] = {}
        for child in children:
            component = by_tag.get(child.tag)
            if component is None:
                raise DerError(child.start, f"the SET has no component tagged {child.tag}")
            matched[component.name] = child
    else:
        matched = {}
        position = 0
        for component in asn_type.components:
            if position < len(children) and children[position].tag == component.type.outer_tag:
                matched[component.name] = children[position]
                position += 1
        if position < len(children):
            child = children[position]
            raise DerError(child.start, f"unexpected SEQUENCE component tagged {child.tag}")
    value: dict[str, Any] = {}
    for component in asn_type.components:
        found = matched.get(component.name)
        if found is None:
            if component.has_default:
                value[component.name] = _default_value(component)
            elif not component.optional:
                raise DerError(element.start, f"mandatory component {component.name!r} is absent")
            continue
        if component.has_default and found.encoding(data) == default_encoding(component, "schema"):
            raise DerError(found.start, f"component {component.name!r} equals its DEFAULT and "
                                        "must not be encoded (11.5)")
        value[component.name] = _decode(component.type, found, data)
    return value


def _default_value(component: Component) -> Any:
    """The DEFAULT in its canonical value form: encoded, then decoded."""
    encoding = default_encoding(component, "schema")
    return _decode(component.type, read_element(encoding, 0), encoding)


def _decode_elements(asn_type: AsnType, element: Element, data: bytes) -> list[Any]:
    assert asn_type.element is not None
    children = read_elements(data, element.contents_start, element.end)
    if asn_type.kind is Kind.SET_OF:
        encodings = [child.encoding(data) for child in children]
        key = set_of_order_key(encodings)
        for index in range(1, len(encodings)):
            if key(encodings[index - 1]) > key(encodings[index]):
                raise DerError(children[index].start,
                               "SET OF elements are not in ascending order of encoding (11.6)")
    return [_decode(asn_type.element, child, data) for child in children]

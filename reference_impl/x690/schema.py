"""The ASN.1 types a value is encoded as: a small JSON tree, parsed into frozen dataclasses.

A type is an object ``{"type": NAME, ...}`` where NAME is one of :data:`PRIMITIVE_KINDS` or
SEQUENCE, SET (with ``"components"``: a list of ``{"name", "type", "optional"?, "default"?}``),
SEQUENCE OF or SET OF (with ``"element"``: a type). Any type may carry ``"tags"``: a list of
``{"class": "application"|"context"|"private", "number": N, "mode": "explicit"|"implicit"}``
written outermost first, as in ``[APPLICATION 7] IMPLICIT [2] EXPLICIT ...``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from reference_impl.x690.tlv import Tag, TagClass

MAX_DEPTH = 64  # nesting bound, so a hostile schema cannot exhaust the stack


class Kind(StrEnum):
    """The ASN.1 types the model covers."""

    BOOLEAN = "BOOLEAN"
    INTEGER = "INTEGER"
    ENUMERATED = "ENUMERATED"
    NULL = "NULL"
    OBJECT_IDENTIFIER = "OBJECT IDENTIFIER"
    BIT_STRING = "BIT STRING"
    OCTET_STRING = "OCTET STRING"
    UTF8_STRING = "UTF8String"
    PRINTABLE_STRING = "PrintableString"
    IA5_STRING = "IA5String"
    VISIBLE_STRING = "VisibleString"
    UTC_TIME = "UTCTime"
    GENERALIZED_TIME = "GeneralizedTime"
    SEQUENCE = "SEQUENCE"
    SET = "SET"
    SEQUENCE_OF = "SEQUENCE OF"
    SET_OF = "SET OF"


UNIVERSAL_NUMBERS = {
    Kind.BOOLEAN: 1, Kind.INTEGER: 2, Kind.BIT_STRING: 3, Kind.OCTET_STRING: 4, Kind.NULL: 5,
    Kind.OBJECT_IDENTIFIER: 6, Kind.ENUMERATED: 10, Kind.UTF8_STRING: 12, Kind.SEQUENCE: 16,
    Kind.SEQUENCE_OF: 16, Kind.SET: 17, Kind.SET_OF: 17, Kind.PRINTABLE_STRING: 19,
    Kind.IA5_STRING: 22, Kind.UTC_TIME: 23, Kind.GENERALIZED_TIME: 24, Kind.VISIBLE_STRING: 26,
}
CONSTRUCTED_KINDS = frozenset({Kind.SEQUENCE, Kind.SET, Kind.SEQUENCE_OF, Kind.SET_OF})
PRIMITIVE_KINDS = frozenset(Kind) - CONSTRUCTED_KINDS
_CLASSES = {"application": TagClass.APPLICATION, "context": TagClass.CONTEXT,
            "private": TagClass.PRIVATE}


class SchemaError(ValueError):
    """A type tree that does not describe a valid ASN.1 type; the message names where."""


@dataclass(frozen=True)
class Tagging:
    """One tag applied to a type, explicitly (a wrapping encoding) or implicitly (a replacement)."""

    tag: Tag
    explicit: bool


@dataclass(frozen=True)
class Component:
    """A component of a SEQUENCE or SET."""

    name: str
    type: AsnType
    optional: bool
    has_default: bool
    default: Any  # the DEFAULT value, in the JSON value model; None when has_default is False


@dataclass(frozen=True)
class AsnType:
    """A type: its kind, its taggings and the tags its encoding carries."""

    kind: Kind
    taggings: tuple[Tagging, ...]  # outermost first
    layers: tuple[Tag, ...]  # tag of each nested encoding, innermost (the value's own) first
    components: tuple[Component, ...] = ()
    element: AsnType | None = None

    @property
    def outer_tag(self) -> Tag:
        """The tag of the outermost encoding: what SET ordering and component matching see."""
        return self.layers[-1]


def tag_layers(kind: Kind, taggings: tuple[Tagging, ...]) -> tuple[Tag, ...]:
    """The tag of each nested encoding, innermost first (X.690 8.14).

    Taggings apply from the innermost outwards: an implicit tag replaces the tag of the
    current outermost encoding, an explicit tag wraps it in a new constructed encoding.
    """
    layers = [Tag(TagClass.UNIVERSAL, UNIVERSAL_NUMBERS[kind])]
    for tagging in reversed(taggings):
        if tagging.explicit:
            layers.append(tagging.tag)
        else:
            layers[-1] = tagging.tag
    return tuple(layers)


def parse_type(tree: Any, where: str = "schema", depth: int = 0) -> AsnType:
    """Parse a JSON type tree, raising SchemaError naming the faulty place."""
    if depth > MAX_DEPTH:
        raise SchemaError(f"{where}: nested deeper than {MAX_DEPTH} levels")
    if not isinstance(tree, dict):
        raise SchemaError(f"{where}: expected an object with a 'type', got {type(tree).__name__}")
    try:
        kind = Kind(str(tree.get("type")))
    except ValueError:
        raise SchemaError(
            f"{where}.type: {tree.get('type')!r} is not one of {', '.join(Kind)}"
        ) from None
    allowed = {"type", "tags"}
    if kind in (Kind.SEQUENCE, Kind.SET):
        allowed.add("components")
    elif kind in (Kind.SEQUENCE_OF, Kind.SET_OF):
        allowed.add("element")
    _refuse_unknown(tree, allowed, where)
    taggings = tuple(
        _parse_tagging(item, f"{where}.tags[{index}]")
        for index, item in enumerate(_list(tree.get("tags", []), f"{where}.tags"))
    )
    layers = tag_layers(kind, taggings)
    if kind in (Kind.SEQUENCE, Kind.SET):
        components = tuple(
            _parse_component(item, f"{where}.components[{index}]", depth)
            for index, item in enumerate(_list(tree.get("components"), f"{where}.components"))
        )
        _check_components(kind, components, where)
        return AsnType(kind, taggings, layers, components=components)
    if kind in (Kind.SEQUENCE_OF, Kind.SET_OF):
        if "element" not in tree:
            raise SchemaError(f"{where}: {kind} needs an 'element' type")
        element = parse_type(tree["element"], f"{where}.element", depth + 1)
        return AsnType(kind, taggings, layers, element=element)
    return AsnType(kind, taggings, layers)


def _refuse_unknown(tree: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(tree) - allowed)
    if unknown:
        raise SchemaError(f"{where}: unexpected key(s) {', '.join(map(repr, unknown))}")


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise SchemaError(f"{where}: expected a list")
    return value


def _parse_tagging(tree: Any, where: str) -> Tagging:
    if not isinstance(tree, dict):
        raise SchemaError(f"{where}: expected an object with 'class', 'number' and 'mode'")
    _refuse_unknown(tree, {"class", "number", "mode"}, where)
    tag_class = _CLASSES.get(str(tree.get("class")))
    if tag_class is None:
        raise SchemaError(f"{where}.class: expected 'application', 'context' or 'private'")
    number = tree.get("number")
    if type(number) is not int or number < 0:
        raise SchemaError(f"{where}.number: expected a non-negative integer")
    mode = tree.get("mode")
    if mode not in ("explicit", "implicit"):
        raise SchemaError(f"{where}.mode: expected 'explicit' or 'implicit'")
    return Tagging(Tag(tag_class, number), mode == "explicit")


def _parse_component(tree: Any, where: str, depth: int) -> Component:
    if not isinstance(tree, dict):
        raise SchemaError(f"{where}: expected an object with 'name' and 'type'")
    _refuse_unknown(tree, {"name", "type", "optional", "default"}, where)
    name = tree.get("name")
    if not isinstance(name, str) or not name:
        raise SchemaError(f"{where}.name: expected a non-empty string")
    optional = tree.get("optional", False)
    if not isinstance(optional, bool):
        raise SchemaError(f"{where}.optional: expected true or false")
    has_default = "default" in tree
    if optional and has_default:
        raise SchemaError(f"{where}: a component is OPTIONAL or has a DEFAULT, not both")
    component_type = parse_type(tree.get("type"), f"{where}.type", depth + 1)
    return Component(name, component_type, optional, has_default, tree.get("default"))


def _check_components(kind: Kind, components: tuple[Component, ...], where: str) -> None:
    """Names unique; tags distinct where a decoder must tell components apart (X.680 25, 27)."""
    names = [component.name for component in components]
    if len(set(names)) != len(names):
        raise SchemaError(f"{where}.components: component names are not unique")
    if kind is Kind.SET:
        tags = [component.type.outer_tag for component in components]
        if len(set(tags)) != len(tags):
            raise SchemaError(f"{where}.components: the components of a SET need distinct tags")
        return
    # in a SEQUENCE, each run of OPTIONAL/DEFAULT components and the component after it
    # must have distinct tags, or a decoder could not tell which one is present
    run: list[Tag] = []
    for component in components:
        tag = component.type.outer_tag
        if tag in run:
            raise SchemaError(
                f"{where}.components: {component.name!r} has the tag {tag} of an optional "
                "component before it"
            )
        run = [*run, tag] if component.optional or component.has_default else []

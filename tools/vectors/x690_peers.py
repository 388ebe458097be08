"""Independent DER implementations (pyasn1, asn1crypto) driven by the X.690 reference's JSON
type and value trees, and a seeded generator of random (type, value) pairs.

Used by tools/vectors/x690.py (expected values of the generated vector sets) and by
tests/reference_impl/test_x690.py (10,000-example cross-checks).

Known peer divergences from X.690 10.3 (canonical order of SET components, X.680 8.6), which
the generator's profiles steer around and the official vectors exercise:
- pyasn1 0.6 sorts SET components by their innermost tag first, so explicitly tagged
  components (and untagged ones next to them) come out in the wrong order;
- asn1crypto 1.5 sorts SET components by tag number alone, ignoring the tag class, and puts
  explicitly tagged components out of order.
and one from 8.3.2 (INTEGER in the fewest octets):
- pyasn1 0.6 encodes -2**(8k-1) (-128, -32768, ...) in k+1 octets (0xFF 0x80 ... instead of
  0x80 ...), so the pyasn1 profile never draws those values.
- pyasn1 0.6 drops every 0 digit of a GeneralizedTime fraction, not only trailing ones
  (".05" becomes ".5", ".404" becomes ".44"), so the pyasn1 profile draws fractions without 0.
- pyasn1 0.6's DER encoder omits an empty OPTIONAL SET OF or SEQUENCE OF value by default
  (omitEmptyOptionals), and the option then leaks into later components, dropping other empty
  values; the adapter turns the option off. Even so it treats an empty SET OF or SEQUENCE OF
  value as absent, and an absent OPTIONAL SET or SEQUENCE whose components all have DEFAULTs as
  present, so the pyasn1 profile draws no empty lists and only primitive OPTIONAL or DEFAULT
  components.
Peer limitations, also steered around:
- pyasn1 0.6 refuses a GeneralizedTime fraction of more than three digits, and omits a SET or
  SEQUENCE value whose type has no components at all, so no profile draws such types;
- asn1crypto 1.5 cannot dump a SET with an absent OPTIONAL component (it sorts a None tag),
  nor an explicitly tagged SET inside another type (it meets a lazily parsed child), and reads
  an empty SEQUENCE value given as {} as "not set".
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any, Literal

from asn1crypto import core as a1
from pyasn1.codec.der import decoder as pyasn1_decoder
from pyasn1.codec.der import encoder as pyasn1_encoder
from pyasn1.type import char, namedtype, tag, univ, useful

Profile = Literal["pyasn1", "asn1crypto"]
CLASSES = ("application", "context", "private")
PRIMITIVES = ("BOOLEAN", "INTEGER", "ENUMERATED", "NULL", "OBJECT IDENTIFIER", "BIT STRING",
              "OCTET STRING", "UTF8String", "PrintableString", "IA5String", "VisibleString",
              "UTCTime", "GeneralizedTime")
PRINTABLE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '()+,-./:=?"
UNIVERSAL = {"BOOLEAN": 1, "INTEGER": 2, "BIT STRING": 3, "OCTET STRING": 4, "NULL": 5,
             "OBJECT IDENTIFIER": 6, "ENUMERATED": 10, "UTF8String": 12, "SEQUENCE": 16,
             "SEQUENCE OF": 16, "SET": 17, "SET OF": 17, "PrintableString": 19, "IA5String": 22,
             "UTCTime": 23, "GeneralizedTime": 24, "VisibleString": 26}
_CLASS_NUMBER = {"universal": 0, "application": 1, "context": 2, "private": 3}


# -- layers: the tag of each nested encoding, innermost first (X.690 8.14) -------------------

def layers(schema: dict[str, Any]) -> list[tuple[str, int]]:
    """(class, number) of each encoding layer of a type, innermost first."""
    result = [("universal", UNIVERSAL[schema["type"]])]
    for tagging in reversed(schema.get("tags", [])):
        entry = (tagging["class"], tagging["number"])
        if tagging["mode"] == "explicit":
            result.append(entry)
        else:
            result[-1] = entry
    return result


def canonical_key(schema: dict[str, Any]) -> tuple[int, int]:
    """X.680 8.6 canonical order of a type's outermost tag."""
    tag_class, number = layers(schema)[-1]
    return _CLASS_NUMBER[tag_class], number


# -- random (type, value) pairs ------------------------------------------------------------

def random_case(rng: random.Random, profile: Profile, depth: int = 3) -> tuple[dict[str, Any], Any]:
    """A random type (JSON tree) and a value of it that ``profile``'s peer encodes correctly."""
    schema = random_schema(rng, profile, depth)
    return schema, random_value(rng, schema, profile)


def random_schema(rng: random.Random, profile: Profile, depth: int) -> dict[str, Any]:
    roll = rng.random()
    if depth <= 0 or roll < 0.55:
        schema: dict[str, Any] = {"type": rng.choice(PRIMITIVES)}
    elif roll < 0.75:
        schema = {"type": rng.choice(["SEQUENCE", "SET"]), "components": []}
        _fill_components(rng, profile, depth, schema)
    else:
        schema = {"type": rng.choice(["SEQUENCE OF", "SET OF"]),
                  "element": random_schema(rng, profile, depth - 1)}
    if rng.random() < 0.3:
        # asn1crypto cannot dump an explicitly tagged SET (module doc)
        mode = "implicit" if profile == "asn1crypto" and schema["type"] == "SET" else None
        schema["tags"] = [_random_tagging(rng, profile, mode)]
        if profile == "pyasn1" and rng.random() < 0.2:
            schema["tags"].insert(0, _random_tagging(rng, profile))
    return schema


def _random_tagging(rng: random.Random, profile: Profile, mode: str | None = None,
                    tag_class: str | None = None, number: int | None = None) -> dict[str, Any]:
    if number is None:
        number = rng.choice([rng.randrange(31), rng.randrange(31), rng.randrange(31, 200),
                             rng.choice([127, 128, 16383, 16384, 2**21, 2**28 + 5])])
    return {"class": tag_class or rng.choice(CLASSES), "number": number,
            "mode": mode or rng.choice(["explicit", "implicit"])}


def _fill_components(rng: random.Random, profile: Profile, depth: int, schema: dict[str, Any]) -> None:
    is_set = schema["type"] == "SET"
    used: set[tuple[str, int]] = set()
    # one tag class for every SET component under asn1crypto, which orders by number alone
    set_class = rng.choice(CLASSES)
    for index in range(rng.randrange(1, 5)):
        component_type = random_schema(rng, profile, depth - 1)
        if is_set:
            # neither peer orders explicitly tagged SET components correctly (module doc)
            component_type.pop("tags", None)
            if profile == "asn1crypto" or layers(component_type)[-1] in used or rng.random() < 0.5:
                component_type["tags"] = [_random_tagging(
                    rng, profile, "implicit", set_class if profile == "asn1crypto" else None,
                    rng.randrange(40) if profile == "asn1crypto" else None)]
        while layers(component_type)[-1] in used:  # SET and SEQUENCE decoding need distinct tags
            component_type["tags"] = [_random_tagging(
                rng, profile, "implicit", set_class if is_set and profile == "asn1crypto" else None)]
        used.add(layers(component_type)[-1])
        component: dict[str, Any] = {"name": f"c{index}", "type": component_type}
        roll = rng.random()
        if is_set and profile == "asn1crypto":
            pass  # every SET component mandatory (module doc)
        elif profile == "pyasn1" and component_type["type"] not in PRIMITIVES:
            pass  # pyasn1 mistakes absent constructed OPTIONAL components (module doc)
        elif roll < 0.25:
            component["optional"] = True
        elif roll < 0.4 and component_type["type"] in PRIMITIVES:
            component["default"] = random_value(rng, component_type, profile)
        schema["components"].append(component)


def random_value(rng: random.Random, schema: dict[str, Any], profile: Profile) -> Any:
    kind = schema["type"]
    if kind in ("SEQUENCE", "SET"):
        value = {}
        for component in schema["components"]:
            if component.get("optional") and rng.random() < 0.4:
                continue
            if "default" in component:
                roll = rng.random()
                if roll < 0.3:
                    continue
                if roll < 0.6:
                    value[component["name"]] = component["default"]
                    continue
            value[component["name"]] = random_value(rng, component["type"], profile)
        if not value and schema["components"] and profile == "asn1crypto":
            first = schema["components"][0]  # asn1crypto reads {} as "not set" (module doc)
            value[first["name"]] = random_value(rng, first["type"], profile)
        return value
    if kind in ("SEQUENCE OF", "SET OF"):
        # pyasn1 drops an empty list (module doc)
        count = rng.randrange(1 if profile == "pyasn1" else 0, 5)
        items = [random_value(rng, schema["element"], profile) for _ in range(count)]
        if items and rng.random() < 0.2:
            items.append(items[0])  # duplicates are allowed in both
        return items
    return _primitive_value(rng, kind, profile)


def _primitive_value(rng: random.Random, kind: str, profile: Profile) -> Any:
    if kind == "BOOLEAN":
        return rng.random() < 0.5
    if kind in ("INTEGER", "ENUMERATED"):
        bits = rng.choice([1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 200])
        magnitude = rng.choice([rng.getrandbits(bits), 2**bits, 2**bits - 1, 2 ** (bits - 1)])
        negative = rng.random() < 0.5
        if negative and profile == "pyasn1" and magnitude.bit_count() == 1 and magnitude >= 128 \
                and magnitude.bit_length() % 8 == 0:
            negative = False  # -2**(8k-1): pyasn1 does not encode it minimally (module doc)
        return -magnitude if negative else magnitude
    if kind == "NULL":
        return None
    if kind == "OBJECT IDENTIFIER":
        first = rng.randrange(3)
        second = rng.randrange(40) if first < 2 else rng.choice([rng.randrange(40), rng.randrange(2**32)])
        more = [rng.choice([rng.randrange(128), rng.randrange(2**14), rng.getrandbits(64)])
                for _ in range(rng.randrange(7))]
        return ".".join(map(str, [first, second, *more]))
    if kind == "BIT STRING":
        return "".join(rng.choice("01") for _ in range(rng.randrange(41)))
    if kind == "OCTET STRING":
        size = rng.choice([rng.randrange(41), rng.randrange(41), rng.randrange(120, 300)])
        return rng.randbytes(size).hex()
    if kind == "UTF8String":
        return "".join(_random_character(rng) for _ in range(rng.randrange(21)))
    if kind == "PrintableString":
        return "".join(rng.choice(PRINTABLE) for _ in range(rng.randrange(21)))
    if kind == "IA5String":
        return "".join(chr(rng.randrange(128)) for _ in range(rng.randrange(21)))
    if kind == "VisibleString":
        return "".join(chr(rng.randrange(0x20, 0x7F)) for _ in range(rng.randrange(21)))
    moment = dt.datetime(1950, 1, 1) + dt.timedelta(seconds=rng.randrange(100 * 365 * 86400))
    if kind == "UTCTime":
        return moment.strftime("%y%m%d%H%M%S") + "Z"
    moment = moment.replace(year=rng.randrange(1000, 10000)) if moment.month != 2 else moment
    if profile == "pyasn1":  # at most three digits, none of them 0 (module doc)
        fraction = "".join(rng.choice("123456789") for _ in range(rng.randrange(4)))
    else:
        fraction = str(rng.randrange(1, 10**6)).zfill(6).rstrip("0") if rng.random() < 0.4 else ""
    return f"{moment:%Y%m%d%H%M%S}" + (f".{fraction}" if fraction else "") + "Z"


def _random_character(rng: random.Random) -> str:
    while True:
        point = rng.choice([rng.randrange(0x20, 0x7F), rng.randrange(0x80, 0x800),
                            rng.randrange(0x800, 0x10000), rng.randrange(0x10000, 0x110000)])
        if not 0xD800 <= point <= 0xDFFF:
            return chr(point)


# -- pyasn1 --------------------------------------------------------------------------------

_PYASN1_BASE = {
    "BOOLEAN": univ.Boolean, "INTEGER": univ.Integer, "ENUMERATED": univ.Enumerated,
    "NULL": univ.Null, "OBJECT IDENTIFIER": univ.ObjectIdentifier, "BIT STRING": univ.BitString,
    "OCTET STRING": univ.OctetString, "UTF8String": char.UTF8String,
    "PrintableString": char.PrintableString, "IA5String": char.IA5String,
    "VisibleString": char.VisibleString, "UTCTime": useful.UTCTime,
    "GeneralizedTime": useful.GeneralizedTime,
}
_PYASN1_CLASS = {"application": tag.tagClassApplication, "context": tag.tagClassContext,
                 "private": tag.tagClassPrivate}


def pyasn1_spec(schema: dict[str, Any]) -> Any:
    """A pyasn1 type object for a JSON type tree."""
    kind = schema["type"]
    if kind in ("SEQUENCE", "SET"):
        named = []
        for component in schema["components"]:
            spec = pyasn1_spec(component["type"])
            if component.get("optional"):
                named.append(namedtype.OptionalNamedType(component["name"], spec))
            elif "default" in component:
                default = pyasn1_value(component["type"], spec, component["default"])
                named.append(namedtype.DefaultedNamedType(component["name"], default))
            else:
                named.append(namedtype.NamedType(component["name"], spec))
        base = (univ.Sequence if kind == "SEQUENCE" else univ.Set)(
            componentType=namedtype.NamedTypes(*named))
    elif kind in ("SEQUENCE OF", "SET OF"):
        base = (univ.SequenceOf if kind == "SEQUENCE OF" else univ.SetOf)(
            componentType=pyasn1_spec(schema["element"]))
    else:
        base = _PYASN1_BASE[kind]()
    innermost, *explicit = layers(schema)
    if innermost[0] != "universal":
        base = base.subtype(implicitTag=tag.Tag(_PYASN1_CLASS[innermost[0]], tag.tagFormatSimple,
                                                innermost[1]))
    for tag_class, number in explicit:
        base = base.subtype(explicitTag=tag.Tag(_PYASN1_CLASS[tag_class], tag.tagFormatConstructed,
                                                number))
    return base


def pyasn1_value(schema: dict[str, Any], spec: Any, value: Any) -> Any:
    """A pyasn1 value object of ``spec`` holding the JSON ``value``."""
    kind = schema["type"]
    if kind in ("SEQUENCE", "SET"):
        result = spec.clone()
        result.clear()  # a value even with no component present
        for component in schema["components"]:
            if component["name"] in value:
                named = spec.componentType
                child_spec = named.getTypeByPosition(named.getPositionByName(component["name"]))
                result[component["name"]] = pyasn1_value(component["type"], child_spec,
                                                         value[component["name"]])
        return result
    if kind in ("SEQUENCE OF", "SET OF"):
        result = spec.clone()
        for index, item in enumerate(value):
            result[index] = pyasn1_value(schema["element"], spec.componentType, item)
        if not value:
            result.clear()  # an empty list is a value, not an absent one
        return result
    if kind == "NULL":
        return spec.clone("")
    # positional values: clone() of a DEFAULT's value object ignores hexValue= and binValue=
    if kind == "BIT STRING":
        return spec.clone(tuple(int(bit) for bit in value))
    if kind == "OCTET STRING":
        return spec.clone(bytes.fromhex(value))
    return spec.clone(value)


def pyasn1_encode(schema: dict[str, Any], value: Any) -> bytes:
    """The DER encoding pyasn1 produces."""
    spec = pyasn1_spec(schema)
    # omitEmptyOptionals (on by default for DER) drops empty OPTIONAL SET OF/SEQUENCE OF values,
    # which are values, not absences; the flag it sets also leaks into later components
    return bytes(pyasn1_encoder.encode(pyasn1_value(schema, spec, value), omitEmptyOptionals=False))


def pyasn1_decode(schema: dict[str, Any], der: bytes) -> Any:
    """The JSON value pyasn1's DER decoder reads from ``der``."""
    decoded, rest = pyasn1_decoder.decode(der, asn1Spec=pyasn1_spec(schema))
    if rest:
        raise ValueError("pyasn1 left trailing data")
    return _from_pyasn1(schema, decoded)


def _from_pyasn1(schema: dict[str, Any], obj: Any) -> Any:
    kind = schema["type"]
    if kind in ("SEQUENCE", "SET"):
        value = {}
        for component in schema["components"]:
            child = obj.getComponentByName(component["name"])
            if child is not None and child.isValue:
                value[component["name"]] = _from_pyasn1(component["type"], child)
        return value
    if kind in ("SEQUENCE OF", "SET OF"):
        return [_from_pyasn1(schema["element"], item) for item in obj]
    if kind == "BOOLEAN":
        return bool(obj)
    if kind in ("INTEGER", "ENUMERATED"):
        return int(obj)
    if kind == "NULL":
        return None
    if kind == "OBJECT IDENTIFIER":
        return str(obj)
    if kind == "BIT STRING":
        return obj.asBinary() if len(obj) else ""  # asBinary() of an empty BIT STRING is "0"
    if kind == "OCTET STRING":
        return obj.asOctets().hex()
    return str(obj)


# -- asn1crypto ----------------------------------------------------------------------------

class _A1Enumerated(a1.Integer):
    """ENUMERATED without a name map: the INTEGER codec with universal tag 10."""

    tag = 10


_A1_BASE: dict[str, type[a1.Asn1Value]] = {
    "BOOLEAN": a1.Boolean, "INTEGER": a1.Integer, "ENUMERATED": _A1Enumerated, "NULL": a1.Null,
    "OBJECT IDENTIFIER": a1.ObjectIdentifier, "BIT STRING": a1.BitString,
    "OCTET STRING": a1.OctetString, "UTF8String": a1.UTF8String,
    "PrintableString": a1.PrintableString, "IA5String": a1.IA5String,
    "VisibleString": a1.VisibleString, "UTCTime": a1.UTCTime,
    "GeneralizedTime": a1.GeneralizedTime,
}


def _a1_class(schema: dict[str, Any]) -> type[a1.Asn1Value]:
    kind = schema["type"]
    if kind in ("SEQUENCE", "SET"):
        fields = []
        for component in schema["components"]:
            params = _a1_tag_params(component["type"])
            if component.get("optional"):
                params["optional"] = True
            if "default" in component:
                params["default"] = _a1_native(component["type"], component["default"])
            fields.append((component["name"], _a1_class(_untagged(component["type"])), params))
        base = a1.Sequence if kind == "SEQUENCE" else a1.Set
        return type("Components", (base,), {"_fields": fields})
    if kind in ("SEQUENCE OF", "SET OF"):
        element = schema["element"]
        spec = _a1_class(_untagged(element))
        params = _a1_tag_params(element)
        if params:
            spec = type("TaggedElement", (spec,), _a1_class_tagging(params))
        base = a1.SequenceOf if kind == "SEQUENCE OF" else a1.SetOf
        return type("Elements", (base,), {"_child_spec": spec})
    return _A1_BASE[kind]


def _untagged(schema: dict[str, Any]) -> dict[str, Any]:
    return {key: item for key, item in schema.items() if key != "tags"}


def _a1_tag_params(schema: dict[str, Any]) -> dict[str, Any]:
    innermost, *explicit = layers(schema)
    params: dict[str, Any] = {}
    if innermost[0] != "universal":
        params["implicit"] = innermost
    if explicit:
        params["explicit"] = explicit[0] if len(explicit) == 1 else tuple(reversed(explicit))
    return params


def _a1_class_tagging(params: dict[str, Any]) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    if "implicit" in params:
        tag_class, number = params["implicit"]
        attributes.update(class_=_CLASS_NUMBER[tag_class], tag=number, implicit=True)
    if "explicit" in params:
        explicit = params["explicit"]
        pairs = [explicit] if isinstance(explicit[1], int) else list(explicit)
        attributes["explicit"] = tuple((_CLASS_NUMBER[c], n) for c, n in pairs)
    return attributes


def _a1_native(schema: dict[str, Any], value: Any) -> Any:
    kind = schema["type"]
    if kind in ("SEQUENCE", "SET"):
        return {component["name"]: _a1_native(component["type"], value[component["name"]])
                for component in schema["components"] if component["name"] in value}
    if kind in ("SEQUENCE OF", "SET OF"):
        return [_a1_native(schema["element"], item) for item in value]
    if kind == "BIT STRING":
        return tuple(int(bit) for bit in value)
    if kind == "OCTET STRING":
        return bytes.fromhex(value)
    if kind == "NULL":
        return a1.Null()  # asn1crypto reads a native None as an absent component
    if kind == "UTCTime":
        year = int(value[:2])
        century = "19" if year >= 50 else "20"  # asn1crypto's UTCTime window is 1950-2049
        moment = dt.datetime.strptime(century + value, "%Y%m%d%H%M%SZ")
        return moment.replace(tzinfo=dt.UTC)
    if kind == "GeneralizedTime":
        pattern = "%Y%m%d%H%M%S.%fZ" if "." in value else "%Y%m%d%H%M%SZ"
        return dt.datetime.strptime(value, pattern).replace(tzinfo=dt.UTC)
    return value


def asn1crypto_encode(schema: dict[str, Any], value: Any) -> bytes:
    """The DER encoding asn1crypto produces."""
    cls = _a1_class(_untagged(schema))
    obj = cls(_a1_native(schema, value), **_a1_tag_params(schema))
    # asn1crypto 1.5 keeps some children of a SET of implicitly tagged values as unparsed tuples,
    # which dump() cannot write ('tuple' object has no attribute 'dump'; dump(force=True) fails
    # the same way); reading .native parses them all first.
    _ = obj.native
    return bytes(obj.dump())


def asn1crypto_native(schema: dict[str, Any], der: bytes) -> Any:
    """asn1crypto's strict parse of ``der``, as its native Python value."""
    cls = _a1_class(_untagged(schema))
    return cls.load(der, strict=True, **_a1_tag_params(schema)).native


def asn1crypto_native_of(schema: dict[str, Any], value: Any) -> Any:
    """The native value asn1crypto gives for a decoded JSON value (None for NULL and for absent
    OPTIONAL components, DEFAULTs filled in), to compare with :func:`asn1crypto_native`."""
    kind = schema["type"]
    if kind in ("SEQUENCE", "SET"):
        native = {}
        for component in schema["components"]:
            name = component["name"]
            if name in value:
                native[name] = asn1crypto_native_of(component["type"], value[name])
            elif "default" in component:
                native[name] = asn1crypto_native_of(component["type"], component["default"])
            else:
                native[name] = None
        return native
    if kind in ("SEQUENCE OF", "SET OF"):
        return [asn1crypto_native_of(schema["element"], item) for item in value]
    if kind == "NULL":
        return None
    return _a1_native(schema, value)

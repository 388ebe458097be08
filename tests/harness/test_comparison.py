"""Comparing outputs by type: first differing offsets, tolerances, shapes, excerpts."""

from __future__ import annotations

from conformance.harness.comparison import compare_outputs, compare_value, excerpt, largest_deviation
from conformance.spec.model import FieldType, Tolerance

INTS = FieldType(type="int16[]")
BYTES = FieldType(type="bytes")
FLOATS = FieldType(type="float[]", tolerance=Tolerance(abs=0.001, rel=0.01))


def test_integer_arrays() -> None:
    assert compare_value("x", INTS, [1, 2, 3], [1, 2, 3]) is None
    assert compare_value("x", INTS, [1, 2, 3], (1, 2, 3)) is None
    mismatch = compare_value("x", INTS, [1, 2, 3], [1, 9, 3])
    assert mismatch is not None and mismatch.offset == 1
    assert mismatch.reason == "x: first differing item at offset 1: expected 2, provided 9 (length 3)"
    shorter = compare_value("x", INTS, [1, 2, 3], [1, 2])
    assert shorter is not None and shorter.reason.endswith("provided ends there (lengths: expected 3, provided 2)")
    longer = compare_value("x", INTS, [1], [1, 5])
    assert longer is not None and "provided has extra items from there" in longer.reason
    floats = compare_value("x", INTS, [1], [1.0])
    assert floats is not None and "item 0 is the number 1.0, expected an integer" in floats.reason


def test_bytes_show_the_first_differing_byte() -> None:
    assert compare_value("d", BYTES, "0a0b", b"\x0a\x0b") is None
    mismatch = compare_value("d", BYTES, "0a0b0c", b"\x0a\x0b\xff")
    assert mismatch is not None
    assert mismatch.reason == "d: first differing byte at offset 2: expected 0x0c, provided 0xff (length 3)"
    assert compare_value("d", BYTES, "00", "zz") is not None


def test_float_tolerance_absolute_or_relative() -> None:
    assert compare_value("f", FLOATS, [1.0, 100.0], [1.0009, 100.9]) is None
    mismatch = compare_value("f", FLOATS, [1.0, 100.0], [1.0, 102.0])
    assert mismatch is not None and mismatch.offset == 1
    assert "tolerance abs 0.001 or rel 0.01" in mismatch.reason
    exact = compare_value("f", FieldType(type="float"), 0.5, 0.5000001)
    assert exact is not None and "expected 0.5, provided 0.5000001" in exact.reason


def test_scalars_are_strict_about_types() -> None:
    assert compare_value("n", FieldType(type="int"), 1, True) is not None
    assert compare_value("b", FieldType(type="bool"), True, 1) is not None
    assert compare_value("e", FieldType(type="enum", values=["a"]), "a", "a") is None


def test_outputs_mapping() -> None:
    outputs = {"a": INTS, "b": FieldType(type="int")}
    assert compare_outputs(outputs, {"a": [1]}, {"a": [1], "extra": 5}) is None
    missing = compare_outputs(outputs, {"a": [1], "b": 2}, {"a": [1]})
    assert missing is not None and missing.reason == "output 'b' is missing"
    shape = compare_outputs(outputs, {"a": [1]}, None)
    assert shape is not None and "returned null" in shape.reason


def test_excerpt_cuts_long_values_at_the_difference() -> None:
    long = list(range(1000))
    mismatch = compare_value("a", INTS, long, [*long[:500], -1, *long[501:]])
    assert mismatch is not None
    shown = excerpt({"a": long}, mismatch)
    assert shown == {"a": {"length": 1000, "start": 496, "items": list(range(496, 512))}}
    assert excerpt({"d": bytes(range(200))}, None) == {"d": {"length": 200, "start": 0, "hex": bytes(range(32)).hex()}}
    assert excerpt({"s": [1, 2]}) == {"s": [1, 2]}


def test_largest_deviation_over_the_outputs_with_a_tolerance() -> None:
    outputs = {
        "level": FieldType(type="float", tolerance=Tolerance(abs=0.5)),
        "samples": FieldType(type="float[]", tolerance=Tolerance(abs=1)),
        "codes": FieldType(type="int16[]"),
    }
    expected = {"level": -26.0, "samples": [0, 10, 20], "codes": [1, 2]}
    assert largest_deviation(outputs, expected, {"level": -26.25, "samples": [0, 11, 20, 99], "codes": [9, 9]}) == (
        "samples", 1, 1.0)
    assert largest_deviation(outputs, expected, {"level": -27.0, "samples": [0, 10, 20]}) == ("level", None, 1.0)
    assert largest_deviation(outputs, expected, {"samples": "not a list", "level": "x"}) is None
    assert largest_deviation(outputs, expected, ["not", "a", "mapping"]) is None

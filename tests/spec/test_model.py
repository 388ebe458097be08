"""The Recommendation model: identifiers, round trips, and the rules it enforces itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from conformance.spec.fieldtypes import parse_array_type, type_problem
from conformance.spec.loading import load_recommendation
from conformance.spec.model import Recommendation

MINIMAL = {
    "id": "ITU-T G.711",
    "title": "t",
    "edition": "1988-11-25",
    "status": "in-force",
    "study_group": 16,
}


@pytest.mark.parametrize(
    "identifier",
    [
        "ITU-T G.711",
        "ITU-T G.107.1",
        "ITU-T X.690",
        "ITU-T G.711 Annex A",
        "ITU-T G.711 Appendix II",
        "ITU-T G.711 Amendment 1",
        "ITU-T X.690 Corrigendum 2",
        "ITU-T G.711 Supplement 1",
        "ITU-T G.711 Annex A Amendment 1",
        "ITU-T G Suppl. 65",
    ],
)
def test_valid_identifiers(identifier: str) -> None:
    assert Recommendation.model_validate({**MINIMAL, "id": identifier}).id == identifier


@pytest.mark.parametrize(
    "identifier",
    [
        "G.711",
        "ITU-T g.711",
        "ITU-T G711",
        "ITU-T G.711 Annex 1",
        "ITU-T G.711 Appendix 2",
        "ITU-T G.",
        "ITU-T  G.711",
        "",
    ],
)
def test_invalid_identifiers(identifier: str) -> None:
    with pytest.raises(ValidationError, match="ITU-T identifier"):
        Recommendation.model_validate({**MINIMAL, "id": identifier})


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError, match="Extra inputs"):
        Recommendation.model_validate({**MINIMAL, "colour": "blue"})


def test_every_field_is_documented() -> None:
    def walk(schema: dict[str, object]) -> None:
        for name, prop in schema.get("properties", {}).items():  # type: ignore[attr-defined]
            assert "description" in prop, name
        for sub in schema.get("$defs", {}).values():  # type: ignore[attr-defined]
            walk(sub)

    walk(Recommendation.model_json_schema())


@pytest.mark.parametrize(
    "path", sorted(Path(__file__).resolve().parents[2].glob("recommendations/*/recommendation.yaml"))
)
def test_round_trip_of_every_recommendation(path: Path) -> None:
    model = load_recommendation(path).model
    assert Recommendation.model_validate_json(model.model_dump_json()) == model
    assert Recommendation.model_validate(model.model_dump()) == model


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [("int16[]", -32768, 32767), ("uint8[]", 0, 255), ("uint5[]", 0, 31), ("int64[]", -(2**63), 2**63 - 1)],
)
def test_array_type_ranges(name: str, low: int, high: int) -> None:
    array = parse_array_type(name)
    assert array is not None and (array.minimum, array.maximum) == (low, high)
    assert type_problem(name, [low, high]) is None
    assert type_problem(name, [high + 1]) is not None
    assert type_problem(name, [low - 1]) is not None


@pytest.mark.parametrize("name", ["int0[]", "uint65[]", "int[]", "uint8", "float16[]"])
def test_not_array_types(name: str) -> None:
    assert parse_array_type(name) is None


def test_type_problems() -> None:
    assert type_problem("bool", 1) is not None
    assert type_problem("int", True) is not None
    assert type_problem("int", 5, minimum=6) is not None
    assert type_problem("enum", "c", values=["a", "b"]) is not None
    assert type_problem("float", float("nan")) is not None
    assert type_problem("bytes", b"x") is None
    assert type_problem("uint8[]", [1.0]) is not None


def test_bytes_are_hex_strings_in_json() -> None:
    assert type_problem("bytes", "00ff") is None
    assert type_problem("bytes", "") is None
    assert type_problem("bytes", "0") is not None
    assert type_problem("bytes", "zz") is not None
    assert type_problem("bytes", 5) is not None

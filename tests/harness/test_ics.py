"""The ICS: validation with located errors, the template, the ICS made from an implementation entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance.harness import check_ics, ics_for_implementation, load_ics, render_ics_template
from conformance.harness.ics import CommandSettings, ProcessSettings, PythonSettings
from conformance.spec.catalog import load_catalog
from conformance.spec.diagnostics import SpecError
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import Implementation
from tests.conftest import REPOSITORY


def test_errors_name_the_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "ics.yaml"
    path.write_text(
        "recommendation: ITU-T G.711\n"
        "implementation: {name: x, version: '1'}\n"
        "options: [a-law]\n"
        "adapter:\n"
        "  type: process\n"
        "  command: [./x]\n"
        "  timeouts: {request: -1}\n"
        "  colour: blue\n"
    )
    with pytest.raises(SpecError) as raised:
        load_ics(path)
    rendered = [diagnostic.render(tmp_path) for diagnostic in raised.value.diagnostics]
    assert rendered == [
        "ics.yaml:7:14: RB700 adapter.timeouts.request: Input should be greater than 0",
        "ics.yaml:8:3: RB700 adapter.colour: unknown field (check its spelling against the schema)",
    ]


def test_unknown_adapter_type_and_bad_expected_failure(tmp_path: Path) -> None:
    path = tmp_path / "ics.yaml"
    path.write_text(json.dumps({
        "recommendation": "ITU-T G.711", "implementation": {"name": "x", "version": "1"},
        "adapter": {"type": "telepathy"}, "expected_failures": ["set/not-a-number"],
    }))
    with pytest.raises(SpecError) as raised:
        load_ics(path)
    messages = " ".join(diagnostic.message for diagnostic in raised.value.diagnostics)
    assert "adapter: Input tag 'telepathy' found using 'type' does not match" in messages
    assert "'set/not-a-number' is not 'set-id/test-id' or 'set-id'" in messages


@pytest.fixture(scope="module")
def g711() -> LoadedRecommendation:
    found = load_catalog(REPOSITORY).find("G.711")
    assert found is not None
    return found


@pytest.mark.parametrize("adapter", ["process", "python", "command"])
def test_template_is_a_valid_ics_that_fits(g711: LoadedRecommendation, tmp_path: Path, adapter: str) -> None:
    text = render_ics_template(g711, adapter=adapter, schema_path="../schema/ics.schema.json")  # type: ignore[arg-type]
    assert text.startswith("# yaml-language-server: $schema=../schema/ics.schema.json\n")
    assert "  - a-law    # A-law encoding and decoding (Table 1a)." in text
    assert "#   encode(law: enum[A, mu], samples: int16[]) -> codes: uint8[]" in text
    assert "#   alaw-encode-exhaustive: a-law" in text
    path = tmp_path / "ics.yaml"
    path.write_text(text)
    ics = load_ics(path)
    assert ics.model.adapter.type == adapter
    assert ics.model.options == ["a-law", "mu-law"]
    assert check_ics(ics, g711) == []


def test_template_lists_the_flags_of_the_vectors(tmp_path: Path) -> None:
    from tests.harness.toy import build_toy

    build_toy(tmp_path)
    toy = load_catalog(tmp_path).find("Z.999")
    assert toy is not None
    assert "#   EmptyData: an empty input may be refused" in render_ics_template(toy)


def test_ics_for_each_kind_of_implementation_entry(g711: LoadedRecommendation) -> None:
    by_name = {entry.name: entry for entry in g711.model.implementations}
    python = ics_for_implementation(g711, by_name["reference"])
    assert isinstance(python.model.adapter, PythonSettings)
    assert python.model.options == ["a-law", "mu-law"] and python.path is None
    assert python.base == REPOSITORY.resolve()
    assert python.model.implementation.location == "reference_impl/g711"
    process = ics_for_implementation(g711, by_name["reference-process"])
    assert isinstance(process.model.adapter, ProcessSettings)
    command_entry = Implementation.model_validate({
        "name": "tool", "kind": "third-party", "language": "C", "location": {"path": "tools"},
        "license": "MIT", "adapter": {"type": "command", "command": ["x", "{input}", "{output}"], "cwd": "tools"},
    })
    command = ics_for_implementation(g711, command_entry)
    assert isinstance(command.model.adapter, CommandSettings) and command.model.adapter.cwd == "tools"

"""The ICS: validation with located errors, the template, the ICS made from an implementation entry."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conformance import __version__ as recbench_version
from conformance.cli import app
from conformance.harness import check_ics, check_setup, ics_for_implementation, load_ics, render_ics_template
from conformance.spec.adapter_settings import CommandSettings, ProcessSettings, PythonSettings
from conformance.spec.catalog import load_catalog
from conformance.spec.diagnostics import SpecError
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import Implementation
from reference_impl.g711 import __version__ as g711_version
from tests.conftest import REPOSITORY
from tests.harness.toy import FIXTURES, build_toy, python_adapter, write_ics


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


def rendered(path: Path) -> list[str]:
    with pytest.raises(SpecError) as raised:
        load_ics(path)
    return [diagnostic.render(path.parent) for diagnostic in raised.value.diagnostics]


def test_a_field_named_like_an_adapter_type_is_located(tmp_path: Path) -> None:
    path = tmp_path / "ics.yaml"
    path.write_text(
        "recommendation: ITU-T G.711\n"
        "implementation: {name: x, version: 1.0}\n"
        "adapter:\n"
        "  type: command\n"
        "  command: ./tool\n"
    )
    assert rendered(path) == [
        "ics.yaml:2:27: RB700 implementation.version: Input should be a valid string (write it in quotes)",
        "ics.yaml:5:3: RB700 adapter.command: give a list (program and arguments) or a map from interface name "
        "to such a list",
    ]
    path.write_text("recommendation: ITU-T G.711\nimplementation: {name: x, version: '1'}\nadapter: {type: process}\n")
    assert rendered(path) == ["ics.yaml:3:1: RB700 adapter.command: required field is missing"]


def test_bad_expected_failures_are_located_at_their_item(tmp_path: Path) -> None:
    path = tmp_path / "ics.yaml"
    head = ("recommendation: ITU-T G.711\nimplementation: {name: x, version: '1'}\n"
            "adapter: {type: process, command: [x]}\n")
    path.write_text(head + "expected_failures:\n  - alaw-stl-sweep/1\n  - alaw-stl-sweep/abc\n")
    assert rendered(path) == [
        "ics.yaml:6:5: RB700 expected_failures[1]: 'alaw-stl-sweep/abc' is not 'set-id/test-id' or 'set-id'"]
    path.write_text(head + "expected_failures:\n  - {vector: 'a b'}\n  - 12\n")
    assert rendered(path) == [
        "ics.yaml:5:6: RB700 expected_failures[0].vector: 'a b' is not 'set-id/test-id' or 'set-id'",
        "ics.yaml:6:5: RB700 expected_failures[1]: expected 'set-id/test-id', 'set-id' or a mapping with vector "
        "and reason",
    ]


def test_a_folder_or_a_pipe_is_not_an_ics(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.yaml")  # reading it would block for ever
    assert rendered(tmp_path / "pipe.yaml") == ["pipe.yaml:1:1: RB700 not a regular file"]
    (tmp_path / "folder.yaml").mkdir()
    assert rendered(tmp_path / "folder.yaml") == ["folder.yaml:1:1: RB700 not a regular file"]


@pytest.fixture
def toy(tmp_path: Path) -> LoadedRecommendation:
    build_toy(tmp_path / "repo")
    found = load_catalog(tmp_path / "repo").find("Z.999")
    assert found is not None
    return found


def test_flags_must_be_carried_by_some_vector(toy: LoadedRecommendation, tmp_path: Path) -> None:
    known = load_ics(write_ics(tmp_path / "ics.yaml", python_adapter(), flags=["EmptyData"]))
    assert check_ics(known, toy) == []
    typo = load_ics(write_ics(tmp_path / "ics.yaml", python_adapter(), flags=["EmptyDate"]))
    [problem] = check_ics(typo, toy)
    assert problem.message == "flags[0]: no vector of ITU-T Z.999 carries the flag 'EmptyDate' (known: EmptyData)"


def test_expected_failure_file_problems_are_found_by_the_check(toy: LoadedRecommendation, tmp_path: Path) -> None:
    (tmp_path / "known.txt").write_text("negate-basic/3\nno-such-set/1  # typo\n")
    ics = load_ics(write_ics(tmp_path / "ics.yaml", python_adapter(), expected_failures_file="known.txt"))
    [problem] = check_ics(ics, toy)
    assert problem.message == "expected_failures_file: no vector set 'no-such-set' in ITU-T Z.999"
    assert problem.path == tmp_path / "ics.yaml"
    assert '"expected_failures_file"' in (tmp_path / "ics.yaml").read_text().splitlines()[problem.line - 1]


@pytest.mark.parametrize("device", ["/dev/zero", "."])
def test_an_expected_failure_file_that_is_no_file_is_refused(toy: LoadedRecommendation, tmp_path: Path,
                                                             device: str) -> None:
    ics = load_ics(write_ics(tmp_path / "ics.yaml", python_adapter(), expected_failures_file=device))
    [problem] = check_ics(ics, toy)  # at once: /dev/zero never ends
    assert problem.message.endswith("not a regular file") and problem.path == tmp_path / "ics.yaml"


@pytest.mark.parametrize(("adapter", "words", "located"), [
    ({"type": "process", "command": ["./no-such-wrapper"]}, "adapter.command: program './no-such-wrapper' not found",
     '"./no-such-wrapper"'),
    ({"type": "process", "command": ["./script.sh"]}, "adapter.command: program './script.sh' is not executable",
     '"./script.sh"'),
    ({"type": "command", "command": ["no-such-program-here"]}, "program 'no-such-program-here' not found on PATH",
     '"no-such-program-here"'),
    ({"type": "command", "command": ["python"], "cwd": "nowhere"}, "adapter.cwd: the working folder", '"cwd"'),
    (python_adapter("no_such_module.sub:Thing"), "adapter.target: no module 'no_such_module' on the import path",
     '"target"'),
    ({"type": "python", "target": "json:JSONDecoder", "python_path": ["gone"]}, "adapter.python_path[0]: the folder",
     '"gone"'),
    ({"type": "process", "command": ["python"], "env": {"A=B": "1"}}, "adapter.env: 'A=B' cannot name an environment",
     '"A=B"'),
])
def test_adapter_settings_that_name_nothing_are_found_before_running(
    tmp_path: Path, adapter: dict[str, object], words: str, located: str
) -> None:
    (tmp_path / "script.sh").write_text("#!/bin/sh\n")  # not executable
    ics = load_ics(write_ics(tmp_path / "ics.yaml", adapter))
    [problem] = check_setup(ics)
    assert words in problem.message
    assert located in (tmp_path / "ics.yaml").read_text().splitlines()[problem.line - 1]


def test_adapter_settings_that_work_pass_the_check(tmp_path: Path) -> None:
    for adapter in (python_adapter(), {"type": "process", "command": ["python", "-c", "pass"]},
                    {"type": "command", "command": [sys.executable, "-c", "pass"], "cwd": str(FIXTURES)}):
        assert check_setup(load_ics(write_ics(tmp_path / "ics.yaml", adapter))) == [], adapter


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
    assert ics.model.options == ["a-law", "mu-law", "validates-input"]
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
    assert python.model.options == ["a-law", "mu-law", "validates-input"]
    assert python.path == g711.path and python.sha256 is None
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


def test_an_implementation_entry_carries_its_own_version(toy: LoadedRecommendation) -> None:
    """Not recbench's: the entry's version, else its package's __version__ (read, never run), else 'unversioned'."""
    package = toy.repository / "toycodec"
    package.mkdir()
    (package / "__init__.py").write_text('"""A codec."""\n\n__version__ = "7.3.1"\nraise SystemExit("ran")\n')
    (package / "codec.py").write_text("class Codec:\n    pass\n")

    def entry(adapter: dict[str, object], **fields: object) -> Implementation:
        return Implementation.model_validate({"name": "x", "kind": "third-party", "language": "Python",
                                              "location": {"path": "toycodec"}, "license": "MIT",
                                              "adapter": adapter, **fields})

    def version(adapter: dict[str, object], **fields: object) -> str:
        return ics_for_implementation(toy, entry(adapter, **fields)).model.implementation.version

    assert version({"type": "python", "target": "toycodec.codec:Codec"}) == "7.3.1"
    assert version({"type": "process", "command": ["python", "-m", "toycodec", "serve"]}) == "7.3.1"
    assert version({"type": "python", "target": "toycodec.codec:Codec"}, version="2.0") == "2.0"
    assert version({"type": "command", "command": ["./tool", "{input}", "{output}"]}) == "unversioned"
    assert recbench_version not in {version({"type": "python", "target": "toycodec.codec:Codec"}), "unversioned"}


def test_the_references_announce_the_version_they_are_recorded_with(g711: LoadedRecommendation) -> None:
    for implementation in g711.model.implementations:
        assert ics_for_implementation(g711, implementation).model.implementation.version == g711_version


def test_a_source_folder_that_is_not_there_is_found(tmp_path: Path) -> None:
    implementation = {"name": "toy", "version": "1.0", "location": "../src"}
    ics = load_ics(write_ics(tmp_path / "ics.yaml", python_adapter(), implementation=implementation))
    [problem] = check_setup(ics)
    folder = (tmp_path.parent / "src").resolve()
    assert problem.message == f"implementation.location: the folder {folder} does not exist"


def test_command_placeholders_that_can_never_be_filled(toy: LoadedRecommendation, tmp_path: Path) -> None:
    adapter = {"type": "command", "command": ["tool", "{inptu}", "{values}"], "arguments": {"mode": {"sum": "s"},
                                                                                         "lawe": {}}}
    ics = load_ics(write_ics(tmp_path / "ics.yaml", adapter))
    assert sorted(problem.message for problem in check_ics(ics, toy)) == [
        "adapter.arguments: 'lawe' is no input of ITU-T Z.999",
        "adapter.command: no {output} placeholder: the command has nowhere to write its answer",
        "adapter.command[1]: {inptu} is no input of the interface 'checksum' (it has: data, mode, input, output, "
        "interface)",
        "adapter.command[1]: {inptu} is no input of the interface 'negate' (it has: values, input, output, interface)",
        "adapter.command[1]: {inptu} is no input of the interface 'scale' (it has: values, factor, input, output, "
        "interface)",
        "adapter.command[2]: {values} is no input of the interface 'checksum' (it has: data, mode, input, output, "
        "interface)",
        "adapter.command[2]: {values} of 'negate' is of type int16[]: only a single value (bool, enum, float, int, "
        "string) can be written on a command line; exchange it as a file (adapter.files)",
        "adapter.command[2]: {values} of 'scale' is of type float[]: only a single value (bool, enum, float, int, "
        "string) can be written on a command line; exchange it as a file (adapter.files)",
    ]


def test_each_interface_is_checked_against_its_own_inputs(toy: LoadedRecommendation, tmp_path: Path) -> None:
    """{factor} is an input of scale only: one line for every interface fails negate and checksum at run time."""
    adapter = {"type": "command", "command": ["tool", "{factor}", "{input}", "{output}"]}
    ics = load_ics(write_ics(tmp_path / "ics.yaml", adapter))
    assert sorted(problem.message.split(" (")[0] for problem in check_ics(ics, toy)) == [
        "adapter.command[1]: {factor} is no input of the interface 'checksum'",
        "adapter.command[1]: {factor} is no input of the interface 'negate'",
    ]
    only_scale = load_ics(write_ics(tmp_path / "scale.yaml", adapter, options=["floats"]))
    assert check_ics(only_scale, toy) == []  # the other interfaces' sets do not apply, so never run


def test_a_command_line_per_interface_is_checked_line_by_line(toy: LoadedRecommendation, tmp_path: Path) -> None:
    adapter = {"type": "command",
               "command": {"scale": ["tool", "{factor}", "{input}", "{output}"],
                           "checksum": ["tool", "{mode}", "{factor}", "{input}", "{output}"],
                           "negat": ["tool", "{input}", "{output}"]},
               "arguments": {"interface": {"scale": "sc", "negation": "n"}}}
    path = write_ics(tmp_path / "ics.yaml", adapter)
    ics = load_ics(path)
    problems = check_ics(ics, toy)
    assert sorted(problem.message.split(" (")[0] for problem in problems) == [
        "adapter.arguments.interface: 'negation' is no interface of ITU-T Z.999",
        "adapter.command.checksum[2]: {factor} is no input of the interface 'checksum'",
        "adapter.command.negat: no interface 'negat' in ITU-T Z.999",
        "adapter.command: no command line for the interface 'negate', whose vector sets apply to the claimed options",
    ]
    text = path.read_text().splitlines()
    for problem in problems:  # each at its own line of the file
        if problem.message.startswith("adapter.command.checksum"):
            assert '"{factor}"' in text[problem.line - 1]
        if problem.message.startswith("adapter.command.negat:"):
            assert '"negat"' in text[problem.line - 1]


def test_a_command_map_that_fits_passes(toy: LoadedRecommendation, tmp_path: Path) -> None:
    adapter = {"type": "command",
               "command": {name: ["python", "{interface}", "{input}", "{output}"]
                           for name in ("negate", "checksum", "scale")},
               "arguments": {"interface": {"negate": "neg"}, "mode": {"sum": "s"}}}
    ics = load_ics(write_ics(tmp_path / "ics.yaml", adapter))
    assert check_ics(ics, toy) == [] and check_setup(ics) == []


@pytest.mark.parametrize(("command", "message"), [
    ({}, "adapter.command: Dictionary should have at least 1 item after validation, not 0"),
    ({"negate": []}, "adapter.command.negate: List should have at least 1 item after validation, not 0"),
    ([], "adapter.command: List should have at least 1 item after validation, not 0"),
    ({"negate": "tool"}, "adapter.command.negate: Input should be a valid list"),
])
def test_a_malformed_command_is_located_without_union_noise(tmp_path: Path, command: object, message: str) -> None:
    path = write_ics(tmp_path / "ics.yaml", {"type": "command", "command": command})
    with pytest.raises(SpecError) as raised:
        load_ics(path)
    assert [diagnostic.message for diagnostic in raised.value.diagnostics] == [message]


def test_a_missing_program_of_one_interface_is_named(tmp_path: Path) -> None:
    adapter = {"type": "command", "command": {"negate": ["python", "{input}", "{output}"],
                                              "scale": ["./no-such-scaler", "{input}", "{output}"]}}
    [problem] = check_setup(load_ics(write_ics(tmp_path / "ics.yaml", adapter)))
    assert problem.message.startswith("adapter.command.scale: program './no-such-scaler' not found")


def test_a_nul_character_is_refused_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "ics.yaml"
    path.write_text('recommendation: ITU-T G.711\nimplementation: {name: x, version: "1"}\n'
                    'adapter: {type: process, command: [python], cwd: "a\\0b"}\n')
    assert rendered(path) == ["ics.yaml:3:45: RB700 adapter.cwd: a NUL character"]


def test_a_recommendation_entry_is_located_in_its_file(tmp_path: Path) -> None:
    # was '.:1:1': the ICS made from an entry had no file, so every finding pointed nowhere
    build_toy(tmp_path)
    path = tmp_path / "recommendations" / "z999" / "recommendation.yaml"
    text = path.read_text("utf-8")
    text += (
        "  - name: elsewhere\n    kind: third-party\n    language: C\n    location: {path: impl}\n"
        "    license: MIT\n    adapter:\n      type: process\n      command: [python, serve.py]\n"
        "      cwd: no-such-folder\n"
    )
    path.write_text(text, "utf-8")
    toy = load_catalog(tmp_path).find("Z.999")
    assert toy is not None
    entry = toy.model.implementation("elsewhere")
    assert entry is not None
    [problem] = check_setup(ics_for_implementation(toy, entry))
    assert problem.path == path
    assert problem.line == text.splitlines().index("      cwd: no-such-folder") + 1
    assert problem.message.startswith("implementations[")


def test_ics_check_exits_2_for_a_line_that_fails_an_interface_and_0_once_each_has_its_own(toy_root: Path) -> None:
    """The exit statuses of docs/ics.md: 0 when conform could run the ICS, 2 when it could not."""
    runner = CliRunner()
    folder = toy_root / "mine"
    folder.mkdir()
    tool = [sys.executable, "-m", "reference_impl._serve", "toy_impl:Toy", "--path", str(FIXTURES), "--files"]
    shared = write_ics(folder / "shared.yaml", {"type": "command", "command": [*tool, "{factor}", "{output}"]},
                       options=["base", "floats"])
    refused = runner.invoke(app, ["ics", "check", str(shared), "--root", str(toy_root)])
    assert refused.exit_code == 2, refused.output
    assert "{factor} is no input of the interface 'negate'" in refused.output
    own = write_ics(folder / "own.yaml", {"type": "command", "command": {
        "negate": [*tool, "{input}", "{output}"], "scale": [*tool, "{input}", "{output}"]}},
        options=["base", "floats"])
    usable = runner.invoke(app, ["ics", "check", str(own), "--root", str(toy_root)])
    assert usable.exit_code == 0 and "is usable" in usable.output, usable.output

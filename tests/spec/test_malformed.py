"""Malformed input: every case gives a located, readable message and an exit code, never a traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conformance.cli import app
from conformance.spec.lint import lint_paths
from tests.mini_repository import MiniRepository

LOCATED = re.compile(r"^recommendations/x999/[\w./]+:\d+:\d+: RB\d{3} .+", re.MULTILINE)


def replace(old: str, new: str) -> Callable[[MiniRepository], None]:
    return lambda repo: repo.edit(old, new)


def write_yaml(text: str | bytes) -> Callable[[MiniRepository], None]:
    def apply(repo: MiniRepository) -> None:
        if isinstance(text, bytes):
            repo.yaml.write_bytes(text)
        else:
            repo.yaml.write_text(text)

    return apply


def write_vectors(text: str | bytes) -> Callable[[MiniRepository], None]:
    def apply(repo: MiniRepository) -> None:
        if isinstance(text, bytes):
            repo.vectors.write_bytes(text)
        else:
            repo.vectors.write_text(text)
        repo.rehash()

    return apply


def drop_vector_field(field: str) -> Callable[[MiniRepository], None]:
    def apply(repo: MiniRepository) -> None:
        document = json.loads(repo.vectors.read_text())
        del document[field]
        repo.write_vectors(document)
        repo.rehash()

    return apply


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
)

CASES: dict[str, tuple[Callable[[MiniRepository], None], str, str]] = {
    # name: (how to break it, code expected, a phrase of the message)
    "unclosed flow list": (replace("covers: [R1]", "covers: [R1"), "RB101", "YAML syntax"),
    "tab indentation": (replace("  - id: R2\n", "\t- id: R2\n"), "RB101", "YAML syntax"),
    "duplicate key": (replace("title: A", "title: B\ntitle: A"), "RB101", "duplicate key"),
    "top level is a list": (write_yaml("- 1\n- 2\n"), "RB100", "mapping"),
    "empty file": (write_yaml(""), "RB100", "mapping"),
    "not UTF-8": (write_yaml(b"id: \xff\xfe\n"), "RB101", "UTF-8"),
    "unknown field": (replace("title: A", "titel: x\ntitle: A"), "RB100", "unknown field"),
    "wrong type": (replace("study_group: 17", "study_group: seventeen"), "RB100", "study_group"),
    "identifier form": (replace("id: ITU-T X.999", "id: X.999"), "RB100", "not an ITU-T identifier"),
    "status": (replace("status: approved", "status: finished"), "RB100", "status"),
    "edition date": (replace("edition: 2024-01-31", "edition: yesterday"), "RB100", "edition"),
    "question of another group": (replace("question: Q1/17", "question: Q1/16"), "RB100", "study group 17"),
    "requirement level": (replace("level: may", "level: must"), "RB100", "requirements[1].level"),
    "clause as a number": (replace('clause: "2"', "clause: 2"), "RB100", "write it in quotes"),
    "missing field": (replace("    text: The doubler shall double its input.\n", ""), "RB100", "required field"),
    "enum without values": (replace('values: {type: "uint8[]"}', "values: {type: enum}"), "RB100", "values"),
    "unknown type": (replace('{type: "uint8[]"}', '{type: "int128[]"}'), "RB100", "unknown type"),
    "absolute vector path": (replace("file: vectors/basic.json", "file: /etc/passwd"), "RB100", "relative path"),
    "path escape": (replace("file: vectors/basic.json", "file: ../../x.json"), "RB100", "must not leave"),
    "bad SPDX licence": (replace("license: Apache-2.0", "license: Apache 2 or so"), "RB100", "SPDX"),
    "bad sha256 form": (replace("sha256: ", "sha256: xyz #"), "RB301", "is no SHA-256"),
    "alias bomb": (write_yaml(BOMB), "RB102", "alias"),
    "oversized file": (write_yaml("#" * (3 * 1024 * 1024)), "RB102", "over the limit"),
    "missing vector file": (replace("vectors/basic.json", "vectors/gone.json"), "RB300", "not found"),
    "truncated vector JSON": (
        write_vectors('{"schema": "recbench-vectors/1", "groups": [{"tests": [{"id":'),
        "RB302",
        "JSON syntax",
    ),
    "vector file is binary": (write_vectors(b"\x89PNG\r\n\x1a\n\x00\x00"), "RB302", "JSON"),
    "vector schema": (drop_vector_field("numberOfTests"), "RB302", "numberOfTests"),
    "wrong hash": (replace("sha256: ", "sha256: " + "f" * 64 + " #"), "RB301", "sha256"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_input_is_reported_cleanly(mini: MiniRepository, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    breaker, code, phrase = CASES[name]
    breaker(mini)
    monkeypatch.chdir(mini.root)
    result = CliRunner().invoke(app, ["lint", "recommendations/x999"])
    # a file that cannot be read as what it is leaves nothing to run: unusable (2); a missing file or
    # a stale hash is a finding about a readable Recommendation (1)
    assert result.exit_code == (1 if code in ("RB300", "RB301") else 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = [line for line in result.stdout.splitlines() if f" {code} " in line]
    assert lines, result.output
    assert LOCATED.match(lines[0]), lines[0]
    assert phrase.lower() in result.stdout.lower()


def test_there_are_at_least_twenty_cases() -> None:
    assert len(CASES) >= 20


def test_missing_path_is_unusable_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["lint", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert "no recommendation.yaml" in result.output


def test_real_process_prints_no_traceback(mini: MiniRepository) -> None:
    mini.edit("covers: [R1]", "covers: [R1")
    done = subprocess.run(
        [sys.executable, "-m", "conformance", "lint", "recommendations/x999"],
        cwd=mini.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2  # unreadable YAML: unusable input
    assert "Traceback" not in done.stderr + done.stdout
    assert LOCATED.match(done.stdout), done.stdout


def test_json_format(mini: MiniRepository, monkeypatch: pytest.MonkeyPatch) -> None:
    mini.edit("covers: [R1]", "covers: [R1, R9]")
    monkeypatch.chdir(mini.root)
    result = CliRunner().invoke(app, ["lint", "--format", "json"])
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)
    assert finding["code"] == "RB201" and finding["line"] > 1


@pytest.mark.parametrize(
    ("old", "new", "wanted"),
    [
        (
            "location: {path: impl}",
            "location: {path: 5}",
            "implementations[0].location.path: Input should be a valid string",
        ),
        (
            "location: {path: impl}",
            "location: {git: x, commit: abc}",
            "implementations[0].location.commit: String should match",
        ),
        ("location: {path: impl}", "location: {where: impl}", "give either 'path'"),
        (
            "  - recommendation: ITU-T X.999",
            "  - document: 7",
            "references[0].document: Input should be a valid string",
        ),
        ("  - recommendation: ITU-T X.999", "  - {cite: x}", "give either 'recommendation'"),
        (
            'adapter: {type: python, target: "impl:Doubler"}',
            "adapter: {type: python, target: 5}",
            "adapter.target: Input",
        ),
    ],
)
def test_union_fields_report_one_clear_problem(mini: MiniRepository, old: str, new: str, wanted: str) -> None:
    """A member of a union is chosen by its keys, so the editor reads one message, not each member's."""
    mini.edit(old, new)
    [diagnostic] = lint_paths([mini.folder]).diagnostics
    assert wanted in diagnostic.message
    assert "unknown field" not in diagnostic.message


@pytest.mark.parametrize(("written", "meant"), [("min: 0", "minimum"), ("max: 9", "maximum")])
def test_min_and_max_of_an_int_get_a_did_you_mean(mini: MiniRepository, written: str, meant: str) -> None:
    """docs/recommendation-format.md spells an int's bounds minimum/maximum, as the catalogue does."""
    values = '      values: {type: "uint8[]"}\n'
    mini.edit(values, f"{values}      count: {{type: int, {written}}}\n")
    [diagnostic] = lint_paths([mini.folder]).diagnostics
    assert diagnostic.message == f"interfaces[0].inputs.count.{written[:3]}: unknown field: did you mean {meant!r}?"
    line = mini.yaml.read_text().splitlines()[diagnostic.line - 1]
    assert line[diagnostic.column - 1 :].startswith(written)


def test_minimum_and_maximum_of_an_int_are_accepted(mini: MiniRepository) -> None:
    values = '      values: {type: "uint8[]"}\n'
    mini.edit(values, f"{values}      count: {{type: int, minimum: 0, maximum: 9}}\n")
    assert not [d for d in lint_paths([mini.folder]).diagnostics if d.code == "RB100"]


def test_an_unknown_key_elsewhere_gets_no_such_guess(mini: MiniRepository) -> None:
    mini.edit("    covers: [R1]\n", "    covers: [R1]\n    min: 1\n")
    [diagnostic] = lint_paths([mini.folder]).diagnostics
    assert diagnostic.message == "vector_sets[0].min: unknown field (check its spelling against the schema)"

"""Hostile input to the loaders: each case is refused located (``file:line:col: CODE message``),
never with an internal error (exit 3) or a traceback, and the pathological ones quickly."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conformance.cli import app
from conformance.harness.ics import load_ics
from conformance.spec.diagnostics import SpecError
from conformance.spec.source import MAX_DEPTH, load_json, load_yaml
from tests.mini_repository import VECTORS, MiniRepository

LOCATED = re.compile(r"^recommendations/x999/[^:]+:\d+:\d+: (RB\d{3}) (.+)$", re.MULTILINE)


def edit(old: str, new: str) -> Callable[[MiniRepository], None]:
    return lambda repo: repo.edit(old, new)


def vectors(text: str | bytes) -> Callable[[MiniRepository], None]:
    def apply(repo: MiniRepository) -> None:
        if isinstance(text, bytes):
            repo.vectors.write_bytes(text)
        else:
            repo.vectors.write_text(text, encoding="utf-8")
        repo.rehash()

    return apply


def payload_file(name: str) -> Callable[[MiniRepository], None]:
    def apply(repo: MiniRepository) -> None:
        repo.vectors.write_text(repo.vectors.read_text().replace('"data.bin"', json.dumps(name)), encoding="utf-8")
        repo.rehash()

    return apply


ENVELOPE = json.dumps(VECTORS)

CASES: dict[str, tuple[Callable[[MiniRepository], None], str, str]] = {
    # name: (how to break it, code, a phrase of the message); each ended in exit 3 before
    "NUL in a vector set's file": (
        edit("file: vectors/basic.json", 'file: "vectors/ba\\0sic.json"'), "RB100", "NUL character"),
    "5000-character vector set file": (
        edit("file: vectors/basic.json", "file: vectors/" + "a" * 5000), "RB100", "too long"),
    "NUL in a payload reference": (payload_file("da\x00ta.bin"), "RB304", "NUL character"),
    "5000-character payload reference": (payload_file("d" * 5000), "RB304", "too long"),
    "lone surrogate in a payload reference": (payload_file("\ud800.bin"), "RB304", "surrogate"),
    "invalid date": (edit("edition: 2024-01-31", "edition: 1988-13-45"), "RB101", "month must be in 1..12"),
    "5000-digit integer in YAML": (edit("study_group: 17", "study_group: " + "1" * 5000), "RB101", "digits"),
    "complex block key": (edit("title: A", "? [a, b]\n: 1\ntitle: A"), "RB101", "key must be a name"),
    # fuzz finding (seed 7, input 8537): a collection tag on a scalar broke ruamel's constructor
    "!!set tag on a scalar": (edit("title: A", "title: !!set A"), "RB101", "tag !!set is not accepted"),
    "application tag": (edit("title: A", "title: !python/name:os.system A"), "RB101", "is not accepted here"),
    "!!str tag": (edit("title: A", "title: !!str A"), "RB101", "in quotes instead"),
    "complex flow key": (edit("title: A", "{[1]: 2}: 3\ntitle: A"), "RB101", "key must be a name"),
    "5000-digit integer in JSON": (
        vectors(ENVELOPE.replace('"numberOfTests": 3', '"numberOfTests": ' + "1" * 5000)), "RB302", "digits"),
    "JSON 100,000 deep": (vectors("[" * 100_000 + "]" * 100_000), "RB302", f"more than {MAX_DEPTH} levels"),
    "duplicate JSON key": (
        vectors(ENVELOPE.replace('"interface": "double"', '"interface": "double", "interface": "x"')),
        "RB302", "duplicate key 'interface'"),
    "UTF-16 vector file": (vectors(ENVELOPE.encode("utf-16")), "RB302", "UTF-16, expected UTF-8"),
    "UTF-16 without BOM": (vectors(ENVELOPE.encode("utf-16-le")), "RB302", "UTF-16, expected UTF-8"),
    "UTF-32 vector file": (vectors(ENVELOPE.encode("utf-32")), "RB302", "UTF-32, expected UTF-8"),
    "JSON number overflowing to infinity": (
        vectors(ENVELOPE.replace('"numberOfTests": 3', '"numberOfTests": 1e999')), "RB302", "not finite"),
    "UTF-16 recommendation": (
        lambda repo: repo.yaml.write_bytes(repo.yaml.read_text().encode("utf-16")), "RB101", "UTF-16"),
    "YAML flow nesting 20,000 deep": (
        edit("title: A", "title: A\nx: " + "[" * 20_000 + "]" * 20_000), "RB102", f"more than {MAX_DEPTH} levels"),
    "YAML block nesting": (
        edit("title: A", "title: A\nx:\n" + "".join(" " * i + "- \n" for i in range(1, 200))), "RB102", "levels deep"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_is_refused_located(mini: MiniRepository, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    breaker, code, phrase = CASES[name]
    breaker(mini)
    monkeypatch.chdir(mini.root)
    result = CliRunner().invoke(app, ["lint", "recommendations/x999"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2, result.output  # a file lint cannot read at all: unusable, never 3
    found = [(match.group(1), match.group(2)) for match in LOCATED.finditer(result.stdout)]
    assert any(found_code == code and phrase in message for found_code, message in found), result.output


def doubling_bomb(levels: int) -> str:
    """``levels`` anchors, each a list of two aliases of the one before: 2**levels nodes expanded."""
    lines = ["a0: &a0 [x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_within_the_alias_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(doubling_bomb(32))  # 62 aliases, under the limit of 64; 2**32 nodes expanded
    with pytest.raises(SpecError) as raised:
        load_yaml(path)
    [diagnostic] = raised.value.diagnostics
    assert diagnostic.code == "RB102" and "expands to more than" in diagnostic.message


def test_a_modest_use_of_aliases_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(doubling_bomb(8))
    assert len(load_yaml(path)) == 8


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cycle.yaml"
    path.write_text("a: &a\n  b: *a\n")
    with pytest.raises(SpecError, match="cycle"):
        load_yaml(path)


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    yaml = tmp_path / "bom.yaml"
    yaml.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert load_yaml(yaml) == {"a": 1}
    data = tmp_path / "bom.json"
    data.write_bytes(b'\xef\xbb\xbf{"a": 1}')
    assert load_json(data)[0] == {"a": 1}


@pytest.mark.parametrize("text", ["NaN", "[Infinity]", '{"a": -Infinity}'])
def test_json_constants_are_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(text)
    with pytest.raises(SpecError, match="does not allow"):
        load_json(path)


def test_a_duplicate_key_is_located_at_the_second_key(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"a": {"b": 1,\n  "b": 2}, "b": 3}')
    with pytest.raises(SpecError) as raised:
        load_json(path)
    [diagnostic] = raised.value.diagnostics
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (2, 3, "RB302")


ICS_HEAD = "recommendation: ITU-T G.711\nimplementation: {name: x, version: '1'}\n"


@pytest.mark.parametrize(("timeouts", "phrase"), [
    ("{startup: .inf}", "timeouts.startup: Input should be a finite number"),
    ("{request: 1e12}", "timeouts.request: Input should be less than or equal to"),
    ("{request: .nan}", "timeouts.request: Input should be a finite number"),
])
def test_ics_timeouts_must_be_finite_and_bounded(tmp_path: Path, timeouts: str, phrase: str) -> None:
    path = tmp_path / "ics.yaml"
    path.write_text(ICS_HEAD + f"adapter: {{type: process, command: [x], timeouts: {timeouts}}}\n")
    with pytest.raises(SpecError) as raised:
        load_ics(path)
    assert any(phrase in d.message and d.code == "RB700" and d.line == 3 for d in raised.value.diagnostics), [
        d.render() for d in raised.value.diagnostics]


@pytest.mark.parametrize("body", [
    "edition: 1988-13-45\n",
    "x: " + "1" * 5000 + "\n",
    "? [a, b]\n: 1\n",
    "x: " + "[" * 20_000 + "]" * 20_000 + "\n",
    doubling_bomb(32),
    "adapter: {type: process, command: [x], timeouts: {startup: .inf}}\n",
])
def test_ics_check_and_conform_refuse_a_hostile_ics(tmp_path: Path, body: str) -> None:
    path = tmp_path / "ics.yaml"
    path.write_text(ICS_HEAD + body)
    root = Path(__file__).resolve().parents[2]
    # neither ics check nor conform can use it: exit 2 from both
    for arguments, wanted in (
        (["ics", "check", str(path)], 2), (["conform", "G.711", "--ics", str(path), "--no-store"], 2)
    ):
        result = CliRunner().invoke(app, [*arguments, "--root", str(root)])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code == wanted, result.output
        assert re.search(r"ics\.yaml:\d+:\d+: RB\d{3} ", result.output), result.output


def test_a_recommendation_folder_that_is_a_symbolic_link_is_refused(mini: MiniRepository, tmp_path: Path) -> None:
    from conformance.spec.catalog import load_catalog

    elsewhere = tmp_path / "elsewhere"
    folder = next((mini.root / "recommendations").glob("*/recommendation.yaml")).parent
    folder.rename(elsewhere)
    folder.symlink_to(elsewhere, target_is_directory=True)
    catalog = load_catalog(mini.root)
    assert not catalog.recommendations
    assert [(d.code, d.path) for d in catalog.failures] == [("RB600", folder)]
    result = CliRunner().invoke(app, ["list", "--root", str(mini.root)])
    assert "RB600" in result.output and "symbolic link" in result.output
    linted = CliRunner().invoke(app, ["lint", "--root", str(mini.root)])
    assert linted.exit_code == 2 and "RB600" in linted.output and "symbolic link" in linted.output

"""Each lint rule: the clean fixture passes, one bent fixture fails with the rule's code."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conformance.spec.lint import RULES, lint_paths
from tests.mini_repository import MiniRepository


def codes(repo: MiniRepository) -> list[str]:
    return [d.code for d in lint_paths([repo.folder]).diagnostics]


def test_clean_fixture_has_no_findings(mini: MiniRepository) -> None:
    assert lint_paths([mini.folder]).diagnostics == []


def test_whole_repository_is_linted_from_its_root(mini: MiniRepository) -> None:
    result = lint_paths([mini.root])
    assert result.files == [mini.yaml]


def test_every_rule_is_explained() -> None:
    assert all(code.startswith("RB") and text.endswith(".") for code, text in RULES.items())


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("  - id: R2\n", "  - id: R1\n", "RB200"),
        ("  - {id: wide, text: Inputs above 100}", "  - {id: wide, text: a}\n  - {id: wide, text: b}", "RB200"),
        ("covers: [R1]", "covers: [R1, R9]", "RB201"),
        ("requires: [wide]", "requires: [narrow]", "RB202"),
        ("    interface: double\n", "    interface: triple\n", "RB203"),
        ("covers: [R1]", "covers: []", "RB210"),
        ("  - recommendation: ITU-T X.999", "  - recommendation: ITU-T X.1000", "RB400"),
        ("location: {path: impl}", "location: {path: nowhere}", "RB500"),
        ('target: "impl:Doubler"}', 'target: "impl:Doubler"}\n    lock: impl/requirements.lock', "RB501"),
        ("file: vectors/basic.json", "file: vectors/missing.json", "RB300"),
    ],
)
def test_rule_fires(mini: MiniRepository, old: str, new: str, code: str) -> None:
    mini.edit(old, new)
    assert code in codes(mini)


def test_lines_name_file_line_and_column(mini: MiniRepository) -> None:
    mini.edit("covers: [R1]", "covers: [R1, R9]")
    [diagnostic] = lint_paths([mini.folder]).diagnostics
    line = mini.yaml.read_text().splitlines()[diagnostic.line - 1]
    assert line[diagnostic.column - 1 :].startswith("R9")
    assert diagnostic.render(mini.root).startswith(f"recommendations/x999/recommendation.yaml:{diagnostic.line}:")


def test_wrong_hash_is_found_and_fixed_keeping_comments(mini: MiniRepository) -> None:
    document = json.loads(mini.vectors.read_text())
    document["header"] = ["changed"]
    mini.write_vectors(document)
    before = mini.yaml.read_text()
    assert codes(mini) == ["RB301"]
    result = lint_paths([mini.folder], fix=True)
    assert [d.code for d in result.fixed] == ["RB301"] and result.diagnostics == []
    after = mini.yaml.read_text()
    assert "# keep this comment" in after and "# A comment that --fix must keep." in after
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1 and "sha256:" in changed[0][0]


@pytest.mark.parametrize(("written", "message"), [
    ("<hex of the JSON file>", "'<hex of the JSON file>' is no SHA-256 (64 lower-case hex digits); sha256 of"),
    ('"0000"', "'0000' is no SHA-256 (64 lower-case hex digits); sha256 of"),
    ("0000", "'0' is no SHA-256 (64 lower-case hex digits); sha256 of"),
    ("'<hex>'", "'<hex>' is no SHA-256"),
    ('""', "'' is no SHA-256"),
])
def test_a_placeholder_hash_is_a_finding_that_fix_fills(mini: MiniRepository, written: str, message: str) -> None:
    line = next(line for line in mini.yaml.read_text().splitlines() if "sha256:" in line)
    mini.edit(line, f"    sha256: {written}   # keep this comment")
    [finding] = lint_paths([mini.folder]).diagnostics
    assert finding.code == "RB301" and message in finding.message
    assert mini.yaml.read_text().splitlines()[finding.line - 1][finding.column - 1 :].startswith(f"sha256: {written}")
    result = lint_paths([mini.folder], fix=True)
    assert [d.code for d in result.fixed] == ["RB301"] and result.diagnostics == []
    assert mini.yaml.read_text().splitlines()[finding.line - 1].endswith("   # keep this comment")


def test_a_missing_hash_is_located_at_the_file_and_added_after_it(mini: MiniRepository) -> None:
    line = next(line for line in mini.yaml.read_text().splitlines() if "sha256:" in line)
    mini.edit(line + "\n", "")
    before = mini.yaml.read_text()
    [finding] = lint_paths([mini.folder]).diagnostics
    assert finding.code == "RB301" and "vector set 'basic': no sha256; that of vectors/basic.json is" in finding.message
    assert before.splitlines()[finding.line - 1].strip() == "file: vectors/basic.json"
    result = lint_paths([mini.folder], fix=True)
    assert result.diagnostics == [] and len(result.fixed) == 1
    after = mini.yaml.read_text().splitlines()
    assert after[finding.line].startswith('    sha256: "') and after[finding.line - 1] == "    file: vectors/basic.json"
    assert len(after) == len(before.splitlines()) + 1


def test_a_missing_hash_in_a_flow_mapping_is_added_after_the_file(mini: MiniRepository) -> None:
    text = mini.yaml.read_text()
    start = text.index("  - id: basic")
    end = text.index("implementations:")
    mini.yaml.write_text(text[:start] + "  - {id: basic, interface: double, file: vectors/basic.json, "
                         "provenance: {kind: generated, origin: tests, license: CC0-1.0}, covers: [R1], "
                         "requires: [wide]}  # flow\n" + text[end:])
    assert codes(mini) == ["RB301"]
    result = lint_paths([mini.folder], fix=True)
    assert result.diagnostics == []
    assert 'file: vectors/basic.json, sha256: "' in mini.yaml.read_text()
    assert "requires: [wide]}  # flow\n" in mini.yaml.read_text()


def test_vector_content_must_match_interface_types(mini: MiniRepository) -> None:
    document = json.loads(mini.vectors.read_text())
    document["groups"][0]["tests"][0]["input"]["values"] = [1, 256]
    document["groups"][0]["tests"][0]["expected"]["extra"] = 1
    mini.write_vectors(document)
    mini.rehash()
    messages = [d.message for d in lint_paths([mini.folder]).diagnostics if d.code == "RB303"]
    assert any("outside uint8 range" in m for m in messages)
    assert any("'extra' is not declared" in m for m in messages)


def test_invalid_tests_may_hold_out_of_range_inputs(mini: MiniRepository) -> None:
    assert "RB303" not in codes(mini)  # test 3 has 300 in a uint8[] and is marked invalid


def test_vector_header_must_agree_with_entry(mini: MiniRepository) -> None:
    document = json.loads(mini.vectors.read_text())
    document["interface"] = "triple"
    mini.write_vectors(document)
    mini.rehash()
    assert codes(mini) == ["RB305"]


def test_payload_hash_is_checked(mini: MiniRepository) -> None:
    (mini.folder / "vectors" / "data.bin").write_bytes(b"\x00\x01")
    found = lint_paths([mini.folder]).diagnostics
    assert [d.code for d in found] == ["RB304"]
    assert found[0].path == mini.vectors and found[0].line > 1


def test_vector_file_symlinked_outside_is_refused(mini: MiniRepository, tmp_path: Path) -> None:
    outside = tmp_path / "outside.json"
    outside.write_bytes(mini.vectors.read_bytes())
    mini.vectors.unlink()
    os.symlink(outside, mini.vectors)
    assert codes(mini) == ["RB600"]


def test_payload_escaping_the_folder_is_refused(mini: MiniRepository) -> None:
    document = json.loads(mini.vectors.read_text())
    document["groups"][0]["tests"][1]["input"]["values"]["file"] = "../../../secret.bin"
    mini.write_vectors(document)
    mini.rehash()
    assert "RB600" in codes(mini)


def test_flags_must_be_explained_and_acceptable_tests_flagged(mini: MiniRepository) -> None:
    document = json.loads(mini.vectors.read_text())
    tests = document["groups"][0]["tests"]
    tests[0]["flags"] = ["Undocumented"]
    tests.append({"id": 4, "input": {"values": [1]}, "expected": {"values": [2]}, "result": "acceptable"})
    document["numberOfTests"] = 4
    mini.write_vectors(document)
    mini.rehash()
    messages = [d.message for d in lint_paths([mini.folder]).diagnostics if d.code == "RB306"]
    assert messages == [
        "test 1: flag 'Undocumented' is not explained in the file's notes",
        "test 4: an 'acceptable' test needs a flag that an ICS can declare",
    ]
    document["notes"] = {"Undocumented": "now it is"}
    tests[3]["flags"] = ["Undocumented"]
    mini.write_vectors(document)
    mini.rehash()
    assert lint_paths([mini.folder]).diagnostics == []


RUNS_IF_IMPORTED = "import pathlib\npathlib.Path(__file__).with_name('ran').write_text('imported')\n"


def test_a_python_target_that_cannot_be_imported_is_found_without_importing(mini: MiniRepository) -> None:
    package = mini.root / "impl"
    (package / "__init__.py").write_text(RUNS_IF_IMPORTED)
    (package / "doubler.py").write_text(RUNS_IF_IMPORTED + "class Doubler:\n    pass\n")
    mini.edit('target: "impl:Doubler"', 'target: "impl.doubler:Doubler"')
    assert lint_paths([mini.folder]).diagnostics == []
    for target, missing in (("impl.doubler:Tripler", "no 'Tripler' in module 'impl.doubler'"),
                            ("impl.tripler:Tripler", "no module 'impl.tripler'"),
                            ("nowhere_at_all.codec:Codec", "no module 'nowhere_at_all'")):
        mini.yaml.write_text(mini.yaml.read_text().replace('"impl.doubler:Doubler"', f'"{target}"'))
        [finding] = lint_paths([mini.folder]).diagnostics
        assert finding.code == "RB502" and missing in finding.message, finding.message
        line = mini.yaml.read_text().splitlines()[finding.line - 1]
        assert line[finding.column - 1 :].startswith(f'target: "{target}"')
        mini.yaml.write_text(mini.yaml.read_text().replace(f'"{target}"', '"impl.doubler:Doubler"'))
    assert not (package / "ran").exists()  # neither the package nor the module ran


def test_a_target_in_an_installed_package_or_a_dynamic_module_is_accepted(mini: MiniRepository) -> None:
    (mini.root / "impl" / "dynamic.py").write_text("def __getattr__(name):\n    return name\n")
    for target in ("json:JSONDecoder", "json.decoder:JSONDecoder", "impl.dynamic:Anything"):
        mini.yaml.write_text(mini.yaml.read_text().replace('"impl:Doubler"', f'"{target}"'))
        assert lint_paths([mini.folder]).diagnostics == [], target
        mini.yaml.write_text(mini.yaml.read_text().replace(f'"{target}"', '"impl:Doubler"'))

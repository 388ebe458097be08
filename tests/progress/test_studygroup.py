"""studygroup.yaml: the model, located errors, and `recbench lint` checking it (RB900-RB902)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conformance.cli import app
from conformance.errors import RecbenchError
from conformance.progress.studygroup import lint_studygroup, load_studygroup
from conformance.spec.lint import lint_paths
from tests.mini_repository import MiniRepository

REPOSITORY = Path(__file__).resolve().parents[2]
VALID = "study_period: 2025-2028\nstudy_groups: [17]\nsource: Q1/17\n"


def _write(mini: MiniRepository, text: str) -> Path:
    path = mini.root / "studygroup.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_repositorys_own_file_is_valid_and_invents_nothing() -> None:
    loaded = load_studygroup(REPOSITORY / "studygroup.yaml")
    model = loaded.model
    assert model.contacts is model.meetings is model.training is model.tutorials is model.liaisons is None
    assert lint_studygroup(loaded, set()) == []
    assert "yaml-language-server: $schema=recommendations/schema/studygroup.schema.json" in (
        REPOSITORY / "studygroup.yaml").read_text("utf-8")


@pytest.mark.parametrize(("text", "line", "words"), [
    (VALID.replace("2025-2028", "2025-2027"), 1, "four-year study period"),
    (VALID.replace("[17]", "[21]"), 2, "not an ITU-T study group number"),
    (VALID + "questions: [Q1-17]\n", 4, "not a Question"),
    (VALID + "contacts:\n  - {name: A, role: boss}\n", 5, "contacts[0].role"),
    (VALID + "tutorials:\n  - {title: T}\n", 5, "give the path or the link"),
    (VALID + "meetings:\n  - {date: 2026-02-02, end: 2026-02-01, place: x, kind: other}\n", 5, "end is before date"),
    (VALID + "colour: blue\n", 4, "unknown field"),
])
def test_schema_errors_are_located(mini: MiniRepository, text: str, line: int, words: str) -> None:
    with pytest.raises(RecbenchError) as raised:
        load_studygroup(_write(mini, text))
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.code == "RB900" and diagnostic.line == line and words in diagnostic.message


def test_lint_checks_the_file_beside_the_recommendations(mini: MiniRepository) -> None:
    _write(mini, VALID + "recommendations: [ITU-T X.999, ITU-T X.998]\n"
           "training:\n  - {date: 2024-12-31, title: Early, format: online}\n")
    result = lint_paths([mini.root])
    assert [(d.code, d.line) for d in result.diagnostics] == [("RB901", 4), ("RB902", 6)]
    assert not result.unreadable
    assert "ITU-T X.998 is not in the catalogue" in result.diagnostics[0].message


def test_lint_exits_2_on_a_file_it_cannot_read(mini: MiniRepository, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(mini, "study_period: [unclosed\n")
    monkeypatch.chdir(mini.root)
    result = CliRunner().invoke(app, ["lint"])
    assert result.exit_code == 2
    assert "studygroup.yaml:" in result.stdout and "RB101" in result.stdout


def test_lint_of_the_file_alone(mini: MiniRepository) -> None:
    path = _write(mini, VALID + "recommendations: [ITU-T X.999]\n")
    assert lint_paths([path]).diagnostics == []


def test_the_repositorys_file_follows_the_published_schema() -> None:
    import json

    import jsonschema

    from conformance.spec.source import load_yaml

    schema = json.loads((REPOSITORY / "recommendations" / "schema" / "studygroup.schema.json").read_text("utf-8"))
    document = json.loads(json.dumps(load_yaml(REPOSITORY / "studygroup.yaml"), default=str))
    jsonschema.Draft202012Validator(schema).validate(document)

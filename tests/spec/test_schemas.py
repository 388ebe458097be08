"""The committed JSON Schemas are exactly what the models generate."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from conformance.cli import app
from conformance.spec.loading import load_recommendation
from conformance.spec.schemas import ID_PREFIX, render_schema, schema_models
from conformance.spec.source import load_yaml

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "recommendations" / "schema"


@pytest.mark.parametrize("name", sorted(schema_models()))
def test_committed_schema_is_current(name: str) -> None:
    committed = SCHEMA_DIR / f"{name}.schema.json"
    assert committed.is_file(), f"{committed} missing: run `recbench schema`"
    assert committed.read_text("utf-8") == render_schema(name), f"{committed} is stale: run `recbench schema`"


@pytest.mark.parametrize("name", sorted(schema_models()))
def test_schema_is_draft_2020_12_with_id(name: str) -> None:
    schema = json.loads(render_schema(name))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"{ID_PREFIX}{name}"


def test_schema_command_reproduces_the_committed_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for path in tmp_path.iterdir():
        assert path.read_text("utf-8") == (SCHEMA_DIR / path.name).read_text("utf-8")


def test_schema_check_reports_stale_files(tmp_path: Path) -> None:
    CliRunner().invoke(app, ["schema", "--out", str(tmp_path)])
    (tmp_path / "recommendation.schema.json").write_text("{}")
    result = CliRunner().invoke(app, ["schema", "--check", "--out", str(tmp_path)])
    assert result.exit_code == 1 and "recommendation.schema.json" in result.output


def test_every_recommendation_validates_against_the_published_schema() -> None:
    schema = json.loads((SCHEMA_DIR / "recommendation.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    files = sorted((SCHEMA_DIR.parent).glob("*/recommendation.yaml"))
    assert files
    for path in files:
        document = json.loads(load_recommendation(path).model.model_dump_json())
        errors = list(validator.iter_errors(document))
        assert not errors, f"{path}: {errors[0].message}"
        assert "yaml-language-server: $schema=../schema/recommendation.schema.json" in path.read_text()
        assert load_yaml(path) is not None


def test_vector_schema_digest_imports_only_the_spec_layer() -> None:
    """The digest is computed on every vector-file load; it must not pull in the other layers."""
    probe = (
        "import sys\n"
        "from conformance.spec.validation_cache import _schema_digest\n"
        "from conformance.spec.schemas import schema_for\n"
        "_schema_digest(); schema_for('vectors'); schema_for('recommendation')\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    root = Path(__file__).resolve().parents[2]
    environment = {**os.environ, "PYTHONPATH": str(root)}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=root,
                            env=environment)
    loaded = result.stdout.split()
    heavy = [name for name in loaded if name == "git" or name.startswith(("git.", "conformance.hygiene",
             "conformance.harness", "conformance.reports", "conformance.cli"))]
    assert not heavy, heavy
    assert "conformance.spec.vectors" in loaded  # the probe did build the schema

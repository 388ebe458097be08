"""`recbench report progress`: the formats, the output file, and unusable input (exit 2, no file)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from conformance.cli import app
from tests.progress.conftest import DatedRepository


def _invoke(dated: DatedRepository, *arguments: str) -> object:
    sources = dated.sources
    return CliRunner().invoke(app, ["report", "progress", "--root", str(dated.root), "--store", str(sources.store),
                                    "--history", str(sources.history), *arguments])


def test_markdown_on_standard_output(dated: DatedRepository) -> None:
    result = _invoke(dated, "--since", "2026-01-01", "--until", "2026-06-30")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "| 3 | 4 | 1 | 50 days |" in result.stdout  # type: ignore[attr-defined]
    assert "no watchlist.yaml" in result.stderr  # type: ignore[attr-defined]


def test_docx_and_json_to_files(dated: DatedRepository, tmp_path: Path) -> None:
    target = tmp_path / "r.docx"
    result = _invoke(dated, "--since", "2026-01-01", "--until", "2026-06-30", "--format", "docx", "-o", str(target))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    document = Document(io.BytesIO(target.read_bytes()))
    assert document.paragraphs[0].style.name == "Normal"  # the header table comes first
    assert document.tables[0].rows[1].cells[1].text == "Q1/17"
    out = tmp_path / "r.json"
    result = _invoke(dated, "--since", "2026-01-01", "--until", "2026-06-30", "--format", "json", "--output", str(out))
    assert result.exit_code == 0
    assert json.loads(out.read_text("utf-8"))["security"]["median_days_to_fix"] == 50.0


@pytest.mark.parametrize(("arguments", "words"), [
    (("--since", "2026-13-01"), "--since '2026-13-01': expected a date"),
    (("--since", "2026-07-01", "--until", "2026-06-30"), "--since 2026-07-01 is after --until 2026-06-30"),
    (("--format", "docx"), "give --output FILE"),
])
def test_bad_options_exit_2(dated: DatedRepository, arguments: tuple[str, ...], words: str) -> None:
    result = _invoke(dated, *arguments)
    assert result.exit_code == 2 and words in result.stderr  # type: ignore[attr-defined]


def test_a_broken_studygroup_yaml_exits_2_located_and_writes_nothing(dated: DatedRepository, tmp_path: Path) -> None:
    (dated.root / "studygroup.yaml").write_text("study_period: 2025-2028\nstudy_groups: [17]\n")
    target = tmp_path / "r.docx"
    result = _invoke(dated, "--format", "docx", "-o", str(target))
    assert result.exit_code == 2
    assert "studygroup.yaml:1:1: RB900 source: required field is missing" in result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in result.output and not target.exists()  # type: ignore[attr-defined]


def test_a_broken_policy_exits_2(dated: DatedRepository) -> None:
    (dated.root / "hygiene.toml").write_text("max_severity = 'dreadful'\n")
    result = _invoke(dated)
    assert result.exit_code == 2 and "hygiene.toml" in result.stderr  # type: ignore[attr-defined]

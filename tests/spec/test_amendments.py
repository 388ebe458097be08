"""Amendments and corrigenda as their own entries: base validated, linted (RB401), listed by show with the base."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conformance.cli import app
from conformance.spec.catalog import load_catalog
from conformance.spec.lint import lint_paths
from tests.mini_repository import MiniRepository

runner = CliRunner()

AMENDMENT = """\
id: ITU-T X.999 Amendment 1
title: New doubling modes
edition: 2025-06-13
status: approved
study_group: 17
base: {base}
"""


def _amendment(mini: MiniRepository, base: str = "ITU-T X.999", identifier: str = "ITU-T X.999 Amendment 1") -> None:
    folder = mini.root / "recommendations" / "x999-amd1"
    folder.mkdir()
    text = AMENDMENT.format(base=base).replace("ITU-T X.999 Amendment 1", identifier)
    (folder / "recommendation.yaml").write_text(text, encoding="utf-8")


def test_show_lists_the_amendments_of_the_base(mini: MiniRepository, monkeypatch: pytest.MonkeyPatch) -> None:
    _amendment(mini)
    monkeypatch.chdir(mini.root)
    monkeypatch.setenv("COLUMNS", "200")
    assert [item.model.id for item in load_catalog(mini.root).amendments_of("ITU-T X.999")] == [
        "ITU-T X.999 Amendment 1"
    ]
    result = runner.invoke(app, ["show", "X.999"])
    assert result.exit_code == 0, result.output
    assert "Amendments and corrigenda" in result.stdout and "ITU-T X.999 Amendment 1" in result.stdout
    result = runner.invoke(app, ["show", "X.999 Amendment 1"])
    assert result.exit_code == 0 and "Amends ITU-T X.999" in result.stdout
    assert lint_paths([mini.root]).diagnostics == []


def test_a_base_outside_the_catalogue_is_rb401(mini: MiniRepository) -> None:
    _amendment(mini, base="ITU-T X.998", identifier="ITU-T X.998 Amendment 1")
    [finding] = lint_paths([mini.root]).diagnostics
    assert finding.code == "RB401" and (finding.line, finding.column) == (6, 1)


def test_a_base_that_is_not_what_the_entry_amends_is_rb100(mini: MiniRepository) -> None:
    _amendment(mini, base="ITU-T X.25")
    [finding] = lint_paths([mini.root]).diagnostics
    assert finding.code == "RB100"
    assert "base 'ITU-T X.25' is only for an amendment or corrigendum of it" in finding.message

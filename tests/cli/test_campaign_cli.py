"""`recbench campaign`, `recbench report upstream` and `recbench report expected-failures` from the command line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from conformance.campaign.markdown import MATRIX_START
from conformance.cli import app
from tests.conftest import REPOSITORY

runner = CliRunner()


def test_a_campaign_of_one_implementation_runs_stores_and_writes(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Page\n", encoding="utf-8")
    result = runner.invoke(app, [
        "campaign", "--rec", "V.41", "--impl", "crcmod", "--root", str(REPOSITORY), "--store", str(tmp_path / "s.db"),
        "--reports", str(tmp_path / "reports"), "--markdown", str(page),
    ])
    assert result.exit_code == 0, result.output
    assert "ITU-T V.41 crcmod: passed" in result.output and "Results matrix" in result.output
    report = tmp_path / "reports" / "v41-crcmod.json"
    assert report.is_file()
    assert page.read_text("utf-8").startswith("# Page\n\n" + MATRIX_START)
    upstream = runner.invoke(app, ["report", "upstream", str(report), "--root", str(REPOSITORY)])
    assert upstream.exit_code == 1 and "nothing to report upstream" in upstream.output
    drafted = runner.invoke(app, ["report", "expected-failures", str(report)])
    assert drafted.exit_code == 0 and drafted.output == ""


def test_unknown_names_are_usage_errors(tmp_path: Path) -> None:
    store = str(tmp_path / "s.db")
    result = runner.invoke(app, ["campaign", "--rec", "Z.1", "--root", str(REPOSITORY), "--store", store])
    assert result.exit_code == 2 and "no Recommendation 'Z.1'" in result.output
    result = runner.invoke(app, ["campaign", "--rec", "V.41", "--impl", "nope", "--root", str(REPOSITORY),
                                 "--store", store])
    assert result.exit_code == 2 and "no third-party implementation 'nope'" in result.output


def test_the_commands_are_listed() -> None:
    assert "campaign" in runner.invoke(app, ["--help"]).output
    listed = runner.invoke(app, ["report", "--help"]).output
    assert "upstream" in listed and "expected-failures" in listed

"""``recbench check``: the whole workbench over a repository."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conformance.cli import app
from tests.mini_repository import MiniRepository

DOUBLER = '''
class Doubler:
    def double(self, values):
        if any(v > 255 for v in values):
            raise ValueError("above 255")
        return {"values": [2 * v for v in values]}
'''


@pytest.fixture
def runnable(mini: MiniRepository, monkeypatch: pytest.MonkeyPatch) -> MiniRepository:
    (mini.root / "impl" / "__init__.py").write_text(DOUBLER)
    (mini.root / "impl" / "requirements.lock").write_text("# standard library only\n")
    mini.edit('target: "impl:Doubler"}', 'target: "impl:Doubler"}\n    lock: impl/requirements.lock')
    monkeypatch.chdir(mini.root)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("RECBENCH_HISTORY", str(mini.root / "history.sqlite3"))
    return mini


def test_check_passes_on_a_clean_repository(runnable: MiniRepository) -> None:
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "1 Recommendation linted: clean" in result.stdout
    assert "1 of 1 run passed" in result.stdout
    assert "advisory data 2024-10-10" in result.stdout
    assert "check passed: lint, conformance, audit" in result.stdout
    assert (runnable.root / ".recbench" / "results.sqlite").is_file()


def conformance_rows(output: str) -> list[str]:
    return [line for line in output.splitlines() if "ITU-T X.999" in line and "reference" in line]


def test_check_answers_an_unchanged_passed_run_from_the_store(runnable: MiniRepository) -> None:
    assert CliRunner().invoke(app, ["check", "--no-audit"]).exit_code == 0
    again = CliRunner().invoke(app, ["check", "--no-audit"])
    assert again.exit_code == 0 and "cached" in conformance_rows(again.stdout)[0]
    forced = CliRunner().invoke(app, ["check", "--no-audit", "--no-cache"])
    assert forced.exit_code == 0 and "cached" not in conformance_rows(forced.stdout)[0]
    # a change to the implementation's files is a new run
    (runnable.root / "impl" / "notes.txt").write_text("changed\n")
    changed = CliRunner().invoke(app, ["check", "--no-audit"])
    assert changed.exit_code == 0 and "cached" not in conformance_rows(changed.stdout)[0]
    assert "1 of 1 run passed" in changed.stdout


def test_check_fails_when_the_reference_fails(runnable: MiniRepository) -> None:
    # a module name of its own: the passing one may already be imported in this process
    (runnable.root / "impl" / "tripler.py").write_text(DOUBLER.replace("2 * v", "3 * v"))
    runnable.edit('target: "impl:Doubler"', 'target: "impl.tripler:Doubler"')
    result = CliRunner().invoke(app, ["check", "--no-audit"])
    assert result.exit_code == 1
    assert "check failed: conformance" in result.stdout


def test_check_fails_on_lint_findings(runnable: MiniRepository) -> None:
    runnable.edit("covers: [R1]", "covers: [R1, R9]")
    result = CliRunner().invoke(app, ["check", "--no-conformance", "--no-audit"])
    assert result.exit_code == 1
    assert "RB201" in result.stdout and "check failed: lint" in result.stdout


def test_check_over_this_repository(repository: Path, tmp_path: Path) -> None:
    """README command (a): the real catalogue lints clean, every reference passes, the audit holds."""
    done = subprocess.run(
        [sys.executable, "-m", "conformance", "check", "--root", str(repository)],
        capture_output=True, text=True, check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "COLUMNS": "160",
             "RECBENCH_STORE": str(tmp_path / "results.sqlite"), "RECBENCH_HISTORY": str(tmp_path / "h.sqlite3"),
             "RECBENCH_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Recommendations linted: clean" in done.stdout
    assert "check passed: lint, conformance, audit" in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("policy", [
    '[licences]\nallow = ["MIT"]\n"[/x]" = 1\n',  # an unknown key in the licence table
    '[[ignores]]\nid = "PYSEC-1"\nreason = "r"\n"[/x]" = 1\n',  # and in an ignore entry
])
def test_check_prints_a_policy_error_naming_markup_as_written(runnable: MiniRepository, policy: str) -> None:
    """A policy key that looks like rich markup is printed, not parsed (it was a MarkupError, exit 3)."""
    (runnable.root / "hygiene.toml").write_text(policy)
    result = CliRunner().invoke(app, ["check", "--no-conformance"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1, result.output
    assert "audit not possible" in result.stdout and "[/x]" in result.stdout
    assert "check failed: audit" in result.stdout

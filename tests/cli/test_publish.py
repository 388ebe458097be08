"""``recbench publish``: builds, refuses unusable output folders with exit 2, and keeps ``--help`` light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from conformance.cli.app import app
from tests.conftest import REPOSITORY
from tests.publish.conftest import Published

runner = CliRunner()


def test_publish_builds_the_site(published: Published, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = runner.invoke(app, ["publish", "--out", str(out), "--root", str(REPOSITORY), "--store",
                                 str(published.store), "--history", str(published.history), "--source-url",
                                 "https://git.example.org/recbench/tree/{commit}/{path}"])
    assert result.exit_code == 0, result.output
    assert "site built:" in result.output
    page = (out / "recommendations" / "v41.html").read_text("utf-8")
    assert "https://git.example.org/recbench/tree/" in page  # the source link at the commit
    progress = (out / "progress-report.html").read_text("utf-8")  # the Resolution 90 report, this year
    assert "Resolution 90" in progress and "Action required" in progress


def test_an_out_that_is_a_file_is_exit_2_without_a_traceback(published: Published, tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["publish", "--out", str(target), "--root", str(REPOSITORY), "--store",
                                 str(published.store), "--history", str(published.history)])
    assert result.exit_code == 2
    assert "not a folder" in result.output
    assert "Traceback" not in result.output
    assert target.read_text("utf-8") == "keep me"


def test_a_source_url_without_its_placeholders_is_refused() -> None:
    result = runner.invoke(app, ["publish", "--source-url", "https://example.org/", "--root", str(REPOSITORY)])
    assert result.exit_code == 2
    assert "{commit} and {path}" in result.output


def test_help_does_not_load_the_site_builder() -> None:
    code = ("import sys\nfrom conformance.cli.app import app\n"
            "heavy = [m for m in ('matplotlib', 'mkdocs', 'conformance.publish.site') if m in sys.modules]\n"
            "print(heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPOSITORY, check=True)
    assert result.stdout.strip() == "[]"

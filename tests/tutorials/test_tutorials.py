"""Every shell command of docs/tutorials/ runs, in order, in a fresh folder: the tutorials cannot rot.

The ```` ```sh ```` blocks of a tutorial are joined into one bash script (``set -euo pipefail``,
so the first failing command fails the test) and run in a temporary folder, with ``recbench`` on
the path as this checkout's command and every store (results, history, caches) under that folder.
A tutorial may name the recbench checkout as ``$RECBENCH_REPOSITORY``.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPOSITORY

TUTORIALS = REPOSITORY / "docs" / "tutorials"
BLOCK = re.compile(r"^```sh\n(?P<body>.*?)^```$", re.DOTALL | re.MULTILINE)
SECONDS = 900  # a bound for a hung command, far above a tutorial's normal run


def shell_blocks(page: Path) -> list[str]:
    """The ```sh blocks of a Markdown page, in order."""
    return [match["body"] for match in BLOCK.finditer(page.read_text("utf-8"))]


def _tutorials() -> list[Path]:
    return sorted(path for path in TUTORIALS.glob("*.md") if path.name != "index.md")


def test_there_are_three_tutorials_each_with_commands() -> None:
    pages = _tutorials()
    assert len(pages) == 3
    for page in pages:
        assert shell_blocks(page), page.name


def test_extraction_keeps_heredocs_whole(tmp_path: Path) -> None:
    page = tmp_path / "t.md"
    page.write_text("x\n\n```sh\ncat > a <<'EOF'\n```inner```\nEOF\n```\n\n```yaml\nnot: run\n```\n", encoding="utf-8")
    assert shell_blocks(page) == ["cat > a <<'EOF'\n```inner```\nEOF\n"]


@pytest.mark.parametrize("page", _tutorials(), ids=lambda path: path.stem)
def test_the_commands_of_the_tutorial_pass(page: Path, tmp_path: Path) -> None:
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    command = bin_folder / "recbench"
    command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m conformance "$@"\n', encoding="utf-8")
    command.chmod(command.stat().st_mode | stat.S_IXUSR)
    work = tmp_path / "work"
    work.mkdir()
    environment = {
        **os.environ, "PATH": f"{bin_folder}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(REPOSITORY), "RECBENCH_REPOSITORY": str(REPOSITORY),
        "RECBENCH_HISTORY": str(tmp_path / "history.sqlite"), "RECBENCH_CACHE_DIR": str(tmp_path / "cache"),
        "RECBENCH_STORE": str(tmp_path / "results.sqlite"), "HOME": str(tmp_path / "home"),
        "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1", "COLUMNS": "120",
    }
    environment.pop("RECBENCH_DB", None)
    script = "set -euo pipefail\n" + "\n".join(shell_blocks(page))
    result = subprocess.run(["bash", "-c", script], cwd=work, env=environment, capture_output=True, text=True,
                            timeout=SECONDS, stdin=subprocess.DEVNULL, check=False)
    assert result.returncode == 0, (
        f"{page.name}: exit {result.returncode}\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")

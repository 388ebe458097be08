"""The README's Quick start: two commands, and `.ci/run` runs the test one verbatim."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def quick_start_commands() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S)]


def test_the_quick_start_has_two_commands_and_ci_runs_the_test_one_verbatim() -> None:
    check, tests = quick_start_commands()
    assert check.endswith("recbench check") and "\n" not in check
    assert "pytest" in tests and "\n" not in tests
    ci = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert ci[-1] == tests

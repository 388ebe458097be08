"""Every diagnostic code the source emits is registered in conformance.codes, and none is dead."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from conformance.cli import app
from conformance.codes import CODES, RESERVED, TOPICS
from conformance.spec.lint import RULES

PACKAGE = Path(__file__).resolve().parents[2] / "conformance"
REGISTRY = PACKAGE / "codes.py"
CODE = re.compile(r"RB[0-9]{3}")


def _emitted() -> dict[str, list[str]]:
    """Each code literal in the source outside the registry, with the files that hold it."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == REGISTRY:
            continue
        for code in sorted(set(CODE.findall(path.read_text("utf-8")))):
            found.setdefault(code, []).append(path.relative_to(PACKAGE).as_posix())
    return found


def test_every_emitted_code_is_registered() -> None:
    unregistered = {code: files for code, files in _emitted().items() if code not in CODES}
    assert not unregistered, f"register these codes in conformance/codes.py: {unregistered}"


def test_every_registered_code_is_emitted_or_reserved() -> None:
    dead = sorted(set(CODES) - set(_emitted()) - RESERVED)
    assert not dead, f"no module emits {dead}: remove them or mark them RESERVED in conformance/codes.py"
    assert set(CODES) >= RESERVED


def test_codes_are_well_formed_and_grouped() -> None:
    assert all(CODE.fullmatch(code) and code[:3] in TOPICS for code in CODES)
    assert all(text.endswith(".") and "\n" not in text for text in CODES.values())
    assert list(CODES) == sorted(CODES)
    assert RULES is CODES  # lint's old name is the registry, not a copy


def test_list_rules_prints_every_code() -> None:
    result = CliRunner().invoke(app, ["lint", "--list-rules"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"{code}  {text}" for code, text in CODES.items()]

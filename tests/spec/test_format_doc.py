"""docs/recommendation-format.md lists every lint rule with the explanation `--list-rules` gives."""

from __future__ import annotations

from pathlib import Path

from conformance.spec.lint import RULES

DOC = Path(__file__).resolve().parents[2] / "docs" / "recommendation-format.md"


def test_every_rule_is_in_the_format_doc() -> None:
    text = DOC.read_text("utf-8")
    missing = [code for code, explanation in RULES.items() if f"| {code} | {explanation} |" not in text]
    assert not missing, f"update the rule table in {DOC.name}: {missing}"

"""docs/recommendation-format.md lists every diagnostic code with the explanation `--list-rules` gives."""

from __future__ import annotations

import re
from pathlib import Path

from conformance.codes import CODES

DOC = Path(__file__).resolve().parents[2] / "docs" / "recommendation-format.md"
ROW = re.compile(r"^\| (RB[0-9]{3}) \| (.*) \|$", re.MULTILINE)


def test_every_code_is_in_the_format_doc() -> None:
    text = DOC.read_text("utf-8")
    missing = [code for code, explanation in CODES.items() if f"| {code} | {explanation} |" not in text]
    assert not missing, f"update the rule table in {DOC.name}: {missing}"


def test_the_format_doc_lists_no_other_code() -> None:
    """A row for a code that was renumbered or withdrawn would document a code nothing reports."""
    rows = dict(ROW.findall(DOC.read_text("utf-8")))
    assert list(rows) == list(CODES), f"the rule table in {DOC.name} differs from conformance/codes.py"

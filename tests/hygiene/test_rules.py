"""Every hygiene rule id the audit emits is registered (under the kind it is emitted with) and documented."""

from __future__ import annotations

import ast
from pathlib import Path

from conformance.hygiene.findings import FindingKind
from conformance.hygiene.rules import ADVISORY_KIND, RULES

ROOT = Path(__file__).resolve().parents[2]
HYGIENE = ROOT / "conformance" / "hygiene"
DOC = ROOT / "docs" / "hygiene.md"


def _emitted() -> tuple[dict[str, set[str]], list[str]]:
    """Each rule-id literal passed as ``rule=`` in the hygiene source, with the kinds it goes with.

    Also the places whose ``rule=`` is not a literal; only an advisory id may be computed.
    """
    found: dict[str, set[str]] = {}
    computed: list[str] = []
    for path in sorted(HYGIENE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            keywords = {keyword.arg: keyword.value for keyword in node.keywords if keyword.arg}
            if "rule" not in keywords:
                continue
            kind = keywords.get("kind")
            kind_name = kind.attr if isinstance(kind, ast.Attribute) else "?"
            literals = [item.value for item in ast.walk(keywords["rule"])
                        if isinstance(item, ast.Constant) and isinstance(item.value, str)]
            if not literals:
                computed.append(f"{path.name}:{node.lineno} kind={kind_name}")
            for literal in literals:
                found.setdefault(literal, set()).add(kind_name)
    return found, computed


def test_every_emitted_rule_is_registered_with_its_kind() -> None:
    found, _ = _emitted()
    unregistered = sorted(set(found) - set(RULES))
    assert not unregistered, f"register these rules in conformance/hygiene/rules.py: {unregistered}"
    wrong_kind = {rule: kinds for rule, kinds in found.items() if kinds != {FindingKind(RULES[rule].kind).name}}
    assert not wrong_kind, wrong_kind


def test_only_an_advisory_rule_is_computed() -> None:
    _, computed = _emitted()
    assert computed and all(place.endswith(f"kind={ADVISORY_KIND.name}") for place in computed), computed


def test_every_registered_rule_is_emitted() -> None:
    found, _ = _emitted()
    assert not sorted(set(RULES) - set(found)), "a registered rule that nothing emits"


def test_every_rule_is_documented() -> None:
    text = DOC.read_text("utf-8")
    missing = [rule for rule, entry in RULES.items()
               if f"| `{rule}` | {entry.kind.value} | {entry.explanation} |" not in text]
    assert not missing, f"update the rule table in {DOC.name}: {missing}"
    table = text.split("| rule | kind | meaning |\n|---|---|---|\n", 1)[1].split("\n\n", 1)[0]
    rows = [line.split("`")[1] for line in table.splitlines()]
    assert rows == list(RULES), "the rule table lists a rule that is not registered, or another order"

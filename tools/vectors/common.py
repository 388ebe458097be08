"""Writing vector-set files deterministically (shared by the generators in this folder)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any


def refresh_hashes(folder: Path) -> int:
    """Bring the vector-set sha256 values of ``folder``'s recommendation.yaml up to date in place.

    The same fixer as ``recbench lint --fix``: only the hash tokens change.
    """
    from conformance.spec.lint import apply_hash_fixes
    from conformance.spec.loading import load_recommendation

    if not (folder / "recommendation.yaml").is_file():
        return 0
    return apply_hash_fixes(load_recommendation(folder))


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def payload(folder: Path, relative: str, payload_format: str) -> dict[str, str]:
    """A payload reference to ``relative`` (under the vector file's ``folder``)."""
    return {"file": relative, "format": payload_format, "sha256": sha256_of(folder / relative)}


def write_vector_file(
    path: Path,
    *,
    recommendation: str,
    vector_set: str,
    interface: str,
    header: list[str],
    groups: list[dict[str, Any]],
    notes: dict[str, str] | None = None,
) -> str:
    """Write a vector-set file, one test per line so diffs stay readable; returns its sha256."""
    count = sum(len(group["tests"]) for group in groups)
    ids = [test["id"] for group in groups for test in group["tests"]]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path.name}: duplicate test ids")
    lines = [
        "{",
        f'"schema": "recbench-vectors/1", "recommendation": {json.dumps(recommendation)},',
        f'"vectorSet": {json.dumps(vector_set)}, "interface": {json.dumps(interface)},',
        f'"header": {json.dumps(header)},',
        f'"notes": {json.dumps(notes or {}, sort_keys=True)},',
        f'"numberOfTests": {count},',
        '"groups": [',
    ]
    for g, group in enumerate(groups):
        head = {key: value for key, value in group.items() if key != "tests"}
        shared = json.dumps(head, separators=(", ", ": "))[1:-1]
        lines.append("{" + (f"{shared}, " if shared else "") + '"tests": [')
        tests = group["tests"]
        for t, test in enumerate(tests):
            comma = "," if t < len(tests) - 1 else ""
            lines.append(json.dumps(test, separators=(",", ":")) + comma)
        lines.append("]}" + ("," if g < len(groups) - 1 else ""))
    lines += ["]", "}"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sha256_of(path)


def yaml_scalar(value: str) -> str:
    """A YAML plain scalar when safe, else a double-quoted one."""
    if any(c in value for c in ":#,[]{}'\"") or value != value.strip():
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def vector_sets_yaml(folder: Path, entries: list[dict[str, Any]]) -> str:
    """The vector_sets section of a recommendation.yaml in ``folder``, one block per set.

    Each entry holds id, interface, file, description, provenance (kind, origin, license),
    covers and requires; the sha256 is taken from the written file.
    """
    lines = ["vector_sets:"]
    for entry in entries:
        provenance = entry["provenance"]
        lines += [
            f"  - id: {entry['id']}",
            f"    interface: {entry['interface']}",
            f"    file: {entry['file']}",
            f'    sha256: "{sha256_of(folder / entry["file"])}"',
            f"    description: {yaml_scalar(entry['description'])}",
            "    provenance:",
            f"      kind: {provenance['kind']}",
            f"      origin: {yaml_scalar(provenance['origin'])}",
            f"      license: {yaml_scalar(provenance['license'])}",
            f"    covers: [{', '.join(entry['covers'])}]",
            f"    requires: [{', '.join(entry['requires'])}]",
        ]
    return "\n".join(lines) + "\n"


def replace_vector_sets(recommendation_file: Path, begin: str, end: str, entries: list[dict[str, Any]]) -> None:
    """Replace the text between the marker lines ``begin`` and ``end`` of a recommendation.yaml."""
    text = recommendation_file.read_text(encoding="utf-8")
    start, stop = text.index(begin), text.index(end)
    head, tail = text[: start + len(begin)], text[stop:]
    section = vector_sets_yaml(recommendation_file.parent, entries)
    recommendation_file.write_text(f"{head}\n{section}{tail}", encoding="utf-8")

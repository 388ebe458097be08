"""A small, valid Recommendation repository that each test bends into one broken shape."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

RECOMMENDATION = """\
# yaml-language-server: $schema=../schema/recommendation.schema.json
# A comment that --fix must keep.
id: ITU-T X.999
title: A Recommendation made up for tests
edition: 2024-01-31
status: approved
study_group: 17
question: Q1/17
references:
  - recommendation: ITU-T X.999
requirements:
  - id: R1
    clause: "1"
    level: shall
    text: The doubler shall double its input.
  - id: R2
    clause: "2"
    level: may
    text: It may refuse negative numbers.
options:
  - {id: wide, text: Inputs above 100}
interfaces:
  - name: double
    inputs:
      values: {type: "uint8[]"}
    outputs:
      values: {type: "uint16[]"}
vector_sets:
  - id: basic
    interface: double
    file: vectors/basic.json
    sha256: {sha}   # keep this comment
    provenance: {kind: generated, origin: tests, license: CC0-1.0}
    covers: [R1]
    requires: [wide]
implementations:
  - name: reference
    kind: reference
    language: python
    location: {path: impl}
    license: Apache-2.0
    adapter: {type: python, target: "impl:Doubler"}
"""

VECTORS: dict[str, Any] = {
    "schema": "recbench-vectors/1",
    "recommendation": "ITU-T X.999",
    "vectorSet": "basic",
    "interface": "double",
    "header": ["doubling"],
    "notes": {},
    "numberOfTests": 3,
    "groups": [
        {
            "parameters": {},
            "tests": [
                {"id": 1, "input": {"values": [1, 2]}, "expected": {"values": [2, 4]}},
                {
                    "id": 2,
                    "input": {"values": {"file": "data.bin", "format": "uint8", "sha256": ""}},
                    "expected": {"values": [6, 8]},
                },
                {"id": 3, "input": {"values": [300]}, "result": "invalid"},
            ],
        }
    ],
}


class MiniRepository:
    """Paths and edit operations on the fixture repository."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / "recommendations" / "x999"
        self.yaml = self.folder / "recommendation.yaml"
        self.vectors = self.folder / "vectors" / "basic.json"

    def write_vectors(self, document: dict[str, Any]) -> None:
        self.vectors.write_text(json.dumps(document, indent=1), encoding="utf-8")

    def rehash(self) -> None:
        text = self.yaml.read_text("utf-8")
        digest = hashlib.sha256(self.vectors.read_bytes()).hexdigest()
        start = text.index("sha256: ") + len("sha256: ")
        end = text.index(" ", start)
        self.yaml.write_text(text[:start] + digest + text[end:], encoding="utf-8")

    def edit(self, old: str, new: str) -> None:
        text = self.yaml.read_text("utf-8")
        assert old in text, old
        self.yaml.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def mini(tmp_path: Path) -> MiniRepository:
    """A valid one-Recommendation repository in a temporary folder."""
    repo = MiniRepository(tmp_path)
    (repo.folder / "vectors").mkdir(parents=True)
    (tmp_path / "impl").mkdir()
    payload = bytes([3, 4])
    (repo.folder / "vectors" / "data.bin").write_bytes(payload)
    document = json.loads(json.dumps(VECTORS))
    document["groups"][0]["tests"][1]["input"]["values"]["sha256"] = hashlib.sha256(payload).hexdigest()
    repo.write_vectors(document)
    repo.yaml.write_text(RECOMMENDATION.replace("{sha}", "0" * 63 + "a"), encoding="utf-8")
    repo.rehash()
    return repo

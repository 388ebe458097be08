"""A temporary git repository holding one Recommendation with a working reference implementation.

Each test edits it (requirements, vector files), commits, and checks what history, diff and
release make of the commits. The reference package gets a name of its own per test, since the
python adapter imports it in this process and a module name is imported once.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import git
import pytest

from conformance.spec.lint import apply_hash_fixes
from conformance.spec.loading import load_recommendation

RECOMMENDATION = """\
# yaml-language-server: $schema=../schema/recommendation.schema.json
# A comment the release must keep.
id: ITU-T X.999
title: A Recommendation made up for tests
edition: 2024-01-31
status: approved
study_group: 17
requirements:
  - id: R1
    clause: "1"
    level: shall
    text: The doubler shall double each value.
  - id: R2
    clause: "2"
    level: should
    text: >
      The doubler should refuse values
      above 100.
  - id: R3
    clause: "3"
    level: may
    text: It may log.
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
    sha256: "0000000000000000000000000000000000000000000000000000000000000000"
    provenance: {kind: generated, origin: tests, license: CC0-1.0}
    covers: [R1]
  - id: old
    interface: double
    file: vectors/old.json
    sha256: "0000000000000000000000000000000000000000000000000000000000000000"
    provenance: {kind: generated, origin: tests, license: CC0-1.0}
    covers: [R1]
implementations:
  - name: reference
    kind: reference
    language: python
    location: {path: PACKAGE}
    license: Apache-2.0
    adapter: {type: python, target: "PACKAGE:Doubler"}
"""

IMPLEMENTATION = '''\
"""A doubler for the tests."""


class Doubler:
    def double(self, values):
        return {"values": [FACTOR * value for value in values]}
'''


def vector(test_id: int, values: list[int], *, expected: list[int] | None = None, **more: Any) -> dict[str, Any]:
    """One test of the 'double' interface (expected: the doubled values unless given)."""
    doubled = [2 * value for value in values] if expected is None else expected
    return {"id": test_id, "input": {"values": values}, "expected": {"values": doubled}, **more}


class EditionsRepository:
    """The repository and the edits tests make to it."""

    def __init__(self, root: Path, package: str) -> None:
        self.root = root
        self.package = package
        self.folder = root / "recommendations" / "x999"
        self.yaml = self.folder / "recommendation.yaml"
        self.repo = git.Repo.init(root)
        with self.repo.config_writer() as config:
            config.set_value("user", "name", "Editor")
            config.set_value("user", "email", "editor@example.org")
            config.set_value("commit", "gpgsign", "false")
            config.set_value("tag", "gpgsign", "false")

    def write_vectors(self, set_id: str, tests: list[dict[str, Any]], *, payload: bytes | None = None) -> None:
        """Write vectors/<set_id>.json holding ``tests`` in one group."""
        document = {
            "schema": "recbench-vectors/1", "recommendation": "ITU-T X.999", "vectorSet": set_id,
            "interface": "double", "header": [], "notes": {}, "numberOfTests": len(tests),
            "groups": [{"parameters": {}, "tests": tests}],
        }
        (self.folder / "vectors" / f"{set_id}.json").write_text(json.dumps(document, indent=1), encoding="utf-8")

    def edit(self, old: str, new: str) -> None:
        """Replace ``old`` (which must be there) by ``new`` in recommendation.yaml."""
        text = self.yaml.read_text("utf-8")
        assert old in text, old
        self.yaml.write_text(text.replace(old, new, 1), encoding="utf-8")

    def rehash(self) -> None:
        """Let `lint --fix` write the sha256 of every vector file."""
        apply_hash_fixes(load_recommendation(self.yaml))

    def set_factor(self, factor: int) -> None:
        """Make the reference multiply by ``factor`` (2 passes; anything else fails)."""
        (self.root / self.package / "__init__.py").write_text(
            IMPLEMENTATION.replace("FACTOR", str(factor)), encoding="utf-8"
        )

    def commit(self, message: str) -> str:
        """Stage everything and commit; returns the commit id."""
        self.repo.git.add("-A")
        self.repo.git.commit("-q", "-m", message)
        return self.repo.head.commit.hexsha


@pytest.fixture
def editions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> EditionsRepository:
    """A committed repository: the Recommendation with sets 'basic' and 'old', and its passing reference."""
    # the user's own git configuration (signing, hooks, templates) must not reach the tests
    empty = tmp_path / "gitconfig"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = tmp_path / "repository"
    root.mkdir()
    package = f"doubler_{uuid.uuid4().hex[:12]}"
    repository = EditionsRepository(root, package)
    (repository.folder / "vectors").mkdir(parents=True)
    (root / package).mkdir()
    repository.set_factor(2)
    repository.yaml.write_text(RECOMMENDATION.replace("PACKAGE", package), encoding="utf-8")
    repository.write_vectors("basic", [vector(1, [1, 2]), vector(2, [3]), vector(3, [4, 5])])
    repository.write_vectors("old", [vector(1, [7])])
    repository.rehash()
    (root / ".gitignore").write_text(".recbench/\n__pycache__/\n", encoding="utf-8")
    repository.commit("X.999 as data")
    return repository

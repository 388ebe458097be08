"""Loading ``recommendation.yaml`` into the model, with located, readable errors."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from conformance.files import read_bounded
from conformance.spec.diagnostics import Diagnostic, SpecError
from conformance.spec.model import Recommendation
from conformance.spec.source import MAX_YAML_BYTES, parse_yaml, yaml_location
from conformance.spec.validation_errors import field_words, located_diagnostics

__all__ = [
    "RECOMMENDATION_FILE",
    "LoadedRecommendation",
    "field_words",
    "load_recommendation",
    "parse_recommendation",
]

RECOMMENDATION_FILE = "recommendation.yaml"


@dataclass(frozen=True)
class LoadedRecommendation:
    """A validated Recommendation with the files it came from."""

    model: Recommendation
    path: Path  # the recommendation.yaml
    document: Any  # the round-trip YAML tree, for locating lint findings

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def repository(self) -> Path:
        """The repository root: the folder holding ``recommendations/``."""
        return self.path.parent.parent.parent

    def locate(self, *loc: str | int) -> tuple[int, int]:
        """Line and column of a field, e.g. ``locate('vector_sets', 2, 'sha256')``."""
        return yaml_location(self.document, loc)

    def diagnostic(self, code: str, message: str, *loc: str | int) -> Diagnostic:
        """A finding located at the field ``loc`` of this file."""
        return Diagnostic(self.path, *self.locate(*loc), code, message)


def load_recommendation(path: Path) -> LoadedRecommendation:
    """Load and validate a Recommendation file (or the one in a folder)."""
    if _is_folder(path):
        path = path / RECOMMENDATION_FILE
    return parse_recommendation(read_bounded(path, MAX_YAML_BYTES), path)


def parse_recommendation(raw: bytes, path: Path) -> LoadedRecommendation:
    """Validate the bytes of a ``recommendation.yaml`` that ``path`` names (in diagnostics).

    For text that is not a file of the work tree (a git blob of an older revision): ``path``
    is where the file would lie, so folder and repository still follow from it. Bytes already
    parsed in this process are not parsed again (the model and document are shared, never to be
    changed): ``recbench check`` reads the catalogue in each of its parts, and YAML parsing is slow.
    """
    key = hashlib.sha256(raw).digest()
    parsed = _PARSED.get(key)
    if parsed is None:
        document = parse_yaml(raw, path)
        if not isinstance(document, dict):
            raise SpecError([Diagnostic(path, 1, 1, "RB100", "expected a mapping of fields at the top level")])
        try:
            model = Recommendation.model_validate(document)
        except ValidationError as error:
            raise SpecError(located_diagnostics(error, document, path, "RB100", override=_message)) from None
        parsed = _PARSED[key] = (model, document)
        while len(_PARSED) > _PARSED_KEPT:
            del _PARSED[next(iter(_PARSED))]
    return LoadedRecommendation(parsed[0], path, parsed[1])


_PARSED: dict[bytes, tuple[Recommendation, Any]] = {}  # by sha256 of the bytes, oldest first
_PARSED_KEPT = 256


# Spellings of a field type's keys from elsewhere (the short forms of many schema languages)
OTHER_SPELLINGS = {"min": "minimum", "max": "maximum", "enum": "values"}


def _message(detail: ErrorDetails, loc: list[str | int]) -> str | None:
    """The Recommendation's own wording over the general rules: a 'did you mean' for a field type's keys."""
    in_field_type = len(loc) >= 3 and loc[-3] in ("inputs", "outputs")
    if detail["type"] == "extra_forbidden" and in_field_type and loc[-1] in OTHER_SPELLINGS:
        return f"unknown field: did you mean {OTHER_SPELLINGS[str(loc[-1])]!r}?"
    return None


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):  # a NUL or an over-long name: read_bounded says so, located
        return False

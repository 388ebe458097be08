"""Loading ``recommendation.yaml`` into the model, with located, readable errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from conformance.spec.adapter_settings import ADAPTER_TYPES
from conformance.spec.diagnostics import Diagnostic, SpecError
from conformance.spec.model import UNION_TAGS, Recommendation
from conformance.spec.source import load_yaml, yaml_location

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
    if path.is_dir():
        path = path / RECOMMENDATION_FILE
    document = load_yaml(path)
    if not isinstance(document, dict):
        raise SpecError([Diagnostic(path, 1, 1, "RB100", "expected a mapping of fields at the top level")])
    try:
        model = Recommendation.model_validate(document)
    except ValidationError as error:
        raise SpecError(_diagnostics(path, document, error)) from None
    return LoadedRecommendation(model, path, document)


def _diagnostics(path: Path, document: Any, error: ValidationError) -> list[Diagnostic]:
    found = []
    for detail in error.errors(include_url=False):
        loc = _clean_loc(detail)
        line, column = yaml_location(document, loc)
        found.append(Diagnostic(path, line, column, "RB100", f"{field_words(loc)}: {_message(detail)}"))
    return sorted(set(found))


def _clean_loc(detail: ErrorDetails) -> list[str | int]:
    # pydantic puts the union member's tag in the path ('in-git', or an adapter's type after
    # 'adapter'); editors never wrote those, so they are dropped
    loc = detail["loc"]
    return [
        step
        for index, step in enumerate(loc)
        if not (step in UNION_TAGS or (index > 0 and loc[index - 1] == "adapter" and step in ADAPTER_TYPES))
    ]


def field_words(loc: list[str | int]) -> str:
    """A field path as an editor reads it: ``vector_sets[2].provenance.kind``."""
    words = ""
    for step in loc:
        words += f"[{step}]" if isinstance(step, int) else (f".{step}" if words else str(step))
    return words or "document"


def _message(detail: ErrorDetails) -> str:
    kind = detail["type"]
    if kind == "extra_forbidden":
        return "unknown field (check its spelling against the schema)"
    if kind == "missing":
        return "required field is missing"
    message = detail["msg"].removeprefix("Value error, ")
    if kind == "string_type" and isinstance(detail.get("input"), int | float):
        message += " (write it in quotes)"
    return message

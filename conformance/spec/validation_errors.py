"""The one translation of pydantic validation errors into located, editor-facing diagnostics.

Every loader that validates a user's file with a pydantic model (recommendation.yaml, an ICS, a
payload reference in a vector file, the hygiene policy) turns each error into
``file:line:col: CODE field: message`` here, so the rules below hold everywhere:

- the error path is the one the author wrote: union member names (``ExpectedFailure``, ``str``,
  the location tags such as ``in-git``) and an adapter's type tag after ``adapter`` are dropped,
  and an index a validator put in the error's context (``index``) is appended;
- a union's ``str`` member complaining about a mapping is dropped when the mapping member has
  its own complaint (the author did not mean a string);
- the message says what to do: ``unknown field (check its spelling ...)``, ``required field is
  missing``, ``expected a mapping of fields``, and a number where text belongs gets
  ``(write it in quotes)``; pydantic's ``Value error,`` prefix is removed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from conformance.spec.adapter_settings import ADAPTER_TYPES
from conformance.spec.diagnostics import Diagnostic
from conformance.spec.model import UNION_TAGS
from conformance.spec.source import Location, json_location, yaml_location

#: A caller's own wording for some errors: return None to keep the general rules.
Override = Callable[[ErrorDetails, list[str | int]], str | None]
#: How a path (within the validated document) is written in a message.
Words = Callable[[list[str | int]], str]


def field_words(loc: Sequence[str | int]) -> str:
    """A field path as an editor reads it: ``vector_sets[2].provenance.kind``."""
    words = ""
    for step in loc:
        words += f"[{step}]" if isinstance(step, int) else (f".{step}" if words else str(step))
    return words or "document"


def editor_path(detail: ErrorDetails, union_tags: frozenset[str] = UNION_TAGS) -> list[str | int]:
    """The error's path as the author wrote the file (see the module docstring)."""
    loc = detail["loc"]
    path: list[str | int] = []
    for position, step in enumerate(loc):
        last = position == len(loc) - 1
        if position > 0 and loc[position - 1] == "adapter" and step in ADAPTER_TYPES:
            continue  # the discriminator's tag ('process' ...), not a field such as 'command'
        model_name = isinstance(step, str) and step[:1].isupper() and step.isidentifier()
        if model_name and not (last and detail["type"] == "extra_forbidden"):
            continue  # a union member's model name; no field of any model is capitalised
        if isinstance(step, str) and step in union_tags and not (last and detail["type"] == "extra_forbidden"):
            continue  # a tagged union member ('in-git'), not a key (an unknown key is the last step)
        path.append(step)
    index = (detail.get("ctx") or {}).get("index")
    return [*path, index] if isinstance(index, int) else path


def editor_message(detail: ErrorDetails) -> str:
    """The message of one error, worded for the file's author."""
    kind = detail["type"]
    if kind == "extra_forbidden":
        return "unknown field (check its spelling against the schema)"
    if kind == "missing":
        return "required field is missing"
    if kind == "model_type":  # pydantic names the model class, which the author never wrote
        return "expected a mapping of fields"
    message = detail["msg"].removeprefix("Value error, ")
    if kind == "string_type" and isinstance(detail.get("input"), int | float):
        message += " (write it in quotes)"
    return message


def located_diagnostics(
    error: ValidationError,
    document: Any,
    path: Path,
    code: str,
    *,
    prefix: Sequence[str | int] = (),
    override: Override | None = None,
    words: Words = field_words,
    locate: Callable[[list[str | int]], Location] | None = None,
    union_tags: frozenset[str] = UNION_TAGS,
) -> list[Diagnostic]:
    """One located diagnostic per distinct problem of ``error``, sorted.

    ``document`` is what was validated, as read: a round-trip YAML tree, or the JSON text (a
    ``str``) it came from; ``prefix`` is where the validated value sits in it (a payload
    reference deep in a vector file). ``locate`` replaces the position lookup (the policy's
    TOML has no tree with positions), ``override`` and ``words`` the wording.
    """
    if locate is None:
        def locate(loc: list[str | int]) -> Location:
            steps = [*prefix, *loc]
            return json_location(document, steps) if isinstance(document, str) else yaml_location(document, steps)

    details = error.errors(include_url=False)
    found: set[Diagnostic] = set()
    for detail in details:
        if detail["loc"][-1:] == ("str",) and detail["type"] == "string_type" and len(details) > 1:
            continue  # a union's str member refusing a mapping: the mapping member says why
        loc = editor_path(detail, union_tags)
        message = (override(detail, loc) if override is not None else None) or editor_message(detail)
        line, column = locate(loc)
        found.add(Diagnostic(path, line, column, code, f"{words(loc)}: {message}"))
    return sorted(found)

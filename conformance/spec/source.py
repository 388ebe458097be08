"""Reading YAML and JSON source files safely, keeping positions for messages.

YAML is read with ruamel.yaml's round-trip loader, which builds only plain mappings, sequences
and scalars (no Python objects) and remembers where every key and item came from. Before
composing, the event stream is scanned so that an "alias bomb" (a billion-laughs document) is
refused before it can expand.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

from conformance.files import read_bounded
from conformance.spec.diagnostics import Diagnostic, SpecError

MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_JSON_BYTES = 64 * 1024 * 1024
MAX_ALIASES = 64

Location = tuple[int, int]  # 1-based line and column


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def load_yaml(path: Path) -> Any:
    """Parse a YAML file into round-trip containers; errors become RB101/RB102 diagnostics."""
    raw = read_bounded(path, MAX_YAML_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SpecError([Diagnostic(path, 1, error.start + 1, "RB101", "file is not UTF-8 text")]) from None
    try:
        aliases = sum(isinstance(event, AliasEvent) for event in _yaml().parse(io.StringIO(text)))
        if aliases > MAX_ALIASES:
            raise SpecError(
                [
                    Diagnostic(
                        path,
                        1,
                        1,
                        "RB102",
                        f"document uses {aliases} YAML aliases, over the limit of {MAX_ALIASES} (alias bomb?)",
                    )
                ]
            )
        return _yaml().load(io.StringIO(text))
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise SpecError([Diagnostic(path, line, column, "RB101", f"YAML syntax: {problem}")]) from None
    except YAMLError as error:
        raise SpecError([Diagnostic(path, 1, 1, "RB101", f"YAML syntax: {error}")]) from None


def yaml_location(document: Any, loc: Sequence[str | int]) -> Location:
    """Line and column of the node at ``loc`` (a pydantic error path), or of its nearest parent."""
    node, here = document, (1, 1)
    if isinstance(node, CommentedMap | CommentedSeq):
        here = (node.lc.line + 1, node.lc.col + 1)
    for step in loc:
        if isinstance(node, CommentedMap) and step in node:
            line, col = node.lc.key(step)
            here = (line + 1, col + 1)
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
            line, col = node.lc.item(step)
            here = (line + 1, col + 1)
            node = node[step]
        else:
            break
    return here


def load_json(path: Path, limit: int = MAX_JSON_BYTES) -> tuple[Any, bytes]:
    """Parse a JSON file; returns the document and its raw bytes (for hashing)."""
    raw = read_bounded(path, limit)
    try:
        return json.loads(raw, parse_constant=_refuse_constant), raw
    except json.JSONDecodeError as error:
        raise SpecError([Diagnostic(path, error.lineno, error.colno, "RB302", f"JSON syntax: {error.msg}")]) from None
    except UnicodeDecodeError:
        raise SpecError([Diagnostic(path, 1, 1, "RB302", "file is not UTF-8 text")]) from None
    except ValueError as error:
        raise SpecError([Diagnostic(path, 1, 1, "RB302", str(error))]) from None


def _refuse_constant(name: str) -> float:
    raise ValueError(f"JSON does not allow {name}")


def json_location(text: str, loc: Sequence[str | int]) -> Location:
    """Line and column of the value at ``loc`` in JSON ``text`` (nearest parent if absent).

    Siblings are skipped with the C decoder's ``raw_decode``, so locating an error deep in a
    large file stays fast.
    """
    decoder = json.JSONDecoder()
    position = _skip_space(text, 0)
    for step in loc:
        found = _child_position(text, position, step, decoder)
        if found is None:
            break
        position = found
    return _line_column(text, position)


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _child_position(text: str, position: int, step: str | int, decoder: json.JSONDecoder) -> int | None:
    if position >= len(text):
        return None
    opener = text[position]
    if opener == "{" and isinstance(step, str):
        position = _skip_space(text, position + 1)
        while position < len(text) and text[position] == '"':
            key, position = decoder.raw_decode(text, position)
            position = _skip_space(text, position)
            position = _skip_space(text, position + 1)  # past ':'
            if key == step:
                return position
            _, position = decoder.raw_decode(text, position)
            position = _skip_space(text, position)
            if position < len(text) and text[position] == ",":
                position = _skip_space(text, position + 1)
        return None
    if opener == "[" and isinstance(step, int):
        position = _skip_space(text, position + 1)
        index = 0
        while position < len(text) and text[position] != "]":
            if index == step:
                return position
            _, position = decoder.raw_decode(text, position)
            position = _skip_space(text, position)
            if position < len(text) and text[position] == ",":
                position = _skip_space(text, position + 1)
            index += 1
    return None


def _line_column(text: str, position: int) -> Location:
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return line, column


def is_finite_number(value: Any) -> bool:
    """True for ints and finite floats (JSON numbers a vector may hold)."""
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))

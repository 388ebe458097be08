"""Reading YAML and JSON source files safely, keeping positions for messages.

YAML is read with ruamel.yaml's round-trip loader, which builds only plain mappings, sequences
and scalars (no Python objects) and remembers where every key and item came from. Before
composing, the event stream is scanned once, and the document is refused (located) when it

- nests collections more than ``MAX_DEPTH`` levels deep (the scan stops at the first level too
  many, so a 2 MB ``[[[[...`` costs a fraction of a second instead of the composer's quadratic
  minutes, and no recursive code later meets a deep tree);
- uses more than ``MAX_ALIASES`` aliases, or would expand to more than ``MAX_EXPANDED_NODES``
  nodes once every alias is followed (a billion-laughs document within the alias limit), or
  refers to an anchor from inside itself (a cyclic structure every walker would loop on);
- uses a list or mapping as a mapping key (``? [a, b]``), which no field of any model is;
- carries an explicit tag other than the core schema's plain ones on a node of their kind
  (``!!set``, ``!!omap`` and application tags build nothing a model takes, and ``!!set`` on a
  scalar breaks ruamel's constructor itself).

Values that cannot be constructed (``edition: 1988-13-45``, an integer of 5,000 digits beyond
Python's conversion limit) are reported at the value. JSON is decoded as strict UTF-8 (a UTF-16
or UTF-32 file is named as such), its nesting is bounded by the same ``MAX_DEPTH`` before
``json`` recurses, duplicate keys are refused at the second key rather than silently
last-wins, and NaN, Infinity and numbers that overflow to infinity are refused. A UTF-8 byte
order mark is accepted (and skipped) in both, as editors on some systems write one.
"""

from __future__ import annotations

import io
import json
import math
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    NodeEvent,
)

from conformance.files import read_bounded
from conformance.spec.diagnostics import Diagnostic, SpecError
from conformance.text import safe_text

MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_JSON_BYTES = 64 * 1024 * 1024
MAX_ALIASES = 64
#: Deepest nesting of lists and mappings accepted in YAML and JSON; real files nest under 10.
MAX_DEPTH = 64
#: Most nodes a YAML document may hold once its aliases are expanded; real files hold a few thousand.
MAX_EXPANDED_NODES = 100_000
#: Longest integer literal accepted: Python refuses to convert longer ones (sys.int_info).
MAX_INT_DIGITS = min(4300, getattr(sys.int_info, "default_max_str_digits", 4300) or 4300)

Location = tuple[int, int]  # 1-based line and column


class _LocatingConstructor(RoundTripConstructor):
    """The round-trip constructor, with values it cannot build reported at the value's node."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except YAMLError:
            raise
        except (ValueError, OverflowError, TypeError, ArithmeticError) as error:
            # a timestamp with month 13, an int past Python's digit limit: no YAMLError of its own
            problem = str(error)
            if "integer string conversion" in problem:
                problem = f"an integer of more than {MAX_INT_DIGITS} digits"
            raise _ValueProblem(None, None, f"value cannot be read: {problem}", node.start_mark) from None


class _ValueProblem(ConstructorError):
    """A scalar the constructor could not turn into a value (reported as such, not as syntax)."""


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _LocatingConstructor
    yaml.allow_duplicate_keys = False
    return yaml


def decode_text(raw: bytes, path: Path, code: str) -> str:
    """``raw`` as UTF-8 text (a leading byte order mark skipped); anything else is ``code`` at the first bad byte."""
    encoding = _wide_encoding(raw)
    if encoding is not None:
        raise SpecError([Diagnostic(path, 1, 1, code, f"file is {encoding}, expected UTF-8")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        line = raw.count(b"\n", 0, start) + 1
        column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
        raise SpecError([Diagnostic(path, line, column, code, "file is not UTF-8 text")]) from None


def _wide_encoding(raw: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' when the bytes are plainly one of them (a BOM, or the NULs of ASCII text)."""
    if raw.startswith((b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")):
        return "UTF-32"
    if raw.startswith((b"\xfe\xff", b"\xff\xfe")):
        return "UTF-16"
    head = raw[:4]
    if (len(head) == 4 and head[0] != 0 and head[1:] == b"\x00\x00\x00") or head[:3] == b"\x00\x00\x00":
        return "UTF-32"
    if len(head) >= 2 and (head[0] == 0) != (head[1] == 0):
        return "UTF-16"
    return None


def load_yaml(path: Path) -> Any:
    """Parse a YAML file into round-trip containers; errors become RB101/RB102 diagnostics."""
    return parse_yaml(read_bounded(path, MAX_YAML_BYTES), path)


def parse_yaml(raw: bytes, path: Path) -> Any:
    """Parse YAML bytes read from ``path`` (named in diagnostics) as ``load_yaml`` does."""
    text = decode_text(raw, path, "RB101")
    try:
        _check_events(text, path)
        return _yaml().load(io.StringIO(text))
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = " ".join(str(part) for part in (error.context, error.problem) if part)
        if not isinstance(error, _ValueProblem):
            problem = f"YAML syntax: {problem}"
        raise SpecError([Diagnostic(path, line, column, "RB101", problem)]) from None
    except YAMLError as error:
        raise SpecError([Diagnostic(path, 1, 1, "RB101", f"YAML syntax: {error}")]) from None
    except (ValueError, OverflowError, TypeError, ArithmeticError, RecursionError) as error:
        # a value built after its node (the constructor's deferred steps): no position to give
        raise SpecError([Diagnostic(path, 1, 1, "RB101", f"YAML value cannot be read ({error})")]) from None


@dataclass
class _Open:
    """A collection being scanned: its kind, how many children so far, its anchor and first node."""

    mapping: bool
    children: int
    anchor: str | None
    first: int


def check_yaml_events(text: str, path: Path, *, complex_keys: bool = False) -> None:
    """Refuse, from the event stream alone, what the module docstring lists; stop at the first problem.

    For loaders that build their trees otherwise (the hygiene policy's safe loader). With
    ``complex_keys`` a list or mapping used as a key is left for the caller to refuse.
    """
    _check_events(text, path, complex_keys=complex_keys)


def _check_events(text: str, path: Path, *, complex_keys: bool = False) -> None:
    """Refuse, from the event stream alone, what the module docstring lists; stop at the first problem."""

    def refuse(event: Any, code: str, message: str) -> SpecError:
        mark = event.start_mark
        return SpecError([Diagnostic(path, mark.line + 1, mark.column + 1, code, message)])

    aliases = nodes = 0
    expanded: dict[str, int] = {}  # anchor -> nodes it stands for
    collections: set[str] = set()  # anchors of lists and mappings (as opposed to scalars)
    stack: list[_Open] = []
    for event in _yaml().parse(io.StringIO(text)):
        if isinstance(event, CollectionEndEvent):
            done = stack.pop()
            if done.anchor is not None:
                expanded[done.anchor] = nodes - done.first
            continue
        if not isinstance(event, NodeEvent):
            continue
        is_collection = isinstance(event, CollectionStartEvent)
        tag = getattr(event, "tag", None)
        if tag is not None and not _tag_fits(event, tag):
            hint = " (write the value in quotes instead)" if tag == _CORE + "str" else ""
            raise refuse(event, "RB101", f"YAML tag {_tag_name(tag)} is not accepted here{hint}")
        if stack:
            parent = stack[-1]
            if not complex_keys and parent.mapping and parent.children % 2 == 0 and (
                is_collection or (isinstance(event, AliasEvent) and event.anchor in collections)
            ):
                raise refuse(event, "RB101", "a mapping key must be a name, not a list or mapping")
            parent.children += 1
        if isinstance(event, AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise refuse(
                    event, "RB102", f"document uses more than {MAX_ALIASES} YAML aliases (alias bomb?)"
                )
            if event.anchor in (item.anchor for item in stack):
                raise refuse(event, "RB101", f"alias *{event.anchor} refers to a node that holds it (a cycle)")
            nodes += expanded.get(event.anchor, 1)
        else:
            nodes += 1
            if is_collection:
                if len(stack) >= MAX_DEPTH:
                    raise refuse(event, "RB102", f"nested more than {MAX_DEPTH} levels deep")
                stack.append(_Open(isinstance(event, MappingStartEvent), 0, event.anchor, nodes - 1))
                if event.anchor is not None:
                    collections.add(event.anchor)
            elif event.anchor is not None:
                expanded[event.anchor] = 1
                collections.discard(event.anchor)
        if nodes > MAX_EXPANDED_NODES:
            raise refuse(
                event,
                "RB102",
                f"document expands to more than {MAX_EXPANDED_NODES} nodes through its aliases (alias bomb?)",
            )


_CORE = "tag:yaml.org,2002:"
#: The explicit tags a user file may carry, by node kind: the plain types of YAML's core schema.
#: Others (``!!set``, ``!!omap``, application tags) build objects the models never take, and a
#: collection tag on a scalar crashes the constructor itself.
_TAGS_BY_KIND: dict[str, frozenset[str]] = {
    # no !!str: the round-trip loader keeps it as a tagged object, not text; quoting says the same
    "scalar": frozenset({"!", *(_CORE + name for name in ("int", "float", "bool", "null", "timestamp"))}),
    "sequence": frozenset({_CORE + "seq"}),
    "mapping": frozenset({_CORE + "map"}),
}


def _tag_fits(event: NodeEvent, tag: str) -> bool:
    if isinstance(event, CollectionStartEvent):
        kind = "mapping" if isinstance(event, MappingStartEvent) else "sequence"
    else:
        kind = "scalar"
    return tag in _TAGS_BY_KIND[kind]


def _tag_name(tag: str) -> str:
    return safe_text("!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag)[:80]


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
    return parse_json(raw, path, "RB302"), raw


class _JsonValueProblem(ValueError):
    """A value the decoder accepted but recbench does not; ``token`` finds it in the text."""

    def __init__(self, message: str, token: Callable[[str], bool] | None = None, key: str | None = None) -> None:
        super().__init__(message)
        self.token = token  # a number token it is
        self.key = key  # or a key repeated in one object


def parse_json(
    raw: bytes | str,
    path: Path,
    code: str,
    *,
    parse_float: Callable[[str], Any] = float,
) -> Any:
    """Parse JSON read from ``path`` (named in diagnostics, each with ``code``), strictly.

    ``parse_float`` builds non-integer numbers (``decimal.Decimal`` keeps 2.10 apart from 2.1);
    whatever it returns, a number that is not finite is refused.
    """
    text = decode_text(raw, path, code) if isinstance(raw, bytes) else raw.removeprefix("\ufeff")

    def located(position: int, message: str) -> SpecError:
        return SpecError([Diagnostic(path, *_line_column(text, position), code, message)])

    deep = _too_deep(text)
    if deep is not None:
        raise located(deep, f"nested more than {MAX_DEPTH} levels deep")

    def number(literal: str) -> Any:
        value = parse_float(literal)
        if not math.isfinite(float(value)):
            raise _JsonValueProblem(f"the number {_short(literal)} is too large (not finite)", lambda t: t == literal)
        return value

    try:
        return json.loads(
            text,
            object_pairs_hook=_unique_keys,
            parse_constant=_refuse_constant,
            parse_int=_bounded_int,
            parse_float=number,
        )
    except json.JSONDecodeError as error:
        raise located(error.pos, f"JSON syntax: {error.msg}") from None
    except _JsonValueProblem as problem:
        raise located(_find_token(text, problem), str(problem)) from None
    except (ValueError, RecursionError, OverflowError) as error:
        raise SpecError([Diagnostic(path, 1, 1, code, f"JSON cannot be read ({error})")]) from None


def _short(literal: str) -> str:
    return literal if len(literal) <= 20 else f"{literal[:8]}...({len(literal)} characters)"


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                message = f"duplicate key {_short(repr(key))} (JSON readers disagree on which wins)"
                raise _JsonValueProblem(message, key=key)
            seen.add(key)
    return found


def _bounded_int(literal: str) -> int:
    if len(literal.lstrip("-")) > MAX_INT_DIGITS:
        raise _JsonValueProblem(
            f"integer of {len(literal.lstrip('-'))} digits, over the limit of {MAX_INT_DIGITS}",
            lambda token: token == literal,
        )
    return int(literal)


def _refuse_constant(name: str) -> float:
    raise _JsonValueProblem(f"JSON does not allow {name}", lambda token: token == name)


_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]++")
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_JSON_TOKEN = re.compile(r'"(?:[^"\\]++|\\.)*+"|[\[\]{}]|NaN|-?Infinity|[-+0-9.eE]+')


def _too_deep(text: str) -> int | None:
    """Offset of the first bracket nested deeper than ``MAX_DEPTH`` outside strings, or None.

    The check runs in C-speed passes (strings removed, then all but brackets) before ``json``
    recurses into the text, so a 100,000-deep array is refused rather than blowing the stack.
    """
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = 0
    for depth in accumulate(map(_BRACKET_STEP.__getitem__, brackets)):
        if depth > MAX_DEPTH:
            break
    if depth <= MAX_DEPTH:
        return None
    depth = 0
    for match in _JSON_TOKEN.finditer(text):  # the rare slow path: find where, for the message
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif token in "]}":
            depth -= 1
    return 0


def _find_token(text: str, problem: _JsonValueProblem) -> int:
    """Offset of the number token, or of the repeated key, that ``problem`` is about (0 if lost)."""
    keys: list[set[str] | None] = []
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            keys.append(set() if token == "{" else None)
        elif token in ("]", "}"):
            if keys:
                keys.pop()
        elif token.startswith('"'):
            if problem.key is None or not keys or keys[-1] is None:
                continue
            if not text[match.end():match.end() + 64].lstrip().startswith(":"):
                continue  # a value, not a key
            try:
                key = json.loads(token)
            except ValueError:
                continue
            if key in keys[-1] and key == problem.key:
                return match.start()
            keys[-1].add(key)
        elif problem.token is not None and problem.token(token):
            return match.start()
    return 0


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

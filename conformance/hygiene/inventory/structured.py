"""Typed access to parsed TOML and JSON inputs, with errors naming file, line and field."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

from conformance.hygiene.inventory.model import InventoryError


def kind_of(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float | Decimal):
        return f"the number {value}"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, datetime | date):
        return "a date"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return "null" if value is None else type(value).__name__


class Document:
    """A parsed TOML or JSON input with typed access that names file, line and field on error."""

    def __init__(self, path: Path, text: str, data: Mapping[str, Any]) -> None:
        self.path = path
        self.text = text
        self.data = data
        self.headers: dict[str, list[int]] = {}
        for number, raw in enumerate(text.splitlines(), start=1):
            match = re.match(r"^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]", raw)
            if match:
                self.headers.setdefault(match.group(1), []).append(number)

    def line_of(self, table: str, position: int | None, key: str | None = None) -> int | None:
        """Line of ``[[table]]`` number ``position`` (or of ``key`` inside it), when written so."""
        starts = self.headers.get(table, [])
        if position is None or position >= len(starts):
            return None
        start = starts[position]
        if key is None:
            return start
        lines = self.text.splitlines()
        for number in range(start + 1, len(lines) + 1):
            raw = lines[number - 1]
            if re.match(r"^\s*\[", raw):
                break
            if re.match(rf"^\s*\"?{re.escape(key)}\"?\s*=", raw):
                return number
        return start

    def fail(self, where: str, expected: str, value: object, line: int | None = None
             ) -> NoReturn:
        location = f"{self.path}:{line}" if line else str(self.path)
        raise InventoryError(f"{location}: {where}: expected {expected}, found {kind_of(value)}")

    def get(self, table: Mapping[str, Any], key: str, kind: type | tuple[type, ...],
            expected: str, where: str, line: int | None = None) -> Any:
        """``table[key]`` if absent (None) or of ``kind``; anything else is an error."""
        value = table.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, kind)):
            self.fail(f"{where}.{key}" if where else key, expected, value, line)
        return value

    def tables(self, table: Mapping[str, Any], key: str, where: str, line: int | None = None
               ) -> list[dict[str, Any]]:
        """``table[key]`` as an array of tables (absent: empty)."""
        value = self.get(table, key, list, "an array of tables", where, line)
        for position, item in enumerate(value or []):
            if not isinstance(item, dict):
                self.fail(f"{where + '.' if where else ''}{key}[{position}]", "a table", item,
                          line)
        return list(value or [])


def load_toml(path: Path, text: str) -> Document:
    try:
        return Document(path, text, tomllib.loads(text))
    except (ValueError, RecursionError) as error:
        # TOMLDecodeError is a ValueError; tomllib also lets plain ValueErrors out (an integer
        # past Python's digit limit) and recurses once per nested array ([[[[...]]]])
        raise InventoryError(f"{path}: not valid TOML ({_toml_problem(error)})") from None


def _toml_problem(error: ValueError | RecursionError) -> str:
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return str(error)[:300]


def as_datetime(document: Document, item: Mapping[str, Any], where: str,
                 line: int | None) -> datetime | None:
    value = item.get("upload-time")
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            document.fail(f"{where}.upload-time", "an RFC 3339 date-time", value, line)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    document.fail(f"{where}.upload-time", "a date-time", value, line)


def earliest(times: list[datetime | None]) -> datetime | None:
    known = [t for t in times if t is not None]
    return min(known) if known else None


def lock_packages(document: Document, key: str) -> Iterator[tuple[str, dict[str, Any],
                                                                     str, int | None]]:
    """(field path, package table, normalised name, line) of each named package of a lock."""
    for position, package in enumerate(document.tables(document.data, key, "")):
        where = f"{key}[{position}]"
        line = document.line_of(key, position)
        name = document.get(package, "name", str, "a string", where,
                            document.line_of(key, position, "name"))
        if not name:
            document.fail(f"{where}.name", "a package name", name, line)
        for text_field in ("version", "marker"):
            document.get(package, text_field, str, "a string (quote versions: 1.10 is not "
                         "1.1)" if text_field == "version" else "a string", where,
                         document.line_of(key, position, text_field))
        yield where, package, name, document.line_of(key, position, "name")


def hash_text(algorithm: object, digest: object) -> str | None:
    """An SBOM's (algorithm, digest) pair as 'algorithm:digest', or None when incomplete."""
    if not isinstance(algorithm, str) or not isinstance(digest, str) or not digest:
        return None
    return f"{algorithm.lower().replace('sha-', 'sha')}:{digest}"

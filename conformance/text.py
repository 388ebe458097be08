"""Text and values from outside (an implementation's answers, a vector file's comments) made safe to keep.

JSON lets a string hold a lone surrogate (``"\\ud800"``), which no UTF-8 file, XML document or
SQLite text can store; an implementation may also answer with values nested far deeper than a
report needs. Everything an implementation or a vector file says passes through ``safe_text``
or ``safe_value`` before it reaches a report, so that writing the report can never fail.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

MAX_DEPTH = 32  # deeper than any interface type (arrays of numbers); what lies below is elided
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def safe_text(text: str) -> str:
    """``text`` with each lone surrogate written as its escape (``\\ud800``), so it encodes as UTF-8."""
    if text.isascii():
        return text
    return _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match[0]):04x}", text)


def depth_exceeds(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True when containers in ``value`` nest deeper than ``limit`` (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, Mapping):
            children: Any = item.values()
        elif isinstance(item, list | tuple):
            children = item
        else:
            continue
        if depth >= limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, Mapping | list | tuple))
    return False


def safe_value(value: Any, limit: int = MAX_DEPTH) -> Any:
    """A copy of a JSON-like ``value`` whose strings are safe and whose nesting stops at ``limit``.

    Bytes become hex and tuples lists (as in reports); containers nested deeper than ``limit``
    are replaced by a string saying so, and anything else that is not JSON by its ``repr``.
    """
    if isinstance(value, str):
        return safe_text(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, Mapping | list | tuple):
        if limit <= 0:
            return f"… nested deeper than {MAX_DEPTH} levels"
        if isinstance(value, Mapping):
            return {safe_text(str(key)): safe_value(item, limit - 1) for key, item in value.items()}
        return [safe_value(item, limit - 1) for item in value]
    return safe_text(repr(value))


def to_plain(value: Any) -> Any:
    """``value`` with bytes as hex and tuples as lists, ready for a report."""
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, Mapping):
        return {str(key): to_plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(item) for item in value]
    return value

"""Identifier and length octets (X.690 8.1.2, 8.1.3) under the DER restrictions (10.1).

Reading is strict: a tag number below 31 in the long form, a long-form tag number with a
leading zero group, the indefinite length, a length that is not in the fewest octets, the
reserved length octet 0xFF and contents running past the end of the data are all rejected.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

LONG_TAG_MARK = 0x1F  # bits 5 to 1 of the first identifier octet all ones: long-form number
CONSTRUCTED_BIT = 0x20
INDEFINITE_LENGTH = 0x80
RESERVED_LENGTH = 0xFF


class DerError(ValueError):
    """An encoding that is not valid DER; the message names the offset and the rule."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(f"offset {offset}: {message}")
        self.offset = offset


class TagClass(IntEnum):
    """The four tag classes, in the canonical order of X.680 8.6."""

    UNIVERSAL = 0
    APPLICATION = 1
    CONTEXT = 2
    PRIVATE = 3


@dataclass(frozen=True, order=True)
class Tag:
    """A tag: class and number. Ordering is the canonical order (class, then number)."""

    tag_class: TagClass
    number: int

    def __str__(self) -> str:
        name = {TagClass.UNIVERSAL: "UNIVERSAL ", TagClass.APPLICATION: "APPLICATION ",
                TagClass.CONTEXT: "", TagClass.PRIVATE: "PRIVATE "}[self.tag_class]
        return f"[{name}{self.number}]"


def encode_identifier(tag: Tag, constructed: bool) -> bytes:
    """Identifier octets (8.1.2): short form below 31, else base-128 groups, most significant first."""
    first = (tag.tag_class << 6) | (CONSTRUCTED_BIT if constructed else 0)
    if tag.number < LONG_TAG_MARK:
        return bytes([first | tag.number])
    return bytes([first | LONG_TAG_MARK]) + base128(tag.number)


def encode_length(length: int) -> bytes:
    """Length octets in the definite form with the fewest octets (8.1.3, 10.1)."""
    if length < INDEFINITE_LENGTH:
        return bytes([length])
    octets = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([INDEFINITE_LENGTH | len(octets)]) + octets


def encode_element(tag: Tag, constructed: bool, contents: bytes) -> bytes:
    """A complete encoding: identifier, length and contents octets."""
    return encode_identifier(tag, constructed) + encode_length(len(contents)) + contents


def base128(number: int) -> bytes:
    """Base-128 groups, bit 8 set on all but the last (tag numbers and OID subidentifiers)."""
    groups = [number & 0x7F]
    number >>= 7
    while number:
        groups.append(0x80 | (number & 0x7F))
        number >>= 7
    return bytes(reversed(groups))


@dataclass(frozen=True)
class Element:
    """One encoding read from the data: its tag, form, contents and where it lies."""

    tag: Tag
    constructed: bool
    contents: bytes
    start: int  # offset of the identifier octets
    contents_start: int  # offset of the contents octets
    end: int  # offset just past the contents

    def encoding(self, data: bytes) -> bytes:
        """The element's complete encoding, taken from ``data``."""
        return data[self.start : self.end]


def read_element(data: bytes, offset: int, limit: int | None = None) -> Element:
    """Read the element at ``offset`` (ending by ``limit``), enforcing DER's tag and length rules."""
    view = memoryview(data)[: len(data) if limit is None else limit]
    start = offset
    if offset >= len(view):
        raise DerError(offset, "identifier octets expected, but the data ends")
    first = view[offset]
    offset += 1
    tag_class = TagClass(first >> 6)
    constructed = bool(first & CONSTRUCTED_BIT)
    number = first & LONG_TAG_MARK
    if number == LONG_TAG_MARK:
        if offset < len(view) and view[offset] == 0x80:
            raise DerError(offset, "long-form tag number starts with a zero group (8.1.2.4.2 c)")
        number = 0
        while True:
            if offset >= len(view):
                raise DerError(offset, "long-form tag number runs past the end of the data")
            octet = view[offset]
            offset += 1
            number = (number << 7) | (octet & 0x7F)
            if not octet & 0x80:
                break
        if number < LONG_TAG_MARK:
            raise DerError(start, f"tag number {number} must use the single-octet form (8.1.2.2)")
    length, offset = _read_length(view, offset)
    end = offset + length
    if end > len(view):
        raise DerError(offset, f"contents of {length} octets run past the end of the data")
    return Element(Tag(tag_class, number), constructed, bytes(view[offset:end]), start, offset, end)


def _read_length(data: memoryview, offset: int) -> tuple[int, int]:
    if offset >= len(data):
        raise DerError(offset, "length octets expected, but the data ends")
    first = data[offset]
    if first < INDEFINITE_LENGTH:
        return first, offset + 1
    if first == INDEFINITE_LENGTH:
        raise DerError(offset, "indefinite length is not allowed in DER (10.1)")
    if first == RESERVED_LENGTH:
        raise DerError(offset, "length octet 0xFF is reserved (8.1.3.5 c)")
    count = first & 0x7F
    octets = bytes(data[offset + 1 : offset + 1 + count])
    if len(octets) < count:
        raise DerError(offset, "long-form length runs past the end of the data")
    length = int.from_bytes(octets, "big")
    if octets[0] == 0 or length < INDEFINITE_LENGTH:
        raise DerError(offset, f"length {length} is not encoded in the fewest octets (10.1)")
    return length, offset + 1 + count


def read_elements(data: bytes, offset: int, end: int) -> list[Element]:
    """Read consecutive elements filling ``data[offset:end]`` exactly."""
    elements = []
    while offset < end:
        element = read_element(data, offset, end)
        elements.append(element)
        offset = element.end
    return elements

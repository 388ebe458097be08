"""Text from outside (a studygroup.yaml, a policy's reason, an implementation's name) made safe
for every output: no control character, no lone surrogate, one line."""

from __future__ import annotations

import re

from conformance.text import safe_text

# C0 controls but tab and newline, DEL and the C1 controls: not allowed in XML 1.0 (Word), and
# a terminal escape must not travel in a Markdown file either.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str) -> str:
    """``text`` with each control character written as its escape and lone surrogates escaped."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match[0]):02x}", safe_text(text))


def one_line(text: str) -> str:
    """``plain`` text with every run of white space (newlines too) made one space."""
    return " ".join(plain(text).split())

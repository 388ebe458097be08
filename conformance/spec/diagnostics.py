"""Findings about a Recommendation's files, located by file, line and column.

The types live in ``conformance.errors``, shared by every layer; ``SpecError`` is the name the
spec and harness layers have always raised, and is the one error base itself.
"""

from __future__ import annotations

from conformance.errors import Diagnostic, RecbenchError, display_path

SpecError = RecbenchError

__all__ = ["Diagnostic", "SpecError", "display_path"]

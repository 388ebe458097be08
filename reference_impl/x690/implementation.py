"""The adapter object the conformance harness drives: one method per interface of the YAML.

Types and values travel as JSON text (the interface type system has no tree type); the
decoded value is returned in a canonical JSON text: keys sorted, no insignificant white
space, non-ASCII characters as themselves.
"""

from __future__ import annotations

import json
from typing import Any

from reference_impl.x690.decoder import decode
from reference_impl.x690.encoder import encode
from reference_impl.x690.schema import parse_type


def canonical_json(value: Any) -> str:
    """The canonical JSON text of a decoded value."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _load(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"{what} is not JSON: {error}") from None


class Implementation:
    """ITU-T X.690 DER reference: every method returns a dict of outputs or raises ValueError."""

    def encode(self, schema: str, value: str) -> dict[str, bytes]:
        """DER encoding of a value (JSON text) of a type (JSON text)."""
        return {"der": encode(parse_type(_load(schema, "schema")), _load(value, "value"))}

    def decode(self, schema: str, der: bytes) -> dict[str, str]:
        """The value (canonical JSON text) of a DER encoding of a type (JSON text)."""
        return {"value": canonical_json(decode(parse_type(_load(schema, "schema")), der))}

"""X.667 UUIDs by the standard library's uuid module (UUID(), uuid3, uuid5, .urn, .int, .variant, .version)."""

from __future__ import annotations

import uuid
from typing import Any

from campaign_adapters._common import NotExpressible, Readiness, standard_library

VARIANTS = {  # uuid's names for the variant field's values, and the interface's
    uuid.RESERVED_NCS: "ncs", uuid.RFC_4122: "x667", uuid.RESERVED_MICROSOFT: "microsoft",
    uuid.RESERVED_FUTURE: "future",
}


def check() -> Readiness:
    return standard_library("uuid")


class Implementation:
    """Every interface uuid can express; time-based generation and form-specific parsing it cannot (see the ICS)."""

    def name_based(self, algorithm: str, namespace: str, name: bytes) -> dict[str, Any]:
        space = uuid.UUID(namespace)  # uuid's own parser: its ValueError is its own rejection
        try:
            text = name.decode("utf-8")  # Python 3.11's uuid3/uuid5 take the name as text, encoded in UTF-8
        except UnicodeDecodeError:
            raise NotExpressible("uuid3/uuid5 take the name as text: non-UTF-8 octets cannot be given") from None
        made = uuid.uuid3(space, text) if algorithm == "md5" else uuid.uuid5(space, text)
        return {"uuid": str(made)}

    def random_based(self, random: bytes) -> dict[str, Any]:
        return {"uuid": str(uuid.UUID(bytes=random, version=4))}

    def represent(self, **inputs: str) -> dict[str, Any]:  # the input is called uuid, like the module
        value = uuid.UUID(inputs["uuid"])
        # the OID form has no method in uuid: it is X.667's arc 2.25 followed by the integer uuid gives
        return {"hex": str(value), "urn": value.urn, "oid": f"2.25.{value.int}", "integer": str(value.int)}

    def classify(self, **inputs: str) -> dict[str, Any]:
        value = uuid.UUID(inputs["uuid"])
        return {"variant": VARIANTS[value.variant], "version": value.version or 0}  # None outside the X.667 variant

    def compare(self, first: str, second: str) -> dict[str, Any]:
        one, other = uuid.UUID(first), uuid.UUID(second)
        return {"order": (one > other) - (one < other)}

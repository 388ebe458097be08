"""JSON SBOMs: CycloneDX and SPDX documents, told apart by their own marker fields."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conformance.errors import RecbenchError
from conformance.hygiene.inventory.cyclonedx import read_cyclonedx
from conformance.hygiene.inventory.model import Inventory, InventoryError
from conformance.hygiene.inventory.spdx import read_spdx
from conformance.hygiene.inventory.structured import Document
from conformance.spec.source import parse_json


def read_json_sbom(path: Path, text: str) -> Inventory:
    """Dependencies of a CycloneDX or SPDX JSON document; anything else is InventoryError."""
    try:
        # Numbers as decimals, so a version written 2.10 is reported as such, not as 2.1;
        # parse_json also refuses NaN, Infinity, duplicate keys and deep nesting, located
        data = parse_json(text, path, "RB302", parse_float=Decimal)
    except RecbenchError as error:
        where, problem = str(path), str(error)
        if error.diagnostics:
            first = error.diagnostics[0]
            where, problem = f"{path}:{first.line}:{first.column}", first.message
        raise InventoryError(f"{where}: not valid JSON ({problem})") from None
    if isinstance(data, dict) and data.get("bomFormat") == "CycloneDX":
        return read_cyclonedx(Document(path, "", data))
    if isinstance(data, dict) and str(data.get("spdxVersion", "")).startswith("SPDX-"):
        return read_spdx(Document(path, "", data))
    raise InventoryError(f"{path}: neither a CycloneDX nor an SPDX JSON document")

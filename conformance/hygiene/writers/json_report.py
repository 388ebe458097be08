"""The audit run as JSON, validated by ``audit-report.schema.json``."""

from __future__ import annotations

import json

from conformance.hygiene.report import AuditRun


def write_json(run: AuditRun) -> str:
    """Serialise an audit run (schema ids by alias, dates in ISO 8601)."""
    data = run.model_dump(mode="json", by_alias=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

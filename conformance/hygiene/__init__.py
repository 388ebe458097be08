"""Dependency hygiene: offline vulnerability, staleness, licence and repository-health audit.

Library only (the CLI is ``conformance.cli.deps``). Entry points: :func:`audit_implementations`,
:func:`audit_path` and :func:`check_summary`; data lives in :class:`OsvDatabase` (advisories
and the package-index cache) and :class:`HistoryStore` (past runs).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

    from conformance.hygiene.advisories import AdvisoryImportError, DatabaseStatus, OsvDatabase
    from conformance.hygiene.audit import AuditTarget, audit_implementations, audit_path
    from conformance.hygiene.check import CheckSummary, check_summary
    from conformance.hygiene.findings import Finding, FindingKind, Severity
    from conformance.hygiene.history import HistoryError, HistoryStore
    from conformance.hygiene.index import IndexSetting, PackageIndex, resolve_index_url
    from conformance.hygiene.inventory import InventoryError, read_inventory
    from conformance.hygiene.policy import Policy, PolicyError, load_policy
    from conformance.hygiene.report import AuditRun, ImplementationReport

# Imported when first used, so that importing one hygiene module (or the CLI's --help) stays cheap.
_HOMES = {
    "AdvisoryImportError": "conformance.hygiene.advisories",
    "AuditRun": "conformance.hygiene.report",
    "AuditTarget": "conformance.hygiene.audit",
    "CheckSummary": "conformance.hygiene.check",
    "DatabaseStatus": "conformance.hygiene.advisories",
    "Finding": "conformance.hygiene.findings",
    "FindingKind": "conformance.hygiene.findings",
    "HistoryError": "conformance.hygiene.history",
    "HistoryStore": "conformance.hygiene.history",
    "ImplementationReport": "conformance.hygiene.report",
    "IndexSetting": "conformance.hygiene.index",
    "InventoryError": "conformance.hygiene.inventory",
    "OsvDatabase": "conformance.hygiene.advisories",
    "PackageIndex": "conformance.hygiene.index",
    "Policy": "conformance.hygiene.policy",
    "PolicyError": "conformance.hygiene.policy",
    "Severity": "conformance.hygiene.findings",
    "audit_implementations": "conformance.hygiene.audit",
    "audit_path": "conformance.hygiene.audit",
    "check_summary": "conformance.hygiene.check",
    "load_policy": "conformance.hygiene.policy",
    "read_inventory": "conformance.hygiene.inventory",
    "resolve_index_url": "conformance.hygiene.index",
}


def __getattr__(name: str) -> Any:
    if name == "SCHEMA_MODELS":
        return _schema_models()
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)


def _schema_models() -> dict[str, type[BaseModel]]:
    """Published JSON Schemas (file name -> model); the lead writes them to recommendations/schema/."""
    from conformance.hygiene.policy import Policy
    from conformance.hygiene.report import AuditRun

    return {"hygiene-policy.schema.json": Policy, "audit-report.schema.json": AuditRun}

__all__ = [
    "SCHEMA_MODELS",
    "AdvisoryImportError",
    "AuditRun",
    "AuditTarget",
    "CheckSummary",
    "DatabaseStatus",
    "Finding",
    "FindingKind",
    "HistoryError",
    "HistoryStore",
    "ImplementationReport",
    "IndexSetting",
    "InventoryError",
    "OsvDatabase",
    "PackageIndex",
    "Policy",
    "PolicyError",
    "Severity",
    "audit_implementations",
    "audit_path",
    "check_summary",
    "load_policy",
    "read_inventory",
    "resolve_index_url",
]

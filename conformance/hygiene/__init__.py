"""Dependency hygiene: offline vulnerability, staleness, licence and repository-health audit.

Library only (the CLI is ``conformance.cli.deps``). Entry points: :func:`audit_implementations`,
:func:`audit_path` and :func:`check_summary`; data lives in :class:`OsvDatabase` (advisories
and the package-index cache) and :class:`HistoryStore` (past runs).
"""

from __future__ import annotations

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

#: Published JSON Schemas (file name -> model); the lead writes them to recommendations/schema/.
SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "hygiene-policy.schema.json": Policy,
    "audit-report.schema.json": AuditRun,
}

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

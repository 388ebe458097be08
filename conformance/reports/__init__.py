"""Conformance reports: the model (canonical JSON), streaming to disk, JUnit XML, HTML, merging shards."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conformance.reports.model import Report


# The model is imported when first used: importing conformance.reports.verdicts (the CLI does,
# for its colours) must not build every pydantic model of the reports.
def __getattr__(name: str) -> Any:
    if name == "Report":
        from conformance.reports.model import Report

        return Report
    if name == "SCHEMA_MODELS":
        from conformance.reports.model import Report

        return {"report.schema.json": Report}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["SCHEMA_MODELS", "Report"]

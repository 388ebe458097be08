"""Conformance reports: the model (canonical JSON), streaming to disk, JUnit XML, HTML, merging shards."""

from __future__ import annotations

from pydantic import BaseModel

from conformance.reports.model import Report

SCHEMA_MODELS: dict[str, type[BaseModel]] = {"report.schema.json": Report}

__all__ = ["SCHEMA_MODELS", "Report"]

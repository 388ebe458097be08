"""The study group's Resolution 90 progress report, generated from the repository's data.

Library only (the command is ``recbench report progress``, in ``conformance.cli.progress``).
``assembly.build_progress_report`` gathers the figures into a ``model.ProgressReport``; the
``writers`` render it as Markdown, HTML, JSON or Word, and ``page`` gives the Markdown and HTML
a site page includes. This package's import stays light (the models only): ``recbench lint``
reads ``studygroup.yaml`` through it without loading the harness or the hygiene stores.
"""

from __future__ import annotations

from pydantic import BaseModel

from conformance.progress.model import ProgressReportDocument
from conformance.progress.studygroup import StudyGroup

#: Published JSON Schemas (file name -> model), written to recommendations/schema/ by `recbench schema`.
SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "studygroup.schema.json": StudyGroup,
    "progress-report.schema.json": ProgressReportDocument,
}

__all__ = ["SCHEMA_MODELS"]

"""Streaming a run to disk: a journal of results as they come, and the report rewritten atomically.

While a run goes, ``<report>.journal`` gets one JSON line per batch of results (flushed at
once) and the report file itself is replaced, atomically, by a partial report marked
``"complete": false`` after every vector set and at most every few seconds. Whatever stops the
run (Ctrl-C, a kill, a power cut), the report file is always a valid report; a finished run
replaces it with the complete report and removes the journal.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Protocol

from conformance.reports.model import Report, SetResult, VectorResult


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so that readers see the old or the new file, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


class RunSink(Protocol):
    """Where a run's results go while it runs."""

    def started(self, report: Report) -> None:
        """The run began; ``report`` holds its identity and no results."""
        ...

    def chunk(self, set_id: str, passed: int, results: Sequence[VectorResult]) -> None:
        """More vectors of ``set_id`` are done: ``passed`` passes and these other results."""
        ...

    def set_finished(self, result: SetResult) -> None:
        """A vector set is done."""
        ...

    def snapshot_due(self) -> bool:
        """True when the sink would like a fresh partial report."""
        ...

    def snapshot(self, report: Report) -> None:
        """A partial report of the run so far."""
        ...

    def finished(self, report: Report) -> None:
        """The final report (complete, or partial when the run was interrupted)."""
        ...


class ReportFile:
    """A ``RunSink`` writing the JSON report at ``path`` and its journal beside it."""

    def __init__(self, path: Path, interval: float = 2.0) -> None:
        self.path = path
        self.journal_path = path.with_name(path.name + ".journal")
        self.interval = interval
        self.last_snapshot = 0.0
        self.journal: IO[str] | None = None

    def started(self, report: Report) -> None:
        write_atomically(self.path, report.to_json())
        self.last_snapshot = time.monotonic()
        self.journal = self.journal_path.open("w", encoding="utf-8")
        self._line({"event": "started", "started": report.started.isoformat()})

    def _line(self, record: dict[str, object]) -> None:
        if self.journal is not None:
            self.journal.write(json.dumps(record, separators=(",", ":")) + "\n")
            self.journal.flush()

    def chunk(self, set_id: str, passed: int, results: Sequence[VectorResult]) -> None:
        self._line({
            "event": "vectors", "set": set_id, "passed": passed,
            "results": [result.model_dump(mode="json", exclude_defaults=True) for result in results],
        })

    def set_finished(self, result: SetResult) -> None:
        self._line({"event": "set", "set": result.id, "verdict": result.verdict.value,
                    "counts": {verdict.value: count for verdict, count in result.counts.items()}})

    def snapshot_due(self) -> bool:
        return time.monotonic() - self.last_snapshot >= self.interval

    def snapshot(self, report: Report) -> None:
        write_atomically(self.path, report.to_json())
        self.last_snapshot = time.monotonic()

    def finished(self, report: Report) -> None:
        write_atomically(self.path, report.to_json())
        if self.journal is not None:
            self.journal.close()
            self.journal = None
        if report.complete:
            with contextlib.suppress(FileNotFoundError):
                self.journal_path.unlink()

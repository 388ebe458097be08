"""Benchmark: advisory import and the audit of 1,000 pinned dependencies.

Run ``python tests/benchmarks/bench_hygiene.py`` (or ``nox -s bench``). Prints:

- the import of the whole embedded OSV zip (2,661 records) into a fresh SQLite database,
  against a plain baseline that only unzips and parses the same JSON records into a list
  (target: under 3 s);
- the audit of an SBOM with 1,000 hashed pins (``audit_path``, offline, the whole pipeline:
  inventory, matching, findings), against a plain Python loop that, for each pin, scans every
  record of the same list and evaluates the matching entries (target: under 1 s).
"""

from __future__ import annotations

import json
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name

from conformance.hygiene.advisories import OsvDatabase
from conformance.hygiene.audit import audit_path
from conformance.hygiene.locations import embedded_snapshot
from conformance.hygiene.osv import entry_verdict, parse_pep440
from conformance.hygiene.policy import Policy

PINS = 1000
REPEATS = 3
IMPORT_TARGET = 3.0
AUDIT_TARGET = 1.0


def best_time(run: Callable[[], object]) -> float:
    """Best wall-clock time of REPEATS runs, in seconds."""
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def load_records(path: Path) -> list[dict[str, Any]]:
    """The baseline's data: every record of the zip parsed into a plain list."""
    with zipfile.ZipFile(path) as archive:
        return [json.loads(archive.read(name)) for name in archive.namelist()
                if name.endswith(".json")]


def choose_pins(records: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """1,000 distinct (name, version) pairs taken from the records' own version lists."""
    pins: dict[tuple[str, str], None] = {}
    round_robin: dict[str, list[str]] = {}
    for record in records:
        for affected in record["affected"]:
            name = canonicalize_name(affected["package"].get("name", ""))
            versions = [v for v in affected.get("versions", []) if parse_pep440(v)]
            if name and versions:
                round_robin.setdefault(name, []).extend(versions)
    depth = 0
    while len(pins) < PINS:
        for name, versions in round_robin.items():
            if depth < len(versions):
                pins[(name, versions[depth])] = None
                if len(pins) == PINS:
                    break
        depth += 1
    return list(pins)


def baseline_audit(records: list[dict[str, Any]], pins: list[tuple[str, str]]) -> int:
    """A plain loop: every pin against every record, no index, no database."""
    hits = 0
    for name, version in pins:
        for record in records:
            if record.get("withdrawn"):
                continue
            for affected in record["affected"]:
                if canonicalize_name(affected["package"].get("name", "")) != name:
                    continue
                if entry_verdict(affected, version).affected:
                    hits += 1
    return hits


def main() -> None:
    """Measure and print the figures."""
    snapshot = embedded_snapshot().path
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        counter = iter(range(10_000))

        def fresh_import() -> None:
            with OsvDatabase(work / f"db{next(counter)}.sqlite3") as database:
                database.import_source(snapshot)

        plain_import = best_time(lambda: load_records(snapshot))
        database_import = best_time(fresh_import)
        records = load_records(snapshot)
        pins = choose_pins(records)
        # an SBOM: it may list one package at several versions (a requirements file may not)
        lock = work / "bom.cdx.json"
        lock.write_text(json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
            {"type": "library", "name": name, "version": version,
             "purl": f"pkg:pypi/{name}@{version}",
             "hashes": [{"alg": "SHA-256", "content": f"{index:064x}"}]}
            for index, (name, version) in enumerate(pins)]}))
        with OsvDatabase(work / "audit.sqlite3") as database:
            database.import_source(snapshot)

            def audit() -> int:
                # A fresh connection each time, so no per-package cache survives between runs.
                with OsvDatabase(work / "audit.sqlite3") as fresh:
                    run = audit_path(lock, policy=Policy(), database=fresh)
                return sum(1 for f in run.findings if f.kind == "vulnerability")

            audit_time = best_time(audit)
            found = audit()
        start = time.perf_counter()
        expected_hits = baseline_audit(records, pins)
        baseline_time = time.perf_counter() - start

    print(f"records: {len(records)}; pins audited: {len(pins)}")
    print(f"import of the zip into SQLite: {database_import:.3f} s "
          f"(target < {IMPORT_TARGET:.0f} s: {'met' if database_import < IMPORT_TARGET else 'MISSED'})")
    print(f"  baseline, unzip + parse only: {plain_import:.3f} s; "
          f"ratio import/baseline = {database_import / plain_import:.2f}")
    print(f"audit of {len(pins)} pinned dependencies: {audit_time:.3f} s "
          f"(target < {AUDIT_TARGET:.0f} s: {'met' if audit_time < AUDIT_TARGET else 'MISSED'}); "
          f"{found} vulnerability findings (merged by alias)")
    print(f"  baseline, plain loop over every record: {baseline_time:.3f} s "
          f"({expected_hits} raw matches); speed-up = {baseline_time / audit_time:.1f}x")


if __name__ == "__main__":
    main()

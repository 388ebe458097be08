"""``recbench --help`` and ``--version`` stay fast: they import the command line, not the library.

Not a timing (timings belong to tests/benchmarks/bench_cli.py): which modules get imported.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import contextlib, json, sys
from conformance.cli import app
with contextlib.suppress(SystemExit):
    app([{argument!r}], prog_name="recbench")
print(json.dumps(sorted(sys.modules)))
"""
HEAVY = ("pydantic", "ruamel", "git", "jsonschema", "sqlite3", "conformance.spec.model", "conformance.harness.runner",
         "conformance.hygiene.audit", "conformance.reports.model", "docx", "packaging")


@pytest.mark.parametrize("argument", ["--help", "--version"])
def test_help_and_version_import_nothing_heavy(argument: str) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE.format(argument=argument)], capture_output=True, text=True,
                          check=True)
    modules = json.loads(done.stdout.splitlines()[-1])
    assert "conformance.cli.app" in modules
    assert [name for name in modules if name.split(".")[0] in HEAVY or name in HEAVY] == []

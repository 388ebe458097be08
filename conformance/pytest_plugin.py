"""pytest plugin (entry point ``pytest11``): run a conformance campaign inside a test suite.

Placeholder while the harness lands; it only registers the ``--recbench-ics`` option.
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the recbench options."""
    group = parser.getgroup("recbench", "recbench conformance")
    group.addoption("--recbench-ics", action="store", default=None, metavar="FILE",
                    help="Run the conformance vectors the ICS FILE makes applicable.")

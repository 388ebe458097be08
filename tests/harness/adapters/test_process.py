"""The process driver's start: a hello line nested beyond parsing is refused, not raised."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conformance.harness.adapters.process import ProcessDriver
from conformance.harness.outcomes import AdapterUnavailable
from conformance.spec.adapter_settings import ProcessSettings


def test_a_hello_nested_beyond_parsing_is_unavailable(tmp_path: Path) -> None:
    hello = "import sys; sys.stdout.write('[' * 5000 + ']' * 5000 + '\\n'); sys.stdout.flush(); sys.stdin.read()"
    driver = ProcessDriver(ProcessSettings(type="process", command=[sys.executable, "-c", hello]), tmp_path)
    with pytest.raises(AdapterUnavailable, match="the first line is not a JSON hello"):
        driver.open()
    driver.close()

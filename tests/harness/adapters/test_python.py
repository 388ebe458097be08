"""The in-process driver: whatever an exception says becomes a safe reason, never a raise."""

from __future__ import annotations

from pathlib import Path

from conformance.harness.adapters.python import PythonDriver
from conformance.harness.outcomes import Broken, Rejected
from conformance.spec.adapter_settings import PythonSettings


class Unprintable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("no")


class Impl:
    def refuse(self) -> None:
        raise ValueError("bad \ud800")

    def fail(self) -> None:
        raise Unprintable()


def test_reasons_are_safe_even_from_a_broken_exception(tmp_path: Path) -> None:
    driver = PythonDriver(PythonSettings(type="python", target="tests.harness.adapters.test_python:Impl"), [])
    driver.open()
    assert driver.call("refuse", [{}], None) == [Rejected("bad \\ud800")]
    assert driver.call("fail", [{}], None) == [Broken("Unprintable: (its message cannot be shown: RuntimeError)")]
    driver.close()

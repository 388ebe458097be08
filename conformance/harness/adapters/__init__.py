"""The drivers: one per adapter type, each acting on its settings (``conformance.spec.adapter_settings``).

``python`` calls an object in this process, ``process`` talks to a long-lived child over
NDJSON, ``command`` runs a command line per vector or joined batch. Every driver follows the
``Adapter`` protocol of ``conformance.harness.outcomes``: ``call`` answers every request with
an outcome and never raises for the implementation's faults.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from conformance.harness.adapters.command import CommandDriver
from conformance.harness.adapters.process import ProcessDriver
from conformance.harness.adapters.python import PythonDriver
from conformance.harness.ics import LoadedIcs
from conformance.harness.outcomes import Adapter
from conformance.harness.values import binary_fields
from conformance.spec.adapter_settings import CommandSettings, ProcessSettings, PythonSettings
from conformance.spec.model import Interface


def make_adapter(ics: LoadedIcs, interfaces: Sequence[Interface], *, isolate: bool = False) -> Adapter:
    """The driver for ``ics``; a python target is served from a child when ``isolate`` (or the ICS) says so."""
    settings = ics.model.adapter
    if isinstance(settings, PythonSettings):
        if isolate or settings.isolate:
            return ProcessDriver(isolated_python(settings, ics, interfaces), ics.resolve(None))
        return PythonDriver(settings, [ics.resolve(folder) for folder in settings.python_path])
    if isinstance(settings, ProcessSettings):
        return ProcessDriver(settings, ics.resolve(settings.cwd))
    assert isinstance(settings, CommandSettings)
    return CommandDriver(settings, ics.resolve(settings.cwd))


def isolated_python(settings: PythonSettings, ics: LoadedIcs, interfaces: Sequence[Interface]) -> ProcessSettings:
    """Process settings serving a python target from ``python -m reference_impl._serve``."""
    command = [sys.executable, "-m", "reference_impl._serve", settings.target]
    for folder in settings.python_path:
        command += ["--path", str(ics.resolve(folder))]
    for interface in interfaces:
        for name in sorted(binary_fields(interface.inputs)):
            command += ["--bytes", f"{interface.name}.{name}"]
    return ProcessSettings(
        type="process", command=command, timeouts=settings.timeouts, batch=settings.batch,
        batch_size=settings.batch_size,
    )


__all__ = ["CommandDriver", "ProcessDriver", "PythonDriver", "isolated_python", "make_adapter"]

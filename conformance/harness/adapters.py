"""Choosing and building the adapter an ICS asks for."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from conformance.harness.command_adapter import CommandAdapter
from conformance.harness.ics import CommandSettings, LoadedIcs, ProcessSettings, PythonSettings
from conformance.harness.outcomes import Adapter
from conformance.harness.process_adapter import ProcessAdapter
from conformance.harness.python_adapter import PythonAdapter
from conformance.harness.values import binary_fields
from conformance.spec.model import Interface


def make_adapter(ics: LoadedIcs, interfaces: Sequence[Interface], *, isolate: bool = False) -> Adapter:
    """The adapter for ``ics``; a python target is served from a child when ``isolate`` (or the ICS) says so."""
    settings = ics.model.adapter
    if isinstance(settings, PythonSettings):
        if isolate or settings.isolate:
            return ProcessAdapter(isolated_python(settings, ics, interfaces), ics.resolve(None))
        return PythonAdapter(settings, [ics.resolve(folder) for folder in settings.python_path])
    if isinstance(settings, ProcessSettings):
        return ProcessAdapter(settings, ics.resolve(settings.cwd))
    assert isinstance(settings, CommandSettings)
    return CommandAdapter(settings, ics.resolve(settings.cwd))


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

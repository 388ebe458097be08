"""The ``python`` adapter: call an object's methods in this process.

In-process calls cannot be interrupted, so the request timeout is applied once a call returns
(a late answer is an error); use the ``process`` adapter when an implementation may hang.
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from conformance.harness.outcomes import (
    NOT_RUN_DEADLINE,
    AdapterIdentity,
    AdapterUnavailable,
    Broken,
    Outcome,
    Output,
    Rejected,
    outside_text,
)
from conformance.spec.adapter_settings import PythonSettings


def load_target(target: str) -> Any:
    """The object ``module:attribute`` names, instantiated when it is a class."""
    module_name, _, attribute = target.partition(":")
    try:
        found: Any = importlib.import_module(module_name)
    except Exception as error:  # an implementation's import-time failure is its own
        raise AdapterUnavailable(f"cannot import {module_name!r}: {type(error).__name__}: {error}") from None
    for part in attribute.split("."):
        try:
            found = getattr(found, part)
        except AttributeError:
            raise AdapterUnavailable(f"{target!r}: module {module_name!r} has no {attribute!r}") from None
    if isinstance(found, type):
        try:
            found = found()
        except Exception as error:
            raise AdapterUnavailable(f"{target!r}: instantiating it failed: {type(error).__name__}: {error}") from None
    return found


def _said(error: BaseException) -> str:
    """An exception's message, safe to keep (lone surrogates escaped), even when its ``__str__`` fails."""
    try:
        return outside_text(str(error))
    except Exception as failure:  # a broken __str__ is the implementation's fault too
        return f"(its message cannot be shown: {type(failure).__name__})"


class PythonDriver:
    """Drives an object in-process: one method per interface, keyword arguments, ValueError rejects."""

    def __init__(self, settings: PythonSettings, python_path: Sequence[Path]) -> None:
        self.settings = settings
        self.python_path = python_path
        self.implementation: Any = None
        self.added_paths: list[str] = []

    def open(self) -> AdapterIdentity:
        for folder in reversed(self.python_path):
            path = str(folder)
            if path not in sys.path:
                sys.path.insert(0, path)
                self.added_paths.append(path)
        self.implementation = load_target(self.settings.target)
        return AdapterIdentity()

    def call(
        self, interface: str, requests: Sequence[Mapping[str, Any]], deadline: float | None
    ) -> list[Outcome]:
        method = getattr(self.implementation, interface, None)
        if not callable(method):
            broken = Broken(f"{self.settings.target} has no method {interface!r}")
            return [broken] * len(requests)
        limit = self.settings.timeouts.request
        clock = time.monotonic
        outcomes: list[Outcome] = []
        append = outcomes.append
        for arguments in requests:
            start = clock()
            if deadline is not None and start > deadline:
                append(Broken(NOT_RUN_DEADLINE))
                continue
            try:
                value = method(**arguments)
            except ValueError as rejection:
                append(Rejected(_said(rejection) or type(rejection).__name__))
                continue
            except (Exception, SystemExit) as failure:  # the implementation's fault, not the run's
                append(Broken(f"{type(failure).__name__}: {_said(failure)}"))
                continue
            elapsed = clock() - start
            if elapsed > limit:
                append(Broken(f"answered after {elapsed:.1f} s, over the request timeout of {limit:g} s"))
            else:
                append(Output(value))
        return outcomes

    def notes(self) -> list[str]:
        return []

    def close(self) -> None:
        self.implementation = None
        for path in self.added_paths:  # modules already imported stay; the search path is restored
            if path in sys.path:
                sys.path.remove(path)
        self.added_paths = []

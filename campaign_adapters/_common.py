"""What every adapter module shares: how a prerequisite check finds out (its answer is conformance's Readiness)."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import platform
import re
import shutil
import subprocess
from pathlib import Path

from conformance.campaign.prerequisites import Readiness
from conformance.spec.validation_cache import cache_dir


class NotExpressible(Exception):
    """An input the upstream API cannot receive (a sample of 32768 for an int16 API).

    Deliberately not a ValueError: the glue must never reject on the implementation's behalf,
    so such a vector is an error of this implementation (and, when known, an expected failure).
    """


def standard_library(module: str) -> Readiness:
    """A module of Python's standard library: its version is the interpreter's."""
    if importlib.util.find_spec(module) is None:
        return Readiness((f"the standard-library module {module} (Python {platform.python_version()})",))
    return Readiness(version=platform.python_version())


def distribution(name: str, module: str) -> Readiness:
    """An installed Python distribution ``name`` providing the importable ``module``."""
    try:
        version = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return Readiness((f"{name} (pip)",))
    if importlib.util.find_spec(module) is None:
        return Readiness((f"{name} (pip; module {module} not importable)",))
    return Readiness(version=version)


def program(name: str, version_arguments: list[str], pattern: str, package: str) -> Readiness:
    """A program on PATH (from the Debian ``package``), its version read from its own output."""
    found = shutil.which(name)
    if found is None:
        return Readiness((f"{name} ({package})",))
    try:
        done = subprocess.run([found, *version_arguments], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return Readiness((f"{name} ({package}): it does not run: {error}",))
    match = re.search(pattern, done.stdout + done.stderr)
    return Readiness(version=match[1] if match else "unknown")


def cache_folder(kind: str) -> Path:
    """Where built helpers are kept: recbench's cache folder (``$RECBENCH_CACHE_DIR``), under campaign/<kind>."""
    return cache_dir() / "campaign" / kind


def int16_samples(samples: list[int], upstream: str) -> list[int]:
    """The samples, when every one fits the 16-bit API of ``upstream``; else NotExpressible."""
    for sample in samples:
        if not -32768 <= sample <= 32767:
            raise NotExpressible(f"{upstream} takes 16-bit samples: {sample} cannot be given to it")
    return samples


def octets(codes: list[int], upstream: str) -> bytes:
    """The codes as bytes, when every one is an octet; else NotExpressible (never bytes()'s ValueError)."""
    for code in codes:
        if not 0 <= code <= 255:
            raise NotExpressible(f"{upstream} takes octets: {code} cannot be given to it")
    return bytes(codes)

"""What every adapter module shares: the prerequisite check's answer and how it is found out."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import platform
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from conformance.spec.validation_cache import cache_dir


@dataclass(frozen=True)
class Prerequisites:
    """Whether an implementation can run here: what is missing (empty: all present) and its version."""

    missing: tuple[str, ...] = ()
    version: str | None = None

    @property
    def present(self) -> bool:
        return not self.missing

    @property
    def summary(self) -> str:
        """'not installed: ffmpeg, sox', or 'present' when nothing is missing."""
        return f"not installed: {', '.join(self.missing)}" if self.missing else "present"


class NotExpressible(Exception):
    """An input the upstream API cannot receive (a sample of 32768 for an int16 API).

    Deliberately not a ValueError: the glue must never reject on the implementation's behalf,
    so such a vector is an error of this implementation (and, when known, an expected failure).
    """


def standard_library(module: str) -> Prerequisites:
    """A module of Python's standard library: its version is the interpreter's."""
    if importlib.util.find_spec(module) is None:
        return Prerequisites((f"the standard-library module {module} (Python {platform.python_version()})",))
    return Prerequisites(version=platform.python_version())


def distribution(name: str, module: str) -> Prerequisites:
    """An installed Python distribution ``name`` providing the importable ``module``."""
    try:
        version = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return Prerequisites((f"{name} (pip)",))
    if importlib.util.find_spec(module) is None:
        return Prerequisites((f"{name} (pip; module {module} not importable)",))
    return Prerequisites(version=version)


def program(name: str, version_arguments: list[str], pattern: str, package: str) -> Prerequisites:
    """A program on PATH (from the Debian ``package``), its version read from its own output."""
    found = shutil.which(name)
    if found is None:
        return Prerequisites((f"{name} ({package})",))
    try:
        done = subprocess.run([found, *version_arguments], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return Prerequisites((f"{name} ({package}): it does not run: {error}",))
    match = re.search(pattern, done.stdout + done.stderr)
    return Prerequisites(version=match[1] if match else "unknown")


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

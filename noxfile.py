"""Developer sessions: tests, lint, typecheck, bench, docs, campaign."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

nox.options.sessions = ["tests", "lint", "typecheck"]
nox.options.default_venv_backend = "venv"
BENCHMARKS = sorted(Path("tests/benchmarks").glob("bench_*.py"))
# the Debian packages the campaign's apt-based implementations need (their declarations' install.packages;
# tests/campaign/test_prerequisite_lists.py keeps the two in step)
CAMPAIGN_APT_PACKAGES = ["ffmpeg", "gcc", "libspandsp-dev", "sox"]


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite in parallel."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", "-n", "auto", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff over the code."""
    session.install("ruff")
    session.run("ruff", "check", "conformance", "reference_impl", "campaign_adapters", "tests", "tools", "noxfile.py")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the workbench package."""
    session.install("-e", ".[dev,test]")
    session.run("mypy", "--strict", "conformance")


@nox.session
def bench(session: nox.Session) -> None:
    """Run every benchmark script; each prints its figures and ratios against a baseline."""
    session.install("-e", ".[test]")
    for script in BENCHMARKS:
        session.run("python", str(script), *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site."""
    session.install("-e", ".[docs]")
    session.run("mkdocs", "build", "--strict")


@nox.session
def fuzz(session: nox.Session) -> None:
    """Fuzz every loader for a while: ``nox -s fuzz -- --minutes 10`` (the default), ``--seed N``.

    Each input runs in a worker under a watchdog; an internal error or a hang is printed and its
    input written to the output folder, and the session fails.
    """
    session.install("-e", ".[test]")
    arguments = session.posargs or ["--minutes", "10"]
    session.run("python", "-m", "tests.fuzz_loaders", *arguments)


@nox.session
def campaign(session: nox.Session) -> None:
    """Install the third-party implementations and run the conformance campaign (docs/campaign.md).

    The PyPI part comes from the 'campaign' extra; the apt part is installed when apt-get is
    there and the session runs as root, the npm part when npm is there; what is not installed
    is reported as skipped by the campaign (never as passed). Arguments go to `recbench campaign`,
    e.g. ``nox -s campaign -- --rec G.711``.
    """
    session.install("-e", ".[campaign]")
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        session.run("apt-get", "update", external=True)
        session.run("apt-get", "install", "-y", "--no-install-recommends", *CAMPAIGN_APT_PACKAGES, external=True)
    else:
        session.log("apt-get is not available or this is not root: the apt-based implementations will be skipped")
    if shutil.which("npm"):  # into recbench's cache folder, where the npm glue looks for them
        session.run("python", "-m", "campaign_adapters.npm", "install")
    else:
        session.log("npm is not available: the npm-based implementations will be skipped")
    session.run("recbench", "campaign", "--jobs", "2", *session.posargs)

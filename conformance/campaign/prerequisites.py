"""Whether a declared implementation can run here: its glue module's ``check()``, asked without running it."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from conformance.campaign.declarations import Declared


@dataclass(frozen=True)
class Readiness:
    """What is missing (empty: everything is here) and the version installed, when known.

    The glue modules' ``check()`` returns one (campaign_adapters/_common.py builds them).
    """

    missing: tuple[str, ...] = ()
    version: str | None = None

    @property
    def present(self) -> bool:
        return not self.missing

    @property
    def reason(self) -> str:
        """'not installed: ffmpeg (ffmpeg)' for an implementation that cannot run."""
        return f"not installed: {', '.join(self.missing)}"


def check_prerequisites(declared: Declared) -> Readiness:
    """Ask the glue module's ``check()``; a glue that cannot be imported or asked is named as what is missing.

    ``check()`` looks for programs, distributions and headers; it does not import or run the
    implementation, so a crashing one still gets its run (and its verdict).
    """
    glue = declared.declaration.model.glue
    try:
        module = importlib.import_module(glue)
        answer = module.check()
        missing = tuple(str(item) for item in answer.missing)
        version = answer.version
    except Exception as error:  # the glue is ours, but a broken one must not stop the campaign
        return Readiness((f"a usable glue module {glue} ({type(error).__name__}: {error})",))
    return Readiness(missing, str(version) if version is not None else None)

"""SoX's A-law and mu-law encodings driven through the command adapter: this module only checks."""

from __future__ import annotations

from campaign_adapters._common import Readiness, program


def check() -> Readiness:
    """The sox program (Debian's sox package), and its version from `sox --version`."""
    return program("sox", ["--version"], r"SoX v(\S+)", "apt: sox")

"""G.711 by the npm package alawmulaw, run by node as node_g711.js (the process adapter): this module only checks."""

from __future__ import annotations

from campaign_adapters._common import Readiness
from campaign_adapters.npm import check_package


def check() -> Readiness:
    return check_package("alawmulaw")

"""The conformance campaign: third-party implementations run against the official vectors, side by side.

- ``declared_implementations(catalog, recommendation=..., implementation=...)``: the
  ``kind: third-party`` declarations under ``recommendations/<rec>/implementations/``.
- ``check_prerequisites(declared)``: whether its glue module finds what it needs here.
- ``run_campaign(declared, store=..., jobs=...)``: each present one run through the harness,
  its complete report stored; the absent ones skipped with what is missing, never passed.
"""

from __future__ import annotations

from conformance.campaign.declarations import Declared, declared_implementations
from conformance.campaign.prerequisites import Readiness, check_prerequisites
from conformance.campaign.running import CampaignOutcome, OutcomeStatus, SharedVectorSets, campaign_ics, run_campaign

__all__ = [
    "CampaignOutcome",
    "Declared",
    "OutcomeStatus",
    "Readiness",
    "SharedVectorSets",
    "campaign_ics",
    "check_prerequisites",
    "declared_implementations",
    "run_campaign",
]

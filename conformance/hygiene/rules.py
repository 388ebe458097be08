"""The registry of hygiene rule ids: every ``Finding.rule`` the audit reports, its kind and meaning.

A vulnerability finding's rule is the advisory's own id (``PYSEC-2019-217``, ``GHSA-…``), which
no registry can list; every other finding's rule is one of ``RULES``. docs/hygiene.md carries
the same table, the SARIF writer describes its rules from it, and a test reads the audit's
source so that no rule is emitted without being registered here under the kind it is emitted
with.
"""

from __future__ import annotations

from dataclasses import dataclass

from conformance.hygiene.findings import FindingKind


@dataclass(frozen=True)
class HygieneRule:
    """What a rule id means and which finding kind it is reported under."""

    kind: FindingKind
    explanation: str


RULES: dict[str, HygieneRule] = {
    # inventory: what the audit could read
    "no-lock": HygieneRule(FindingKind.INVENTORY, "The implementation declares no dependency lock."),
    "missing-lock": HygieneRule(FindingKind.INVENTORY, "The declared lock file does not exist."),
    "unreadable-lock": HygieneRule(FindingKind.INVENTORY, "The declared lock file cannot be read."),
    "unreadable-entry": HygieneRule(
        FindingKind.INVENTORY, "An entry of the lock cannot be read, so the audit cannot vouch for it."),
    "skipped-entry": HygieneRule(
        FindingKind.INVENTORY, "An entry has no release to audit (editable or VCS); a note, not a violation."),
    "unevaluated-advisory": HygieneRule(
        FindingKind.INVENTORY, "An advisory for a pinned release or commit could not be evaluated (a "
        "version order recbench lacks, a commit history not at hand); a violation unless `fail_closed` is off."),
    "unsupported-ecosystem": HygieneRule(
        FindingKind.INVENTORY, "A dependency of an ecosystem (or source) recbench cannot evaluate; a "
        "violation unless `fail_closed` is off."),
    "no-advisory-data": HygieneRule(
        FindingKind.INVENTORY, "The database holds no advisory of an audited ecosystem; import a dump "
        "(`deps db import`); a violation unless `fail_closed` is off."),
    # pinning
    "unpinned": HygieneRule(FindingKind.UNPINNED, "A dependency is not pinned to one version (`require_pins`)."),
    "undeclared-import": HygieneRule(
        FindingKind.UNPINNED, "A third-party module is imported but its distribution is not in the lock."),
    "unhashed-pin": HygieneRule(FindingKind.UNHASHED, "A pin has no hash (`require_hashes`)."),
    # staleness
    "yanked-release": HygieneRule(FindingKind.YANKED, "The pinned release is yanked (`forbid_yanked`)."),
    "stale-release": HygieneRule(
        FindingKind.STALE, "The pinned release is older than `max_release_age_days`."),
    "libyears": HygieneRule(FindingKind.STALE, "A dependency is more than `max_libyears` behind its newest release."),
    "stale-advisory-data": HygieneRule(
        FindingKind.STALE, "The advisories of an audited ecosystem are older than `max_advisory_age_days`."),
    "inactive-project": HygieneRule(
        FindingKind.STALE, "A dependency declares itself inactive (classifier); a note."),
    # licences
    "implementation-licence": HygieneRule(
        FindingKind.LICENCE, "The implementation's own licence breaks the policy's `licences`."),
    "dependency-licence": HygieneRule(FindingKind.LICENCE, "A dependency's licence breaks the policy's `licences`."),
    "unknown-licence": HygieneRule(
        FindingKind.LICENCE, "A dependency has no known licence (`licences.require_known`)."),
    # repository health
    "no-repository": HygieneRule(FindingKind.REPOSITORY, "Repository signals are unavailable; a note."),
    "repository-score": HygieneRule(FindingKind.REPOSITORY, "The repository score is below `repository.min_score`."),
    "stale-repository": HygieneRule(
        FindingKind.REPOSITORY, "The last commit is older than `repository.max_commit_age_days`."),
    # the policy itself
    "expired-ignore": HygieneRule(FindingKind.IGNORE, "An ignore of the policy has passed its expiry date."),
}

ADVISORY_KIND = FindingKind.VULNERABILITY
"""The one kind whose rule is the advisory id rather than a registered rule."""

"""A Recommendation's editions: history, semantic diff, reproducible releases, and the scaffold of a new one.

- ``history.recommendation_history``: the commits that touched its folder, edition and status at each.
- ``diff.diff_recommendation``: what changed between two revisions as requirements and vectors.
- ``release.release_edition`` / ``release.verify_release``: cut an edition (manifest and tag), re-check one.
- ``manifest.matching_release``: which released edition a run's vectors belong to (for reports).
- ``scaffold.scaffold_recommendation``: ``recbench new``.

Everything reads files through ``revisions``: the work tree or a commit's git objects, never a checkout.
"""

from __future__ import annotations

from pydantic import BaseModel

from conformance.editions.manifest import ReleaseManifest

SCHEMA_MODELS: dict[str, type[BaseModel]] = {"release-manifest.schema.json": ReleaseManifest}

__all__ = ["SCHEMA_MODELS", "ReleaseManifest"]

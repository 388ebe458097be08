"""Names derived from a Recommendation's identifier: its release tags, its folder, its package.

``ITU-T G.711`` is released as ``G.711/2026-11``, kept in ``recommendations/g711`` and implemented
by ``reference_impl/g711``. Parts after the number use ITU-T's short forms (``Amd.1``, ``Cor.2``,
``Annex-A``), since git refuses spaces in tag names.
"""

from __future__ import annotations

import datetime as dt
import re

from conformance.spec.model import RECOMMENDATION_ID

_PARTS = (
    (re.compile(r" Amendment ([0-9]+)"), r"-Amd.\1", r"amd\1"),
    (re.compile(r" Corrigendum ([0-9]+)"), r"-Cor.\1", r"cor\1"),
    (re.compile(r" Supplement ([0-9]+)"), r"-Suppl.\1", r"suppl\1"),
    (re.compile(r" Annex ([A-Z])"), r"-Annex-\1", r"annex\1"),
    (re.compile(r" Appendix ([IVXLC]+)"), r"-App.\1", r"app\1"),
    (re.compile(r"^([A-Z]) Suppl\. ([0-9]+)"), r"\1-Suppl.\2", r"\1suppl\2"),
)


def _check(identifier: str) -> str:
    if not RECOMMENDATION_ID.match(identifier):
        raise ValueError(f"{identifier!r} is not an ITU-T identifier such as 'ITU-T G.711'")
    return identifier.removeprefix("ITU-T ")


def tag_stem(identifier: str) -> str:
    """The part of a release tag before the edition: ``G.711``, ``X.690-Amd.1``, ``G-Suppl.65``."""
    text = _check(identifier)
    for pattern, tagged, _ in _PARTS:
        text = pattern.sub(tagged, text)
    return text


def release_tag(identifier: str, edition: dt.date) -> str:
    """The annotated tag of an edition: ``<series>.<number>/<year>-<month>``, e.g. ``G.711/2026-11``."""
    return f"{tag_stem(identifier)}/{edition:%Y-%m}"


def folder_name(identifier: str) -> str:
    """The catalogue folder of a Recommendation, after the existing ones: ``g711``, ``i4321``, ``x690-amd1``."""
    text = _check(identifier)
    for pattern, _, folded in _PARTS:
        text = pattern.sub("-" + folded, text)
    return text.lower().replace(".", "").lstrip("-")


def package_name(identifier: str) -> str:
    """The Python package of its reference implementation: the folder name with '_' for '-'."""
    return folder_name(identifier).replace("-", "_")

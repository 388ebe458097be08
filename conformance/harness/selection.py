"""Which vector sets a run covers: --select/--skip patterns, applicability by options, shards."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from conformance.spec.model import VectorSetEntry

_SHARD = re.compile(r"^\s*([0-9]+)\s*/\s*([0-9]+)\s*$")


@dataclass(frozen=True)
class SetSelection:
    """Patterns (shell-style, on set ids) and the shard a run takes."""

    select: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    shard: tuple[int, int] | None = None  # (index from 1, count)

    @property
    def shard_text(self) -> str | None:
        return f"{self.shard[0]}/{self.shard[1]}" if self.shard else None


def parse_shard(text: str) -> tuple[int, int]:
    """'2/4' -> (2, 4); raises ValueError with a readable message."""
    match = _SHARD.match(text)
    if not match:
        raise ValueError(f"shard {text!r} is not I/N (e.g. 1/4)")
    index, count = int(match[1]), int(match[2])
    if count < 1 or not 1 <= index <= count:
        raise ValueError(f"shard {text!r}: I must be between 1 and N")
    return index, count


def select_sets(entries: Sequence[VectorSetEntry], folder: Path, selection: SetSelection) -> list[VectorSetEntry]:
    """The entries the selection keeps, in the Recommendation's order."""
    kept = [
        entry for entry in entries
        if (not selection.select or _matches(entry.id, selection.select)) and not _matches(entry.id, selection.skip)
    ]
    if selection.shard is None:
        return kept
    index, count = selection.shard
    return [entry for entry, shard in zip(kept, assign_shards(kept, folder, count), strict=True) if shard == index]


def selection_problems(entries: Sequence[VectorSetEntry], selection: SetSelection) -> list[str]:
    """Why the patterns cannot be what was meant: one matching no set, or sets left to run none.

    An empty shard is no problem: a campaign may have more shards than sets.
    """
    ids = [entry.id for entry in entries]
    problems = [
        f"{option} {pattern!r} matches no vector set"
        for option, patterns in (("--select", selection.select), ("--skip", selection.skip))
        for pattern in patterns if not any(fnmatchcase(set_id, pattern) for set_id in ids)
    ]
    if not problems and (selection.select or selection.skip):
        unsharded = SetSelection(selection.select, selection.skip)
        if not select_sets(entries, Path(), unsharded):
            problems.append("--select and --skip together leave no vector set")
    return problems


def assign_shards(entries: Sequence[VectorSetEntry], folder: Path, count: int) -> list[int]:
    """Shard number (from 1) of each entry: the largest files first, each to the lightest shard.

    Deterministic (sizes, then order), so every runner of a campaign computes the same split.
    """
    weights = [_weight(folder / entry.file) for entry in entries]
    loads = [0] * count
    shards = [0] * len(entries)
    for position in sorted(range(len(entries)), key=lambda item: (-weights[item], item)):
        lightest = min(range(count), key=lambda shard: (loads[shard], shard))
        loads[lightest] += weights[position]
        shards[position] = lightest + 1
    return shards


def _weight(path: Path) -> int:
    try:
        return max(1, path.stat().st_size)
    except OSError:
        return 1


def _matches(set_id: str, patterns: Iterable[str]) -> bool:
    return any(fnmatchcase(set_id, pattern) for pattern in patterns)


def unclaimed_options(entry: VectorSetEntry, claimed: Iterable[str]) -> list[str]:
    """Options the set requires that the ICS does not claim (empty: the set applies)."""
    have = set(claimed)
    return [option for option in entry.requires if option not in have]

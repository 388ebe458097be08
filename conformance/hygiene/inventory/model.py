"""What an inventory is: the dependencies read from one input, and the entries left out.

Names are normalised as their ecosystem compares them (PEP 503 for PyPI) and versions kept as
written (compared later by the ecosystem's own order). An entry that cannot be audited is
reported as skipped, never dropped; a file whose structure breaks its own format is refused
whole, with an error naming the file, line and field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from conformance.errors import RecbenchError
from conformance.files import UnreadableFile, read_bounded
from conformance.hygiene.ecosystems import PYPI, purl_for

#: Largest input read; real locks and SBOMs are far smaller.
MAX_INPUT_BYTES = 32 * 2**20
#: Longest excerpt of a line of an input shown in a finding (the rest is cut with an ellipsis).
EXCERPT_CHARACTERS = 120


class InventoryError(RecbenchError, ValueError):
    """An input that cannot be read at all; the message names the file (and line, when known)."""


@dataclass(frozen=True, slots=True)
class Dependency:
    """One declared dependency.

    ``name`` is normalised for its ``ecosystem``; a dependency of the ecosystem ``GIT`` (a
    submodule, a vendored clone) is named by its normalised repository URL, pinned to
    ``commit`` (and ``version`` when a release is declared too), with ``history`` the folder
    of a local clone whose commit graph decides its GIT ranges, when one is at hand.
    """

    name: str
    version: str | None  # the exact pin, or None when not pinned
    source: str  # file the entry came from
    line: int | None = None
    specifier: str | None = None  # the constraint as written when not an exact pin
    hashes: tuple[str, ...] = ()  # "algorithm:digest"
    upload_time: datetime | None = None  # earliest upload of the pinned files, when the lock says
    licence: str | None = None  # SPDX expression, when the input says
    marker: str | None = None
    ecosystem: str = PYPI
    repository_url: str | None = None  # GIT: the upstream URL as written
    commit: str | None = None  # GIT: the pinned commit
    history: str | None = None  # GIT: folder of a local clone with the history
    direct: bool | None = None  # False for an indirect (transitive) dependency, when known
    label: str | None = None  # the name as the input writes it, when it differs in use

    @property
    def pinned(self) -> bool:
        """True when the entry names exactly one version (or commit)."""
        return self.version is not None or self.commit is not None

    @property
    def pin(self) -> str:
        """The version, else the commit (empty when not pinned)."""
        return self.version or self.commit or ""

    @property
    def display_name(self) -> str:
        """How reports name it: the name as written for a GIT dependency, else the name."""
        return self.label or self.name

    @property
    def purl(self) -> str | None:
        """Its package URL (None for an ecosystem without a purl type)."""
        return purl_for(self.ecosystem, self.name, self.commit or self.version,
                        repository_url=self.repository_url)


@dataclass(frozen=True, slots=True)
class SkippedEntry:
    """An entry of the input that was not audited, and why.

    ``unreadable`` marks entries that are broken or could not be read (a malformed line, an
    include that cannot be followed); ``unsupported`` entries are readable but of an ecosystem
    or source recbench cannot evaluate (both fail closed); the rest are fine but have no
    release to audit (an editable install, the project itself).
    """

    source: str
    line: int | None
    text: str
    reason: str
    unreadable: bool = False
    unsupported: bool = False


@dataclass(slots=True)
class Inventory:
    """Everything read from one input file (or a folder's several inputs)."""

    path: str
    format: str
    dependencies: list[Dependency] = field(default_factory=list)
    skipped: list[SkippedEntry] = field(default_factory=list)

    def skip(self, line: int | None, text: str, reason: str, *, unreadable: bool = False,
             unsupported: bool = False, source: str | None = None) -> None:
        """Record an entry that is not audited (its text cut to a short excerpt)."""
        self.skipped.append(SkippedEntry(source or self.path, line, excerpt(text), reason,
                                         unreadable, unsupported))


def excerpt(text: str) -> str:
    """At most :data:`EXCERPT_CHARACTERS` of ``text`` on one line, cut with an ellipsis.

    Inputs are quoted in findings only by excerpt, so a file that is not what it claims to be
    (a link to a secrets file, a binary) never reaches a report in bulk.
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARACTERS else flat[:EXCERPT_CHARACTERS - 1] + "…"


def read_text(path: Path) -> str:
    """The file's text: a regular UTF-8 file of reasonable size, or InventoryError.

    A symbolic link is not followed: a lock committed as a link to ``/proc/self/environ`` (or
    anything outside the repository) would otherwise copy that file's lines into reports.
    """
    try:
        data = read_bounded(path, MAX_INPUT_BYTES, follow_symlinks=False)
    except UnreadableFile as error:
        raise InventoryError(f"{path}: {_reason(error)}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InventoryError(f"{path}:{line}: not UTF-8 text (byte {error.start})") from None


def _reason(error: UnreadableFile) -> str:
    """``read_bounded``'s reason in the words this module has always used."""
    reason = error.reason
    if reason == "file not found":
        return "no such file"
    if "over the limit" in reason:
        return f"larger than {MAX_INPUT_BYTES // 2**20} MiB"
    if "symbolic link" in reason:
        return "a symbolic link, not followed (audit the file it points to)"
    if reason.startswith("is "):  # a folder, FIFO, device or socket
        return "not a regular file"
    return reason

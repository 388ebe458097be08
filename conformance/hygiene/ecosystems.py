"""The package ecosystems the audit knows: OSV names, name normalisation, version order, purls.

One table says, for each OSV ecosystem, how its names compare (PEP 503 for PyPI, case- and
``-``/``_``-insensitive for crates.io, exact for Go module paths), which version order its
ECOSYSTEM ranges use (PEP 440 for PyPI, SemVer 2.0 for crates.io, npm and Go, Go with its
``v`` prefix and pseudo-versions), and which purl type it has. An ecosystem missing from the
table is one recbench cannot evaluate: the audit says so as a violation (fail closed) rather
than passing it over.

Dependencies pinned to a commit of a git repository (submodules, vendored clones, purls with a
commit) have the ecosystem ``GIT`` and are named by their normalised repository URL; their
advisories are matched through the GIT ranges of any ecosystem (see
:mod:`conformance.hygiene.git_ranges`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from packageurl import PackageURL
from packaging.utils import canonicalize_name

from conformance.hygiene.osv import parse_pep440, parse_semver

PYPI = "PyPI"
CRATES = "crates.io"
GO = "Go"
NPM = "npm"
MAVEN = "Maven"
GIT = "GIT"


@dataclass(frozen=True, slots=True)
class Ecosystem:
    """What the audit needs to know of one ecosystem."""

    name: str  # as OSV spells it
    purl_type: str
    normalise: Callable[[str], str]
    #: The order of its ECOSYSTEM ranges; None when recbench cannot order its versions.
    parse_version: Callable[[str], Any] | None


def _crate_name(name: str) -> str:
    # crates.io treats '-' and '_' alike and compares names without case
    return name.strip().lower().replace("_", "-")


def _exact(name: str) -> str:
    return name.strip()


def _lower(name: str) -> str:
    return name.strip().lower()


ECOSYSTEMS: dict[str, Ecosystem] = {
    PYPI: Ecosystem(PYPI, "pypi", canonicalize_name, parse_pep440),
    CRATES: Ecosystem(CRATES, "cargo", _crate_name, parse_semver),
    GO: Ecosystem(GO, "golang", _exact, parse_semver),
    NPM: Ecosystem(NPM, "npm", _lower, parse_semver),
    # Maven's own version order is not implemented: its advisories are listed versions only,
    # and a range that needs the order is reported as not evaluated.
    MAVEN: Ecosystem(MAVEN, "maven", _exact, None),
    GIT: Ecosystem(GIT, "generic", _exact, None),
}

#: purl type -> OSV ecosystem, for SBOM components.
PURL_TYPES = {"pypi": PYPI, "cargo": CRATES, "golang": GO, "npm": NPM, "maven": MAVEN,
              "conan": "ConanCenter", "gem": "RubyGems", "nuget": "NuGet",
              "composer": "Packagist", "hex": "Hex", "pub": "Pub", "swift": "SwiftURL",
              "hackage": "Hackage", "cran": "CRAN"}

#: Ecosystems whose advisories recbench evaluates (anything else fails closed).
EVALUATED = frozenset((PYPI, CRATES, GO, NPM, MAVEN, GIT))


def normalise_name(ecosystem: str, name: str) -> str:
    """``name`` as the ecosystem compares it (unknown ecosystems: exact)."""
    known = ECOSYSTEMS.get(ecosystem)
    return known.normalise(name) if known else name.strip()


# Names and versions of these characters need no percent-encoding in a purl (the usual case,
# written directly: building a PackageURL costs more than matching the pin's advisories).
_PLAIN_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
_PLAIN_VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_SCP_LIKE = re.compile(r"^(?:[^@/]+@)?([^:/]+):(?!//)(.+)$")


def normalise_repository(url: str) -> str:
    """A git repository URL reduced to ``host/path`` in lower case, for matching GIT ranges.

    ``https://github.com/A/b.git``, ``git@github.com:a/b`` and ``ssh://git@github.com/a/b/`` all
    become ``github.com/a/b``; a local path stays a path.
    """
    text = url.strip()
    text = text.removeprefix("git+")
    if "://" in text:
        text = text.split("://", 1)[1]
        text = text.split("@", 1)[1] if "@" in text.split("/", 1)[0] else text
    else:
        scp = _SCP_LIKE.match(text)
        if scp and not text.startswith(("/", ".")):
            text = f"{scp.group(1)}/{scp.group(2)}"
    text = text.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    text = text.removesuffix(".git")
    host, _, path = text.partition("/")
    host = host.split(":", 1)[0] if host.count(":") == 1 and host.split(":")[1].isdigit() else host
    return f"{host}/{path}".lower() if path else host.lower()


def purl_for(ecosystem: str, name: str, version: str | None, *,
             repository_url: str | None = None) -> str | None:
    """The package URL of a dependency, or None for an ecosystem without a purl type."""
    if ecosystem == GIT:
        url = repository_url or name
        normal = normalise_repository(url)
        host, _, path = normal.partition("/")
        if host == "github.com" and path.count("/") == 1:
            owner, repo = path.split("/")
            return PackageURL(type="github", namespace=owner, name=repo, version=version).to_string()
        return PackageURL(type="generic", name=normal.rsplit("/", 1)[-1], version=version,
                          qualifiers={"vcs_url": f"git+{url}"}).to_string()
    known = ECOSYSTEMS.get(ecosystem)
    if known is not None and known.purl_type in ("pypi", "cargo") and _PLAIN_NAME.match(name) \
            and (version is None or _PLAIN_VERSION.match(version)):
        return f"pkg:{known.purl_type}/{name}" + (f"@{version}" if version else "")
    kind = known.purl_type if known else next(
        (purl for purl, eco in PURL_TYPES.items() if eco == ecosystem), None)
    if kind is None:
        return None
    namespace: str | None = None
    short = name
    if kind in ("golang", "npm") and "/" in name:
        namespace, short = name.rsplit("/", 1)
    elif kind == "maven" and ":" in name:
        namespace, short = name.split(":", 1)
    return PackageURL(type=kind, namespace=namespace, name=short, version=version).to_string()

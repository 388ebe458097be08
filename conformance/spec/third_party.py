"""Third-party implementations: the open-source code implementers ship, declared as data.

Each one is a file ``recommendations/<rec>/implementations/<name>.yaml`` (``kind: third-party``)
naming the upstream project (and the part of it under test), its licence, how it is installed
(standard library, pip, apt or npm, with the package names), the module of glue of ours that
drives it and checks its prerequisites, and its ICS: a standard ``recbench-ics/1`` file beside
it, which claims the options, lists the deviations found as expected failures and says what the
implementation cannot express. The campaign (``conformance.campaign``) runs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from conformance.files import read_bounded
from conformance.spec.base import Strict
from conformance.spec.diagnostics import Diagnostic, SpecError
from conformance.spec.model import Identifier, RecommendationId, RelativePath, SpdxExpression
from conformance.spec.source import MAX_YAML_BYTES, parse_yaml
from conformance.spec.validation_errors import located_diagnostics

THIRD_PARTY_SCHEMA_VERSION: Literal["recbench-third-party/1"] = "recbench-third-party/1"
IMPLEMENTATIONS_FOLDER = "implementations"  # inside a Recommendation's folder
ICS_SUFFIX = ".ics.yaml"  # the ICS files beside the declarations, which are not declarations themselves

Installer = Literal["stdlib", "pip", "apt", "npm"]


class Upstream(Strict):
    """The project that makes the implementation: where it lives and under which licence."""

    project: str = Field(min_length=1, description="Name of the upstream project, e.g. 'CPython', 'FFmpeg'.")
    component: str | None = Field(
        None, min_length=1, description="The part of the project under test, e.g. 'audioop', 'adpcm_g722 encoder'."
    )
    homepage: str = Field(
        min_length=1, description="Where the project is developed (its source repository or home page): "
        "where a bug report about it is filed.",
    )
    license: SpdxExpression = Field(description="SPDX licence expression of the upstream code.")


class Installation(Strict):
    """How the implementation gets onto a machine (``nox -s campaign`` installs it this way)."""

    via: Installer = Field(description="stdlib (nothing to install), pip, apt (Debian packages) or npm.")
    packages: list[str] = Field(
        default_factory=list,
        description="What that installer installs: distribution names (pip, as in the 'campaign' extra), "
        "Debian package names (apt) or npm package names; empty for stdlib.",
    )
    note: str | None = Field(None, description="Anything else about installing it (build tools, versions).")


class ThirdPartyImplementation(Strict):
    """A third-party implementation of one Recommendation, with its ICS beside it."""

    schema_: Literal["recbench-third-party/1"] = Field(
        THIRD_PARTY_SCHEMA_VERSION, alias="schema", description="Format version."
    )
    kind: Literal["third-party"] = Field(description="Always third-party (reference implementations are "
                                         "listed in recommendation.yaml).")
    name: Identifier = Field(description="Name, unique within the Recommendation; the file is <name>.yaml.")
    recommendation: RecommendationId = Field(description="The Recommendation implemented, e.g. 'ITU-T G.711'.")
    language: str = Field(min_length=1, description="Programming language of the upstream code.")
    upstream: Upstream = Field(description="The upstream project.")
    install: Installation = Field(description="How it is installed.")
    glue: str = Field(
        pattern=r"^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$",
        description="Module of ours (e.g. campaign_adapters.g711_audioop) whose check() says whether the "
        "prerequisites are present (and which version is installed); for the python adapter it also holds "
        "the object the ICS's target names.",
    )
    ics: RelativePath = Field(description="Its ICS (recbench-ics/1), relative to this file: <name>.ics.yaml.")


@dataclass(frozen=True)
class LoadedThirdParty:
    """A validated declaration and the file it came from."""

    model: ThirdPartyImplementation
    path: Path

    @property
    def ics_path(self) -> Path:
        """The declaration's ICS file."""
        return self.path.parent / self.model.ics


def load_third_party(path: Path) -> LoadedThirdParty:
    """Load and validate one declaration; problems raise ``SpecError`` with located diagnostics (RB100)."""
    raw = read_bounded(path, MAX_YAML_BYTES)
    document: Any = parse_yaml(raw, path)
    if not isinstance(document, dict):
        raise SpecError([Diagnostic(path, 1, 1, "RB100", "expected a mapping of fields at the top level")])
    try:
        model = ThirdPartyImplementation.model_validate(document)
    except ValidationError as error:
        raise SpecError(located_diagnostics(error, document, path, "RB100")) from None
    if path.name != f"{model.name}.yaml":
        raise SpecError([Diagnostic(path, 1, 1, "RB100", f"the file of implementation {model.name!r} "
                                    f"must be called {model.name}.yaml")])
    return LoadedThirdParty(model, path)


def declaration_files(recommendation_folder: Path) -> list[Path]:
    """The declaration files of a Recommendation's folder, sorted (ICS files beside them are not)."""
    folder = recommendation_folder / IMPLEMENTATIONS_FOLDER
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.glob("*.yaml") if not path.name.endswith(ICS_SUFFIX) and path.is_file())

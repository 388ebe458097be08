"""One implementation as a CycloneDX 1.6 JSON SBOM with its vulnerabilities.

Every dependency keeps its own ecosystem's purl (``pkg:cargo``, ``pkg:golang``, ``pkg:npm``,
``pkg:github`` at a commit …); ``metadata.tools`` names recbench and its version, and the
implementation's component carries the commit of its repository when the audit read one.
"""

from __future__ import annotations

from decimal import Decimal

from cyclonedx.model import HashAlgorithm, HashType, Property
from cyclonedx.model.bom import Bom, BomMetaData
from cyclonedx.model.component import Component, ComponentType
from cyclonedx.model.impact_analysis import ImpactAnalysisAffectedStatus
from cyclonedx.model.license import LicenseExpression
from cyclonedx.model.tool import ToolRepository
from cyclonedx.model.vulnerability import (
    BomTarget,
    BomTargetVersionRange,
    Vulnerability,
    VulnerabilityAnalysis,
    VulnerabilityRating,
    VulnerabilityReference,
    VulnerabilityScoreSource,
    VulnerabilitySeverity,
    VulnerabilitySource,
)
from cyclonedx.output.json import JsonV1Dot6
from packageurl import PackageURL

from conformance.hygiene.findings import FindingKind
from conformance.hygiene.report import AuditRun, ImplementationReport

_ALGORITHMS = {"sha256": HashAlgorithm.SHA_256, "sha384": HashAlgorithm.SHA_384,
               "sha512": HashAlgorithm.SHA_512, "sha1": HashAlgorithm.SHA_1,
               "md5": HashAlgorithm.MD5}
_METHODS = {"CVSS:3.0": VulnerabilityScoreSource.CVSS_V3,
            "CVSS:3.1": VulnerabilityScoreSource.CVSS_V3_1,
            "CVSS:4.0": VulnerabilityScoreSource.CVSS_V4}


def _purl(name: str, version: str | None, purl: str | None) -> PackageURL:
    if purl:
        try:
            return PackageURL.from_string(purl)
        except ValueError:
            pass
    return PackageURL(type="pypi", name=name, version=version)


def write_cyclonedx(run: AuditRun, implementation: ImplementationReport) -> str:
    """CycloneDX 1.6 JSON for one audited implementation, with its vulnerabilities."""
    head = implementation.repository.head if implementation.repository else None
    root = Component(name=implementation.label, type=ComponentType.APPLICATION,
                     bom_ref="implementation", version=head[:12] if head else None,
                     licenses=[LicenseExpression(implementation.licence)]
                     if implementation.licence else None)
    tool = Component(name="recbench", type=ComponentType.APPLICATION, version=run.tool_version,
                     bom_ref="tool:recbench")
    bom = Bom(metadata=BomMetaData(component=root, tools=ToolRepository(components=[tool]),
                                   properties=[
        Property(name="recbench:advisory-data-date", value=run.advisory_data.data_date or ""),
        Property(name="recbench:run-id", value=run.run_id)]))
    refs: dict[str, Component] = {}
    for dependency in implementation.dependencies:
        file_hashes = []
        for text in dependency.hashes:
            algorithm, _, digest = text.partition(":")
            if algorithm in _ALGORITHMS and digest:
                file_hashes.append(HashType(alg=_ALGORITHMS[algorithm], content=digest))
        pin = dependency.commit or dependency.version
        component = Component(
            name=dependency.name, version=pin or None,
            bom_ref=f"{dependency.ecosystem}:{dependency.name}@{pin or 'unpinned'}",
            purl=_purl(dependency.name, dependency.version, dependency.purl),
            hashes=file_hashes or None,
            licenses=[LicenseExpression(dependency.licence)] if dependency.licence else None)
        bom.components.add(component)
        bom.register_dependency(root, [component])
        refs[dependency.name] = component
    for finding in implementation.findings:
        if finding.kind is not FindingKind.VULNERABILITY or finding.package not in refs:
            continue
        component = refs[finding.package]
        ratings = []
        if finding.cvss_vector and finding.cvss_score is not None:
            prefix = finding.cvss_vector.split("/")[0]
            ratings.append(VulnerabilityRating(
                score=Decimal(str(finding.cvss_score)),
                severity=VulnerabilitySeverity(finding.severity.value),
                method=_METHODS.get(prefix, VulnerabilityScoreSource.OTHER),
                vector=finding.cvss_vector))
        else:
            ratings.append(VulnerabilityRating(severity=VulnerabilitySeverity.UNKNOWN))
        source = VulnerabilitySource(name="OSV")
        bom.vulnerabilities.add(Vulnerability(
            bom_ref=f"{finding.rule}:{finding.package}",
            id=finding.rule, source=source,
            references=[VulnerabilityReference(id=alias, source=source)
                        for alias in finding.aliases],
            ratings=ratings, description=finding.title,
            recommendation=(f"Upgrade {finding.package} to {', '.join(finding.fix_versions)}"
                            if finding.fix_versions else None),
            analysis=VulnerabilityAnalysis(detail=f"Accepted: {finding.ignore_reason}")
            if finding.ignored else None,
            affects=[BomTarget(ref=component.bom_ref.value or "", versions=[
                BomTargetVersionRange(version=finding.version,
                                      status=ImpactAnalysisAffectedStatus.AFFECTED)])]))
    return JsonV1Dot6(bom).output_as_string(indent=2) + "\n"

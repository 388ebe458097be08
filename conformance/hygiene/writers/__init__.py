"""Report writers: JSON, Markdown, SARIF 2.1.0 and CycloneDX JSON, each a pure function."""

from conformance.hygiene.writers.cyclonedx_sbom import write_cyclonedx
from conformance.hygiene.writers.json_report import write_json
from conformance.hygiene.writers.markdown_report import write_markdown
from conformance.hygiene.writers.sarif_report import write_sarif

__all__ = ["write_cyclonedx", "write_json", "write_markdown", "write_sarif"]

"""recbench: the workbench for machine-readable ITU-T Recommendations.

Subpackages: ``spec`` (Recommendation model, loading, lint, schemas), ``harness`` (adapters,
runner, verdicts), ``reports`` (report model and writers), ``hygiene`` (dependency audit),
``publish`` (site). ``cli`` is the thin command-line layer over them.
"""

__version__ = "0.1.0"

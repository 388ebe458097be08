"""JSON Schemas (Draft 2020-12) generated from the models, as published in recommendations/schema/.

Every schema the project publishes is listed here, so ``recbench schema`` and the staleness
test see the same set. Subpackages contribute theirs through a ``SCHEMA_MODELS`` mapping.

The schemas of the spec layer (``recommendation``, ``third-party-implementation`` and ``vectors``) are built without
importing any other layer: the vector-schema digest is computed on every vector-file load
(validation_cache), and importing the harness, reports and hygiene packages for it would pull in
dozens of modules and GitPython. The contributors are imported only when another schema, or the
whole set, is asked for.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX = "urn:recbench:schema:"
CONTRIBUTORS = ("conformance.harness", "conformance.reports", "conformance.hygiene", "conformance.editions",
                "conformance.progress")


def _spec_models() -> dict[str, type[BaseModel]]:
    """The schemas of the spec layer itself; importing them touches only conformance.spec."""
    from conformance.spec.model import Recommendation
    from conformance.spec.third_party import ThirdPartyImplementation
    from conformance.spec.vectors import VectorFile

    return {"recommendation": Recommendation, "third-party-implementation": ThirdPartyImplementation,
            "vectors": VectorFile}


def schema_models() -> dict[str, type[BaseModel]]:
    """Every published schema name (without suffix) and the model it is generated from."""
    models = _spec_models()
    for module_name in CONTRIBUTORS:
        module = importlib.import_module(module_name)
        for name, model in getattr(module, "SCHEMA_MODELS", {}).items():
            models[name.removesuffix(".schema.json")] = model
    return dict(sorted(models.items()))


def schema_for(name: str) -> dict[str, Any]:
    """The JSON Schema called ``name`` (e.g. 'recommendation')."""
    spec = _spec_models()
    model = spec[name] if name in spec else schema_models()[name]
    body = model.model_json_schema(by_alias=True)
    return {"$schema": DIALECT, "$id": f"{ID_PREFIX}{name}", **body}


def render_schema(name: str) -> str:
    """The schema as committed: sorted keys off, two-space indent, final newline."""
    return json.dumps(schema_for(name), indent=2, ensure_ascii=False) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema to ``directory`` as ``<name>.schema.json``; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in schema_models():
        target = directory / f"{name}.schema.json"
        temporary = target.with_suffix(".tmp")
        temporary.write_text(render_schema(name), encoding="utf-8")
        temporary.replace(target)
        written.append(target)
    return written

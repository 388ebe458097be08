"""Run a Recommendation's vector sets through a python reference, for the check-sequence tests.

A stand-in for `recbench conform --impl reference` while the harness is being written: it reads
recommendation.yaml and the JSON vectors, turns `bytes` fields from hex (and raw payload
references into bytes), calls the implementation and compares the outputs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPOSITORY = Path(__file__).resolve().parents[2]


def _decode(value: Any, field_type: str, folder: Path) -> Any:
    if isinstance(value, dict) and "file" in value:
        data = (folder / value["file"]).read_bytes()
        return data if value["format"] == "raw" else list(data)
    if field_type == "bytes" and isinstance(value, str):
        return bytes.fromhex(value)
    return value


def _encode(value: Any) -> Any:
    return value.hex() if isinstance(value, bytes) else value


def run_vector_sets(folder_name: str, implementation: object) -> dict[str, int]:
    """Run every vector set of recommendations/<folder_name>; return tests run per set id.

    Raises AssertionError naming the set and test on the first mismatch.
    """
    folder = REPOSITORY / "recommendations" / folder_name
    document = YAML(typ="safe").load((folder / "recommendation.yaml").read_text("utf-8"))
    interfaces = {item["name"]: item for item in document["interfaces"]}
    counts: dict[str, int] = {}
    for entry in document["vector_sets"]:
        interface = interfaces[entry["interface"]]
        path = folder / entry["file"]
        vectors = json.loads(path.read_text("utf-8"))
        method = getattr(implementation, entry["interface"])
        run = 0
        for group in vectors["groups"]:
            for test in group["tests"]:
                raw = {**group.get("parameters", {}), **test.get("input", {})}
                inputs = {name: _decode(value, interface["inputs"].get(name, {}).get("type", ""), path.parent)
                          for name, value in raw.items()}
                where = f"{folder_name}/{entry['id']} test {test['id']} ({test.get('comment', '')})"
                if test.get("result", "valid") == "invalid":
                    try:
                        method(**inputs)
                    except ValueError:
                        pass
                    else:
                        raise AssertionError(f"{where}: input accepted, must be rejected")
                else:
                    output = {name: _encode(value) for name, value in method(**inputs).items()}
                    assert output == test["expected"], f"{where}: {output} != {test['expected']}"
                run += 1
        counts[entry["id"]] = run
    return counts

"""The npm packages of the campaign: installed into recbench's cache folder, run by node with our tool.

``python -m campaign_adapters.npm install`` installs them (``nox -s campaign`` does);
``python -m campaign_adapters.npm run PACKAGE`` runs ``node node_g711.js PACKAGE`` (a child speaking
the process protocol) with the installed packages on node's search path (the ICSs call it so,
since the cache folder is this machine's).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from campaign_adapters._common import Readiness, cache_folder

PACKAGES = {"alawmulaw": "6", "g711": "1"}  # name: major version the campaign was established with
TOOL = Path(__file__).with_name("node_g711.js")


def folder() -> Path:
    return cache_folder("npm")


def check_package(name: str) -> Readiness:
    """node on PATH and the npm package ``name`` installed in the campaign's folder."""
    if shutil.which("node") is None:
        return Readiness(("node (apt: nodejs)",))
    manifest = folder() / "node_modules" / name / "package.json"
    if not manifest.is_file():
        return Readiness((f"{name} (npm; python -m campaign_adapters.npm install)",))
    return Readiness(version=str(json.loads(manifest.read_text("utf-8")).get("version", "unknown")))


def install() -> int:
    npm = shutil.which("npm")
    if npm is None:
        sys.stderr.write("not installed: npm\n")
        return 1
    folder().mkdir(parents=True, exist_ok=True)
    wanted = [f"{name}@{major}" for name, major in PACKAGES.items()]
    return subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(folder()), *wanted],
                          check=False).returncode


def run(arguments: list[str]) -> int:
    node = shutil.which("node")
    if node is None:
        sys.stderr.write("not installed: node\n")
        return 1
    os.environ["NODE_PATH"] = str(folder() / "node_modules")
    os.execv(node, [node, str(TOOL), *arguments])
    return 1  # not reached


if __name__ == "__main__":
    command, *rest = sys.argv[1:] or [""]
    sys.exit(install() if command == "install" else run(rest) if command == "run" else 2)

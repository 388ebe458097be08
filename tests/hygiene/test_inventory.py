"""Reading dependencies from every supported input; what cannot be read is skipped, not dropped."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conformance.hygiene.inventory import InventoryError, find_project_file, read_inventory

H1 = "sha256:" + "a" * 64
H2 = "sha256:" + "b" * 64


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_requirements_with_hashes_includes_and_skips(tmp_path: Path) -> None:
    write(tmp_path, "base.txt", "attrs==23.1.0 --hash=sha256:" + "c" * 64 + "\n")
    lock = write(tmp_path, "requirements.lock", f"""# comment
--index-url http://127.0.0.1:1/simple
-r base.txt
Jinja2==2.10 \\
    --hash={H1} \\
    --hash={H2}  # two files
PyYAML===5.3
requests>=2.0
numpy==1.* ; python_version >= "3.9"
-e ./local-package
pkg @ https://example.invalid/pkg-1.0.tar.gz
this is not a requirement!
""")
    inventory = read_inventory(lock)
    deps = {d.name: d for d in inventory.dependencies}
    assert list(deps) == ["attrs", "jinja2", "pyyaml", "requests", "numpy"]
    assert deps["jinja2"].version == "2.10" and deps["jinja2"].hashes == (H1, H2)
    assert deps["jinja2"].line == 4
    assert deps["pyyaml"].version == "5.3" and deps["pyyaml"].hashes == ()
    assert deps["requests"].version is None and deps["requests"].specifier == ">=2.0"
    assert deps["numpy"].version is None and deps["numpy"].marker
    reasons = sorted(s.reason.split(":")[0] for s in inventory.skipped)
    assert reasons == ["direct URL reference", "editable install", "not a requirement"]


def test_empty_lock_has_no_dependencies(tmp_path: Path) -> None:
    inventory = read_inventory(write(tmp_path, "requirements.lock", "# standard library only\n"))
    assert inventory.dependencies == [] and inventory.skipped == []


def test_pylock(tmp_path: Path) -> None:
    lock = write(tmp_path, "pylock.toml", f"""lock-version = "1.0"
created-by = "test"

[[packages]]
name = "Jinja2"
version = "2.10"
[[packages.wheels]]
name = "Jinja2-2.10-py2.py3-none-any.whl"
upload-time = 2017-11-08T18:00:00Z
hashes = {{sha256 = "{"a" * 64}"}}

[[packages]]
name = "local"
directory = {{path = "./local"}}
""")
    inventory = read_inventory(lock)
    (dependency,) = inventory.dependencies
    assert (dependency.name, dependency.version, dependency.hashes) == ("jinja2", "2.10", (H1,))
    assert dependency.upload_time == datetime(2017, 11, 8, 18, tzinfo=UTC)
    assert inventory.skipped[0].text == "local"


def test_uv_lock(tmp_path: Path) -> None:
    lock = write(tmp_path, "uv.lock", f"""version = 1
[[package]]
name = "me"
version = "0.1.0"
source = {{ editable = "." }}

[[package]]
name = "urllib3"
version = "1.24.1"
source = {{ registry = "http://127.0.0.1:1/simple" }}
sdist = {{ url = "x", hash = "{H1}", size = 1, upload-time = "2018-11-01T00:00:00Z" }}
wheels = [{{ url = "y", hash = "{H2}", size = 1, upload-time = "2018-10-31T00:00:00Z" }}]
""")
    inventory = read_inventory(lock)
    (dependency,) = inventory.dependencies
    assert dependency.name == "urllib3" and set(dependency.hashes) == {H1, H2}
    assert dependency.upload_time == datetime(2018, 10, 31, tzinfo=UTC)
    assert "project itself" in inventory.skipped[0].reason


def test_poetry_lock(tmp_path: Path) -> None:
    lock = write(tmp_path, "poetry.lock", f"""[[package]]
name = "pyyaml"
version = "5.3"
files = [{{file = "PyYAML-5.3.tar.gz", hash = "{H1}"}}]

[[package]]
name = "gitdep"
version = "1.0"
[package.source]
type = "git"
url = "https://example.invalid/g.git"
""")
    inventory = read_inventory(lock)
    assert [(d.name, d.version, d.hashes) for d in inventory.dependencies] == [
        ("pyyaml", "5.3", (H1,))]
    assert inventory.skipped[0].text == "gitdep"


def test_pyproject_flags_unpinned(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", """[project]
name = "x"
dependencies = ["packaging>=24", "attrs==23.1.0"]
""")
    inventory = read_inventory(tmp_path)  # a folder: the manifest is found
    assert [(d.name, d.version) for d in inventory.dependencies] == [
        ("packaging", None), ("attrs", "23.1.0")]


def test_cyclonedx_and_spdx_sboms(tmp_path: Path) -> None:
    cyclonedx = write(tmp_path, "bom.json", json.dumps({
        "bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
            {"type": "library", "name": "Jinja2", "version": "2.10", "purl": "pkg:pypi/jinja2@2.10",
             "hashes": [{"alg": "SHA-256", "content": "a" * 64}],
             "licenses": [{"license": {"id": "BSD-3-Clause"}}]},
            {"type": "library", "name": "left-pad", "purl": "pkg:npm/left-pad@1.3.0"},
            {"type": "library", "name": "mystery"},
            {"type": "library", "name": "bad", "purl": "pkg:pypi:bad"}]}))
    inventory = read_inventory(cyclonedx)
    (dependency,) = inventory.dependencies
    assert (dependency.name, dependency.version, dependency.hashes, dependency.licence) == (
        "jinja2", "2.10", (H1,), "BSD-3-Clause")
    assert len(inventory.skipped) == 3
    spdx = write(tmp_path, "sbom.spdx.json", json.dumps({
        "spdxVersion": "SPDX-2.3", "packages": [
            {"SPDXID": "SPDXRef-root", "name": "root"},
            {"SPDXID": "SPDXRef-1", "name": "urllib3", "versionInfo": "1.24.1",
             "licenseConcluded": "MIT", "checksums": [{"algorithm": "SHA256",
                                                       "checksumValue": "b" * 64}],
             "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                               "referenceLocator": "pkg:pypi/urllib3@1.24.1"}]}]}))
    inventory = read_inventory(spdx)
    (dependency,) = inventory.dependencies
    assert (dependency.name, dependency.version, dependency.licence, dependency.hashes) == (
        "urllib3", "1.24.1", "MIT", (H2,))
    assert inventory.skipped[0].text == "root"


def test_project_folder_prefers_locks(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", "[project]\nname='x'\n")
    write(tmp_path, "requirements.lock", "")
    assert find_project_file(tmp_path).name == "requirements.lock"


@pytest.mark.parametrize(("name", "text", "message"), [
    ("pylock.toml", "lock-version = ", "not valid TOML"),
    ("pylock.toml", "packages = []", "not a PEP 751 lock"),
    ("bom.json", "{}", "neither a CycloneDX nor an SPDX"),
    ("bom.json", "{", "not valid JSON"),
    ("pyproject.toml", "[tool.x]", "no \\[project\\] table"),
    ("other.toml", "", "unknown TOML file"),
])
def test_unusable_inputs_name_the_file(tmp_path: Path, name: str, text: str, message: str
                                       ) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(InventoryError, match=message) as caught:
        read_inventory(path)
    assert name in str(caught.value)


def test_missing_file_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(InventoryError, match="no such file"):
        read_inventory(tmp_path / "nope.lock")
    with pytest.raises(InventoryError, match="no lock or manifest"):
        read_inventory(tmp_path)

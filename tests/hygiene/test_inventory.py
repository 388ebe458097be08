"""Reading dependencies from every supported input; what cannot be read is skipped, not dropped."""

from __future__ import annotations

import json
import os
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
    dependency, npm = inventory.dependencies
    assert (dependency.name, dependency.version, dependency.hashes, dependency.licence) == (
        "jinja2", "2.10", (H1,), "BSD-3-Clause")
    assert (npm.ecosystem, npm.name, npm.version, npm.purl) == (
        "npm", "left-pad", "1.3.0", "pkg:npm/left-pad@1.3.0")
    # no purl: an ecosystem recbench cannot know (fails closed); a malformed purl: unreadable
    assert [(s.text, s.unsupported, s.unreadable) for s in inventory.skipped] == [
        ("mystery", True, False), ("pkg:pypi:bad", False, True)]
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


def test_includes_stay_in_the_lock_folder(tmp_path: Path) -> None:
    secret = write(tmp_path, "secret.txt", "password-line==1.0\n")
    project = tmp_path / "project"
    project.mkdir()
    write(project, "base.txt", f"attrs==23.1.0 --hash={H1}\n")
    lock = write(project, "requirements.txt", f"""-r base.txt
-r ../{secret.name}
-r {secret}
--requirement=requirements.txt
-r
-r https://127.0.0.1:9/remote.txt
""")
    inventory = read_inventory(lock)
    assert [d.name for d in inventory.dependencies] == ["attrs"]
    reasons = [(s.line, s.reason, s.unreadable) for s in inventory.skipped]
    assert reasons[0][:2] == (2, "include outside the lock's folder not followed (audit that "
                                 "file on its own)") and reasons[0][2]
    assert reasons[1][0] == 3 and "outside" in reasons[1][1]
    assert reasons[2] == (4, "include loop", False)
    assert reasons[3] == (5, "include without a file name", True)
    assert "remote include" in reasons[4][1]
    assert all("password" not in s.text for s in inventory.skipped)


def test_includes_that_cannot_be_read_are_reported(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9==1.0\n")
    os.mkfifo(tmp_path / "pipe.txt")  # would block a reader forever
    (tmp_path / "folder.txt").mkdir()
    lock = write(tmp_path, "requirements.txt", "-r latin.txt\n-r pipe.txt\n-r folder.txt\n")
    inventory = read_inventory(lock)
    reasons = [s.reason for s in inventory.skipped]
    assert reasons == ["cannot read include (not UTF-8 text (byte 3))",
                       "cannot read include (not a regular file)",
                       "cannot read include (not a regular file)"]
    assert all(s.unreadable for s in inventory.skipped)
    (tmp_path / "top.lock").write_bytes(b"ok==1.0\n\xff\n")
    with pytest.raises(InventoryError, match=r"top\.lock:2: not UTF-8 text"):
        read_inventory(tmp_path / "top.lock")


def test_a_malformed_hash_does_not_hide_the_pin(tmp_path: Path) -> None:
    lock = write(tmp_path, "requirements.lock", f"""jinja2==2.10 --hash=sha256:abcd
urllib3==1.24.1 --hash md5:{"0" * 32} --hash={H1}
pyyaml==5.3 --hash=sha256:{"g" * 64} --frobnicate
""")
    inventory = read_inventory(lock)
    assert [(d.name, d.hashes) for d in inventory.dependencies] == [
        ("jinja2", ()), ("urllib3", (H1,)), ("pyyaml", ())]
    assert [(s.line, s.unreadable) for s in inventory.skipped] == [
        (1, True), (2, True), (3, True), (3, True)]
    assert "64 hexadecimal digits" in inventory.skipped[0].reason
    assert "unknown option --frobnicate" in inventory.skipped[3].reason


def test_comments_and_continuations_as_pip_reads_them(tmp_path: Path) -> None:
    lock = write(tmp_path, "requirements.txt", f"""attrs==23.1.0 \\
  --hash={H1}  # the wheel
# a comment line ends a continuation \\
idna==3.7 \\
""")
    inventory = read_inventory(lock)
    assert [(d.name, d.line, d.hashes) for d in inventory.dependencies] == [
        ("attrs", 1, (H1,)), ("idna", 4, ())]
    assert inventory.skipped == []


def test_bare_urls_and_paths_have_no_release_to_audit(tmp_path: Path) -> None:
    lock = write(tmp_path, "requirements.txt",
                 "https://127.0.0.1:9/pkg-1.0-py3-none-any.whl\n./vendored/pkg\n")
    inventory = read_inventory(lock)
    assert [(s.reason, s.unreadable) for s in inventory.skipped] == [
        ("direct URL or local path: no release to audit", False)] * 2


@pytest.mark.parametrize(("name", "text", "message"), [
    ("pylock.toml", 'lock-version = "1.0"\n[[packages]]\nname = "a"\nversion = 1.10\n',
     r"pylock\.toml:4: packages\[0\]\.version: expected a string .* found the number 1\.1"),
    ("pylock.toml", 'lock-version = "1.0"\npackages = 5\n',
     r"pylock\.toml: packages: expected an array of tables, found the number 5"),
    ("pylock.toml", 'lock-version = "1.0"\n[[packages]]\nname = "a"\nversion = "1"\n'
     '[[packages.wheels]]\nhashes = "x"\n',
     r"pylock\.toml:3: packages\[0\]\.wheels\[0\]\.hashes: expected a table of hashes"),
    ("pylock.toml", 'lock-version = "1.0"\n[[packages]]\nname = "a"\nversion = "1"\n'
     'sdist = {upload-time = "yesterday"}\n',
     r"packages\[0\]\.sdist\.upload-time: expected an RFC 3339 date-time"),
    ("uv.lock", 'version = 1\n[[package]]\nname = "a"\nversion = "1"\nsource = "x"\n',
     r"uv\.lock:3: package\[0\]\.source: expected a table, found a string"),
    ("uv.lock", 'version = 1\n[[package]]\nname = "a"\nversion = "1"\nwheels = [5]\n',
     r"package\[0\]\.wheels\[0\]: expected a table"),
    ("poetry.lock", '[[package]]\nname = "a"\nversion = "1"\nfiles = 5\n',
     r"poetry\.lock:2: package\[0\]\.files: expected an array of tables"),
    ("poetry.lock", '[[package]]\nversion = "1"\n', r"package\[0\]\.name: expected a package"),
    ("pyproject.toml", '[project]\nname = "x"\ndependencies = "jinja2==2.10"\n',
     r"project\.dependencies: expected an array of strings, found a string"),
    ("pyproject.toml", '[project]\nname = "x"\ndependencies = [5]\n',
     r"project\.dependencies\[0\]: expected a string, found the number 5"),
    ("bom.json", '{"bomFormat": "CycloneDX", "components": 5}',
     r"bom\.json: components: expected an array of tables"),
    ("bom.json", '{"bomFormat": "CycloneDX", "components": [{"purl": "pkg:pypi/jinja2", '
     '"version": 2.10}]}', r"components\[0\]\.version: expected a string, found the number 2\.10"),
    ("bom.json", '{"bomFormat": "CycloneDX", "components": [{"purl": "pkg:pypi/a@1", '
     '"hashes": 5}]}', r"components\[0\]\.hashes: expected an array"),
    ("sbom.spdx.json", '{"spdxVersion": "SPDX-2.3", "packages": [{"externalRefs": 5}]}',
     r"packages\[0\]\.externalRefs: expected an array"),
])
def test_structural_errors_name_file_line_and_field(tmp_path: Path, name: str, text: str,
                                                    message: str) -> None:
    with pytest.raises(InventoryError, match=message):
        read_inventory(write(tmp_path, name, text))


def test_spdx_placeholders_are_not_versions_or_hashes(tmp_path: Path) -> None:
    spdx = write(tmp_path, "sbom.spdx.json", json.dumps({
        "spdxVersion": "SPDX-2.3", "packages": [
            {"SPDXID": "SPDXRef-1", "name": "jinja2", "versionInfo": "NOASSERTION",
             "checksums": [{"algorithm": "SHA256"}],
             "externalRefs": [{"referenceType": "purl",
                               "referenceLocator": "pkg:pypi/jinja2@2.10"}]}]}))
    (dependency,) = read_inventory(spdx).dependencies
    assert (dependency.version, dependency.hashes) == ("2.10", ())

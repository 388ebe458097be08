"""The readers of Cargo.lock, go.mod/go.sum, npm locks, Conan and vcpkg, and purls of any ecosystem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance.hygiene.ecosystems import CRATES
from conformance.hygiene.inventory import InventoryError, read_inventory


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_cargo_lock_sources(tmp_path: Path) -> None:
    sparse = f"sparse+https://index.{CRATES}/"  # the default registry's sparse index, as Cargo writes it
    lock = write(tmp_path, "Cargo.lock", f"""version = 4

[[package]]
name = "libc"
version = "0.2.150"
source = "{sparse}"

[[package]]
name = "app"
version = "0.1.0"

[[package]]
name = "Serde_Json"
version = "1.0.100"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

[[package]]
name = "private"
version = "2.0.0"
source = "registry+https://crates.example.invalid/index"

[[package]]
name = "forked"
version = "0.3.0"
source = "git+https://github.com/Example/Forked.git?branch=main#0123456789abcdef0123456789abcdef01234567"
""")
    inventory = read_inventory(lock)
    libc, crate, forked = inventory.dependencies
    assert (libc.ecosystem, libc.name, libc.line) == ("crates.io", "libc", 4)
    assert (crate.ecosystem, crate.name, crate.version, crate.line, crate.hashes) == (
        "crates.io", "serde-json", "1.0.100", 13, ("sha256:" + "a" * 64,))
    assert crate.purl == "pkg:cargo/serde-json@1.0.100"
    assert (forked.ecosystem, forked.name, forked.commit) == (
        "GIT", "github.com/example/forked", "0123456789abcdef0123456789abcdef01234567")
    workspace, private = inventory.skipped
    assert not workspace.unreadable and not workspace.unsupported  # the project itself
    assert private.unsupported and "other than crates.io" in private.reason


def test_go_mod_requires_replaces_and_indirect(tmp_path: Path) -> None:
    write(tmp_path, "go.sum", "golang.org/x/net v0.7.0 h1:net=\ngolang.org/x/net v0.7.0/go.mod h1:m=\n"
          "github.com/Foo/Bar v1.2.0 h1:bar=\n")
    mod = write(tmp_path, "go.mod", """module example.com/app

go 1.21

require (
\tgolang.org/x/net v0.5.0 // indirect
\tgithub.com/Foo/Bar v1.2.0
\texample.com/local v1.0.0
\tgolang.org/x/text v0.0.0-20170915032832-14c0d48ead0c // indirect; old
)

replace golang.org/x/net => golang.org/x/net v0.7.0
replace example.com/local => ../local
""")
    inventory = read_inventory(mod)
    by_name = {d.name: d for d in inventory.dependencies}
    net = by_name["golang.org/x/net"]
    assert (net.version, net.direct, net.hashes, net.line) == ("v0.7.0", False, ("h1:net=",), 12)
    assert by_name["github.com/Foo/Bar"].direct is True  # Go module paths keep their case
    assert by_name["golang.org/x/text"].version == "v0.0.0-20170915032832-14c0d48ead0c"
    (local,) = inventory.skipped
    assert "local folder" in local.reason
    # go.sum beside a go.mod: the go.mod decides what is built
    assert {d.name for d in read_inventory(tmp_path / "go.sum").dependencies} == set(by_name)


def test_go_sum_alone_takes_the_highest_version(tmp_path: Path) -> None:
    total = write(tmp_path, "go.sum", "golang.org/x/text v0.3.5 h1:a=\ngolang.org/x/text v0.3.10 h1:b=\n"
                  "golang.org/x/text v0.3.11/go.mod h1:c=\nbroken line\n")
    inventory = read_inventory(total)
    (text,) = inventory.dependencies
    assert (text.version, text.line) == ("v0.3.10", 2)
    assert inventory.skipped[0].unreadable and inventory.skipped[0].line == 4


def test_go_pseudo_versions_are_matched_as_semver_prereleases(tmp_path: Path,
                                                              real_database: object) -> None:
    from conformance.hygiene.advisories import OsvDatabase

    assert isinstance(real_database, OsvDatabase)
    ids = {v.id for v in real_database.vulnerabilities(
        "golang.org/x/text", "v0.0.0-20170915032832-14c0d48ead0c", ecosystem="Go")}
    assert "GO-2021-0113" in ids  # introduced 0, fixed 0.3.7: a 2017 pseudo-version is before it
    assert "GO-2021-0113" not in {v.id for v in real_database.vulnerabilities(
        "golang.org/x/text", "v0.3.7", ecosystem="Go")}
    # module paths are exact: the PEP 503 form of the name is another module
    assert real_database.vulnerabilities("golang-org-x-text", "v0.3.5", ecosystem="Go") == []


@pytest.mark.parametrize("version", [1, 2, 3])
def test_npm_locks_of_every_version(tmp_path: Path, version: int) -> None:
    integrity = "sha512-" + "A" * 86 + "=="
    nested = {"version": "1.0.0", "integrity": integrity}
    if version == 1:
        data: dict[str, object] = {"lockfileVersion": 1, "dependencies": {
            "a": {"version": "2.0.0", "integrity": integrity, "dependencies": {"b": nested}}}}
    else:
        data = {"lockfileVersion": version, "packages": {
            "": {"name": "root"}, "node_modules/a": {"version": "2.0.0", "integrity": integrity},
            "node_modules/a/node_modules/b": nested,
            "node_modules/@Scope/c": {"version": "3.0.0"},
            "node_modules/alias": {"name": "real-name", "version": "4.0.0"},
            "node_modules/ws": {"link": True, "resolved": "packages/ws"},
            "node_modules/git-dep": {"version": "git+ssh://git@h.invalid/x.git#abc"}}}
    lock = write(tmp_path, "package-lock.json", json.dumps(data, indent=2))
    inventory = read_inventory(lock)
    pins = [(d.name, d.version) for d in inventory.dependencies]
    assert ("a", "2.0.0") in pins and ("b", "1.0.0") in pins
    a = inventory.dependencies[0]
    assert a.ecosystem == "npm" and a.hashes == ("sha512:" + "00" * 64,) and a.line is not None
    if version > 1:
        assert ("@scope/c", "3.0.0") in pins and ("real-name", "4.0.0") in pins
        assert inventory.dependencies[2].purl == "pkg:npm/%40scope/c@3.0.0"
        (git_dep,) = inventory.skipped
        assert git_dep.unsupported


def test_npm_shrinkwrap_wins_over_the_package_lock(tmp_path: Path) -> None:
    write(tmp_path, "package-lock.json", json.dumps({"lockfileVersion": 3, "packages": {
        "node_modules/a": {"version": "1.0.0"}}}))
    write(tmp_path, "npm-shrinkwrap.json", json.dumps({"lockfileVersion": 3, "packages": {
        "node_modules/a": {"version": "2.0.0"}}}))
    assert [d.version for d in read_inventory(tmp_path).dependencies] == ["2.0.0"]


def test_conan_and_vcpkg_are_read_as_ecosystems_not_evaluated(tmp_path: Path) -> None:
    conan = write(tmp_path, "conan.lock", json.dumps({
        "version": "0.5", "requires": ["zlib/1.3.1#b8bc2603263cf7eccbd6e17e66b0ed76%1714000000.0"],
        "build_requires": ["cmake/3.28.1"]}))
    assert [(d.ecosystem, d.name, d.version) for d in read_inventory(conan).dependencies] == [
        ("ConanCenter", "zlib", "1.3.1"), ("ConanCenter", "cmake", "3.28.1")]
    vcpkg = write(tmp_path, "vcpkg.json", json.dumps({
        "dependencies": ["fmt", {"name": "zlib", "version>=": "1.2.13"}],
        "overrides": [{"name": "fmt", "version": "10.1.1"}]}))
    fmt, zlib = read_inventory(vcpkg).dependencies
    assert (fmt.version, zlib.version, zlib.specifier) == ("10.1.1", None, ">=1.2.13")


def test_a_folder_is_searched_for_every_language(tmp_path: Path) -> None:
    write(tmp_path, "requirements.lock", "attrs==23.1.0\n")
    write(tmp_path, "rust/Cargo.lock", 'version = 3\n[[package]]\nname = "x"\nversion = "1.0.0"\n'
          'source = "registry+https://github.com/rust-lang/crates.io-index"\n')
    write(tmp_path, "web/package-lock.json", json.dumps({"lockfileVersion": 3, "packages": {
        "node_modules/a": {"version": "1.0.0"}}}))
    write(tmp_path, "web/node_modules/a/package-lock.json", "{}")  # installed packages: not searched
    write(tmp_path, ".hidden/Cargo.lock", "not read")
    inventory = read_inventory(tmp_path)
    assert sorted(d.ecosystem for d in inventory.dependencies) == ["PyPI", "crates.io", "npm"]
    assert inventory.format == "requirements + Cargo.lock + package-lock.json v3"


def test_repeated_pins_merge_and_conflicting_ones_are_refused(tmp_path: Path) -> None:
    same = write(tmp_path, "same.txt", "attrs==23.1.0\nAttrs==23.1.0\n")
    assert len(read_inventory(same).dependencies) == 1
    conflict = write(tmp_path, "conflict.txt", "attrs==23.1.0\nattrs==22.2.0\n")
    with pytest.raises(InventoryError, match="required twice with different pins"):
        read_inventory(conflict)
    # npm installs one package at several versions on purpose: kept
    lock = write(tmp_path, "package-lock.json", json.dumps({"lockfileVersion": 3, "packages": {
        "node_modules/a": {"version": "1.0.0"}, "node_modules/b/node_modules/a": {"version": "2.0.0"},
        "node_modules/c/node_modules/a": {"version": "1.0.0"}}}))
    assert [d.version for d in read_inventory(lock).dependencies] == ["1.0.0", "2.0.0"]


@pytest.mark.parametrize(("purl", "expected"), [
    ("pkg:cargo/smallvec@1.6.0", ("crates.io", "smallvec", "1.6.0", None)),
    ("pkg:golang/golang.org/x/text@v0.3.5", ("Go", "golang.org/x/text", "v0.3.5", None)),
    ("pkg:golang/golang.org/x/text@0.3.5", ("Go", "golang.org/x/text", "v0.3.5", None)),
    ("pkg:npm/%40babel/core@7.0.0", ("npm", "@babel/core", "7.0.0", None)),
    ("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
     ("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1", None)),
    ("pkg:github/madler/zlib@04f42ceca40f73e2978b50e93806c2a18c1281fc",
     ("GIT", "github.com/madler/zlib", None, "04f42ceca40f73e2978b50e93806c2a18c1281fc")),
    ("pkg:generic/stl@abcdef1?vcs_url=git%2Bhttps://github.com/openitu/STL",
     ("GIT", "github.com/openitu/stl", None, "abcdef1")),
])
def test_sbom_purls_of_every_ecosystem(tmp_path: Path, purl: str,
                                       expected: tuple[str, str, str | None, str | None]) -> None:
    sbom = write(tmp_path, "bom.json", json.dumps({"bomFormat": "CycloneDX", "components": [
        {"type": "library", "name": "x", "purl": purl}]}))
    (dependency,) = read_inventory(sbom).dependencies
    assert (dependency.ecosystem, dependency.name, dependency.version, dependency.commit) == expected

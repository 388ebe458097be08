"""Hostile locks, SBOMs and policies: ``recbench deps audit`` refuses them naming the file (exit 2)
or reports the entry it could not read, and never ends in an internal error or a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conformance.cli.deps import app
from conformance.errors import RecbenchError
from conformance.hygiene.advisories import AdvisoryImportError
from conformance.hygiene.inventory import InventoryError, read_inventory
from conformance.hygiene.policy import PolicyError, load_policy

H = " --hash=sha256:" + "a" * 64


def audit(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["audit", *args, "--offline", "--no-history"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_hygiene_errors_are_recbench_errors() -> None:
    for kind in (InventoryError, PolicyError, AdvisoryImportError):
        assert issubclass(kind, RecbenchError) and issubclass(kind, ValueError)


@pytest.mark.parametrize("target", ["base\x00.txt", "b" * 5000 + ".txt", "x/" * 2500 + "a.txt"])
def test_includes_no_system_call_accepts_are_reported_not_fatal(tmp_path: Path, target: str) -> None:
    lock = tmp_path / "requirements.txt"
    lock.write_text(f"attrs==23.1.0{H}\n-r {target}\n-c {target}\n")
    inventory = read_inventory(lock)
    assert [d.name for d in inventory.dependencies] == ["attrs"]
    [include, _constraint] = inventory.skipped
    assert include.line == 2 and include.unreadable and include.reason.startswith("cannot read include")
    code, output = audit(str(lock))
    assert code == 1, output  # the unreadable include is a finding, the audit still runs


def test_a_symlinked_lock_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("password-line==1.0\n")
    project = tmp_path / "project"
    project.mkdir()
    (project / "requirements.lock").symlink_to(outside)
    with pytest.raises(InventoryError, match="symbolic link"):
        read_inventory(project / "requirements.lock")
    code, output = audit(str(project / "requirements.lock"))
    assert code == 2 and "symbolic link" in output and "password" not in output


@pytest.mark.parametrize("text", [
    '{"bomFormat": "CycloneDX", "components": [{"purl": "pkg:pypi/a@1", "version": NaN}]}',
    '{"spdxVersion": "SPDX-2.3", "packages": [{"versionInfo": Infinity}]}',
    '{"bomFormat": "CycloneDX", "components": [{"purl": "pkg:pypi/a@1", "version": 1e999}]}',
    '{"bomFormat": "CycloneDX", "bomFormat": "SPDX"}',
    '{"bomFormat": "CycloneDX", "components": ' + "[" * 100_000 + "]" * 100_000 + "}",
    '{"bomFormat": "CycloneDX", "serialNumber": ' + "9" * 5000 + "}",
])
def test_sbom_values_json_does_not_allow_are_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bom.json"
    path.write_text(text)
    with pytest.raises(InventoryError, match=r"bom\.json:1:\d+: not valid JSON"):
        read_inventory(path)
    code, output = audit(str(path))
    assert code == 2 and "not valid JSON" in output


def test_sbom_in_utf16_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes('{"bomFormat": "CycloneDX"}'.encode("utf-16"))
    with pytest.raises(InventoryError, match="not UTF-8 text"):
        read_inventory(path)


@pytest.mark.parametrize("text", [
    "max_severity = " + "[" * 5000 + "]" * 5000 + "\n",
    "max_release_age_days = " + "1" * 5000 + "\n",
])
def test_policy_toml_that_exhausts_tomllib_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "hygiene.toml"
    path.write_text(text)
    with pytest.raises(PolicyError, match="not valid TOML"):
        load_policy(path)
    lock = tmp_path / "requirements.lock"
    lock.write_text(f"attrs==23.1.0{H}\n")
    code, output = audit(str(lock), "--policy", str(path))
    assert code == 2 and "hygiene.toml: not valid TOML" in output


def test_lock_toml_that_exhausts_tomllib_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pylock.toml"
    path.write_text('lock-version = "1.0"\nx = ' + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(InventoryError, match="nested too deeply"):
        read_inventory(path)


@pytest.mark.parametrize("text", [
    "x: " + "[" * 20_000 + "]" * 20_000 + "\n",
    "a0: &a0 [x, x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n" for i in range(1, 32)),
    "ignores:\n  - {id: X, reason: r, expires: 1988-13-45}\n",
])
def test_policy_yaml_bombs_are_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "hygiene.yaml"
    path.write_text(text)
    with pytest.raises(PolicyError, match="not valid YAML"):
        load_policy(path)


def test_a_device_or_fifo_policy_is_not_read(tmp_path: Path) -> None:
    lock = tmp_path / "requirements.lock"
    lock.write_text(f"attrs==23.1.0{H}\n")
    os.mkfifo(tmp_path / "policy.toml")  # reading it would block for ever
    for policy in ("/dev/zero", str(tmp_path / "policy.toml")):
        with pytest.raises(PolicyError, match="cannot read policy file"):
            load_policy(Path(policy))
        code, output = audit(str(lock), "--policy", policy)
        assert code == 2 and "expected a regular file" in " ".join(output.split()), output


def test_a_symlinked_policy_is_not_read(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.toml"
    real.write_text("require_pins = true\n")
    (tmp_path / "hygiene.toml").symlink_to(real)
    with pytest.raises(PolicyError, match="symbolic link"):
        load_policy(tmp_path / "hygiene.toml")


def test_advisory_records_nested_too_deeply_are_skipped(tmp_path: Path) -> None:
    from conformance.hygiene.advisories import OsvDatabase

    folder = tmp_path / "osv"
    folder.mkdir()
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "ok.json").write_text(json.dumps({"id": "X-1", "modified": "2024-01-01T00:00:00Z"}))
    with OsvDatabase(tmp_path / "db.sqlite3") as database:
        result = database.import_path(folder, description="test", location=str(folder))
    assert any("deep.json" in reason for reason in result.skipped)

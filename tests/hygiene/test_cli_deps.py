"""``recbench deps``: exit codes 0/1/2, every subcommand, no tracebacks, no network."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conformance.cli.deps import app

DATA = Path(__file__).parent / "data"
REPOSITORY = Path(__file__).resolve().parents[2]
H = " --hash=sha256:" + "a" * 64


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_audit_exit_codes(runner: CliRunner, tmp_path: Path) -> None:
    clean = tmp_path / "clean" / "requirements.lock"
    clean.parent.mkdir()
    clean.write_text(f"attrs==23.1.0{H}\n")
    code, output = invoke(runner, "audit", str(clean), "--offline")
    assert code == 0, output
    assert "2024-10-10" in output  # the data date is always stated
    code, output = invoke(runner, "audit", str(DATA / "locks" / "known-vulnerable.lock"),
                          "--offline", "--format", "json")
    assert code == 1
    assert json.loads(output)["advisory_data"]["data_date"] == "2024-10-10"
    assert invoke(runner, "audit", str(tmp_path / "nothing.lock"), "--offline")[0] == 2
    broken = tmp_path / "pylock.toml"
    broken.write_text("lock-version = ")
    code, output = invoke(runner, "audit", str(broken), "--offline")
    assert code == 2 and "pylock.toml: not valid TOML" in output
    bad_policy = tmp_path / "p.toml"
    bad_policy.write_text("max_severity = 'enormous'\n")
    code, output = invoke(runner, "audit", str(clean), "--policy", str(bad_policy))
    assert code == 2 and "max_severity" in output
    assert invoke(runner, "audit", "--offline")[0] == 2  # neither target nor --all


def test_audit_formats_and_output_file(runner: CliRunner, tmp_path: Path) -> None:
    lock = str(DATA / "locks" / "known-vulnerable.lock")
    for name in ("sarif", "markdown", "json", "table"):
        target = tmp_path / f"report.{name}"
        code, _ = invoke(runner, "audit", lock, "--offline", "--format", name, "-o", str(target))
        assert code == 1 and target.read_text()
    assert json.loads((tmp_path / "report.sarif").read_text())["version"] == "2.1.0"


def test_all_reference_implementations(runner: CliRunner) -> None:
    code, output = invoke(runner, "audit", "--all", "--offline", "--root", str(REPOSITORY),
                          "--format", "json")
    assert code in (0, 1), output
    report = json.loads(output)
    labels = [impl["label"] for impl in report["implementations"]]
    packages = [p.name for p in (REPOSITORY / "reference_impl").iterdir()
                if (p / "__init__.py").is_file()]
    paths = {impl["repository"]["path"] for impl in report["implementations"]
             if impl["repository"]}
    assert labels and all(f"reference_impl/{name}" in paths for name in packages)
    assert report["policy_source"].endswith("hygiene.toml")


def test_db_import_status_and_url(runner: CliRunner, tmp_path: Path, local_server: str,
                                  served_folder: Path) -> None:
    database = str(tmp_path / "fresh.sqlite3")
    code, output = invoke(runner, "db", "import", str(DATA / "osv"), "--db", database)
    assert code == 0 and "imported 4 records" in output
    with zipfile.ZipFile(served_folder / "files" / "cli-all.zip", "w") as bundle:
        bundle.write(DATA / "osv" / "DEMO-2024-1.json", "DEMO-2024-1.json")
    code, output = invoke(runner, "db", "import", f"{local_server}/files/cli-all.zip",
                          "--db", database)
    assert code == 0 and "imported 1 records" in output
    code, output = invoke(runner, "db", "status", "--db", database, "--json")
    status = json.loads(output)
    # The empty database was seeded with the four embedded snapshots before the first import.
    assert code == 0 and status["records"] == 12179 + 4 and len(status["sources"]) == 6
    assert invoke(runner, "db", "import", str(tmp_path / "missing"), "--db", database)[0] == 2


def test_refresh_sbom_and_history(runner: CliRunner, tmp_path: Path, local_server: str) -> None:
    lock = tmp_path / "requirements.lock"
    lock.write_text(f"demo-lib==1.0{H}\n")
    assert invoke(runner, "refresh", str(lock))[0] == 2  # no index configured
    code, output = invoke(runner, "refresh", str(lock), "--index-url", f"{local_server}/simple")
    assert code == 0 and "refreshed 1 of 1" in output
    code, output = invoke(runner, "audit", str(lock), "--offline", "--format", "json")
    (dependency,) = json.loads(output)["implementations"][0]["dependencies"]
    assert dependency["newest_version"] == "2.0" and dependency["versions_behind"] == 2
    sbom = tmp_path / "bom.json"
    code, _ = invoke(runner, "sbom", str(lock), "-o", str(sbom))
    assert code == 0 and json.loads(sbom.read_text())["bomFormat"] == "CycloneDX"
    code, output = invoke(runner, "history", "--json")
    assert code == 0 and json.loads(output)[0]["label"] == "requirements.lock"


def test_sbom_of_a_recommendation(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "g711.json"
    code, output = invoke(runner, "sbom", "G.711", "--root", str(REPOSITORY), "-o", str(target))
    assert code == 0, output
    assert json.loads(target.read_text())["metadata"]["component"]["name"].startswith("ITU-T G.711")
    assert invoke(runner, "sbom", "Z.999", "--root", str(REPOSITORY))[0] == 2


def test_history_without_runs(runner: CliRunner, tmp_path: Path) -> None:
    assert invoke(runner, "history", "--history", str(tmp_path / "none.sqlite3"))[0] == 2


def test_copied_snapshot_matches_the_shipped_one() -> None:
    # Guards the package-data copy: the snapshot must stay byte-identical to its README's hash.
    import hashlib

    digest = hashlib.sha256((REPOSITORY / "conformance" / "hygiene" / "data" /
                             "pypi-osv-2024-10.zip").read_bytes()).hexdigest()
    assert digest == "ccfbe4add101c70e7f2bfc8652133360cda75c35b0a43f22c5af2b94c86680f2"
    assert shutil.which("git") is not None


def test_unusable_database_and_history_locations(runner: CliRunner, tmp_path: Path) -> None:
    not_a_database = tmp_path / "text.sqlite3"
    not_a_database.write_text("this is not SQLite " * 100)
    lock = tmp_path / "requirements.lock"
    lock.write_text("# nothing\n")
    code, output = invoke(runner, "audit", str(lock), "--offline", "--db", str(not_a_database))
    assert code == 2 and "not a usable database" in output
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    code, output = invoke(runner, "audit", str(lock), "--offline",
                          "--history", str(blocked / "h.sqlite3"))
    assert code == 0 and "history not recorded" in output


def test_user_text_is_never_read_as_markup(runner: CliRunner, tmp_path: Path) -> None:
    lock = tmp_path / "requirements.lock"
    lock.write_text(f"attrs==23.1.0{H}\nbaz[/red]==1.0\n")
    policy = tmp_path / "policy.toml"
    policy.write_text('[[ignores]]\nid = "[/bold]"\nreason = "[/x]"\nexpires = 2020-01-01\n')
    code, output = invoke(runner, "audit", str(lock), "--offline", "--policy", str(policy))
    assert code == 1 and "Ignore of [/bold] expired" in output
    code, output = invoke(runner, "audit", "[/red]", "--root", str(REPOSITORY))
    assert code == 2 and "'[/red]' is neither" in output
    code, output = invoke(runner, "audit", "G.711", "--root", str(tmp_path / "[/x]"))
    assert code == 2 and "[/x]: no recommendations/ folder" in output


def test_a_report_that_cannot_be_written_leaves_nothing_behind(runner: CliRunner,
                                                               tmp_path: Path) -> None:
    lock = tmp_path / "requirements.lock"
    lock.write_text(f"attrs==23.1.0{H}\n")
    history = tmp_path / "history.sqlite3"
    code, output = invoke(runner, "audit", str(lock), "--offline", "--format", "json",
                          "--history", str(history), "-o", str(tmp_path / "missing" / "r.json"))
    assert code == 2 and "cannot write" in output
    assert not history.exists()  # the run is recorded only once its report is out
    folder_target = tmp_path / "a-folder"
    folder_target.mkdir()
    code, output = invoke(runner, "audit", str(lock), "--offline", "-o", str(folder_target))
    assert code == 2 and list(folder_target.iterdir()) == [] and list(tmp_path.glob(".*tmp")) == []


def test_history_of_an_unknown_implementation(runner: CliRunner, tmp_path: Path) -> None:
    lock = tmp_path / "requirements.lock"
    lock.write_text(f"attrs==23.1.0{H}\n")
    assert invoke(runner, "audit", str(lock), "--offline")[0] == 0
    code, output = invoke(runner, "history", "--implementation", "nothing")
    assert code == 2 and "no run of 'nothing' recorded (recorded: requirements.lock)" in output


def test_bad_inputs_exit_2_without_a_traceback(runner: CliRunner, tmp_path: Path) -> None:
    inputs = {
        "pylock.toml": 'lock-version = "1.0"\n[[packages]]\nname = "a"\nversion = 1.10\n',
        "bom.json": '{"bomFormat": "CycloneDX", "components": 5}',
        "latin.lock": "caf\xe9==1.0\n",
    }
    for name, text in inputs.items():
        path = tmp_path / name
        path.write_bytes(text.encode("latin-1"))
        code, output = invoke(runner, "audit", str(path), "--offline")
        assert code == 2 and name in output and "Traceback" not in output, output
    bad_policy = tmp_path / "policy.toml"
    bad_policy.write_bytes(b"\xff")
    code, output = invoke(runner, "audit", str(tmp_path / "pylock.toml"), "--policy",
                          str(bad_policy))
    assert code == 2 and "not UTF-8" in output


def test_history_store_without_runs(runner: CliRunner, tmp_path: Path) -> None:
    from conformance.hygiene.history import HistoryStore

    empty = tmp_path / "empty.sqlite3"
    HistoryStore(empty).close()  # created, never written
    code, output = invoke(runner, "history", "--history", str(empty))
    assert code == 2 and "no audit run recorded yet" in output


def test_index_errors_are_in_every_human_report(runner: CliRunner, tmp_path: Path) -> None:
    lock = tmp_path / "requirements.lock"
    lock.write_text(f"attrs==23.1.0{H}\n")
    unreachable = ["--index-url", "http://127.0.0.1:9/simple", "--no-history"]
    code, output = invoke(runner, "audit", str(lock), *unreachable)
    assert code == 0 and "index: http://127.0.0.1:9/simple/attrs/: download failed" in output
    code, output = invoke(runner, "audit", str(lock), *unreachable, "--format", "markdown")
    assert "- index error: http://127.0.0.1:9/simple/attrs/" in output


def test_audit_table_shows_hostile_text_inert(runner: CliRunner, tmp_path: Path) -> None:
    """Lock entries, policy ignores and file names reach the table as written: no escape, no markup."""
    evil = "\x1b]0;pwned\x07\x1b[2J[bold red]loud[/] [/x]"
    lock = tmp_path / "requirements.lock"
    lock.write_text(f"attrs==23.1.0{H}\nnot a requirement {evil}\n")
    policy = tmp_path / "p.toml"
    # JSON's string escapes are TOML's: the id holds the raw control characters once parsed.
    policy.write_text(f"[[ignores]]\nid = {json.dumps('PYSEC-' + evil)}\nreason = \"old\"\nexpires = 2000-01-01\n")
    result = runner.invoke(app, ["audit", str(lock), "--offline", "--policy", str(policy), "--no-history"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "[/x]" in result.output and "[bold red]" in result.output


def test_history_changes_in_every_format(runner: CliRunner, tmp_path: Path) -> None:
    lock = tmp_path / "impl" / "requirements.lock"
    lock.parent.mkdir()
    lock.write_text(f"jinja2==2.10{H}\n")
    history = tmp_path / "h.sqlite3"
    assert invoke(runner, "audit", str(lock), "--offline", "--history", str(history))[0] == 1
    lock.write_text(f"jinja2==2.11.3{H}\n")
    invoke(runner, "audit", str(lock), "--offline", "--history", str(history))
    result = runner.invoke(app, ["history", "--history", str(history), "--format", "json"])
    assert result.exit_code == 0
    changes = json.loads(result.stdout)["changes"]
    assert len(changes) == 2 and "PYSEC-2019-217 (jinja2)" in changes[1]["resolved"]
    code, output = invoke(runner, "history", "--history", str(history), "--format", "markdown")
    assert code == 0 and "| date | implementation | since | new | resolved | still open |" in output
    code, output = invoke(runner, "history", "--history", str(history))
    assert code == 0 and "resolved: " in output and "PYSEC-2019-217 (jinja2)" in output
    code, output = invoke(runner, "history", "--history", str(history), "--since", "2026-13-01")
    assert code == 2 and "expected a date" in output

"""The advisory database: imports of every kind, alias merging, and the real October 2024 data."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conformance.hygiene.advisories import AdvisoryImportError, OsvDatabase
from conformance.hygiene.audit import audit_path
from conformance.hygiene.locations import embedded_snapshot, embedded_snapshots
from conformance.hygiene.osv import parse_pep440
from conformance.hygiene.policy import Policy
from tests.hygiene.conftest import Answer, ScriptedServer

DATA = Path(__file__).parent / "data"


@pytest.fixture
def demo_database() -> OsvDatabase:
    database = OsvDatabase(":memory:")
    result = database.import_source(DATA / "osv")
    assert result.records == 4 and result.skipped == []
    return database


def test_import_from_directory_merges_aliases_and_drops_withdrawn(demo_database: OsvDatabase
                                                                  ) -> None:
    found = demo_database.vulnerabilities("demo-lib", "1.0")
    assert [v.id for v in found] == ["GHSA-demo-0001"]  # GHSA is preferred over other ids
    (vulnerability,) = found
    assert set(vulnerability.aliases) | {vulnerability.id} == {
        "DEMO-2024-1", "GHSA-demo-0001", "CVE-2024-0001"}
    assert vulnerability.fixed_in == ("1.1",)
    assert vulnerability.cvss_score == 9.8 and vulnerability.severity == "critical"
    # 2.0 is affected by the second pair of DEMO-2024-1 only; the withdrawn record never matches.
    assert [v.fixed_in for v in demo_database.vulnerabilities("Demo.Lib", "2.0")] == [("2.0.1",)]
    assert demo_database.vulnerabilities("demo-lib", "1.5") == []


def test_yaml_versions_stay_strings_and_purl_only_records_match(demo_database: OsvDatabase
                                                                ) -> None:
    # 'last_affected: 1.10' read as a float would be 1.1, and 1.5 would wrongly be unaffected.
    assert [v.id for v in demo_database.vulnerabilities("float-pkg", "1.5")] == ["DEMO-2024-2"]
    assert [v.id for v in demo_database.vulnerabilities("float_pkg", "1.10")] == ["DEMO-2024-2"]
    assert demo_database.vulnerabilities("float-pkg", "1.11") == []


def test_import_from_single_file_zip_and_url(tmp_path: Path, local_server: str,
                                             served_folder: Path) -> None:
    database = OsvDatabase(tmp_path / "db.sqlite3")
    assert database.import_source(DATA / "osv" / "DEMO-2024-1.json").records == 1
    archive = tmp_path / "all.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for record in (DATA / "osv").iterdir():
            bundle.write(record, record.name)
    assert database.import_source(archive).records == 4
    shutil.copy(archive, served_folder / "files" / "served-all.zip")
    result = database.import_source(f"{local_server}/files/served-all.zip")
    assert result.records == 4
    status = database.status()
    assert status.records == 4 and status.withdrawn == 1 and len(status.sources) == 3
    assert status.data_date == "2024-07-01"
    assert status.sources[-1].location.endswith("/files/served-all.zip")


def test_unusable_sources_give_clear_errors(tmp_path: Path, local_server: str) -> None:
    database = OsvDatabase(":memory:")
    with pytest.raises(AdvisoryImportError, match="no such file"):
        database.import_source(tmp_path / "missing.zip")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(AdvisoryImportError, match=r"broken\.json: not valid JSON"):
        database.import_source(broken)
    with pytest.raises(AdvisoryImportError, match="download failed"):
        database.import_source(f"{local_server}/files/nothing-here.zip")
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / "a.json").write_text(json.dumps({"no": "id"}))
    (odd / "b.json").write_text("[")
    result = database.import_source(odd)
    assert result.records == 0 and len(result.skipped) == 2


def test_embedded_snapshots_are_what_their_readme_says(real_database: OsvDatabase) -> None:
    snapshot = embedded_snapshot()
    snapshots = embedded_snapshots()
    status = real_database.status()
    assert snapshot.records == 2661 and snapshot.data_date == "2024-10-10"
    assert status.records == sum(s.records for s in snapshots) == 12179
    # the oldest import in use dates the data: a fresh Go dump cannot hide old PyPI data
    assert status.data_date == "2024-10-10"
    readme = (snapshot.path.parent / "README.md").read_text()
    for item in snapshots:
        digest = hashlib.sha256(item.path.read_bytes()).hexdigest()
        assert f"`{item.path.name}`" in readme and digest in readme
        assert f"{item.records:,}" in readme
    dates = real_database.ecosystem_dates()
    assert {e: d[:10] for e, (_, d) in dates.items() if d} == {
        "PyPI": "2024-10-10", "Go": "2026-08-20", "crates.io": "2026-08-21",
        "OSS-Fuzz": "2026-08-21", "GIT": "2026-08-21"}


def test_known_case_jinja2(real_database: OsvDatabase) -> None:
    ids_210 = {v.id for v in real_database.vulnerabilities("Jinja2", "2.10")}
    ids_2101 = {v.id for v in real_database.vulnerabilities("jinja2", "2.10.1")}
    assert "PYSEC-2019-217" in ids_210
    assert "PYSEC-2019-217" not in ids_2101
    (record,) = [v for v in real_database.vulnerabilities("jinja2", "2.10")
                 if v.id == "PYSEC-2019-217"]
    assert record.fixed_in == ("2.10.1",)
    assert set(record.aliases) == {"CVE-2019-10906", "GHSA-462w-v97r-4m45"}


def _listed_in_records(name: str, version: str) -> dict[str, set[str]]:
    """Independent of the range logic: records whose 'versions' list names the version."""
    expected: dict[str, set[str]] = {}
    wanted = parse_pep440(version)
    with zipfile.ZipFile(embedded_snapshot().path) as archive:
        for member in archive.namelist():
            record = json.loads(archive.read(member))
            if record.get("withdrawn"):
                continue
            for affected in record["affected"]:
                if affected["package"]["name"].lower().replace("_", "-") != name:
                    continue
                if any(parse_pep440(v) == wanted for v in affected.get("versions", [])):
                    fixes = {e["fixed"] for r in affected.get("ranges", [])
                             if r["type"] == "ECOSYSTEM" for e in r["events"] if "fixed" in e}
                    expected[record["id"]] = {f for f in fixes
                                              if parse_pep440(f) > wanted}  # type: ignore[operator]
    return expected


def test_hand_made_lock_reports_exactly_the_recorded_advisories(real_database: OsvDatabase
                                                                 ) -> None:
    run = audit_path(DATA / "locks" / "known-vulnerable.lock", policy=Policy(),
                     database=real_database)
    reported: dict[tuple[str, str], set[str]] = {}
    for finding in run.findings:
        if finding.kind == "vulnerability":
            assert finding.package and finding.fix_versions
            reported[(finding.package, finding.rule)] = set(finding.fix_versions)
    expected: dict[tuple[str, str], set[str]] = {}
    for name, version in (("jinja2", "2.10"), ("urllib3", "1.24.1"), ("pyyaml", "5.3")):
        for advisory, fixes in _listed_in_records(name, version).items():
            # The nearest fix above the pinned version is the one suggested.
            nearest = min(fixes, key=parse_pep440)  # type: ignore[arg-type]
            expected[(name, advisory)] = {nearest}
    assert reported == expected
    assert {rule for _, rule in reported} == {
        "PYSEC-2019-217", "PYSEC-2021-66",
        "PYSEC-2019-132", "PYSEC-2019-133", "PYSEC-2020-148", "PYSEC-2021-108",
        "PYSEC-2023-192", "PYSEC-2023-207", "PYSEC-2023-212",
        "PYSEC-2020-96", "PYSEC-2021-142"}
    assert run.policy_violated
    assert run.advisory_data.data_date == "2024-10-10"


def test_default_database_seeds_itself_when_empty(tmp_path: Path) -> None:
    with OsvDatabase.open_default(tmp_path / "fresh" / "db.sqlite3") as database:
        assert database.status().records == 12179
    with OsvDatabase.open_default(tmp_path / "fresh" / "db.sqlite3") as database:
        assert len(database.status().sources) == 4  # not seeded twice


def _record(identifier: str, modified: str, **fields: object) -> dict[str, object]:
    return {"id": identifier, "modified": modified, "affected": [
        {"package": {"ecosystem": "PyPI", "name": "odd-pkg"},
         "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}], **fields}


def test_malformed_records_are_skipped_naming_the_field(tmp_path: Path) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    bad = {
        "a.json": _record("X-1", "2024-01-01T00:00:00Z", aliases="CVE-2024-1"),
        "b.json": {"id": "X-2", "affected": [{"package": {"name": "odd-pkg"}, "ranges": 5}]},
        "c.json": {"id": "X-3", "affected": [{"package": {"name": "odd-pkg"},
                                              "ranges": [{"type": "ECOSYSTEM", "events": 5}]}]},
        "d.json": {"id": "X-4", "affected": [{"package": {"name": "odd-pkg"},
                                              "versions": "1.0"}]},
        # A 'modified' that is not a timestamp must not become the data's date.
        "e.json": _record("X-5", "9999"),
    }
    for name, record in bad.items():
        (folder / name).write_text(json.dumps(record))
    database = OsvDatabase(":memory:")
    result = database.import_source(folder)
    assert result.records == 4  # X-1 is refused whole; the others keep their readable parts
    assert sorted(result.skipped) == [
        f"{folder / 'a.json'}: X-1: 'aliases' is not a list of strings",
        f"{folder / 'b.json'}: X-2: affected[0].ranges: not a list",
        f"{folder / 'c.json'}: X-3: affected[0].ranges[0]: not an object with a list of events",
        f"{folder / 'd.json'}: X-4: affected[0].versions: not a list of strings"]
    assert database.status().data_date is None
    # An alias list read as characters would merge unrelated advisories under 'C', 'V', ...
    assert [v.id for v in database.vulnerabilities("odd-pkg", "1.0")] == ["X-5"]


def test_the_later_modified_copy_of_a_record_wins(tmp_path: Path) -> None:
    database = OsvDatabase(":memory:")
    newer, older = tmp_path / "newer.json", tmp_path / "older.json"
    newer.write_text(json.dumps(_record("X-1", "2024-06-01T00:00:00Z", summary="new")))
    older.write_text(json.dumps(_record("X-1", "2024-01-01T10:00:00+02:00", summary="old")))
    database.import_source(newer)
    result = database.import_source(older)
    assert result.records == 0 and "older than the copy held" in result.skipped[0]
    assert database.vulnerabilities("odd-pkg", "1")[0].summary == "new"
    both = tmp_path / "both.json"  # two copies in one import: the later one is kept
    both.write_text(json.dumps([_record("X-2", "2024-03-01T00:00:00.5Z", summary="later"),
                                _record("X-2", "2024-03-01T00:00:00Z", summary="earlier")]))
    assert database.import_source(both).records == 1
    assert {v.summary for v in database.vulnerabilities("odd-pkg", "1")} == {"new", "later"}
    assert database.status().newest_modified == "2024-06-01T00:00:00.000000Z"


def test_oversized_zip_members_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    from conformance.hygiene import advisories

    monkeypatch.setattr(advisories, "MAX_RECORD_BYTES", 4096)
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("huge.json", b" " * 1_000_000)  # a few kilobytes once compressed
        bundle.writestr("ok.json", json.dumps(_record("X-1", "2024-01-01T00:00:00Z")))
    result = OsvDatabase(":memory:").import_source(archive)
    assert result.records == 1
    assert result.skipped == [f"{archive}!huge.json: larger than 0 MiB"]
    monkeypatch.setattr(advisories, "MAX_ARCHIVE_BYTES", 10)
    with pytest.raises(AdvisoryImportError, match="once uncompressed"):
        OsvDatabase(":memory:").import_source(archive)


def test_downloads_that_go_wrong_give_clear_errors(scripted_server: ScriptedServer) -> None:
    url = scripted_server.url
    scripted_server.routes.update({
        "/html": Answer(b"<html>login</html>", content_type="text/html"),
        "/500": Answer(b"oops", status=500),
        "/garbage": Answer(b"\x00\x01 not json"),
        "/slow": Answer(b"[]", delay=3),
        "/trickle": Answer(b" " * 200, trickle=0.05),
    })
    database = OsvDatabase(":memory:")
    cases = {"/html": "answered text/html, not OSV", "/500": "answered 500",
             "/garbage": rf"{url}/garbage: not valid JSON", "/slow": "timed out",
             "/trickle": "still downloading after the time allowed"}
    for path, message in cases.items():
        with pytest.raises(AdvisoryImportError, match=message):
            database.import_source(f"{url}{path}", timeout=0.2)
    for source in ("ftp://127.0.0.1/all.zip", "file:///etc/passwd"):
        with pytest.raises(AdvisoryImportError, match="not an http"):
            database.import_source(source)


def test_credentials_in_the_url_are_sent_to_that_host_only(scripted_server: ScriptedServer
                                                           ) -> None:
    record = json.dumps(_record("X-1", "2024-01-01T00:00:00Z")).encode()
    basic = "Basic dXNlcjpzM2NyM3Q="  # user:s3cr3t
    other = scripted_server.url.replace("127.0.0.1", "localhost")
    scripted_server.routes.update({
        "/private.json": Answer(record, authorization=basic),
        "/moved": Answer(status=302, headers={"Location": "/private.json"}),
        "/away": Answer(status=302, headers={"Location": f"{other}/elsewhere.json"}),
        "/elsewhere.json": Answer(record)})
    authenticated = scripted_server.url.replace("http://", "http://user:s3cr3t@")
    database = OsvDatabase(":memory:")
    result = database.import_source(f"{authenticated}/moved")
    assert result.records == 1 and result.location == f"{scripted_server.url}/moved"
    database.import_source(f"{authenticated}/away")
    sent = dict(scripted_server.requests)
    assert sent["/moved"]["Authorization"] == basic == sent["/private.json"]["Authorization"]
    assert "Authorization" not in sent["/elsewhere.json"]  # another origin: not forwarded
    assert "s3cr3t" not in json.dumps([s.location for s in database.status().sources])


def test_a_full_disk_says_so_and_imports_nothing(tmp_path: Path) -> None:
    database = OsvDatabase(tmp_path / "small.sqlite3")
    first = tmp_path / "first.json"
    first.write_text(json.dumps(_record("X-1", "2024-01-01T00:00:00Z")))
    database.import_source(first)
    pages = database.connection.execute("PRAGMA page_count").fetchone()[0]
    database.connection.execute(f"PRAGMA max_page_count = {pages + 2}")  # a disk with no room
    many = tmp_path / "many"
    many.mkdir()
    for number in range(400):
        (many / f"Y-{number}.json").write_text(json.dumps(_record(f"Y-{number}", "2024-02-01T00:00:00Z",
                                                                  summary="x" * 2000)))
    with pytest.raises(AdvisoryImportError, match="disk full while writing the advisory database; "
                                                  "nothing was imported"):
        database.import_source(many)
    status = database.status()
    assert status.records == 1 and len(status.sources) == 1  # as before the import


def test_a_modified_date_in_the_future_is_clamped_and_reported(tmp_path: Path) -> None:
    database = OsvDatabase(":memory:")
    record = tmp_path / "future.json"
    record.write_text(json.dumps(_record("X-9", "2999-01-01T00:00:00Z")))
    result = database.import_source(record)
    assert result.clamped == ["X-9 (modified 2999-01-01T00:00:00Z)"]
    assert (database.status().data_date or "") <= datetime.now(UTC).date().isoformat()

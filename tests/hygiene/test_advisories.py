"""The advisory database: imports of every kind, alias merging, and the real October 2024 data."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from conformance.hygiene.advisories import AdvisoryImportError, OsvDatabase
from conformance.hygiene.audit import audit_path
from conformance.hygiene.locations import embedded_snapshot
from conformance.hygiene.osv import parse_pep440
from conformance.hygiene.policy import Policy

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


def test_embedded_snapshot_is_what_its_readme_says(real_database: OsvDatabase) -> None:
    snapshot = embedded_snapshot()
    status = real_database.status()
    assert status.records == snapshot.records == 2661
    assert status.data_date == snapshot.data_date == "2024-10-10"


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
    assert run.exit_code == 1
    assert run.advisory_data.data_date == "2024-10-10"


def test_default_database_seeds_itself_when_empty(tmp_path: Path) -> None:
    with OsvDatabase.open_default(tmp_path / "fresh" / "db.sqlite3") as database:
        assert database.status().records == 2661
    with OsvDatabase.open_default(tmp_path / "fresh" / "db.sqlite3") as database:
        assert len(database.status().sources) == 1  # not seeded twice

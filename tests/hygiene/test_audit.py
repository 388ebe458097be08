"""Each policy rule produces its finding; missing locks are findings, not crashes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from conformance.hygiene.advisories import OsvDatabase
from conformance.hygiene.audit import AuditTarget, audit_implementations, audit_path
from conformance.hygiene.findings import FindingKind
from conformance.hygiene.index import IndexSetting, PackageIndex
from conformance.hygiene.policy import LicencePolicy, Policy, VulnerabilityIgnore

H = " --hash=sha256:" + "a" * 64
NOW = datetime(2024, 11, 1, tzinfo=UTC)


def lock(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "requirements.lock"
    path.write_text(text)
    return path


def rules(run: object) -> set[str]:
    return {f.rule for f in run.findings}  # type: ignore[attr-defined]


def test_expired_ignore_is_a_finding_and_no_longer_applies(tmp_path: Path,
                                                          real_database: OsvDatabase) -> None:
    policy = Policy(ignores=[
        VulnerabilityIgnore(id="CVE-2019-10906", reason="old", expires=date(2024, 1, 1)),
        VulnerabilityIgnore(id="GHSA-g3rq-g295-4j3m", package="jinja2", reason="ReDoS n/a",
                            expires=date(2030, 1, 1)),
        VulnerabilityIgnore(id="PYSEC-2020-96", package="not-pyyaml", reason="wrong package")])
    run = audit_path(lock(tmp_path, f"jinja2==2.10{H}\npyyaml==5.3{H}\n"), policy=policy,
                     database=real_database, now=NOW)
    expired = [f for f in run.findings if f.kind is FindingKind.IGNORE]
    assert len(expired) == 1 and "CVE-2019-10906" in expired[0].title and expired[0].violation
    by_rule = {f.rule: f for f in run.findings if f.kind is FindingKind.VULNERABILITY}
    assert not by_rule["PYSEC-2019-217"].ignored  # its ignore expired
    assert by_rule["PYSEC-2021-66"].ignored and by_rule["PYSEC-2021-66"].ignore_reason == "ReDoS n/a"
    assert not by_rule["PYSEC-2020-96"].ignored  # ignore scoped to another package
    assert run.policy_violated


def test_unhashed_and_unpinned(tmp_path: Path) -> None:
    database = OsvDatabase(":memory:")
    run = audit_path(lock(tmp_path, "attrs==23.1.0\nrequests>=2\n"), policy=Policy(),
                     database=database, now=NOW)
    assert rules(run) >= {"unhashed-pin", "unpinned"}
    # an empty database checks pins against nothing: a violation unless fail_closed is off
    assert "no-advisory-data" in {f.rule for f in run.violations}
    relaxed = audit_path(lock(tmp_path, "attrs==23.1.0\n"),
                         policy=Policy(require_hashes=False, fail_closed=False), database=database,
                         now=NOW)
    (finding,) = [f for f in relaxed.findings if f.rule == "unhashed-pin"]
    assert not finding.violation and not relaxed.policy_violated


def test_disallowed_licences(tmp_path: Path, local_server: str) -> None:
    database = OsvDatabase(":memory:")
    index = PackageIndex(database, IndexSetting(f"{local_server}/simple", "test"), offline=False)
    policy = Policy(licences=LicencePolicy(allow=["MIT", "Apache-2.0"]))
    run = audit_path(lock(tmp_path, f"demo-lib==1.0{H}\n"), policy=policy, database=database,
                     index=index, licence="GPL-2.0-only", now=NOW)
    licence = {f.rule: f for f in run.findings if f.kind is FindingKind.LICENCE}
    assert set(licence) == {"implementation-licence", "dependency-licence"}
    assert "GPL-3.0-only" in licence["dependency-licence"].title
    assert "inactive-project" in rules(run)


def test_stale_and_yanked_release(tmp_path: Path, local_server: str) -> None:
    database = OsvDatabase(":memory:")
    index = PackageIndex(database, IndexSetting(f"{local_server}/simple", "test"), offline=False)
    policy = Policy(max_release_age_days=365, max_libyears=1.0)
    run = audit_path(lock(tmp_path, f"demo-lib==1.2{H}\n"), policy=policy, database=database,
                     index=index, now=NOW)
    assert {"stale-release", "libyears", "yanked-release"} <= rules(run)
    (dependency,) = run.implementations[0].dependencies
    assert dependency.newest_version == "2.0" and dependency.versions_behind == 1
    assert run.index.oldest_data is not None and run.policy_violated


def test_missing_and_undeclared_locks_are_findings(tmp_path: Path) -> None:
    database = OsvDatabase(":memory:")
    targets = [AuditTarget(name="a", recommendation="ITU-T X.1", lock=tmp_path / "none.lock"),
               AuditTarget(name="b", recommendation="ITU-T X.2"),
               AuditTarget(name="c", lock=lock(tmp_path, "# nothing\n"), licence="Apache-2.0")]
    run = audit_implementations(targets, policy=Policy(), database=database, now=NOW)
    assert [sorted(f.rule for f in impl.findings) for impl in run.implementations] == [
        ["missing-lock"], ["no-lock"], []]
    assert run.implementations[0].label == "ITU-T X.1: a"
    assert run.implementations[2].libyear_total == 0.0 and run.policy_violated


def test_repository_rules(tmp_path: Path) -> None:
    import git

    from tests.hygiene.conftest import commit_at

    repo = git.Repo.init(tmp_path / "r")
    commit_at(repo, {"requirements.lock": b"# none\n"}, "init", datetime(2020, 1, 1, tzinfo=UTC))
    folder = Path(repo.working_tree_dir or "")
    policy = Policy.model_validate({"repository": {"min_score": 8, "max_commit_age_days": 365}})
    run = audit_path(folder, policy=policy, database=OsvDatabase(":memory:"), now=NOW)
    assert {"repository-score", "stale-repository"} <= rules(run)
    assert run.implementations[0].repository is not None


def test_undeclared_third_party_import_is_a_finding(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text(
        "import json\nfrom typing import TYPE_CHECKING\nimport attrs\nimport pkg.sub\n"
        "if TYPE_CHECKING:\n    import numpy\n")
    (package / "requirements.lock").write_text("# standard library only\n")
    target = AuditTarget(name="pkg", lock=package / "requirements.lock", repository=package,
                         scan_imports=True)
    run = audit_implementations([target], policy=Policy(), database=OsvDatabase(":memory:"),
                                root=tmp_path, now=NOW)
    (finding,) = [f for f in run.findings if f.rule != "no-repository"]  # not a git clone
    assert finding.rule == "undeclared-import" and finding.package == "attrs"
    assert finding.location is not None and finding.location.line == 3
    (package / "requirements.lock").write_text(f"attrs==23.1.0{H}\n")
    assert not audit_implementations([target], policy=Policy(fail_closed=False),
                                     database=OsvDatabase(":memory:"), root=tmp_path,
                                     now=NOW).policy_violated


def test_entries_that_cannot_be_read_break_the_policy(tmp_path: Path) -> None:
    database = OsvDatabase(":memory:")
    run = audit_path(lock(tmp_path, f"attrs==23.1.0{H}\njinja2=2.10\n-e ./local\n"),
                     policy=Policy(), database=database, now=NOW)
    by_rule = {f.rule: f for f in run.findings if f.kind is FindingKind.INVENTORY}
    assert by_rule["unreadable-entry"].violation and by_rule["unreadable-entry"].location
    assert by_rule["unreadable-entry"].location.line == 2
    assert not by_rule["skipped-entry"].violation  # an editable install is only noted
    assert run.policy_violated


def test_advisories_that_cannot_be_decided_fail_closed(tmp_path: Path) -> None:
    database = OsvDatabase(":memory:")
    record = tmp_path / "X-1.json"
    record.write_text('{"id": "X-1", "modified": "2024-01-01T00:00:00Z", "affected": [{'
                      '"package": {"ecosystem": "PyPI", "name": "odd"}, "ranges": [{'
                      '"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2"}]}]}]}')
    database.import_source(record)
    run = audit_path(lock(tmp_path, f"odd===build-7{H}\n"), policy=Policy(), database=database,
                     now=NOW)
    (finding,) = [f for f in run.findings if f.rule == "unevaluated-advisory"]
    assert "X-1 could not be evaluated" in finding.title and "not a PEP 440 version" in finding.detail
    assert finding.violation and run.policy_violated
    # the policy may accept what cannot be decided: then it is a note
    relaxed = audit_path(lock(tmp_path, f"odd===build-7{H}\n"),
                         policy=Policy(fail_closed=False, max_advisory_age_days=None),
                         database=database, now=NOW)
    (note,) = [f for f in relaxed.findings if f.rule == "unevaluated-advisory"]
    assert not note.violation and not relaxed.policy_violated


def test_ignores_match_ids_whatever_their_case(tmp_path: Path, real_database: OsvDatabase
                                               ) -> None:
    policy = Policy(ignores=[VulnerabilityIgnore(id="cve-2019-10906", reason="sandbox unused")])
    run = audit_path(lock(tmp_path, f"jinja2==2.10{H}\n"), policy=policy,
                     database=real_database, now=NOW)
    (finding,) = [f for f in run.findings if f.rule == "PYSEC-2019-217"]
    assert finding.ignored


def test_import_scan_skips_what_is_not_a_regular_file(tmp_path: Path) -> None:
    import os

    from conformance.hygiene.imports import third_party_imports

    folder = tmp_path / "impl"
    folder.mkdir()
    (folder / "uses.py").write_text("import numpy\n")
    os.mkfifo(folder / "pipe.py")
    assert [found.module for found in third_party_imports(folder, tmp_path)] == ["numpy"]

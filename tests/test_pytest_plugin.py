"""The pytest plugin: ``pytest --recbench-ics FILE`` runs each vector set as a test item."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.reports.model import Report
from tests.harness.toy import build_toy, python_adapter, write_ics

pytest_plugins = ["pytester"]


@pytest.fixture
def toy_repository(pytester: pytest.Pytester) -> Path:
    build_toy(pytester.path)
    return pytester.path


def test_each_vector_set_is_an_item(pytester: pytest.Pytester, toy_repository: Path) -> None:
    ics = write_ics(toy_repository / "ics.yaml", python_adapter(), flags=["EmptyData"], options=["base", "floats"])
    result = pytester.runpytest_inprocess("--recbench-ics", str(ics), "-v", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, skipped=1)
    result.stdout.fnmatch_lines(["*collected 4 items", "*ics.yaml::negate-basic PASSED*",
                                 "*ics.yaml::checksum-basic SKIPPED*"])
    listed = pytester.runpytest_inprocess("--recbench-ics", str(ics), "--collect-only", "-q", "-p", "no:cacheprovider")
    listed.stdout.fnmatch_lines(["*ics.yaml::scale-basic", "4 tests collected*"])


def test_failures_show_expected_and_provided(pytester: pytest.Pytester, toy_repository: Path) -> None:
    ics = write_ics(toy_repository / "ics.yaml", python_adapter("toy_impl:Faulty"))
    result = pytester.runpytest_inprocess("--recbench-ics", str(ics), "--recbench-report",
                                          str(toy_repository / "r.json"), "-p", "no:cacheprovider")
    result.assert_outcomes(failed=4)
    result.stdout.fnmatch_lines([
        "*vector set negate-basic (negate): fail: vector 3: values: first differing item at offset 0*",
        "*vector 3: fail: values: first differing item at offset 0: expected -7, provided 7 (length 1)",
        "*input:    {*}",
        '*expected: {"values": ?-7?}',
        '*provided: {"values": ?7?}',
        "*all of it: recbench vectors show 'ITU-T Z.999' negate-basic/3",
        "*vector 100: fail: accepted an input that must be rejected",
    ])
    report = Report.model_validate_json((toy_repository / "r.json").read_text())
    assert sorted(result.id for result in report.sets) == sorted(
        ["negate-basic", "negate-payload", "checksum-basic", "scale-basic"])


def test_expected_failures_and_keyword_selection(pytester: pytest.Pytester, toy_repository: Path) -> None:
    ics = write_ics(toy_repository / "ics.yaml", python_adapter("toy_impl:Faulty"),
                    expected_failures=["negate-basic/3", "negate-basic/100"])
    result = pytester.runpytest_inprocess("--recbench-ics", str(ics), "-k", "negate and basic",
                                          "-p", "no:cacheprovider")
    result.assert_outcomes(xfailed=1, deselected=3)


def test_unusable_ics_is_a_usage_error(pytester: pytest.Pytester, toy_repository: Path) -> None:
    ics = toy_repository / "ics.yaml"
    ics.write_text(json.dumps({"recommendation": "ITU-T Z.999"}))
    result = pytester.runpytest_inprocess("--recbench-ics", str(ics), "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*not a usable ICS*", "*ics.yaml:1:1: RB700 adapter: required field is missing"])


def test_an_ics_whose_adapter_names_nothing_is_a_usage_error(pytester: pytest.Pytester, toy_repository: Path) -> None:
    ics = write_ics(toy_repository / "ics.yaml", {"type": "process", "command": ["./my-wrapper"]})
    result = pytester.runpytest_inprocess("--recbench-ics", str(ics), "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*adapter.command: program './my-wrapper' not found*"])


def _pytest_in(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """pytest run as a user would, from ``folder`` (a subprocess: the rootdir depends on the invocation)."""
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args], cwd=folder,
                          capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture
def project_beside_recbench(tmp_path: Path) -> tuple[Path, Path]:
    """A project with its own test and ICS, and beside it a checkout whose pytest configuration is not its."""
    recbench = tmp_path / "recbench"
    build_toy(recbench)
    (recbench / "pyproject.toml").write_text('[tool.pytest.ini_options]\naddopts = "--strict-markers"\n')
    project = tmp_path / "project"
    project.mkdir()
    (project / "test_own.py").write_text("def test_own():\n    pass\n")
    write_ics(project / "ics.yaml", python_adapter(), flags=["EmptyData"], options=["base"])
    return project, recbench


def test_a_root_given_with_a_space_does_not_adopt_the_checkouts_configuration(
        project_beside_recbench: tuple[Path, Path]) -> None:
    project, recbench = project_beside_recbench
    spaced = _pytest_in(project, "--recbench-ics", "ics.yaml", "--recbench-root", "../recbench")
    assert spaced.returncode == pytest.ExitCode.USAGE_ERROR, spaced.stdout + spaced.stderr
    assert f"adopted the configuration {recbench / 'pyproject.toml'}" in spaced.stderr
    assert "write --recbench-root=../recbench" in spaced.stderr and "passed" not in spaced.stdout
    joined = _pytest_in(project, "--recbench-ics=ics.yaml", "--recbench-root=../recbench")
    assert joined.returncode == 0, joined.stdout + joined.stderr
    assert f"rootdir: {project}" in joined.stdout and "configfile" not in joined.stdout
    assert "3 passed, 2 skipped" in joined.stdout  # its own test and the negate sets; the others need options


def test_the_options_may_come_from_the_projects_ini_file(project_beside_recbench: tuple[Path, Path]) -> None:
    project, _ = project_beside_recbench
    (project / "pytest.ini").write_text(
        "[pytest]\nrecbench_ics = ics.yaml\nrecbench_root = ../recbench\nrecbench_report = out/report.json\n")
    (project / "out").mkdir()
    result = _pytest_in(project, "-v")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ics.yaml::negate-basic PASSED" in result.stdout and "configfile: pytest.ini" in result.stdout
    report = Report.model_validate_json((project / "out" / "report.json").read_text())
    assert {result.id for result in report.sets} == {"negate-basic", "negate-payload", "checksum-basic",
                                                     "scale-basic"}
    overridden = _pytest_in(project, "--recbench-ics=elsewhere.yaml")  # the command line wins
    assert overridden.returncode == pytest.ExitCode.USAGE_ERROR and "elsewhere.yaml" in overridden.stderr


def test_a_set_run_twice_in_a_session_counts_once(pytester: pytest.Pytester, toy_repository: Path) -> None:
    # each test run and reported twice, as rerun plugins (pytest-rerunfailures) do
    pytester.makeconftest("""
        from _pytest.runner import runtestprotocol

        def pytest_runtest_protocol(item, nextitem):
            item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
            runtestprotocol(item, nextitem=item, log=True)
            runtestprotocol(item, nextitem=nextitem, log=True)
            item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
            return True
    """)
    ics = write_ics(toy_repository / "ics.yaml", python_adapter("toy_impl:Faulty"))
    target = toy_repository / "r.json"
    result = pytester.runpytest_inprocess("--recbench-ics", str(ics), "--recbench-report", str(target),
                                          "-k", "negate and basic", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=2, deselected=3)
    assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()
    report = Report.model_validate_json(target.read_text())
    assert [result.id for result in report.sets] == ["negate-basic"]
    assert "vector set negate-basic ran 2 times in this session; its last run is kept" in report.notes


def test_the_report_holds_every_set_under_xdist(pytester: pytest.Pytester, toy_repository: Path) -> None:
    ics = write_ics(toy_repository / "ics.yaml", python_adapter("toy_impl:Faulty"))
    target = toy_repository / "r.json"
    result = pytester.runpytest_subprocess("--recbench-ics", str(ics), "--recbench-report", str(target),
                                           "-n", "2", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=4)
    report = Report.model_validate_json(target.read_text())
    assert sorted(result.id for result in report.sets) == sorted(
        ["negate-basic", "negate-payload", "checksum-basic", "scale-basic"])

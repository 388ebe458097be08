"""Runs of a set whose payloads are fetched on demand: present it runs, absent it is an error naming the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conformance.cli import app
from conformance.harness import load_ics, run_conformance
from conformance.reports.verdicts import Verdict
from conformance.spec.catalog import load_catalog
from conformance.spec.fetched import fetch_payloads
from conformance.spec.loading import LoadedRecommendation
from tests.fetching import FileServer, fetch_on_demand
from tests.harness.toy import python_adapter, write_ics

pytestmark = pytest.mark.usefixtures("own_cache")
runner = CliRunner()


@pytest.fixture
def fetched_toy(tmp_path: Path, file_server: FileServer) -> LoadedRecommendation:
    """The toy Recommendation whose negate-payload set fetches both its payloads from ``file_server``."""
    from tests.harness.toy import build_toy

    folder = build_toy(tmp_path / "repo")
    vectors = folder / "vectors"
    file_server.files.update(fetch_on_demand(
        folder / "recommendation.yaml", "negate-payload", [vectors / "ramp.bin", vectors / "ramp-negated.bin"],
        file_server.url))
    catalog = load_catalog(tmp_path / "repo")
    assert not catalog.failures, catalog.failures
    found = catalog.find("Z.999")
    assert found is not None
    return found


def test_absent_payloads_make_the_set_an_error_and_the_run_goes_on(fetched_toy: LoadedRecommendation,
                                                                    tmp_path: Path, file_server: FileServer) -> None:
    ics = load_ics(write_ics(tmp_path / "ics.yaml", python_adapter(), flags=["EmptyData"]))
    report = run_conformance(fetched_toy, ics)
    sets = {result.id: result for result in report.sets}
    fetched = sets["negate-payload"]
    assert fetched.verdict is Verdict.ERROR and fetched.unexpected_failures == 1
    assert "RB307" in fetched.reason and "`recbench vectors fetch 'ITU-T Z.999' --set negate-payload`" in fetched.reason
    assert {set_id: result.verdict for set_id, result in sets.items() if set_id != "negate-payload"} == {
        "negate-basic": Verdict.PASS, "checksum-basic": Verdict.PASS, "scale-basic": Verdict.PASS}
    assert report.verdict is Verdict.ERROR and not report.passed
    assert file_server.requests == []  # a run never downloads


def test_fetched_payloads_run_and_pass(fetched_toy: LoadedRecommendation, tmp_path: Path) -> None:
    assert fetch_payloads(fetched_toy).problems == []
    ics = load_ics(write_ics(tmp_path / "ics.yaml", python_adapter(), flags=["EmptyData"]))
    report = run_conformance(fetched_toy, ics)
    assert report.verdict is Verdict.PASS and report.counts == {Verdict.PASS: 46}
    [fetched] = [result for result in report.sets if result.id == "negate-payload"]
    assert fetched.source is not None and set(fetched.source.payloads) == {"ramp.bin", "ramp-negated.bin"}


def test_an_expected_failure_in_an_absent_set_is_not_called_stale(fetched_toy: LoadedRecommendation,
                                                                  tmp_path: Path) -> None:
    ics = load_ics(write_ics(tmp_path / "ics.yaml", python_adapter(), flags=["EmptyData"],
                             expected_failures=["negate-payload/1"]))
    report = run_conformance(fetched_toy, ics)  # prepare_run does not refuse the ICS
    [fetched] = [result for result in report.sets if result.id == "negate-payload"]
    assert fetched.verdict is Verdict.ERROR


def test_conform_and_fetch_commands(fetched_toy: LoadedRecommendation, tmp_path: Path,
                                    file_server: FileServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    root = str(tmp_path / "repo")
    ics = write_ics(tmp_path / "ics.yaml", python_adapter(), flags=["EmptyData"])
    before = runner.invoke(app, ["conform", "Z.999", "--ics", str(ics), "--root", root, "--no-store"])
    assert before.exit_code == 1, before.output
    assert "recbench vectors fetch" in before.output

    fetched = runner.invoke(app, ["vectors", "fetch", "Z.999", "--root", root])
    assert fetched.exit_code == 0, fetched.output
    assert "downloaded: ITU-T Z.999 negate-payload ramp.bin (200 bytes, conformance-use-only)" in fetched.output
    again = runner.invoke(app, ["vectors", "fetch", "--set", "negate-payload", "--root", root])
    assert again.exit_code == 0 and again.output.count("in the cache:") == 2, again.output

    after = runner.invoke(app, ["conform", "Z.999", "--ics", str(ics), "--root", root, "--no-store"])
    assert after.exit_code == 0, after.output
    assert len(file_server.requests) == 2


def test_fetch_command_refuses_other_bytes_and_unknown_names(fetched_toy: LoadedRecommendation, tmp_path: Path,
                                                             file_server: FileServer) -> None:
    root = str(tmp_path / "repo")
    file_server.files["/data/ramp.bin"] = b"\x00" * 200
    result = runner.invoke(app, ["vectors", "fetch", "Z.999", "--root", root])
    assert result.exit_code == 2
    assert "RB309" in result.output and "refused, nothing kept" in result.output
    assert "downloaded: ITU-T Z.999 negate-payload ramp-negated.bin" in result.output  # the other file still came
    assert runner.invoke(app, ["vectors", "fetch", "Q.1", "--root", root]).exit_code == 2
    assert runner.invoke(app, ["vectors", "fetch", "Z.999", "--set", "nope", "--root", root]).exit_code == 2
    nothing = runner.invoke(app, ["vectors", "fetch", "Z.999", "--set", "negate-basic", "--root", root])
    assert nothing.exit_code == 0 and "fetches payloads on demand" in nothing.output


def test_fetch_command_offline_exits_2(fetched_toy: LoadedRecommendation, tmp_path: Path,
                                       file_server: FileServer) -> None:
    file_server.files.clear()  # every request answered 404, as a mirror without the file would
    result = runner.invoke(app, ["vectors", "fetch", "--root", str(tmp_path / "repo")])
    assert result.exit_code == 2 and result.output.count("RB309") == 2
    assert "could not be fetched" in result.output

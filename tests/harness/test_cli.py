"""``recbench conform``, ``recbench ics …``, ``recbench report …``: exit codes, outputs, shards."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from conformance.cli import app
from conformance.reports.model import Report
from tests.conftest import REPOSITORY
from tests.harness.toy import FIXTURES, python_adapter, write_ics

runner = CliRunner()
SCHEMA = json.loads((REPOSITORY / "recommendations" / "schema" / "report.schema.json").read_text())


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")


def conform(root: Path, *arguments: str) -> tuple[int, str]:
    result = runner.invoke(app, ["conform", "Z.999", "--root", str(root), *arguments])
    return result.exit_code, result.output


# slow (~3-8 s): the acceptance command verbatim, so the whole path runs, including the
# first schema validation of the two 4.5 MB exhaustive vector files in this session's cache
@pytest.mark.slow
def test_done_when_g711_reference_passes_with_every_output(tmp_path: Path) -> None:
    result = runner.invoke(app, [
        "conform", "ITU-T G.711", "--impl", "reference", "--root", str(REPOSITORY), "--no-store",
        "--json", str(tmp_path / "r.json"), "--junit", str(tmp_path / "r.xml"), "--html", str(tmp_path / "r.html"),
    ])
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "r.json").read_text())
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert document["complete"] and document["passed"] and document["counts"] == {"pass": 131594}
    assert ET.parse(tmp_path / "r.xml").getroot().find("testsuite").get("failures") == "0"  # type: ignore[union-attr]
    assert "Passed." in (tmp_path / "r.html").read_text()


def test_outputs_store_and_exit_codes(toy_root: Path, tmp_path: Path) -> None:
    store = tmp_path / "results.sqlite"
    code, output = conform(toy_root, "--impl", "reference", "--json", str(tmp_path / "r.json"),
                           "--junit", str(tmp_path / "r.xml"), "--html", str(tmp_path / "r.html"),
                           "--store", str(store))
    assert code == 1, output  # the acceptable vector is inconclusive: the reference declares no flags
    assert "Not passed: verdict inconclusive (46 vectors: 45 pass, 1 inconclusive)" in output
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads((tmp_path / "r.json").read_text()))
    ics = write_ics(tmp_path / "ics.yaml", python_adapter(), flags=["EmptyData"])
    code, output = conform(toy_root, "--ics", str(ics), "--store", str(store), "--quiet")
    assert code == 0, output
    assert "Passed (46 vectors: 46 pass)" in output
    listed = write_ics(tmp_path / "listed.yaml", python_adapter("toy_impl:Faulty"), options=["base"],
                       expected_failures=["negate-basic", "negate-payload"])
    code, output = conform(toy_root, "--ics", str(listed), "--no-store", "--quiet")
    assert code == 0, output  # before: "Verdict fail (...): passed"
    assert re.search(r"Passed, with \d+ expected failures? \(", output), output
    matrix = runner.invoke(app, ["report", "matrix", "--store", str(store), "--root", str(toy_root),
                                 "--format", "json"])
    assert matrix.exit_code == 0, matrix.output
    assert sorted((row["implementation"], row["verdict"]) for row in json.loads(matrix.stdout)) == [
        ("reference", "inconclusive"), ("toy", "pass")]
    table = runner.invoke(app, ["report", "matrix", "--store", str(store), "--root", str(toy_root)])
    assert table.exit_code == 0 and "Results matrix" in table.output
    faulty = write_ics(tmp_path / "faulty.yaml", python_adapter("toy_impl:Faulty"))
    code, output = conform(toy_root, "--ics", str(faulty), "--no-store")
    assert code == 1 and "first differing item at offset 0" in output


@pytest.mark.parametrize(("arguments", "words"), [
    (["--impl", "reference", "--ics", "x.yaml"], "either --ics FILE or --impl NAME"),
    ([], "either --ics FILE or --impl NAME"),
    (["--impl", "nobody"], "lists no implementation 'nobody' (it lists: reference)"),
    (["--impl", "reference", "--shard", "5/2"], "I must be between 1 and N"),
    (["--ics", "missing.yaml"], "not a usable ICS"),
])
def test_unusable_input_exits_2(toy_root: Path, arguments: list[str], words: str) -> None:
    code, output = conform(toy_root, *arguments, "--no-store")
    assert code == 2 and words in " ".join(output.split()), output


def test_ics_for_another_recommendation_exits_2(toy_root: Path, tmp_path: Path) -> None:
    ics = write_ics(tmp_path / "ics.yaml", python_adapter())
    result = runner.invoke(app, ["conform", "G.711", "--ics", str(ics), "--root", str(REPOSITORY), "--no-store"])
    assert result.exit_code == 2 and "the ICS is for ITU-T Z.999, not ITU-T G.711" in result.output
    unknown = runner.invoke(app, ["conform", "Q.1", "--impl", "x", "--root", str(toy_root)])
    assert unknown.exit_code == 2 and "no Recommendation 'Q.1'" in unknown.output


def test_shards_merge_into_the_full_report(toy_root: Path, tmp_path: Path) -> None:
    ics = write_ics(tmp_path / "ics.yaml", python_adapter("toy_impl:Faulty"), flags=["EmptyData"])
    parts = []
    for index in (1, 2):
        part = tmp_path / f"shard{index}.json"
        conform(toy_root, "--ics", str(ics), "--shard", f"{index}/2", "--json", str(part), "--no-store")
        parts.append(str(part))
    full = tmp_path / "full.json"
    conform(toy_root, "--ics", str(ics), "--json", str(full), "--no-store")
    merged = tmp_path / "merged.json"
    result = runner.invoke(app, ["report", "merge", *parts, "-o", str(merged), "--junit", str(tmp_path / "m.xml")])
    assert result.exit_code == 1, result.output  # Faulty does not pass
    whole, joined = Report.model_validate_json(full.read_text()), Report.model_validate_json(merged.read_text())
    assert joined.complete and [s.id for s in joined.sets] == [s.id for s in whole.sets]
    assert (joined.verdict, joined.counts, joined.requirements) == (whole.verdict, whole.counts, whole.requirements)
    twice = runner.invoke(app, ["report", "merge", parts[0], parts[0], "--json", str(merged)])
    assert twice.exit_code == 2 and f"'negate-basic' is in {parts[0]} and {parts[0]}" in " ".join(twice.output.split())
    one = runner.invoke(app, ["report", "merge", parts[0], "--json", str(merged)])
    assert one.exit_code == 1 and not Report.model_validate_json(merged.read_text()).complete
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{}")
    bad = runner.invoke(app, ["report", "merge", str(garbage), "--json", str(merged)])
    assert bad.exit_code == 2 and "not a recbench report" in bad.output
    converted = runner.invoke(app, ["report", "convert", str(full), "--html", str(tmp_path / "c.html")])
    assert converted.exit_code == 0 and (tmp_path / "c.html").is_file()


def test_ics_init_and_check(toy_root: Path, tmp_path: Path) -> None:
    printed = runner.invoke(app, ["ics", "init", "Z.999", "--root", str(toy_root)])
    assert printed.exit_code == 0 and "recommendation: ITU-T Z.999" in printed.output
    target = toy_root / "mine" / "ics.yaml"
    target.parent.mkdir()
    written = runner.invoke(app, ["ics", "init", "Z.999", "--adapter", "python", "--out", str(target),
                                  "--root", str(toy_root)])
    assert written.exit_code == 0, written.output
    assert target.read_text().startswith("# yaml-language-server: $schema=../recommendations/schema/ics.schema.json")
    again = runner.invoke(app, ["ics", "init", "Z.999", "--out", str(target), "--root", str(toy_root)])
    assert again.exit_code == 2 and "--force" in again.output
    unfilled = runner.invoke(app, ["ics", "check", str(target), "--root", str(toy_root)])
    assert unfilled.exit_code == 2 and "adapter.target: no module 'my_package'" in unfilled.output
    target.write_text(target.read_text().replace("my_package.codec:Codec", "toy_impl:Toy").replace(
        "python_path: []", f"python_path: [{FIXTURES}]"))
    checked = runner.invoke(app, ["ics", "check", str(target), "--root", str(toy_root)])
    assert checked.exit_code == 0 and "is usable" in checked.output
    target.write_text(target.read_text().replace("  - floats", "  - turbo"))
    broken = runner.invoke(app, ["ics", "check", str(target), "--root", str(toy_root)])
    assert broken.exit_code == 2 and "'turbo' is not an option" in broken.output


@pytest.mark.parametrize(("signal_name", "status"), [("SIGTERM", 130), ("SIGKILL", -9)])
def test_a_stopped_run_leaves_a_valid_partial_report(
    toy_root: Path, tmp_path: Path, signal_name: str, status: int
) -> None:
    import signal
    import subprocess
    import sys
    import time

    from tests.harness.toy import chaos_adapter

    ics = write_ics(tmp_path / "ics.yaml", chaos_adapter("hang-always", batch=False, timeouts={"request": 60}))
    report = tmp_path / "r.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "conformance", "conform", "Z.999", "--ics", str(ics), "--root", str(toy_root),
         "--json", str(report), "--junit", str(tmp_path / "r.xml"), "--no-store"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while not (tmp_path / "r.json.journal").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    process.send_signal(getattr(signal, signal_name))
    assert process.wait(timeout=30) == status
    partial = Report.model_validate_json(report.read_text())
    assert not partial.complete and not partial.passed
    if signal_name == "SIGTERM":
        assert partial.finished is not None and (tmp_path / "r.xml").is_file()


@pytest.mark.parametrize(("arguments", "words"), [
    (["--select", "nothing*"], "--select 'nothing*' matches no vector set of ITU-T Z.999 (its sets: negate-basic,"),
    (["--skip", "negate-basik"], "--skip 'negate-basik' matches no vector set"),
    (["--select", "negate-basic", "--skip", "negate-*"], "--select and --skip together leave no vector set"),
    (["--shard", "x/y"], "shard 'x/y' is not I/N"),
    (["--select", "[/x]"], "--select '[/x]' matches no vector set"),  # as typed: no markup, no backslash
])
def test_a_selection_that_cannot_be_meant_exits_2_before_running(
    toy_root: Path, tmp_path: Path, arguments: list[str], words: str
) -> None:
    code, output = conform(toy_root, "--impl", "reference", "--json", str(tmp_path / "r.json"), "--no-store",
                           *arguments)
    assert code == 2 and words in " ".join(output.split()), output
    assert not (tmp_path / "r.json").exists()


def test_unusable_outputs_exit_2_before_running(toy_root: Path, tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("")
    for arguments, words in [
        (["--junit", str(tmp_path)], f"--junit {tmp_path}: is a folder; give a file name"),
        (["--html", str(tmp_path / "plain" / "r.html")], f"{tmp_path / 'plain'} is not a folder"),
        (["--junit", str(tmp_path / "same")], "--json and --junit are the same file"),
    ]:
        json_out = tmp_path / "same"
        code, output = conform(toy_root, "--impl", "reference", "--json", str(json_out), "--no-store", *arguments)
        assert code == 2 and words in " ".join(output.split()), output
        assert not json_out.exists()  # refused before the run began: no half-made outputs


def test_an_ics_whose_adapter_names_nothing_exits_2_with_its_location(toy_root: Path, tmp_path: Path) -> None:
    ics = write_ics(tmp_path / "ics.yaml", {"type": "process", "command": ["./my-wrapper"]})
    code, output = conform(toy_root, "--ics", str(ics), "--json", str(tmp_path / "r.json"), "--no-store")
    line = next(number for number, text in enumerate(ics.read_text().splitlines(), 1) if "my-wrapper" in text)
    assert code == 2 and f"ics.yaml:{line}:" in output and "adapter.command: program './my-wrapper' not found" in output
    assert "the ICS cannot be used with ITU-T Z.999 here" in " ".join(output.split())
    assert not (tmp_path / "r.json").exists()
    ics = write_ics(tmp_path / "ics.yaml", python_adapter())
    code, output = conform(toy_root, "--ics", str(ics), "--json", str(ics), "--no-store")
    assert code == 2 and "and --json are the same file" in output and ics.read_text().startswith("{")


def test_implementation_text_is_printed_as_written(toy_root: Path, tmp_path: Path) -> None:
    # a reason quoting '[/oops]' once crashed the summary (rich markup) after the whole run
    ics = write_ics(tmp_path / "ics.yaml", python_adapter("toy_impl:Garbled"), options=["base"])
    code, output = conform(toy_root, "--ics", str(ics), "--no-store", "--junit", str(tmp_path / "r.xml"))
    assert code == 1, output
    assert "rejected a valid input: bad [/oops] [bold]input \\x1b[31mred\\x1b[0m \\x00\\x07 end" in output
    ET.parse(tmp_path / "r.xml")


def test_report_commands_refuse_unusable_files(toy_root: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    conform(toy_root, "--impl", "reference", "--json", str(report), "--no-store")
    merged = tmp_path / "merged.json"
    to_folder = runner.invoke(app, ["report", "merge", str(report), "--json", str(merged), "--junit", str(tmp_path)])
    assert to_folder.exit_code == 2 and "is a folder" in to_folder.output and not merged.exists()
    other = tmp_path / "other.json"
    other.write_text(report.read_text().replace('"name": "reference"', '"name": "other"'))
    mixed = runner.invoke(app, ["report", "merge", str(report), str(other), "--json", str(merged)])
    assert mixed.exit_code == 2 and f"{other} differs from {report} in its implementation" in mixed.output
    truncated = tmp_path / "truncated.json"
    truncated.write_text(report.read_text()[:500])
    cut = runner.invoke(app, ["report", "merge", str(report), str(truncated), "--json", str(merged)])
    assert cut.exit_code == 2 and "truncated.json: not a recbench report (document: Invalid JSON" in cut.output
    matrix = runner.invoke(app, ["report", "matrix", "--store", str(report), "--root", str(toy_root)])
    assert matrix.exit_code == 2 and "not a usable results store" in matrix.output
    over_input = runner.invoke(app, ["report", "convert", str(report), "--html", str(report)])
    assert over_input.exit_code == 2 and f"the input {report} and --html are the same file" in over_input.output
    template = runner.invoke(app, ["ics", "init", "Z.999", "--root", str(toy_root), "--out", str(tmp_path), "--force"])
    assert template.exit_code == 2 and "is a folder" in template.output
    folder = runner.invoke(app, ["ics", "check", str(tmp_path), "--root", str(toy_root)])
    assert folder.exit_code == 2 and "not a regular file" in folder.output


def test_the_repository_holding_the_ics_is_found_without_root(toy_root: Path) -> None:
    # the tests run inside the main repository, which does not hold Z.999: only the ICS leads to it
    (toy_root / "implementations").mkdir()
    ics = write_ics(toy_root / "implementations" / "ics.yaml", python_adapter(), flags=["EmptyData"])
    checked = runner.invoke(app, ["ics", "check", str(ics)])
    assert checked.exit_code == 0 and "is usable" in checked.output, checked.output
    run = runner.invoke(app, ["conform", "Z.999", "--ics", str(ics), "--no-store", "--quiet"])
    assert run.exit_code == 0, run.output


def test_a_report_read_back_is_printed_as_written(toy_root: Path, tmp_path: Path) -> None:
    """A report file's texts (here a hand-edited one) are shown, not run as markup or terminal codes."""
    report = tmp_path / "r.json"
    conform(toy_root, "--impl", "reference", "--json", str(report), "--no-store")
    document = json.loads(report.read_text())
    document["expected_failures"]["unexpected_passes"] = ["[/x]\x1b[2J"]
    document["implementation"]["name"] = "[bold red]name\x1b]0;pwned\x07"
    report.write_text(json.dumps(document))
    result = runner.invoke(app, ["report", "convert", str(report), "--html", str(tmp_path / "r.html")])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "[/x]\\x1b[2J" in result.output and "[bold red]name\\x1b]0;pwned\\x07" in result.output
    assert "\x1b" not in result.output

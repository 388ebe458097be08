"""What a vector file or an implementation says can never stop a report from being written.

Lone surrogates (valid JSON escapes, invalid in UTF-8, XML and SQLite text) in a vector's comment
or an implementation's output, and outputs nested far deeper than any interface type, each end
as a verdict on that vector; the report, JUnit XML, HTML and the results store all take it.
Secrets in an ICS's ``env`` are never copied into any of them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jsonschema

from conformance.harness import RunOptions, SetSelection, load_ics, prepare_run, run_conformance, run_prepared
from conformance.harness.store import ResultsStore
from conformance.reports.html import render_html
from conformance.reports.junit import render_junit
from conformance.reports.model import Report
from conformance.reports.verdicts import Verdict
from conformance.spec.catalog import load_catalog
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.schemas import schema_for
from tests.harness.toy import served_adapter, write_ics

IMPLEMENTATION = '''
class Odd:
    def negate(self, values):
        if 7 in values:
            return {"values": ["\\ud800" for _ in values], "note": "\\udfff"}
        if 13 in values:
            deep = 0
            for _ in range(900):
                deep = [deep]
            return {"values": deep}
        return {"values": [-value for value in values]}
'''


def written_everywhere(report: Report, tmp_path: Path) -> str:
    """The report as JSON (checked against its schema), JUnit, HTML and the store; returns the JSON."""
    text = report.to_json()
    jsonschema.validate(json.loads(text), schema_for("report"))
    render_junit(report).encode("utf-8")
    render_html(report).encode("utf-8")
    with ResultsStore(tmp_path / "store.sqlite") as store:
        store.record(report)
    return text


def odd_module(tmp_path: Path) -> Path:
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "odd_toy_impl.py").write_text(IMPLEMENTATION, encoding="utf-8")
    return folder


def test_surrogates_and_deep_outputs_cost_one_verdict_each(toy: LoadedRecommendation, tmp_path: Path) -> None:
    # before: PydanticSerializationError (exit 3) and the report left as its skeleton
    adapter = {"type": "python", "target": "odd_toy_impl:Odd", "python_path": [str(odd_module(tmp_path))]}
    ics = load_ics(write_ics(tmp_path / "ics.yaml", adapter))
    report = run_conformance(toy, ics, options=RunOptions(selection=SetSelection(select=("negate-basic",))))
    [result] = report.sets
    assert report.complete
    failed = {vector.id: vector for vector in result.results}
    assert result.counts[Verdict.PASS] == result.vectors - len(failed)
    text = written_everywhere(report, tmp_path)
    assert "\\\\ud800" in text  # shown as an escape, not lost
    assert {vector.verdict for vector in failed.values()} <= {Verdict.FAIL, Verdict.ERROR}
    assert any("deeper than" in vector.reason for vector in failed.values())


def test_a_served_answer_with_surrogates_is_judged(toy: LoadedRecommendation, tmp_path: Path) -> None:
    adapter = served_adapter("odd_toy_impl:Odd")
    adapter["command"] += ["--path", str(odd_module(tmp_path))]
    ics = load_ics(write_ics(tmp_path / "ics.yaml", adapter))
    report = run_conformance(toy, ics, options=RunOptions(selection=SetSelection(select=("negate-basic",))))
    assert report.complete and report.sets[0].counts.get(Verdict.PASS)
    written_everywhere(report, tmp_path)


def test_a_vector_comment_with_a_surrogate(toy_root: Path, tmp_path: Path) -> None:
    folder = toy_root / "recommendations" / "z999"
    vectors = folder / "vectors" / "checksum-basic.json"
    document = json.loads(vectors.read_text("utf-8"))
    document["groups"][0]["tests"][0]["comment"] = "\ud800 broken \udfff"
    document["groups"][0]["tests"][0]["expected"] = {"value": 7}  # fails, so the comment is reported
    old = hashlib.sha256(vectors.read_bytes()).hexdigest()
    vectors.write_text(json.dumps(document), encoding="utf-8")  # ensure_ascii keeps the escapes valid UTF-8
    recommendation = folder / "recommendation.yaml"
    new = hashlib.sha256(vectors.read_bytes()).hexdigest()
    recommendation.write_text(recommendation.read_text("utf-8").replace(old, new), encoding="utf-8")
    toy = load_catalog(toy_root).find("Z.999")
    assert toy is not None
    ics = load_ics(write_ics(tmp_path / "ics.yaml", served_adapter()))
    report = run_conformance(toy, ics, options=RunOptions(selection=SetSelection(select=("checksum-basic",))))
    [failed] = [vector for vector in report.sets[0].results if vector.id == 1]
    assert failed.verdict is Verdict.FAIL and failed.comment == "\\ud800 broken \\udfff"
    written_everywhere(report, tmp_path)


def test_env_values_are_not_recorded_unless_public(toy: LoadedRecommendation, tmp_path: Path) -> None:
    token = "ghp_0123456789abcdefSECRET"
    adapter = served_adapter(env={"API_TOKEN": token, "LANG": "C.UTF-8"}, public_env=["LANG"])
    ics = load_ics(write_ics(tmp_path / "ics.yaml", adapter))
    report = run_conformance(toy, ics, options=RunOptions(selection=SetSelection(select=("negate-basic",))))
    assert report.passed
    assert report.ics["adapter"]["env"] == {"API_TOKEN": "(not recorded)", "LANG": "C.UTF-8"}
    text = written_everywhere(report, tmp_path)
    assert token not in text and token not in render_junit(report) and token not in render_html(report)
    assert token.encode() not in (tmp_path / "store.sqlite").read_bytes()


def test_public_env_names_a_variable_of_env(toy: LoadedRecommendation, tmp_path: Path) -> None:
    from conformance.spec.diagnostics import SpecError

    ics = load_ics(write_ics(tmp_path / "ics.yaml", served_adapter(env={"A": "1"}, public_env=["B"])))
    try:
        prepare_run(toy, ics)
    except SpecError as error:
        assert "adapter.public_env[0]: 'B' is not a variable of adapter.env" in str(error)
    else:
        raise AssertionError("public_env naming no variable was accepted")


def test_vector_files_are_read_once_per_run(toy: LoadedRecommendation, tmp_path: Path) -> None:
    from conformance.spec.vectors import load_vector_set

    reads: list[str] = []

    def counting(entry, folder):  # type: ignore[no-untyped-def]
        reads.append(entry.id)
        return load_vector_set(entry, folder)

    # declared flags make the ICS check read every vector file; the run must reuse them
    ics = load_ics(write_ics(tmp_path / "ics.yaml", served_adapter(), flags=["EmptyData"]))
    prepared = prepare_run(toy, ics, loader=counting)
    report = run_prepared(prepared)
    assert report.passed
    assert sorted(reads) == sorted(entry.id for entry in toy.model.vector_sets)

"""A failing vector shows its input beside the expected and provided values in every report form,
and ``recbench vectors show`` prints the whole vector (issue 10, item 1)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conformance.cli import app

ROOT = Path(__file__).resolve().parents[2]

# The reference with a sign bug on one sample: -31744 (A-law code 43) comes back as code 171.
BROKEN = '''
from reference_impl.g711.codec import Implementation


class Broken(Implementation):
    def encode(self, law, samples):
        answer = super().encode(law, samples)
        if law == "A" and samples == [-31744]:
            answer["codes"] = [answer["codes"][0] ^ 0x80]
        return answer
'''


def broken_ics(tmp_path: Path) -> Path:
    folder = tmp_path / "impl"
    folder.mkdir()
    (folder / "broken_g711.py").write_text(BROKEN, encoding="utf-8")
    ics = tmp_path / "ics.yaml"
    ics.write_text(json.dumps({
        "recommendation": "ITU-T G.711", "implementation": {"name": "broken", "version": "0.1"},
        "options": ["a-law", "mu-law"],
        "adapter": {"type": "python", "target": "broken_g711:Broken", "python_path": [str(folder)], "batch": False},
    }), encoding="utf-8")
    return ics


def test_a_failing_vector_shows_its_input_everywhere(tmp_path: Path) -> None:
    outputs = {name: tmp_path / f"report.{name}" for name in ("json", "junit", "html")}
    result = CliRunner().invoke(app, [
        "conform", "G.711", "--ics", str(broken_ics(tmp_path)), "--select", "alaw-encode-exhaustive",
        "--json", str(outputs["json"]), "--junit", str(outputs["junit"]), "--html", str(outputs["html"]),
        "--no-store", "--root", str(ROOT),
    ])
    assert result.exit_code == 1, result.output
    # console: the vector, its input, expected and provided, and the command that shows it all
    assert "vector 1025: fail" in result.output
    assert '"samples": [-31744]' in result.output
    assert '"codes": [43]' in result.output and '"codes": [171]' in result.output
    assert "recbench vectors show 'ITU-T G.711' alaw-encode-exhaustive/1025" in result.output
    assert "Not passed: verdict fail" in result.output
    report = json.loads(outputs["json"].read_text("utf-8"))
    [failed] = [vector for vector in report["sets"][0]["results"] if vector["verdict"] == "fail"]
    assert failed["inputs"] == {"law": "A", "samples": [-31744]}
    assert failed["expected"] == {"codes": [43]} and failed["provided"] == {"codes": [171]}
    junit = outputs["junit"].read_text("utf-8")
    assert "vector 1025: fail" in junit and "-31744" in junit and "alaw-encode-exhaustive/1025" in junit
    html = outputs["html"].read_text("utf-8")
    assert "-31744" in html and "<th>Input</th>" in html
    # the requirement the failing set covers is shown with its text
    assert 'class="requirement-text"' in html


def test_vectors_show_prints_one_vector_and_a_summary() -> None:
    runner = CliRunner()
    one = runner.invoke(app, ["vectors", "show", "ITU-T G.711", "alaw-encode-exhaustive/1025", "--root", str(ROOT)])
    assert one.exit_code == 0, one.output
    assert "samples = [-31744]" in one.output and "codes = [43]" in one.output
    as_json = runner.invoke(app, ["vectors", "show", "G.711", "alaw-encode-exhaustive/1025", "--format", "json",
                                  "--root", str(ROOT)])
    view = json.loads(as_json.stdout)
    assert view["inputs"] == {"law": "A", "samples": [-31744]} and view["expected"] == {"codes": [43]}
    summary = runner.invoke(app, ["vectors", "show", "G.711", "alaw-encode-exhaustive", "--format", "json",
                                  "--root", str(ROOT)])
    facts = json.loads(summary.stdout)
    assert facts["tests"] == 65_536 and facts["test_ids"] == ["1-65536"]
    assert facts["results"] == {"valid": 65_536}
    rejects = json.loads(runner.invoke(app, ["vectors", "show", "G.711", "alaw-encode-rejects", "--format", "json",
                                             "--root", str(ROOT)]).stdout)
    assert rejects["tests"] == 2 and rejects["results"] == {"invalid": 2}


def test_vectors_show_refuses_what_is_not_there() -> None:
    runner = CliRunner()
    for reference, phrase in (("nope/1", "has no vector set 'nope'"), ("alaw-encode-exhaustive/0", "has no test 0"),
                              ("alaw-encode-exhaustive/x", "is not SET or SET/N")):
        result = runner.invoke(app, ["vectors", "show", "G.711", reference, "--root", str(ROOT)])
        assert result.exit_code == 2 and phrase in result.output, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)

"""Declarations are found, validated with located messages, and chosen by Recommendation and name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conformance.campaign import campaign_ics, check_prerequisites, declared_implementations
from conformance.errors import RecbenchError
from conformance.spec.catalog import load_catalog
from conformance.spec.diagnostics import SpecError
from tests.conftest import REPOSITORY

DECLARATION = """\
schema: recbench-third-party/1
kind: third-party
name: {name}
recommendation: {rec}
language: Python
upstream: {{project: crcmod, homepage: "https://example.org/crcmod", license: MIT}}
install: {{via: pip, packages: [crcmod]}}
glue: campaign_adapters.crc_crcmod
ics: crcmod.ics.yaml
"""


def copied(tmp_path: Path, text: str, file_name: str = "crcmod.yaml") -> Path:
    shutil.copytree(REPOSITORY / "recommendations" / "v41", tmp_path / "recommendations" / "v41",
                    ignore=shutil.ignore_patterns("implementations"))
    folder = tmp_path / "recommendations" / "v41" / "implementations"
    folder.mkdir()
    shutil.copy(REPOSITORY / "recommendations" / "v41" / "implementations" / "crcmod.ics.yaml", folder)
    (folder / file_name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_declaration_loads_and_its_ics_names_the_installed_version(tmp_path: Path) -> None:
    root = copied(tmp_path, DECLARATION.format(name="crcmod", rec="ITU-T V.41"))
    (found,) = declared_implementations(load_catalog(root))
    assert found.label == "ITU-T V.41 crcmod" and found.declaration.model.upstream.license == "MIT"
    ics = campaign_ics(found, "9.9")
    assert ics.model.implementation.version == "9.9" and ics.model.options == ["octets-lsb-first", "octets-msb-first"]
    assert campaign_ics(found, None).model.implementation.version == "1.7"  # as written


@pytest.mark.parametrize(("text", "file_name", "message"), [
    (DECLARATION.format(name="crcmod", rec="ITU-T V.42"), "crcmod.yaml", "lies in the folder of ITU-T V.41"),
    (DECLARATION.format(name="other", rec="ITU-T V.41"), "crcmod.yaml", "must be called other.yaml"),
    (DECLARATION.format(name="crcmod", rec="ITU-T V.41") + "colour: red\n", "crcmod.yaml", "colour"),
    (DECLARATION.format(name="crcmod", rec="ITU-T V.41").replace("via: pip", "via: brew"), "crcmod.yaml", "via"),
])
def test_a_bad_declaration_is_refused_with_its_place(tmp_path: Path, text: str, file_name: str, message: str) -> None:
    root = copied(tmp_path, text, file_name)
    with pytest.raises(SpecError) as caught:
        declared_implementations(load_catalog(root))
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "RB100" and message in diagnostic.message
    assert diagnostic.path.name == file_name


def test_choosing_by_recommendation_and_name() -> None:
    catalog = load_catalog(REPOSITORY)
    assert {item.name for item in declared_implementations(catalog, recommendation="V.41")} == {
        "binascii-crc-hqx", "crccheck", "crcmod", "fastcrc"}
    assert [item.label for item in declared_implementations(catalog, recommendation="x25", implementation="crcmod")] \
        == ["ITU-T X.25 crcmod"]
    with pytest.raises(RecbenchError, match=r"no Recommendation 'Z\.1'"):
        declared_implementations(catalog, recommendation="Z.1")
    with pytest.raises(RecbenchError, match=r"no third-party implementation 'nope' of ITU-T V\.41"):
        declared_implementations(catalog, recommendation="V.41", implementation="nope")


def test_a_missing_program_is_named_and_a_broken_glue_too(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    catalog = load_catalog(REPOSITORY)
    (ffmpeg,) = declared_implementations(catalog, recommendation="G.711", implementation="ffmpeg")
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on it
    readiness = check_prerequisites(ffmpeg)
    assert not readiness.present and readiness.reason == "not installed: ffmpeg (apt: ffmpeg)"
    root = copied(tmp_path / "repo", DECLARATION.format(name="crcmod", rec="ITU-T V.41").replace(
        "campaign_adapters.crc_crcmod", "campaign_adapters.no_such_glue"))
    (broken,) = declared_implementations(load_catalog(root))
    reason = check_prerequisites(broken).reason
    assert reason.startswith("not installed: a usable glue module campaign_adapters.no_such_glue")

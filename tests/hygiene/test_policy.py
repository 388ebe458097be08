"""Policy files: TOML and YAML, validation errors that name the file and the field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conformance.hygiene.findings import Severity
from conformance.hygiene.policy import Policy, PolicyError, load_policy

REPOSITORY = Path(__file__).resolve().parents[2]


def test_toml_and_yaml(tmp_path: Path) -> None:
    toml = tmp_path / "hygiene.toml"
    toml.write_text("""max_severity = "medium"
max_release_age_days = 1000
[licences]
allow = ["MIT", "Apache-2.0"]
[repository]
min_score = 5
[[ignores]]
id = "CVE-2019-10906"
package = "Jinja2"
reason = "sandbox not used"
expires = 2030-01-01
""")
    policy = load_policy(toml)
    assert policy.max_severity is Severity.MEDIUM and policy.licences.allow == ["MIT", "Apache-2.0"]
    assert policy.ignores[0].package == "jinja2" and policy.ignores[0].expires == date(2030, 1, 1)
    yaml = tmp_path / "hygiene.yaml"
    yaml.write_text("max_severity: high\nignores:\n  - {id: X-1, reason: r, expires: 2020-01-01}\n")
    loaded = load_policy(yaml)
    assert loaded.ignores[0].is_expired(date(2024, 1, 1))
    assert not loaded.ignores[0].is_expired(date(2020, 1, 1))


@pytest.mark.parametrize(("text", "message"), [
    ("max_severity = 'extreme'", "max_severity"),
    ("[[ignores]]\nid = 'X'\n", "ignores.0.reason"),
    ("[licences]\nallow = ['Not-A-Licence']", "licences.allow"),
    ("require_pin = true", "require_pin"),
    ("max_release_age_days = = 3", "not valid TOML"),
    ("[repository]\nmin_score = 11", "repository.min_score"),
])
def test_errors_name_file_and_field(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "hygiene.toml"
    path.write_text(text)
    with pytest.raises(PolicyError, match=message) as caught:
        load_policy(path)
    assert "hygiene.toml" in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read"):
        load_policy(tmp_path / "none.toml")


def test_the_projects_own_policy_is_valid() -> None:
    assert isinstance(load_policy(REPOSITORY / "hygiene.toml"), Policy)


def test_errors_give_the_line_of_the_field(tmp_path: Path) -> None:
    toml = tmp_path / "hygiene.toml"
    toml.write_text('max_severity = "low"\n[[ignores]]\nid = "A"\nreason = "r"\n'
                    '[[ignores]]\nid = "B"\nreason = "   "\nexpires = "soon"\n')
    with pytest.raises(PolicyError) as caught:
        load_policy(toml)
    assert "line 7, ignores.1.reason: Value error, must not be blank" in str(caught.value)
    assert "line 8, ignores.1.expires" in str(caught.value)
    yaml = tmp_path / "hygiene.yaml"
    yaml.write_text("max_severity: low\nrequire_pins: 'yes'\nignores:\n  - id: A\n")
    with pytest.raises(PolicyError) as caught:
        load_policy(yaml)
    assert "line 2, require_pins: Input should be a valid boolean" in str(caught.value)
    assert "line 4, ignores.0.reason: Field required" in str(caught.value)


@pytest.mark.parametrize(("text", "message"), [
    ('require_hashes = "no"', "require_hashes: Input should be a valid boolean"),
    ('max_libyears = "2"', "max_libyears: Input should be a valid number"),
    ("max_release_age_days = 3.5", "max_release_age_days: Input should be a valid integer"),
])
def test_settings_are_not_coerced_from_other_types(tmp_path: Path, text: str, message: str
                                                   ) -> None:
    path = tmp_path / "hygiene.toml"
    path.write_text(text)
    with pytest.raises(PolicyError, match=message):
        load_policy(path)


def test_unreadable_policy_files(tmp_path: Path) -> None:
    binary = tmp_path / "hygiene.toml"
    binary.write_bytes(b"\xff\xfe")
    with pytest.raises(PolicyError, match="not UTF-8 text"):
        load_policy(binary)
    odd = tmp_path / "hygiene.yaml"
    odd.write_text("? [a, b]\n: c\n")  # a mapping whose key is not a name
    with pytest.raises(PolicyError, match="table of named settings"):
        load_policy(odd)


def test_licence_refs_of_ones_own_are_valid_spdx(tmp_path: Path) -> None:
    from conformance.hygiene.licensing import licence_problem

    path = tmp_path / "hygiene.toml"
    path.write_text('[licences]\nallow = ["MIT", "LicenseRef-ITU-Software"]\n')
    policy = load_policy(path)
    assert licence_problem("LicenseRef-ITU-Software", policy.licences) is None
    assert licence_problem("MIT OR LicenseRef-Other", policy.licences) is None
    assert "not covered" in (licence_problem("LicenseRef-Other", policy.licences) or "")
    assert "not a valid SPDX" in (licence_problem("Bogus-1", policy.licences) or "")

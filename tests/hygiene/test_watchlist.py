"""``recbench deps watch``: the projects a study group relies on but does not vendor."""

from __future__ import annotations

import json
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from conformance.cli.deps import app
from conformance.hygiene.advisories import OsvDatabase
from conformance.hygiene.watchlist import WatchlistError, load_watchlist, watch

URL = "https://git.example.invalid/codec/libcodec.git"
#: OSV-2017-10 (OSS-Fuzz, open62541): introduced at this commit.
INTRODUCED = "6610fcecc0a920346d391b41e8973e403ae3f731"


def _upstream(folder: Path) -> tuple[git.Repo, list[str]]:
    repo = git.Repo.init(folder)
    commits = []
    for number in range(4):
        (folder / "codec.c").write_text(f"int v = {number};\n")
        repo.index.add(["codec.c"])
        commits.append(repo.index.commit(f"c{number}").hexsha)
    repo.create_tag("v1.0", ref=commits[1])
    return repo, commits


def test_a_watched_clone_reports_advisories_health_and_distance(tmp_path: Path) -> None:
    _, c = _upstream(tmp_path / "clones" / "libcodec")
    record = {"id": "OSV-WATCH-1", "modified": "2026-11-30T00:00:00Z", "summary": "overflow",
              "affected": [{"package": {"ecosystem": "OSS-Fuzz", "name": "libcodec"},
                            "ranges": [{"type": "GIT", "repo": URL,
                                        "events": [{"introduced": c[0]}, {"fixed": c[2]}]}]}]}
    (tmp_path / "r.json").write_text(json.dumps(record))
    database = OsvDatabase(":memory:")
    database.import_source(tmp_path / "r.json")
    (tmp_path / "watchlist.yaml").write_text(
        f"projects:\n  - name: libcodec\n    url: {URL}\n    tag: v1.0\n    clone: clones/libcodec\n"
        f"  - name: libcodec fixed\n    url: {URL}\n    commit: {c[3]}\n    clone: clones/libcodec\n")
    affected, fixed = watch(tmp_path / "watchlist.yaml", database)
    assert [v.id for v in affected.vulnerabilities] == ["OSV-WATCH-1"] and affected.attention
    assert affected.commit == c[1] and affected.commits_behind == 2
    assert affected.health_score is not None and affected.last_commit is not None
    assert not fixed.attention and fixed.commits_behind == 0


def test_without_a_clone_a_real_advisory_is_found_and_the_rest_not_evaluated(
        tmp_path: Path, real_database: OsvDatabase) -> None:
    (tmp_path / "watchlist.yaml").write_text(
        "projects:\n  - name: open62541\n    url: https://github.com/open62541/open62541\n"
        f"    commit: {INTRODUCED}\n")
    (report,) = watch(tmp_path / "watchlist.yaml", real_database)
    assert "OSV-2017-10" in {v.id for v in report.vulnerabilities}
    assert report.unevaluated and all("not available" in r for _, r in report.unevaluated)
    assert any("no local clone" in note for note in report.notes)
    runner = CliRunner()
    result = runner.invoke(app, ["watch", str(tmp_path / "watchlist.yaml"), "--format", "json",
                                 "--db", real_database.path])
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)[0]["attention"] is True


@pytest.mark.parametrize(("text", "message"), [
    ("projects:\n  - name: x\n    url: https://h.invalid/x\n", "commit or the tag"),
    ("projects:\n  - name: x\n    url: u\n    commit: not-hex\n", "projects.0.commit"),
    ("projects: &a [*a]\n", "not valid YAML"),
    ("projects:\n  - {name: x, url: u, tag: t, extra: 1}\n", "extra"),
])
def test_a_bad_watch_list_is_refused_naming_the_field(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "watchlist.yaml"
    path.write_text(text)
    with pytest.raises(WatchlistError, match=message):
        load_watchlist(path)
    result = CliRunner().invoke(app, ["watch", str(path), "--db", str(tmp_path / "db.sqlite3")])
    # refused by the command itself, not by an exception escaping it
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert message.split(".")[0] in result.output or "watch list" in result.output

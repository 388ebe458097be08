"""The implementation's git identity: commit, dirty flag, and nothing its repository configures runs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import git

from conformance.harness.identity import git_state


def test_the_state_of_a_repository_runs_nothing_it_configures(tmp_path: Path) -> None:
    folder = tmp_path / "impl"
    repo = git.Repo.init(folder)
    (folder / "codec.c").write_text("int codec;\n")
    repo.index.add(["codec.c"])
    commit = repo.index.commit("one").hexsha
    marker = tmp_path / "fsmonitor-ran"
    hook = tmp_path / "monitor.sh"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n")
    hook.chmod(0o755)
    with repo.config_writer() as config:
        config.set_value("core", "fsmonitor", str(hook))
    (folder / "codec.c").write_text("int codec = 1;\n")
    state = git_state(folder)
    assert state is not None and state.commit == commit and state.dirty
    assert not marker.exists()
    subprocess.run(["git", "-C", str(folder), "status"], capture_output=True, check=False)
    assert marker.exists()  # plain git would have run it


def test_outside_git_there_is_no_state(tmp_path: Path) -> None:
    assert git_state(tmp_path) is None

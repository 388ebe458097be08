"""Running git over a repository recbench did not write, without running anything it configures.

A repository's own ``.git/config`` may name programs git starts on its own: an fsmonitor
(``core.fsmonitor``, run by ``git status`` and ``git diff``), hooks, a pager, external diff or
text-conversion drivers, an askpass or ssh command. Auditing a dependency's clone must not run
them, so every git process recbench starts gets these settings through the environment
(``GIT_CONFIG_COUNT``, which outranks every configuration file), no terminal prompt, and no
system or global configuration of the machine's user beyond what git always reads.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import git

#: Settings that switch off every command a repository's configuration could make git run.
SAFE_SETTINGS: tuple[tuple[str, str], ...] = (
    ("core.fsmonitor", "false"),
    ("core.hooksPath", os.devnull),
    ("core.pager", "cat"),
    ("core.sshCommand", "false"),
    ("core.askPass", ""),
    ("core.untrackedCache", "false"),
    ("diff.external", ""),
    ("protocol.allow", "never"),  # nothing is fetched: a URL in the config stays unused
    ("submodule.recurse", "false"),
    ("uploadpack.packObjectsHook", ""),
    ("credential.helper", ""),
)


def safe_environment(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """Environment variables that impose :data:`SAFE_SETTINGS` on a git process."""
    env = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "GIT_PAGER": "cat",
           "GIT_EXTERNAL_DIFF": "", "GIT_ASKPASS": "", "SSH_ASKPASS": "",
           "GIT_CONFIG_COUNT": str(len(SAFE_SETTINGS))}
    for index, (key, value) in enumerate(SAFE_SETTINGS):
        env[f"GIT_CONFIG_KEY_{index}"] = key
        env[f"GIT_CONFIG_VALUE_{index}"] = value
    if base:
        env = {**base, **env}
    return env


def open_repository(path: Path, *, search_parent_directories: bool = False) -> git.Repo:
    """A GitPython ``Repo`` whose git processes run with :func:`safe_environment`.

    Raises git.InvalidGitRepositoryError or git.NoSuchPathError like ``git.Repo``.
    """
    repo = git.Repo(path, search_parent_directories=search_parent_directories)
    repo.git.update_environment(**safe_environment())
    return repo

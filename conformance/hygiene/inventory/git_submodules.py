"""C and C++ dependencies held as git submodules: ``.gitmodules`` plus the commits pinned.

Each ``[submodule "name"]`` gives a path and an upstream URL; the commit is the gitlink the
superproject records for that path (its index, which is what the next commit will hold). The
history that decides GIT ranges is the submodule's own clone: its checkout (``path/.git``) or
the superproject's ``.git/modules/<name>``. git runs with the settings of
:mod:`conformance.gitsafe`, so nothing the repositories configure is executed.
"""

from __future__ import annotations

import re
from pathlib import Path

import git

from conformance.gitsafe import open_repository
from conformance.hygiene.ecosystems import GIT, normalise_repository
from conformance.hygiene.inventory.model import Dependency, Inventory, InventoryError

_SECTION = re.compile(r'^\s*\[\s*submodule\s+"((?:[^"\\]|\\.)*)"\s*\]\s*$')
_SETTING = re.compile(r"^\s*([A-Za-z][A-Za-z0-9-]*)\s*=\s*(.*?)\s*$")
_GITLINK = "160000"


def _sections(path: Path, text: str, inventory: Inventory) -> list[tuple[str, int, dict[str, str]]]:
    sections: list[tuple[str, int, dict[str, str]]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        section = _SECTION.match(raw)
        if section:
            sections.append((section.group(1), number, {}))
            continue
        setting = _SETTING.match(raw)
        if setting and sections:
            value = setting.group(2)
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            sections[-1][2][setting.group(1).lower()] = value
            continue
        inventory.skip(number, raw, "not a .gitmodules line", unreadable=True)
    if not sections and text.strip():
        raise InventoryError(f"{path}: not a .gitmodules file (no [submodule \"…\"] section)")
    return sections


def _gitlinks(folder: Path) -> tuple[dict[str, str], str | None, Path | None]:
    """Path -> pinned commit of every gitlink in the index, the reason when none, the git dir."""
    try:
        repo = open_repository(folder)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return {}, f"{folder.name or folder} is not a git work tree", None
    try:
        listing = repo.git.ls_files("--stage", "-z")
    except git.GitCommandError as error:
        return {}, f"git cannot list the index ({str(error.stderr).strip()[:200]})", None
    links: dict[str, str] = {}
    for record in listing.split("\0"):
        meta, _, name = record.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[0] == _GITLINK:
            links[name] = parts[1]
    return links, None, Path(repo.git_dir)


def read_gitmodules(path: Path, text: str) -> Inventory:
    """The submodules of the work tree whose ``.gitmodules`` is ``path``."""
    inventory = Inventory(path=str(path), format=".gitmodules")
    folder = path.parent
    sections = _sections(path, text, inventory)
    links, problem, git_dir = _gitlinks(folder) if sections else ({}, None, None)
    for name, line, settings in sections:
        where = settings.get("path")
        url = settings.get("url")
        if not where or not url:
            inventory.skip(line, f"submodule {name}", "submodule without a path or url",
                           unreadable=True)
            continue
        commit = links.get(where.strip("/"))
        if commit is None:
            inventory.skip(line, f"submodule {name} ({url})", "pinned commit unknown: "
                           + (problem or f"no gitlink for {where} in the index"), unreadable=True)
            continue
        history = _history(folder / where, git_dir, name)
        inventory.dependencies.append(Dependency(
            name=normalise_repository(url), version=None, commit=commit, source=str(path),
            line=line, ecosystem=GIT, repository_url=url, history=str(history) if history else None,
            label=where))
    return inventory


def _history(checkout: Path, git_dir: Path | None, name: str) -> Path | None:
    """The submodule's clone: its checkout if it has a .git, else .git/modules/<name>."""
    if (checkout / ".git").exists() and not checkout.is_symlink():
        return checkout
    if git_dir is not None:
        module = git_dir / "modules" / name
        if (module / "HEAD").is_file():
            return module
    return None

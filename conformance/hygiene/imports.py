"""Third-party modules an implementation's source imports, to hold its lock to account.

An empty lock is only honest if the code imports nothing from outside the standard library
and the repository; this module finds the imports that would need a locked distribution.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.utils import canonicalize_name


@dataclass(frozen=True, slots=True)
class ThirdPartyImport:
    """One imported top-level module that is neither standard library nor the repository's."""

    module: str
    distributions: tuple[str, ...]  # PEP 503 names that provide it (the module name if unknown)
    path: Path
    line: int


def _is_type_checking_block(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"))


def _imports(tree: ast.AST) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if _is_type_checking_block(node):
            continue  # imports for type checkers only are not runtime dependencies
        if isinstance(node, ast.Import):
            found += [(alias.name.split(".")[0], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module.split(".")[0], node.lineno))
        pending.extend(ast.iter_child_nodes(node))
    return found


@lru_cache(maxsize=1)
def _providers() -> dict[str, list[str]]:
    # Scanning every installed distribution is slow; the answer does not change within a run.
    return dict(packages_distributions())


def third_party_imports(folder: Path, repository_root: Path) -> list[ThirdPartyImport]:
    """Imports under ``folder`` of modules outside the standard library and the repository."""
    own = {p.name for p in repository_root.iterdir()
           if (p / "__init__.py").is_file() or p.suffix == ".py"} | {"__future__"}
    providers = _providers()
    seen: dict[str, ThirdPartyImport] = {}
    for path in sorted(folder.rglob("*.py")):
        if not path.is_file():  # a pipe would block the reader
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except (SyntaxError, UnicodeDecodeError, OSError):
            continue
        for module, line in sorted(_imports(tree), key=lambda item: item[1]):
            if module in sys.stdlib_module_names or module in own or module in seen:
                continue
            names = tuple(sorted({canonicalize_name(d) for d in providers.get(module, [module])}))
            seen[module] = ThirdPartyImport(module=module, distributions=names, path=path,
                                            line=line)
    return list(seen.values())

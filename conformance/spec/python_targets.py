"""A python adapter's target, looked at without running any of it: where its module is, what it declares.

``lint`` (for a Recommendation's implementations), ``ics check`` and the ICS made from an
implementation entry all need to know whether ``module:attribute`` can be imported, and which
version the implementation declares, before anything of the implementation runs. Importing
would run its top-level code (and, for a package, its parents'); the finders of ``importlib``
locate a module without executing it, and the version is read from the source's syntax tree.
"""

from __future__ import annotations

import ast
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.machinery import ModuleSpec
from pathlib import Path

from conformance.files import UnreadableFile, read_bounded

MAX_SOURCE_BYTES = 4 * 1024 * 1024  # a module's source read to look at its names


@dataclass(frozen=True)
class TargetLookup:
    """Where a ``module:attribute`` target stands: what was not found, if anything."""

    module: str
    attribute: str
    missing_module: str | None  # the outermost package or module not found
    missing_name: str | None  # the attribute's first name, when the module is there but does not bind it
    chain: tuple[ModuleSpec, ...]  # the specs of the module and its parent packages, innermost first

    @property
    def missing(self) -> str | None:
        """What is not there, in words (None when everything is)."""
        if self.missing_module is not None:
            return f"module {self.missing_module!r}"
        if self.missing_name is not None:
            return f"{self.missing_name!r} in module {self.module!r}"
        return None


def find_module(name: str, folders: Sequence[Path] = ()) -> tuple[ModuleSpec, ...] | None:
    """Specs of the dotted module ``name`` and its parent packages (innermost first), or None when not found.

    The top-level package is looked for in ``folders`` first, then where an import would look
    (installed and editable packages included); each submodule inside its parent's folders.
    Nothing is imported: a package's ``__init__`` is not run to find its submodules.
    """
    parts = name.split(".")
    top = parts[0]
    spec = importlib.machinery.PathFinder.find_spec(top, [str(folder) for folder in folders]) if folders else None
    if spec is None:
        try:
            spec = importlib.util.find_spec(top)  # a top-level name: finding it imports nothing
        except (ImportError, ValueError):
            spec = None
    if spec is None:
        return None
    chain = [spec]
    for depth in range(1, len(parts)):
        locations = chain[-1].submodule_search_locations
        if locations is None:  # a module, not a package: it has no submodules
            return None
        spec = importlib.machinery.PathFinder.find_spec(".".join(parts[: depth + 1]), list(locations))
        if spec is None:
            return None
        chain.append(spec)
    return tuple(reversed(chain))


def look_up_target(target: str, folders: Sequence[Path] = ()) -> TargetLookup:
    """Whether ``module:attribute`` can be imported from ``folders`` (or installed packages), without importing it.

    The attribute's first name is looked for among the module's top-level bindings when its
    source can be read; a module that binds names dynamically (``from x import *``, a module
    ``__getattr__``) or has no readable source is given the benefit of the doubt.
    """
    module, _, attribute = target.partition(":")
    if module in sys.modules:
        return TargetLookup(module, attribute, None, None, ())
    parts = module.split(".")
    chain: tuple[ModuleSpec, ...] = ()
    for depth in range(1, len(parts) + 1):  # name the outermost package that is not there
        found = find_module(".".join(parts[:depth]), folders)
        if found is None:
            return TargetLookup(module, attribute, ".".join(parts[:depth]), None, ())
        chain = found
    names = _top_level_names(chain[0])
    first = attribute.split(".")[0]
    if names is not None and first not in names and not _is_submodule(chain[0], first):
        return TargetLookup(module, attribute, None, first, chain)
    return TargetLookup(module, attribute, None, None, chain)


def _is_submodule(spec: ModuleSpec, name: str) -> bool:
    """Whether ``name`` is a submodule of the package ``spec`` (which the import system binds itself)."""
    locations = spec.submodule_search_locations
    if locations is None:
        return False
    return importlib.machinery.PathFinder.find_spec(f"{spec.name}.{name}", list(locations)) is not None


def declared_version(chain: Sequence[ModuleSpec]) -> str | None:
    """The nearest ``__version__ = "..."`` from the target module up through its packages, read, not run."""
    for spec in chain:
        tree = _syntax_tree(spec)
        if tree is None:
            continue
        for statement in tree.body:
            value = _assigned(statement, "__version__")
            if isinstance(value, ast.Constant) and isinstance(value.value, str) and value.value.strip():
                return value.value.strip()
    return None


def _syntax_tree(spec: ModuleSpec) -> ast.Module | None:
    origin = spec.origin
    if origin is None or not origin.endswith(".py"):
        return None  # a namespace package, an extension or a frozen module: no source to read
    try:
        return ast.parse(read_bounded(Path(origin), MAX_SOURCE_BYTES))
    except (UnreadableFile, OSError, SyntaxError, ValueError, RecursionError):
        return None


def _assigned(statement: ast.stmt, name: str) -> ast.expr | None:
    if isinstance(statement, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == name for target in statement.targets):
        return statement.value
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.target.id == name:
        return statement.value
    return None


def _top_level_names(spec: ModuleSpec) -> set[str] | None:
    """Names the module binds at its top level, or None when they cannot be known without running it."""
    tree = _syntax_tree(spec)
    if tree is None:
        return None
    names: set[str] = set()
    for node in ast.walk(tree):  # bindings in if/try blocks count; in functions and classes too (harmless)
        if isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names):
            return None
        if isinstance(node, ast.Import | ast.ImportFrom):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return None if "__getattr__" in names else names

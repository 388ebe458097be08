"""Checking an ICS before a run: does it fit the Recommendation, and is what it names here?

``check_ics`` compares the ICS with the Recommendation (identifier, edition, options, flags,
expected failures, binary file settings); ``check_setup`` looks at what the ICS names on
this machine (source folder, working folder, program, import path, target module) without
running any of the implementation's code. Both return located diagnostics, empty when all is
well, so that a misconfigured ICS is refused with its file, line and field before anything
runs, instead of turning every vector into an error.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from conformance.harness.adapters.child import resolve_command
from conformance.harness.adapters.command import COMMAND_LINE_TYPES, FILE_WORDS, PLACEHOLDER
from conformance.harness.expected_failures import ExpectedFailureList, expected_failures
from conformance.harness.ics import LoadedIcs
from conformance.harness.outcomes import AdapterUnavailable
from conformance.harness.selection import unclaimed_options
from conformance.spec.adapter_settings import CommandSettings, PythonSettings
from conformance.spec.diagnostics import Diagnostic, SpecError
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import Interface, VectorSetEntry
from conformance.spec.python_targets import look_up_target
from conformance.spec.vectors import VectorSet, load_vector_set


def check_ics(
    ics: LoadedIcs,
    loaded: LoadedRecommendation,
    *,
    vector_sets: Callable[[VectorSetEntry], VectorSet] | None = None,
    listed: ExpectedFailureList | None = None,
) -> list[Diagnostic]:
    """Problems that make the ICS unusable with this Recommendation (empty when it fits).

    ``vector_sets`` loads a set (for the flags check) and ``listed`` is the expected-failure list
    when the caller already has them (``prepare_run``), so that nothing is read twice.
    """
    model, rec = ics.model, loaded.model
    problems = []
    if model.recommendation != rec.id:
        problems.append(ics.diagnostic(
            f"recommendation: the ICS is for {model.recommendation}, not {rec.id}", "recommendation"))
    if model.edition is not None and model.edition != rec.edition:
        problems.append(ics.diagnostic(
            f"edition: the ICS claims the {model.edition} edition; the catalogue holds {rec.edition}", "edition"))
    known_options = {option.id for option in rec.options}
    for index, option in enumerate(model.options):
        if option not in known_options:
            problems.append(ics.diagnostic(
                f"options[{index}]: {option!r} is not an option of {rec.id} "
                f"(known: {', '.join(sorted(known_options)) or 'none'})", "options", index))
    if model.flags:
        known_flags = vector_flags(loaded, vector_sets)
        for index, flag in enumerate(model.flags):
            if flag not in known_flags:
                problems.append(ics.diagnostic(
                    f"flags[{index}]: no vector of {rec.id} carries the flag {flag!r} "
                    f"(known: {', '.join(sorted(known_flags)) or 'none'})", "flags", index))
    problems += _expected_failures(ics, loaded, listed, vector_sets)
    for index, item in enumerate(model.not_applicable):
        if item.vector_set is not None and rec.vector_set(item.vector_set) is None:
            problems.append(ics.diagnostic(
                f"not_applicable[{index}]: {rec.id} has no vector set {item.vector_set!r}", "not_applicable", index))
        if item.interface is not None and rec.interface(item.interface) is None:
            problems.append(ics.diagnostic(
                f"not_applicable[{index}]: {rec.id} has no interface {item.interface!r}", "not_applicable", index))
    adapter = model.adapter
    if isinstance(adapter, CommandSettings):
        problems += _command_words(ics, adapter, loaded)
        for name, files in adapter.files.items():
            interface = rec.interface(name)
            if interface is None:
                problems.append(ics.diagnostic(f"adapter.files: no interface {name!r} in {rec.id}",
                                               "adapter", "files", name))
                continue
            if files.input not in interface.inputs:
                problems.append(ics.diagnostic(f"adapter.files.{name}.input: {name} has no input {files.input!r}",
                                               "adapter", "files", name, "input"))
            if files.output not in interface.outputs:
                problems.append(ics.diagnostic(
                    f"adapter.files.{name}.output: {name} has no output {files.output!r}",
                    "adapter", "files", name, "output"))
    return problems


def _command_words(ics: LoadedIcs, adapter: CommandSettings, loaded: LoadedRecommendation) -> list[Diagnostic]:
    """Placeholders and argument words that can never be filled: every run of some interface would be an error.

    Each interface that runs (one of its vector sets applies to the claimed options) is checked
    against its own inputs and its own command line, as the driver fills them.
    """
    rec = loaded.model
    lines = adapter.command_lines()
    problems = []
    for name in lines:
        if name is not None and rec.interface(name) is None:
            problems.append(ics.diagnostic(
                f"adapter.command.{name}: no interface {name!r} in {rec.id} "
                f"(its interfaces: {', '.join(item.name for item in rec.interfaces)})", "adapter", "command", name))
    running = {
        entry.interface for entry in rec.vector_sets
        if not unclaimed_options(entry, ics.model.options)
        and ics.model.declared_not_applicable(entry.id, entry.interface) is None
    }
    for interface in rec.interfaces:
        if interface.name not in running:
            continue
        key = interface.name if interface.name in lines else None
        if key not in lines:
            problems.append(ics.diagnostic(
                f"adapter.command: no command line for the interface {interface.name!r}, whose vector sets "
                "apply to the claimed options", "adapter", "command"))
            continue
        problems += _placeholders(ics, lines[key], key, interface)
    unique: dict[str, Diagnostic] = {}  # one line serving several interfaces: say each problem once
    for problem in problems:
        unique.setdefault(problem.message, problem)
    inputs = {name for interface in rec.interfaces for name in interface.inputs}
    for name, words in adapter.arguments.items():
        if name == "interface":
            for word in words:
                if rec.interface(word) is None:
                    unique.setdefault(name + word, ics.diagnostic(
                        f"adapter.arguments.interface: {word!r} is no interface of {rec.id}",
                        "adapter", "arguments", name, word))
        elif name not in inputs:
            unique.setdefault(name, ics.diagnostic(
                f"adapter.arguments: {name!r} is no input of {rec.id}", "adapter", "arguments", name))
    return list(unique.values())


def _placeholders(ics: LoadedIcs, line: list[str], key: str | None, interface: Interface) -> list[Diagnostic]:
    """What in ``line`` cannot be filled for ``interface``: no {output}, or a placeholder it has no scalar for."""
    where: tuple[str, ...] = ("adapter", "command") if key is None else ("adapter", "command", key)
    field = ".".join(where)
    problems = []
    if not any("{output}" in argument for argument in line):
        problems.append(ics.diagnostic(
            f"{field}: no {{output}} placeholder: the command has nowhere to write its answer", *where))
    for index, argument in enumerate(line):
        for name in PLACEHOLDER.findall(argument):
            if name in FILE_WORDS:
                continue
            found = interface.inputs.get(name)
            if found is None:
                known = ", ".join([*interface.inputs, *FILE_WORDS])
                problems.append(ics.diagnostic(
                    f"{field}[{index}]: {{{name}}} is no input of the interface {interface.name!r} "
                    f"(it has: {known})", *where, index))
            elif found.type not in COMMAND_LINE_TYPES:
                problems.append(ics.diagnostic(
                    f"{field}[{index}]: {{{name}}} of {interface.name!r} is of type {found.type}: only a single "
                    f"value ({', '.join(sorted(COMMAND_LINE_TYPES))}) can be written on a command line; "
                    "exchange it as a file (adapter.files)", *where, index))
    return problems


def _expected_failures(
    ics: LoadedIcs,
    loaded: LoadedRecommendation,
    listed: ExpectedFailureList | None,
    vector_sets: Callable[[VectorSetEntry], VectorSet] | None,
) -> list[Diagnostic]:
    """Entries naming no vector set, or no test of their set (a list that can never match is stale)."""
    entries = {entry.id: entry for entry in loaded.model.vector_sets}
    problems = []
    inline: list[str] = []
    for index, item in enumerate(ics.model.expected_failures):
        reference = item if isinstance(item, str) else item.vector
        inline.append(reference)
        set_id = reference.split("/")[0]
        if set_id not in entries:
            problems.append(ics.diagnostic(
                f"expected_failures[{index}]: no vector set {set_id!r} in {loaded.model.id}",
                "expected_failures", index))
    if listed is None:
        try:
            listed = expected_failures(ics)
        except SpecError as error:
            return problems + list(error.diagnostics)
    if ics.model.expected_failures_file:
        unknown = sorted({*listed.vectors, *listed.whole_sets} - set(entries))
        if unknown:
            problems.append(ics.diagnostic(
                f"expected_failures_file: no vector set {', '.join(map(repr, unknown))} in {loaded.model.id}",
                "expected_failures_file"))
    for set_id, ids in sorted(listed.vectors.items()):
        if set_id not in entries:
            continue
        entry = entries[set_id]
        try:
            vector_set = vector_sets(entry) if vector_sets else load_vector_set(entry, loaded.folder)
        except SpecError:
            continue  # the run reports a set that cannot be read
        missing = sorted(ids - {vector.id for vector in vector_set.vectors})
        for test in missing:
            reference = f"{set_id}/{test}"
            field: tuple[str | int, ...] = (
                ("expected_failures", inline.index(reference)) if reference in inline else ("expected_failures_file",)
            )
            problems.append(ics.diagnostic(
                f"{'.'.join(map(str, field))}: {reference}: set {set_id!r} has no test {test}",
                *field, code="RB702"))
    return problems


def vector_flags(
    loaded: LoadedRecommendation, load: Callable[[VectorSetEntry], VectorSet] | None = None
) -> dict[str, str]:
    """Flags of the Recommendation's vectors with their meaning from the files' notes ('' when not explained).

    ``load`` reads a set (default: ``load_vector_set``); sets that cannot be read are passed
    over (the run reports them).
    """
    found: dict[str, str] = {}
    for entry in loaded.model.vector_sets:
        try:
            vector_set = load(entry) if load is not None else load_vector_set(entry, loaded.folder)
        except SpecError:
            continue
        for flag, meaning in vector_set.notes.items():
            found.setdefault(flag, meaning)
        for vector in vector_set.vectors:
            for flag in vector.flags:
                found.setdefault(flag, "")
    return found


def check_setup(ics: LoadedIcs) -> list[Diagnostic]:
    """Problems with what the ICS names on this machine (empty when the implementation can be started).

    Nothing of the implementation runs: for a python target only its top-level module is
    looked up. What fails later (an import that raises, a child that dies before its hello)
    is the implementation's fault and costs verdicts, not the run.
    """
    problems = []
    location = ics.model.implementation.location
    if location and not ics.resolve(location).is_dir():  # reports would lose its git commit unnoticed
        problems.append(ics.diagnostic(
            f"implementation.location: the folder {ics.resolve(location)} does not exist",
            "implementation", "location"))
    settings = ics.model.adapter
    if isinstance(settings, PythonSettings):
        return problems + _check_python(ics, settings)
    for name in settings.env:
        if not name or "=" in name:  # the OS refuses such a variable when starting the program
            problems.append(ics.diagnostic(f"adapter.env: {name!r} cannot name an environment variable",
                                           "adapter", "env", name))
    for index, name in enumerate(settings.public_env):
        if name not in settings.env:
            problems.append(ics.diagnostic(f"adapter.public_env[{index}]: {name!r} is not a variable of adapter.env",
                                           "adapter", "public_env", index))
    cwd = ics.resolve(settings.cwd)
    if not cwd.is_dir():
        where = ("adapter", "cwd") if settings.cwd else ("adapter",)
        problems.append(ics.diagnostic(f"adapter.cwd: the working folder {cwd} does not exist", *where))
        return problems
    lines = settings.command_lines() if isinstance(settings, CommandSettings) else {None: settings.command}
    for interface, line in lines.items():
        try:
            resolve_command(line, cwd, {**os.environ, **settings.env})
        except AdapterUnavailable as error:
            field = "adapter.command" if interface is None else f"adapter.command.{interface}"
            steps = ("adapter", "command") if interface is None else ("adapter", "command", interface)
            problems.append(ics.diagnostic(f"{field}: {error}", *steps, 0))
    return problems


def _check_python(ics: LoadedIcs, settings: PythonSettings) -> list[Diagnostic]:
    problems = []
    folders = []
    for index, written in enumerate(settings.python_path):
        folder = ics.resolve(written)
        if folder.is_dir():
            folders.append(folder)
        else:
            problems.append(ics.diagnostic(
                f"adapter.python_path[{index}]: the folder {folder} does not exist",
                "adapter", "python_path", index))
    # Only the module: a name the module does not bind, like a module that raises on import, is the
    # implementation's own fault, found when it runs (error verdicts), not a usage error.
    found = look_up_target(settings.target, folders)
    if found.missing_module is not None:
        searched = f" (also searched {', '.join(map(str, folders))})" if folders else ""
        problems.append(ics.diagnostic(
            f"adapter.target: no module {found.missing_module!r} on the import path{searched}", "adapter", "target"))
    return problems

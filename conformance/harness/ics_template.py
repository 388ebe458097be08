"""``recbench ics init``: a commented ICS template for one Recommendation."""

from __future__ import annotations

from typing import Literal

from conformance.harness.ics_check import vector_flags
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import FieldType

AdapterChoice = Literal["process", "python", "command"]


def _field(field: FieldType) -> str:
    if field.type == "enum":
        return f"enum[{', '.join(field.values or [])}]"
    return field.type


def render_ics_template(
    loaded: LoadedRecommendation, *, adapter: AdapterChoice = "process", schema_path: str | None = None
) -> str:
    """The template's YAML text: valid as it stands, with comments saying what to change."""
    model = loaded.model
    lines = []
    if schema_path:
        lines.append(f"# yaml-language-server: $schema={schema_path}")
    lines += [
        f"# Implementation conformance statement (ICS) for {model.id} ({model.edition.isoformat()} edition):",
        f"# {model.title}.",
        "# Fill in the implementation, keep the options you implement, choose the adapter.",
        f'# Check it:  recbench ics check FILE    Run it:  recbench conform "{model.id}" --ics FILE',
        "# Relative paths are relative to this file's folder. Format: docs/ics.md.",
        "schema: recbench-ics/1",
        f"recommendation: {model.id}",
        f"edition: {model.edition.isoformat()}",
        "",
        "implementation:",
        "  name: my-implementation          # change: the name reports show",
        '  version: "0.0.0"                 # change: the version under test',
        "  vendor: null",
        "  language: null",
        "  location: .                      # source folder: reports record its git commit and dirty flag",
        "",
        "# Options claimed. A vector set that requires an option not claimed here is reported as",
        "# not applicable (never as passed). Delete the options you do not implement.",
    ]
    if model.options:
        lines.append("options:")
        lines += [f"  - {option.id}    # {option.text.strip()}" for option in model.options]
    else:
        lines.append("options: []    # this Recommendation defines no options")
    lines += [
        "",
        "# Flags of 'acceptable' vectors whose behaviour you declare: such a vector then passes",
        "# whether your implementation accepts or rejects it (otherwise it is inconclusive).",
    ]
    flags = vector_flags(loaded)
    if flags:
        lines.append("# Flags used by this Recommendation's vectors:")
        lines += [f"#   {flag}: {meaning or '(not explained in the notes)'}" for flag, meaning in sorted(flags.items())]
    else:
        lines.append("# (No vector of this Recommendation uses flags.)")
    lines += ["flags: []", "", "# How recbench drives the implementation, with its settings for testing (IXIT)."]
    lines += _adapter_lines(adapter)
    lines += ["", "# Interfaces the implementation must expose:"]
    for interface in model.interfaces:
        inputs = ", ".join(f"{name}: {_field(field)}" for name, field in interface.inputs.items())
        outputs = ", ".join(f"{name}: {_field(field)}" for name, field in interface.outputs.items())
        lines.append(f"#   {interface.name}({inputs}) -> {outputs}")
    lines += ["", "# Vector sets (id: requires):"]
    for entry in model.vector_sets:
        lines.append(f"#   {entry.id}: {', '.join(entry.requires) or '-'}")
    lines += [
        "",
        "# Vectors known not to pass, 'set-id/test-id' or 'set-id', each with a reason. A listed",
        "# vector that passes fails the run, as does a failure not listed: the list never goes stale.",
        "expected_failures: []",
        "#  - {vector: some-set/12, reason: 'bug 345'}",
        "",
    ]
    return "\n".join(lines)


def _adapter_lines(adapter: AdapterChoice) -> list[str]:
    process = [
        "adapter:",
        "  type: process                    # a long-lived child speaking docs/process-protocol.md",
        "  command: [./my-wrapper]          # change: program and arguments",
        "  cwd: null                        # working folder (default: this file's folder)",
        "  env: {}",
        "  timeouts: {startup: 10, request: 30, run: null}   # seconds; run: null means no limit",
        "  max_output_bytes: 67108864       # a longer answer line kills the child",
        "  max_in_flight: 64                # requests sent ahead of their answers",
        "  max_restarts: 10                 # restarts of a crashed or hung child",
    ]
    python = [
        "adapter:",
        "  type: python                     # called in-process, one method per interface",
        "  target: my_package.codec:Codec   # change: 'module:class' or 'module:object'",
        "  python_path: []                  # folders added to the import path",
        "  isolate: false                   # true: serve it from a child (timeouts enforced)",
        "  timeouts: {request: 30, run: null}",
    ]
    command = [
        "adapter:",
        "  type: command                    # one run per vector (or joined batch), files in and out",
        '  command: [./my-tool, "{interface}", "{input}", "{output}"]   # change',
        "  #  or one line per interface (each interface's placeholders checked against its inputs):",
        '  #  command: {encode: [./my-encoder, "{input}", "{output}"], decode: [./my-decoder, "{input}", "{output}"]}',
        "  cwd: null",
        "  timeouts: {request: 60, run: null}",
        "  files: {}                        # interfaces exchanged as binary files, e.g.",
        "  #  encode: {input: samples, input_format: int16le, output: codes, output_format: uint8}",
        "  arguments: {}                    # words for input values, e.g. {law: {A: a, mu: u}}, and",
        "  #                                  for {interface}, e.g. {interface: {encode: lilo}}",
        "  rejected_exit_status: []         # exit statuses that mean 'input rejected'",
    ]
    chosen = {"process": process, "python": python, "command": command}
    lines = list(chosen[adapter])
    for other, body in chosen.items():
        if other != adapter:
            lines.append(f"# Alternative ({other}):")
            lines += [f"# {line}" for line in body]
    return lines

"""How recbench drives an implementation: the settings of the three adapter types.

One family serves both places an adapter is described: an ICS's ``adapter`` and a
Recommendation's ``implementations[].adapter``. Relative paths are relative to the file's
folder (an ICS) or to the repository root (a Recommendation). The drivers that act on these
settings live in ``conformance.harness.adapters``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import ConfigDict, Discriminator, Field, Tag

from conformance.spec.base import Strict

AdapterType = Literal["python", "process", "command"]
ADAPTER_TYPES: tuple[str, ...] = get_args(AdapterType)
MAX_SECONDS = 7 * 24 * 3600.0


class Timeouts(Strict):
    """Time limits, in seconds (finite, and at most a week: longer waits are a typing error)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    startup: float = Field(10.0, gt=0, le=MAX_SECONDS, description="From starting a child to its hello line (process).")
    request: float = Field(
        30.0,
        gt=0,
        le=MAX_SECONDS,
        description="For one answer: a request of the process protocol, one command run, or one in-process "
        "call (an in-process call cannot be interrupted: it is judged an error once it returns late).",
    )
    run: float | None = Field(
        None, gt=0, le=MAX_SECONDS, description="For the whole run; vectors not run by then are errors. None: no limit."
    )


class PythonSettings(Strict):
    """Call the implementation in-process."""

    type: Literal["python"] = Field(description="Adapter kind.")
    target: str = Field(
        pattern=r"^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$",
        description="'module:attribute' naming a class (instantiated without arguments) or an object "
        "with one method per interface.",
    )
    python_path: list[str] = Field(
        default_factory=list, description="Folders put in front of the import path, relative to the ICS."
    )
    isolate: bool = Field(
        False,
        description="Serve the object from a child process (python -m reference_impl._serve) instead of "
        "calling it in-process, so that crashes and hangs are contained and timeouts enforced; "
        "implied by --jobs above 1.",
    )
    batch: bool = Field(True, description="Join vectors of 'batch: concatenate' interfaces into one call.")
    batch_size: int = Field(8192, ge=1, description="Most vectors joined into one call.")
    timeouts: Timeouts = Field(default_factory=Timeouts, description="Time limits.")


class ProcessSettings(Strict):
    """Run the implementation as a long-lived child speaking the process protocol (NDJSON)."""

    type: Literal["process"] = Field(description="Adapter kind.")
    command: list[str] = Field(
        min_length=1,
        description="Program and arguments. A program with a '/' is relative to cwd; 'python' means the "
        "interpreter running recbench.",
    )
    cwd: str | None = Field(None, description="Working folder of the child, relative to the ICS (default: its folder).")
    env: dict[str, str] = Field(default_factory=dict, description="Extra environment variables of the child.")
    public_env: list[str] = Field(
        default_factory=list,
        description="Names in env whose values may be copied into reports and the results store; the values of "
        "all other names are never recorded (only their names), since env often carries tokens.",
    )
    timeouts: Timeouts = Field(default_factory=Timeouts, description="Time limits.")
    max_output_bytes: int = Field(
        64 * 1024 * 1024, ge=1024, description="Longest response line accepted; a longer one kills the child."
    )
    max_in_flight: int = Field(64, ge=1, description="Requests sent before their answers arrive (pipelining).")
    max_restarts: int = Field(10, ge=0, description="Restarts of a crashed or hung child before giving up.")
    batch: bool = Field(True, description="Join vectors of 'batch: concatenate' interfaces into one request.")
    batch_size: int = Field(8192, ge=1, description="Most vectors joined into one request.")


class BinaryFiles(Strict):
    """For one interface: which input goes into the {input} file and which output comes from {output}."""

    input: str = Field(description="Input field written to the {input} file.")
    input_format: Literal["int16le", "uint16le", "uint8", "raw"] = Field(description="Encoding of the input file.")
    output: str = Field(description="Output field read from the {output} file.")
    output_format: Literal["int16le", "uint16le", "uint8", "raw"] = Field(
        description="Encoding of the output file."
    )


# Tags of the two spellings of a command adapter's `command`; error paths drop them (spec.model.UNION_TAGS).
ONE_COMMAND_LINE = "one-command-line"
COMMAND_LINE_PER_INTERFACE = "command-line-per-interface"
COMMAND_TAGS = frozenset({ONE_COMMAND_LINE, COMMAND_LINE_PER_INTERFACE})
CommandLine = Annotated[list[str], Field(min_length=1)]


def _command_form(value: Any) -> str | None:
    if isinstance(value, dict):
        return COMMAND_LINE_PER_INTERFACE
    return ONE_COMMAND_LINE if isinstance(value, list | tuple) else None


class CommandSettings(Strict):
    """Run a file-based command line once per vector (or per joined batch), for existing codec tools."""

    type: Literal["command"] = Field(description="Adapter kind.")
    command: Annotated[
        Annotated[CommandLine, Tag(ONE_COMMAND_LINE)]
        | Annotated[dict[str, CommandLine], Field(min_length=1), Tag(COMMAND_LINE_PER_INTERFACE)],
        Discriminator(
            _command_form,
            custom_error_type="command",
            custom_error_message="give a list (program and arguments) or a map from interface name to such a list",
        ),
    ] = Field(
        description="Program and arguments with placeholders: {input}, {output}, {interface} and {NAME} for "
        "any scalar input NAME; or a map from interface name to such a list, for tools with one program "
        "or one argument list per interface.",
    )
    cwd: str | None = Field(None, description="Working folder, relative to the ICS (default: its folder).")
    env: dict[str, str] = Field(default_factory=dict, description="Extra environment variables.")
    public_env: list[str] = Field(
        default_factory=list,
        description="Names in env whose values may be copied into reports and the results store; the values of "
        "all other names are never recorded (only their names), since env often carries tokens.",
    )
    timeouts: Timeouts = Field(default_factory=lambda: Timeouts(request=60.0), description="Time limits.")
    max_output_bytes: int = Field(256 * 1024 * 1024, ge=1024, description="Largest output file accepted.")
    files: dict[str, BinaryFiles] = Field(
        default_factory=dict,
        description="Interfaces exchanged as binary files. Others use JSON files: {input} holds "
        '{"interface": ..., "input": {...}} and the command writes {"output": {...}} or {"rejected": "why"} '
        "to {output}.",
    )
    arguments: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="Words substituted for input values in placeholders, e.g. {law: {A: a, mu: u}}; "
        "'interface' maps interface names for {interface}, e.g. {interface: {encode: lilo}}.",
    )
    rejected_exit_status: list[int] = Field(
        default_factory=list, description="Exit statuses meaning 'input rejected' (others than 0 are errors)."
    )
    batch: bool = Field(True, description="Join vectors of 'batch: concatenate' interfaces into one run.")
    batch_size: int = Field(65536, ge=1, description="Most vectors joined into one run.")

    def command_lines(self) -> dict[str | None, list[str]]:
        """Each command line by the interface it serves; the key None: the one line serving every interface."""
        lines: dict[str | None, list[str]] = {}
        if isinstance(self.command, dict):
            lines.update(self.command)
        else:
            lines[None] = self.command
        return lines

    def command_for(self, interface: str) -> list[str] | None:
        """The command line run for ``interface`` (None when a per-interface map has no line for it)."""
        if isinstance(self.command, dict):
            return self.command.get(interface)
        return self.command

    def word(self, name: str, value: str) -> str:
        """What a placeholder {name} holding ``value`` becomes on the command line (``arguments`` applied)."""
        return self.arguments.get(name, {}).get(value, value)


AdapterSettings = Annotated[PythonSettings | ProcessSettings | CommandSettings, Field(discriminator="type")]
NOT_RECORDED = "(not recorded)"


def adapter_target(settings: PythonSettings | ProcessSettings | CommandSettings) -> str:
    """What the adapter runs, in one line for a report: the target, the command, or each interface's command."""
    if isinstance(settings, PythonSettings):
        return settings.target
    if isinstance(settings, CommandSettings) and isinstance(settings.command, dict):
        return "; ".join(f"{interface}: {' '.join(line)}" for interface, line in settings.command.items())
    return " ".join(settings.command)
  # what reports show for an env value the settings do not mark public


def recorded_settings(settings: PythonSettings | ProcessSettings | CommandSettings) -> dict[str, Any]:
    """The settings as reports and the results store keep them: env values only for names marked public."""
    recorded = settings.model_dump(mode="json", by_alias=True)
    if isinstance(settings, ProcessSettings | CommandSettings):
        public = set(settings.public_env)
        recorded["env"] = {name: value if name in public else NOT_RECORDED for name, value in settings.env.items()}
    return recorded


SETTINGS_TYPES: tuple[type[PythonSettings | ProcessSettings | CommandSettings], ...] = (
    PythonSettings, ProcessSettings, CommandSettings)

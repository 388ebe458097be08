"""The CLI reference, generated from the typer application itself so that it never drifts.

typer carries its own copy of click's classes, so the command tree is read through click's
documented attributes (``context_class``, ``get_params``, ``list_commands``, ``param_type_name``)
rather than by ``isinstance`` against one click or the other.
"""

from __future__ import annotations

from typing import Any

from conformance.publish import layout
from conformance.publish.markup import code, page, table, text
from conformance.publish.pages import SitePage


def cli_reference_page(command: Any, name: str = "recbench") -> SitePage:
    """Every command and subcommand of the click ``command`` with its usage, help and parameters."""
    sections: list[str] = []
    _describe(command.context_class(command, info_name=name), sections)
    intro = ("Generated from the command-line application when the site is built. "
             "Exit codes everywhere: 0 clean, 1 findings or failures, 2 unusable input.")
    return SitePage(layout.CLI_REFERENCE, "Command line", page("Command-line reference", intro, *sections),
                    section="Reference")


def _describe(context: Any, sections: list[str]) -> None:
    command = context.command
    path: str = context.command_path
    depth = min(path.count(" ") + 2, 4)
    usage = " ".join(command.collect_usage_pieces(context))
    parts = [f"{'#' * depth} {text(path)}", f"<pre><code>{text(path)} {text(usage)}</code></pre>"]
    help_text = (command.help or "").strip()
    parts += [text(paragraph) for paragraph in help_text.split("\n\n") if paragraph.strip()]
    rows = []
    for parameter in command.get_params(context):
        kind = parameter.param_type_name
        if getattr(parameter, "hidden", False):
            continue
        record = parameter.get_help_record(context)
        if record is None:
            rows.append([code(parameter.human_readable_name), text(kind), text(getattr(parameter, "help", "") or "")])
            continue
        names, description = record
        rows.append([code(names), text(kind), text(description)])
    if rows:
        parts.append(table(["Parameter", "Kind", "Meaning"], rows))
    sections.append("\n\n".join(parts))
    if hasattr(command, "list_commands"):
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            if sub is not None and not sub.hidden:
                _describe(sub.context_class(sub, info_name=name, parent=context), sections)

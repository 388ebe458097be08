"""The reference section: every published JSON Schema (shown and downloadable) and its index."""

from __future__ import annotations

import json
import re

from conformance.publish import layout
from conformance.publish.markup import code, link, page, table, text
from conformance.publish.pages import SiteFile, SitePage


def schema_page(name: str, rendered: str) -> tuple[SitePage, SiteFile]:
    """The page of one schema (its title, description and body) and the schema file itself."""
    here = layout.schema_page(name)
    document = json.loads(rendered)
    longest = max((len(run) for run in re.findall(r"`+", rendered)), default=0)
    fence = "`" * max(3, longest + 1)
    blocks = [
        text(document.get("description") or document.get("title") or ""),
        f"Identifier {code(document.get('$id', ''))}, JSON Schema draft 2020-12. "
        + link("Download " + text(f"{name}.schema.json"), layout.relative(here, layout.schema_file(name))) + ".",
        f"{fence}json\n{rendered.rstrip()}\n{fence}",
    ]
    return (SitePage(here, name, page(f"Schema: {name}", *blocks), section="Schemas"),
            SiteFile(layout.schema_file(name), data=rendered.encode("utf-8")))


def reference_index(schemas: dict[str, str], *, protocol_guide: bool) -> SitePage:
    """The reference section's first page: the schemas, the process protocol and the CLI.

    The process protocol's messages are schemas of their own (``process-*``); its guide is linked
    when the repository keeps one (recbench's own docs/ does; a study group's repository may not).
    """
    here = layout.REFERENCE
    rows = [[link(code(name), layout.relative(here, layout.schema_page(name))),
             text((json.loads(body).get("description") or "").split("\n")[0])] for name, body in schemas.items()]
    blocks = [
        "The formats recbench reads and writes are published as JSON Schemas generated from its models, "
        "the same ones kept under " + code("recommendations/schema/") + ".",
        "## Schemas\n\n" + table(["Schema", "What it describes"], rows),
        "## The process protocol\n\n"
        "How the harness talks to an implementation run as a child process: one JSON line each way, "
        "messages " + ", ".join(link(code(name), layout.relative(here, layout.schema_page(name)))
                                 for name in schemas if name.startswith("process-")) + "."
        + (f" The {link('guide to the protocol', layout.relative(here, layout.PROTOCOL))} explains it in full."
           if protocol_guide else ""),
        f"## The command line\n\n{link('Every command and option', layout.relative(here, layout.CLI_REFERENCE))}, "
        "generated from the application itself.",
    ]
    return SitePage(here, "Overview", page("Reference", *blocks), section="Reference")

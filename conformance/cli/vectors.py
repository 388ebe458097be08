"""``recbench vectors show``: a vector set's summary, or one vector in full."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from conformance.cli.common import OutputFormat, catalog_or_fail, console, fail, repository_root, shown, visible

app = typer.Typer(help="Look at a Recommendation's test vectors.", no_args_is_help=True)


@app.command("show")
def show(
    identifier: Annotated[str, typer.Argument(metavar="ID", help="'ITU-T G.711', 'G.711' or the folder name.")],
    reference: Annotated[str, typer.Argument(metavar="SET[/N]", help="A vector set, or one test of it by id.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text or json.")] = OutputFormat.text,
    root: Annotated[Path | None, typer.Option("--root", help="Repository root.")] = None,
) -> None:
    """Print a vector set's summary, or one vector: input, expected output, result, flags, comment.

    Exit 0 shown, 2 when the Recommendation, set or test does not exist or its file cannot be read.
    """
    from conformance.errors import RecbenchError
    from conformance.spec.vector_view import VectorReference, load_for_view, set_summary, vector_detail

    loaded = catalog_or_fail(repository_root(root)).find(identifier)
    if loaded is None:
        fail(f"no Recommendation {identifier!r} in the catalogue (see `recbench list`)")
    try:
        wanted = VectorReference.parse(reference)
        vector_set = load_for_view(loaded, wanted)
        view = (set_summary(loaded, vector_set) if wanted.test_id is None
                else vector_detail(loaded, vector_set, wanted.test_id))
    except RecbenchError as error:
        fail("\n".join(error.lines))
    if output_format is OutputFormat.json:
        console.print_json(json.dumps(view, ensure_ascii=False))
    elif wanted.test_id is None:
        _print_summary(view)
    else:
        _print_vector(view)


def _print_summary(view: dict[str, Any]) -> None:
    console.print(f"[bold]{shown(view['recommendation'])}[/] vector set [bold]{shown(view['set'])}[/] "
                  f"({shown(view['interface'])})", soft_wrap=True)
    if view["description"]:
        console.print(shown(view["description"]), soft_wrap=True)
    results = ", ".join(f"{count:,} {name}" for name, count in view["results"].items())
    rows = [
        ("tests", f"{view['tests']:,} ({results}); ids {', '.join(view['test_ids'][:8])}"
         + (" …" if len(view["test_ids"]) > 8 else "")),
        ("covers", ", ".join(view["covers"]) or "-"),
        ("requires", ", ".join(view["requires"]) or "-"),
        ("file", f"{view['file']} (sha256 {view['sha256']})"),
        *(("payload", f"{name} (sha256 {digest})") for name, digest in view["payloads"].items()),
        ("provenance", ", ".join(f"{key}: {value}" for key, value in view["provenance"].items())),
        *((f"flag {flag}", f"{item['count']:,} tests" + (f": {item['meaning']}" if item["meaning"] else ""))
          for flag, item in view["flags"].items()),
    ]
    for label, value in rows:
        console.print(visible(f"  {label + ':':12} {value}"), markup=False, soft_wrap=True)


def _print_vector(view: dict[str, Any]) -> None:
    console.print(f"[bold]{shown(view['recommendation'])}[/] {shown(view['set'])}/{view['id']} "
                  f"({shown(view['interface'])}): expects [bold]{shown(view['result'])}[/]", soft_wrap=True)
    if view["comment"]:
        console.print(visible(f"  comment:  {view['comment']}"), markup=False, soft_wrap=True)
    for flag, meaning in view["flags"].items():
        console.print(visible(f"  flag:     {flag}" + (f" ({meaning})" if meaning else "")), markup=False,
                      soft_wrap=True)
    for label in ("inputs", "expected"):
        values = view[label]
        if values is None:
            console.print(f"  {label}: none")
            continue
        console.print(f"  {label}:")
        for name, value in values.items():
            text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
            console.print(visible(f"    {name} = {text}"), markup=False, soft_wrap=True)

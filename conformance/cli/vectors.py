"""``recbench vectors show``: a set or one vector in full; ``vectors fetch``: payloads fetched on demand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from conformance.cli.common import (
    Exit,
    OutputFormat,
    catalog_or_fail,
    console,
    fail,
    render_diagnostics,
    repository_root,
    shown,
    visible,
)

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


@app.command("fetch")
def fetch(
    identifier: Annotated[str | None, typer.Argument(
        metavar="[ID]", help="'ITU-T H.264.1', 'H.264.1' or the folder name; default: every Recommendation.")] = None,
    set_id: Annotated[str | None, typer.Option("--set", metavar="SET", help="Only this vector set.")] = None,
    root: Annotated[Path | None, typer.Option("--root", help="Repository root.")] = None,
) -> None:
    """Download the payloads vector sets fetch on demand that this machine's cache lacks, checking each sha256.

    Files already cached are verified, not downloaded again. A download with other bytes than the
    Recommendation pins is refused and nothing is kept.

    Exit 0 every fetched payload is in the cache, 2 a download failed or had another sha256, or the
    Recommendation or set does not exist.
    """
    from conformance.spec.fetched import fetch_payloads

    catalog = catalog_or_fail(repository_root(root))
    if identifier is not None:
        found = catalog.find(identifier)
        if found is None:
            fail(f"no Recommendation {identifier!r} in the catalogue (see `recbench list`)")
        chosen = [found]
    else:
        chosen = list(catalog.recommendations)
    if set_id is not None:
        chosen = [loaded for loaded in chosen if any(entry.id == set_id for entry in loaded.model.vector_sets)]
        if not chosen:
            fail(f"no vector set {set_id!r} in {identifier if identifier is not None else 'the catalogue'}")
    problems = []
    count = 0
    for loaded in chosen:
        result = fetch_payloads(loaded, None if set_id is None else [set_id])
        problems += result.problems
        for item in result.fetched:
            count += 1
            what = "downloaded" if item.status == "downloaded" else "in the cache"
            console.print(visible(
                f"{what}: {item.recommendation} {item.set_id} {item.item.file} ({item.size:,} bytes, "
                f"{item.licence_class})"), markup=False, soft_wrap=True)
    if problems:
        render_diagnostics(problems)
        fail(f"{len(problems)} fetched file{'s' if len(problems) > 1 else ''} could not be fetched", Exit.UNUSABLE)
    if count == 0:
        console.print("no vector set of " + shown(identifier or "the catalogue")
                      + (f" named {shown(set_id)}" if set_id else "") + " fetches payloads on demand")


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

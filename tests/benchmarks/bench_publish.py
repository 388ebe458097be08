"""Benchmark: ``recbench publish`` of this repository (target: under 30 s on 2 cores).

Run ``python tests/benchmarks/bench_publish.py [--store FILE] [--history FILE]`` (or ``nox -s
bench``) after ``recbench check`` has filled the results store and the audit history (the
defaults, or ``$RECBENCH_STORE`` and ``$RECBENCH_HISTORY``). Prints, interleaved and best of 3,
wall and CPU time of:

- the whole publish (reading the stores, every page and chart, the strict mkdocs build, the
  swap into the output folder);
- a baseline: a strict mkdocs-material build of the repository's hand-written guides alone
  (docs/), the fixed cost any site of this theme pays;

and the ratio of the two, so the generated part's cost reads apart from the machine's speed.
CPU time is this process's only: the mkdocs build runs in a child process and shows in wall time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import typer.main

REPOSITORY = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPOSITORY))

from conformance.cli.app import app  # noqa: E402
from conformance.harness.store import default_store_path  # noqa: E402
from conformance.hygiene.locations import default_history_path  # noqa: E402
from conformance.publish.gathering import gather_site_data  # noqa: E402
from conformance.publish.mkdocs_build import mkdocs_config, run_mkdocs  # noqa: E402
from conformance.publish.site import guide_pages, publish_site, write_tree  # noqa: E402
from conformance.spec.catalog import load_catalog  # noqa: E402
from tests.benchmarks.timing import interleaved  # noqa: E402

TARGET_SECONDS = 30.0
ROUNDS = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=default_store_path(REPOSITORY))
    parser.add_argument("--history", type=Path, default=default_history_path())
    arguments = parser.parse_args()
    command = typer.main.get_command(app)
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as temporary:
        folder = Path(temporary)

        def publish() -> None:
            catalog = load_catalog(REPOSITORY)
            data = gather_site_data(catalog, store_path=arguments.store, history_path=arguments.history)
            publish_site(data, command, folder / "site")

        def guides_only() -> None:
            pages, files = guide_pages(REPOSITORY / "docs")
            docs, site = folder / "guides-docs", folder / "guides-site"
            if docs.exists():
                import shutil

                shutil.rmtree(docs)
            write_tree(docs, pages, files)
            from importlib import resources

            from conformance.publish.mkdocs_build import ASSETS
            from conformance.publish.pages import SiteFile

            write_tree(docs, [], [SiteFile(asset, data=resources.files("conformance.publish").joinpath(asset)
                                           .read_bytes()) for asset in ASSETS])
            config = folder / "guides.yml"
            config.write_text(mkdocs_config(pages, site_name="guides", docs_dir=docs, site_dir=site), encoding="utf-8")
            run_mkdocs(config)

        timings = interleaved(ROUNDS, {"publish": publish, "guides only": guides_only})
    whole, baseline = timings["publish"], timings["guides only"]
    runs = "results store " + ("present" if arguments.store.is_file() else "ABSENT (run recbench check first)")
    print(f"recbench publish of {REPOSITORY.name} ({runs}):")
    print(f"  publish      {whole.wall:6.2f} s wall, {whole.cpu:6.2f} s cpu (target < {TARGET_SECONDS:.0f} s)")
    print(f"  guides only  {baseline.wall:6.2f} s wall, {baseline.cpu:6.2f} s cpu (baseline)")
    print(f"  ratio        {whole.wall / baseline.wall:.2f}x wall")
    print("  within target" if whole.wall < TARGET_SECONDS else "  OVER TARGET")


if __name__ == "__main__":
    main()

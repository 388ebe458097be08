"""``recbench new``: the folder of a new Recommendation and the skeleton of its reference implementation.

The scaffold lints with only coverage findings (RB210: the placeholder ``shall`` requirement has
no vector set yet): every field holds a valid placeholder, the implementation entry points at
the package written beside it, whose lock is empty. ``EDITING.md`` in the new folder tells the
editor what to fill in, in order, and that ``recbench lint --fix`` writes the sha256 of a vector
file (an entry starts with 64 zeros), so nobody has to compute a hash by hand.
Everything is written under a temporary name and renamed into place, so a refused or failed
scaffold leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from conformance.editions.names import folder_name, package_name
from conformance.errors import RecbenchError
from conformance.spec.catalog import RECOMMENDATIONS_DIR, load_catalog
from conformance.spec.loading import RECOMMENDATION_FILE
from conformance.spec.model import RECOMMENDATION_ID

PLACEHOLDER_SHA256 = "0" * 64
_AMENDMENT = re.compile(r" (?:Amendment|Corrigendum) [0-9]+$")
REFERENCE_DIR = "reference_impl"
GUIDE_FILE = "EDITING.md"


@dataclass(frozen=True)
class Scaffold:
    """What ``scaffold_recommendation`` wrote: the two folders and every file, relative to the root."""

    recommendation_folder: str
    package_folder: str
    files: tuple[str, ...]


def _requirement_prefix(identifier: str) -> str:
    return folder_name(identifier).upper().replace("-", "")


def base_of(identifier: str) -> str | None:
    """The Recommendation an amendment or corrigendum changes: 'ITU-T X.690' for 'ITU-T X.690 Amendment 1'."""
    match = _AMENDMENT.search(identifier)
    return identifier[: match.start()] if match else None


def _recommendation_text(identifier: str, package: str, study_group: int, today: dt.date) -> str:
    prefix = _requirement_prefix(identifier)
    base = base_of(identifier)
    amends = f"base: {base}  # the Recommendation this changes\n" if base else ""
    return f"""\
# yaml-language-server: $schema=../schema/recommendation.schema.json
# Scaffolded by `recbench new`: {GUIDE_FILE} in this folder says what to fill in, in order.
id: {identifier}
title: "TODO: the title of the Recommendation"
edition: {today.isoformat()}  # the approval date; `recbench release` sets it when an edition is cut
status: in-preparation
study_group: {study_group}  # TODO: the responsible study group
# question: Q1/{study_group}
{amends}editors: []
keywords: []
summary: >
  TODO: one paragraph saying what the Recommendation specifies.
references: []
requirements:
  - id: {prefix}-R1
    clause: "1"
    level: shall
    text: "TODO: the first requirement, in the Recommendation's words."
options: []
interfaces:
  - name: example
    description: "TODO: a function implementations expose; rename it and declare its types."
    inputs:
      data: {{type: bytes}}
    outputs:
      result: {{type: bytes}}
vector_sets: []
# A vector set, once vectors/example.json exists (`recbench lint --fix` then writes the sha256):
#  - id: example
#    interface: example
#    file: vectors/example.json
#    sha256: "{PLACEHOLDER_SHA256}"
#    provenance: {{kind: generated, origin: "TODO: the generator and its seed", license: CC0-1.0}}
#    covers: [{prefix}-R1]
implementations:
  - name: reference
    kind: reference
    language: python
    location: {{path: {REFERENCE_DIR}/{package}}}
    license: Apache-2.0
    adapter: {{type: python, target: "{REFERENCE_DIR}.{package}:Implementation"}}
    lock: {REFERENCE_DIR}/{package}/requirements.lock
"""


def _guide_text(identifier: str, folder: str, package: str) -> str:
    prefix = _requirement_prefix(identifier)
    return f"""\
# Editing {identifier}

This folder was made by `recbench new`. `recbench lint {RECOMMENDATIONS_DIR}/{folder}` reports
only that requirement {prefix}-R1 is covered by no vector set until the steps below are done.

1. **Identity.** In `{RECOMMENDATION_FILE}`, replace each `TODO` (title, study group, summary);
   keep `status: in-preparation` until the text is consented. The schema comment on line 1 gives
   completion and checks in editors that read it.
2. **Requirements.** One entry per numbered requirement, ids `{prefix}-R1`, `{prefix}-R2`, …, never
   renumbered once published. `level` is shall, shall-not, should, should-not or may. Clauses no
   vector can test take `verification: inspection`.
3. **Interfaces.** Rename `example` and declare its inputs and outputs with their types
   (docs/recommendation-format.md lists them).
4. **Vectors.** Write `vectors/<set>.json` (the envelope of docs/recommendation-format.md, schema
   `recbench-vectors/1`), then uncomment the vector-set entry, with `sha256` left at 64 zeros, and
   run `recbench lint --fix`: it writes the file's real sha256 in place.
5. **Reference implementation.** `{REFERENCE_DIR}/{package}/implementation.py` has one method per
   interface; `recbench conform {identifier}` runs it against the vectors. Keep its
   `requirements.lock` honest: `recbench deps audit` reports third-party imports missing from it.
6. **Release.** With lint clean, the reference passing and everything committed,
   `recbench release "{identifier}" --edition YYYY-MM-DD` sets the edition, writes
   `releases/YYYY-MM.json` and tags the commit. `recbench history` and `recbench diff` show what
   changed between editions.
"""


def _package_files(identifier: str, package: str) -> dict[str, str]:
    module = f"{REFERENCE_DIR}.{package}"
    return {
        "__init__.py": f'"""{identifier} reference implementation."""\n\n'
        f"from {module}.implementation import Implementation\n\n"
        '__all__ = ["Implementation"]\n',
        "implementation.py": f'"""The {identifier} reference as the harness calls it: one method per interface."""\n\n'
        "from __future__ import annotations\n\n\n"
        "class Implementation:\n"
        f'    """Interfaces of {RECOMMENDATIONS_DIR}/{folder_name(identifier)}: one method each, named after it."""\n\n'
        "    def example(self, data: bytes) -> dict[str, bytes]:\n"
        '        """TODO: the interface \'example\' of recommendation.yaml."""\n'
        '        raise NotImplementedError("example is not implemented yet")\n',
        "__main__.py": f'"""``python -m {module} serve``: the reference over the process protocol."""\n\n'
        "import sys\n\n"
        f"from {REFERENCE_DIR}._serve import serve\n"
        f"from {module} import Implementation\n\n"
        'if __name__ == "__main__":\n'
        '    if sys.argv[1:] != ["serve"]:\n'
        f'        sys.exit("usage: python -m {module} serve")\n'
        f'    sys.exit(serve(Implementation(), name="recbench {identifier.removeprefix("ITU-T ")} reference",'
        ' version="0.1.0"))\n',
        "requirements.lock": f"# Runtime dependencies of {REFERENCE_DIR}/{package}, as a hashed pip lock:\n"
        f"#   pip install --require-hashes --no-deps -r {REFERENCE_DIR}/{package}/requirements.lock\n"
        "#\n"
        "# The package imports only the Python standard library, so the lock holds no entry.\n"
        "# `recbench deps audit` reports any third-party import that is not locked here.\n",
    }


def scaffold_recommendation(
    root: Path, identifier: str, *, study_group: int = 17, today: dt.date | None = None
) -> Scaffold:
    """Write the folder of the new Recommendation ``identifier`` and its reference package under ``root``."""
    if not RECOMMENDATION_ID.match(identifier):
        raise RecbenchError(
            f"{identifier!r} is not an ITU-T identifier such as 'ITU-T G.711', 'ITU-T X.690 Amendment 1'"
        )
    if not 1 <= study_group <= 20:
        raise RecbenchError(f"study group {study_group} does not exist (1 to 20)")
    folder, package = folder_name(identifier), package_name(identifier)
    target = root / RECOMMENDATIONS_DIR / folder
    package_folder = root / REFERENCE_DIR / package
    if identifier in load_catalog(root).ids:
        raise RecbenchError(f"{identifier} is in the catalogue already")
    for existing in (target, package_folder):
        if existing.exists():
            raise RecbenchError(f"{existing} exists already; nothing was written")
    staged = [
        (target.with_name(f".new-{folder}"), target),
        (package_folder.with_name(f".new-{package}"), package_folder),
    ]
    written: list[Path] = []
    try:
        recommendation, implementation = staged[0][0], staged[1][0]
        for path, _ in staged:
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True)
        (recommendation / "vectors").mkdir()
        (recommendation / RECOMMENDATION_FILE).write_text(
            _recommendation_text(identifier, package, study_group, today or dt.date.today()), encoding="utf-8"
        )
        (recommendation / GUIDE_FILE).write_text(_guide_text(identifier, folder, package), encoding="utf-8")
        for name, text in _package_files(identifier, package).items():
            (implementation / name).write_text(text, encoding="utf-8")
        for path, final in staged:
            os.rename(path, final)
            written.append(final)
    except BaseException:
        for path, _ in staged:
            shutil.rmtree(path, ignore_errors=True)
        for final in written:
            shutil.rmtree(final, ignore_errors=True)
        raise
    files = sorted(
        path.relative_to(root).as_posix() for folder_path in (target, package_folder)
        for path in folder_path.rglob("*")
    )
    return Scaffold(
        recommendation_folder=target.relative_to(root).as_posix(),
        package_folder=package_folder.relative_to(root).as_posix(),
        files=tuple(files),
    )

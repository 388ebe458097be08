"""The registry of diagnostic codes: every ``RBxxx`` code recbench can report, and what it means.

A code is registered here before any module emits it; ``recbench lint --list-rules`` prints this
registry, docs/recommendation-format.md carries the same table, and a test scans the source of
``conformance/`` so that no emitted code is missing here and no registered code is dead (unless
it is listed in ``RESERVED``, kept for a rule that is planned or withdrawn so its number is not
reused with another meaning).

The hundreds group the codes by topic (``TOPICS``). This module imports nothing, so the spec
layer, the harness and the CLI can all read it without pulling in one another.
"""

from __future__ import annotations

TOPICS: dict[str, str] = {
    "RB1": "reading a file",
    "RB2": "ids and coverage",
    "RB3": "vector files",
    "RB4": "references",
    "RB5": "implementations",
    "RB6": "paths",
    "RB7": "implementation conformance statements (ICS)",
    "RB8": "dependency policies",
    "RB9": "study-group data (studygroup.yaml)",
}

CODES: dict[str, str] = {
    # RB1xx reading a file
    "RB100": "A field is missing, unknown, or of the wrong type or form.",
    "RB101": "The YAML file cannot be parsed.",
    "RB102": "The file is too large, or uses too many YAML aliases.",
    # RB2xx ids and coverage
    "RB200": "Two requirements, options, interfaces, vector sets or implementations share an id.",
    "RB201": "A vector set covers a requirement id that is not declared.",
    "RB202": "A vector set requires an option id that is not declared.",
    "RB203": "A vector set names an interface that is not declared.",
    "RB210": "A shall or shall-not requirement verified by test has no vector set covering it.",
    # RB3xx vector files
    "RB300": "A vector file is missing.",
    "RB301": "A vector set's sha256 is missing, a placeholder, or not that of its file (`lint --fix` writes it).",
    "RB302": "A vector file is not valid JSON or does not follow the vector-set schema.",
    "RB303": "A vector's inputs or expected outputs do not match the interface's types.",
    "RB304": "A payload referenced by a vector file is missing, has another sha256, or cannot be decoded.",
    "RB305": "A vector file disagrees with its entry (Recommendation, set id, interface, test count or ids).",
    "RB306": "A test uses a flag its file's notes do not explain, or is 'acceptable' without any flag.",
    "RB307": "A payload fetched on demand is not in this machine's cache (`recbench vectors fetch` gets it); "
    "the set cannot run.",
    "RB308": "A vector set's fetched file is not a payload of its vector file, or is pinned to another sha256.",
    "RB309": "A fetched file could not be downloaded, or its bytes have another sha256 than pinned (nothing is "
    "kept).",
    # RB4xx references
    "RB400": "A normative reference names a Recommendation that is not in the catalogue.",
    "RB401": "An amendment or corrigendum names a base Recommendation that is not in the catalogue.",
    # RB5xx implementations
    "RB500": "An implementation's path does not exist in the repository.",
    "RB501": "An implementation's dependency lock does not exist.",
    "RB502": "An implementation's python target cannot be imported: its module, or the name in it, is not found "
    "(looked up without running it).",
    # RB6xx paths
    "RB600": "A referenced file lies outside the Recommendation's folder (.., absolute path or symlink).",
    # RB7xx ICS (reported by `recbench conform` and `recbench ics check`, not by lint)
    "RB700": "An ICS is not a regular YAML mapping, or a field is missing, unknown, or of the wrong type or form.",
    "RB701": "An entry of an ICS's expected-failure list file is not 'set-id/test-id' or 'set-id'.",
    "RB702": "An ICS's expected failure names a test id that its vector set does not have (a stale entry).",
    # RB8xx dependency policy (reported by `recbench deps` and `recbench check`)
    "RB800": "A dependency policy (hygiene.toml) field is missing, unknown, or of the wrong type or form.",
    # RB9xx study-group data (reported by `recbench lint` and `recbench report progress`)
    "RB900": "A studygroup.yaml field is missing, unknown, or of the wrong type or form.",
    "RB901": "studygroup.yaml names a Recommendation that is not in the catalogue.",
    "RB902": "A meeting or training event of studygroup.yaml lies outside its study period.",
}

RESERVED: frozenset[str] = frozenset()
"""Registered codes no module emits today; the source scan accepts them unused."""


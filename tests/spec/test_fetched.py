"""Payloads fetched on demand: the model, loading from the cache, fetching with a pinned sha256, and lint."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conformance.errors import RecbenchError
from conformance.spec.catalog import load_catalog
from conformance.spec.fetched import cached_path, fetch_payloads
from conformance.spec.lint import lint_paths
from conformance.spec.loading import LoadedRecommendation, load_recommendation
from conformance.spec.vectors import load_vector_set
from tests.fetching import FileServer, fetch_on_demand
from tests.mini_repository import MiniRepository

pytestmark = pytest.mark.usefixtures("own_cache")


def fetched_mini(mini: MiniRepository, server: FileServer) -> LoadedRecommendation:
    """The mini repository with its payload data.bin served by ``server`` instead of kept beside the vectors."""
    server.files.update(fetch_on_demand(mini.yaml, "basic", [mini.folder / "vectors" / "data.bin"], server.url))
    return load_recommendation(mini.yaml)


def test_absent_payload_is_an_error_naming_the_fetch_command(mini: MiniRepository, file_server: FileServer) -> None:
    loaded = fetched_mini(mini, file_server)
    with pytest.raises(RecbenchError) as caught:
        load_vector_set(loaded.model.vector_sets[0], loaded.folder)
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.code == "RB307"
    assert "`recbench vectors fetch 'ITU-T X.999' --set basic`" in diagnostic.message
    assert diagnostic.path == mini.vectors and diagnostic.line > 1  # at the payload reference
    assert file_server.requests == []  # loading never downloads


def test_fetched_payload_loads_from_the_cache(mini: MiniRepository, file_server: FileServer) -> None:
    loaded = fetched_mini(mini, file_server)
    result = fetch_payloads(loaded)
    assert result.problems == []
    [got] = result.fetched
    assert (got.status, got.size, got.licence_class, got.item.file) == ("downloaded", 2, "conformance-use-only",
                                                                          "data.bin")
    assert cached_path(got.item.sha256).read_bytes() == bytes([3, 4])
    vector_set = load_vector_set(loaded.model.vector_sets[0], loaded.folder)
    assert vector_set.vectors[1].inputs["values"] == [3, 4]
    assert vector_set.payloads == {"data.bin": got.item.sha256}
    again = fetch_payloads(loaded)
    assert [item.status for item in again.fetched] == ["cached"]
    assert file_server.requests == ["/data/data.bin"]  # the second fetch found it cached


def test_a_corrupted_cached_copy_is_downloaded_again(mini: MiniRepository, file_server: FileServer) -> None:
    loaded = fetched_mini(mini, file_server)
    pin = loaded.model.vector_sets[0].fetch.files[0].sha256  # type: ignore[union-attr]
    cached_path(pin).parent.mkdir(parents=True)
    cached_path(pin).write_bytes(b"\x00\x00")
    with pytest.raises(RecbenchError, match="has sha256"):  # the loader checks the bytes it reads
        load_vector_set(loaded.model.vector_sets[0], loaded.folder)
    assert [item.status for item in fetch_payloads(loaded).fetched] == ["downloaded"]
    assert cached_path(pin).read_bytes() == bytes([3, 4])


def test_other_bytes_are_refused_and_nothing_is_kept(mini: MiniRepository, file_server: FileServer,
                                                     own_cache: Path) -> None:
    loaded = fetched_mini(mini, file_server)
    file_server.files["/data/data.bin"] = b"\x03\x05"
    result = fetch_payloads(loaded)
    assert result.fetched == []
    [problem] = result.problems
    assert problem.code == "RB309" and "refused, nothing kept" in problem.message
    assert hashlib.sha256(b"\x03\x05").hexdigest() in problem.message
    assert mini.yaml.read_text().splitlines()[problem.line - 1].lstrip().startswith("sha256:")
    assert not (own_cache / "fetched").exists() or list((own_cache / "fetched").iterdir()) == []


def test_a_download_that_fails_names_the_url(mini: MiniRepository, file_server: FileServer) -> None:
    loaded = fetched_mini(mini, file_server)
    file_server.files.clear()
    [problem] = fetch_payloads(loaded).problems
    assert problem.code == "RB309"
    assert f"{file_server.url}/data/data.bin" in problem.message and "404" in problem.message


def test_only_the_sets_asked_for_are_fetched(mini: MiniRepository, file_server: FileServer) -> None:
    loaded = fetched_mini(mini, file_server)
    assert fetch_payloads(loaded, ["other"]).fetched == []
    assert file_server.requests == []


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("          url: ", "          link: ", "url"),
        ("          url: http", "          url: ftp", "not an http(s) URL"),
        ("          url: http://", "          url: http://user:token@", "credentials"),
        ("licence_class: conformance-use-only", "licence_class: mine-only", "licence_class"),
        ("          sha256: \"", "          sha256: \"0", "sha256"),
    ],
)
def test_a_malformed_fetch_entry_is_refused_located(mini: MiniRepository, file_server: FileServer, old: str,
                                                    new: str, words: str) -> None:
    fetched_mini(mini, file_server)
    mini.edit(old, new)
    failures = load_catalog(mini.root).failures
    assert failures and {failure.code for failure in failures} == {"RB100"}
    failure = next(failure for failure in failures if words in failure.message)
    assert failure.line > mini.yaml.read_text().splitlines().index("    fetch:")


def test_a_file_listed_twice_is_refused(mini: MiniRepository, file_server: FileServer) -> None:
    fetched_mini(mini, file_server)
    text = mini.yaml.read_text()
    start = text.index("        - file: data.bin")
    end = text.index("\n", text.index("          sha256:", start)) + 1
    mini.yaml.write_text(text[:end] + text[start:end] + text[end:])
    [failure] = load_catalog(mini.root).failures
    assert failure.code == "RB100" and "listed twice" in failure.message


def test_lint_needs_no_fetched_file(mini: MiniRepository, file_server: FileServer) -> None:
    fetched_mini(mini, file_server)
    assert lint_paths([mini.folder]).diagnostics == []
    assert file_server.requests == []  # lint never downloads


def test_lint_finds_a_fetched_file_the_vectors_do_not_reference(mini: MiniRepository,
                                                                 file_server: FileServer) -> None:
    fetched_mini(mini, file_server)
    pin = '"' + "0" * 64 + '"'
    extra = f"        - {{file: other.bin, url: {file_server.url}/o, sha256: {pin}}}\n"
    mini.edit("      files:\n", "      files:\n" + extra)
    [finding] = lint_paths([mini.folder]).diagnostics
    assert finding.code == "RB308" and "'other.bin' is not a payload of vectors/basic.json" in finding.message
    at = mini.yaml.read_text().splitlines()[finding.line - 1][finding.column - 1:]
    assert at.removeprefix("file: ").startswith("other.bin")


def test_lint_finds_a_pin_the_vectors_disagree_with(mini: MiniRepository, file_server: FileServer) -> None:
    fetched_mini(mini, file_server)
    text = mini.yaml.read_text()
    start = text.index("sha256: \"", text.index("    fetch:")) + len("sha256: \"")
    mini.yaml.write_text(text[:start] + "f" * 64 + text[start + 64:])
    [finding] = lint_paths([mini.folder]).diagnostics
    assert finding.code == "RB308" and "pinned to sha256 " + "f" * 64 in finding.message


def test_no_recommendation_of_this_repository_needs_fetching(repository: Path) -> None:
    # `recbench check` runs every set of every Recommendation and must work offline on a fresh checkout
    catalog = load_catalog(repository)
    assert catalog.recommendations
    assert [(loaded.model.id, entry.id) for loaded in catalog.recommendations
            for entry in loaded.model.vector_sets if entry.fetch is not None] == []

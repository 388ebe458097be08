"""The PEP 691 client: URL resolution, Accept header, cache with fetch time, offline use."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conformance.hygiene.advisories import OsvDatabase
from conformance.hygiene.index import (
    SIMPLE_JSON,
    IndexFetchError,
    IndexSetting,
    PackageIndex,
    resolve_index_url,
)
from tests.hygiene.conftest import DATA, Answer, ScriptedServer, _IndexHandler


def test_resolution_order(tmp_path: Path) -> None:
    config = tmp_path / "pip.conf"
    config.write_text("[global]\nindex-url = http://127.0.0.1:9/from-pip\n")
    env = {"RECBENCH_INDEX_URL": "http://127.0.0.1:9/recbench",
           "PIP_INDEX_URL": "http://127.0.0.1:9/pip-env"}
    assert resolve_index_url("http://127.0.0.1:9/x", env, [config]).origin == "--index-url"
    assert resolve_index_url(None, env, [config]).url == "http://127.0.0.1:9/recbench"
    del env["RECBENCH_INDEX_URL"]
    assert resolve_index_url(None, env, [config]).origin == "PIP_INDEX_URL"
    setting = resolve_index_url(None, {}, [config])
    assert setting.url == "http://127.0.0.1:9/from-pip" and "pip configuration" in setting.origin
    assert resolve_index_url(None, {}, []).url is None


def test_fetch_sends_the_json_accept_header_and_caches(local_server: str) -> None:
    database = OsvDatabase(":memory:")
    index = PackageIndex(database, IndexSetting(f"{local_server}/simple", "test"), offline=False)
    history = index.release_history("Demo_Lib")
    assert history is not None
    assert SIMPLE_JSON in _IndexHandler.accepts[0]
    assert set(history.releases) == {"1.0", "1.1", "1.2", "2.0rc1", "2.0"}
    assert history.releases["1.0"].upload_time == datetime(2019, 1, 1, 10, tzinfo=UTC)
    assert history.releases["1.2"].yanked and history.releases["1.2"].yanked_reason == "broken build"
    assert datetime.now(UTC) - history.fetched_at < timedelta(minutes=1)
    # Offline, the cached page is used and nothing is requested.
    requests = len(_IndexHandler.accepts)
    offline = PackageIndex(database, IndexSetting(f"{local_server}/simple", "test"), offline=True)
    cached = offline.release_history("demo-lib")
    assert cached is not None and cached.fetched_at == history.fetched_at
    assert len(_IndexHandler.accepts) == requests


def test_core_metadata_is_fetched_once_and_parsed(local_server: str) -> None:
    database = OsvDatabase(":memory:")
    index = PackageIndex(database, IndexSetting(f"{local_server}/simple", "test"), offline=False)
    metadata = index.core_metadata("demo-lib", "1.0")
    assert metadata is not None and metadata.license_expression == "GPL-3.0-only"
    assert "Development Status :: 7 - Inactive" in metadata.classifiers
    offline = PackageIndex(database, IndexSetting(f"{local_server}/simple", "t"), offline=True)
    assert offline.core_metadata("demo-lib", "1.0") == metadata


def test_errors_are_clear_and_fall_back_to_the_cache(local_server: str) -> None:
    database = OsvDatabase(":memory:")
    index = PackageIndex(database, IndexSetting(f"{local_server}/simple", "t"), offline=False)
    with pytest.raises(IndexFetchError, match="404"):
        index.fetch("no-such-package")
    unreachable = PackageIndex(database, IndexSetting("http://127.0.0.1:9/simple", "t"),
                               offline=False, timeout=2)
    assert unreachable.release_history("demo-lib") is None
    assert unreachable.errors and unreachable.offline  # one failure switches the run offline
    with pytest.raises(IndexFetchError, match="no package index configured"):
        PackageIndex(database, IndexSetting(None, "none"), offline=False).fetch("demo-lib")


def test_html_answer_is_rejected(scripted_server: ScriptedServer) -> None:
    scripted_server.routes["/simple/demo-lib/"] = Answer(b"<html/>", content_type="text/html")
    index = PackageIndex(OsvDatabase(":memory:"),
                         IndexSetting(f"{scripted_server.url}/simple", "t"))
    with pytest.raises(IndexFetchError, match="not the PEP 691 JSON form"):
        index.fetch("demo-lib")


def test_credentials_never_reach_reports_or_the_cache() -> None:
    from conformance.hygiene.urls import redact_url

    assert redact_url("https://user:secret@127.0.0.1:8443/simple") == "https://127.0.0.1:8443/simple"
    assert redact_url("http://127.0.0.1/simple") == "http://127.0.0.1/simple"
    index = PackageIndex(OsvDatabase(":memory:"),
                         IndexSetting("http://u:p@127.0.0.1:9/simple/", "test"))
    assert index.cache_key == "http://127.0.0.1:9/simple"


@pytest.mark.parametrize(("body", "message"), [
    (b'{"meta": {"api-version": "1.0"}, "name": "demo-lib", "files": 5}', "no 'files' list"),
    (b'{"meta": {"api-version": "2.0"}, "name": "demo-lib", "files": []}',
     "simple API version 2.0"),
    (b'[1, 2]', "not a JSON object"),
])
def test_pages_that_are_not_pep_691_are_refused_and_not_cached(
        scripted_server: ScriptedServer, body: bytes, message: str) -> None:
    scripted_server.routes["/simple/demo-lib/"] = Answer(body, content_type=SIMPLE_JSON)
    database = OsvDatabase(":memory:")
    index = PackageIndex(database, IndexSetting(f"{scripted_server.url}/simple", "t"),
                         offline=False)
    with pytest.raises(IndexFetchError, match=message):
        index.fetch("demo-lib")
    assert index.cached("demo-lib") is None
    assert index.release_history("demo-lib") is None and index.errors


def test_index_that_hangs_or_is_not_http(scripted_server: ScriptedServer) -> None:
    scripted_server.routes["/simple/demo-lib/"] = Answer(b"{}", delay=3)
    database = OsvDatabase(":memory:")
    slow = PackageIndex(database, IndexSetting(f"{scripted_server.url}/simple", "t"),
                        offline=False, timeout=0.3)
    with pytest.raises(IndexFetchError, match="timed out"):
        slow.fetch("demo-lib")
    for url in ("notaurl", "file:///etc"):
        with pytest.raises(IndexFetchError, match="not an http"):
            PackageIndex(database, IndexSetting(url, "t"), offline=False).fetch("demo-lib")


def test_index_credentials_from_the_url(scripted_server: ScriptedServer) -> None:
    page = (DATA / "simple" / "demo-lib" / "index.json").read_bytes()
    metadata = (DATA / "simple" / "files" / "demo_lib-1.0-py3-none-any.whl.metadata").read_bytes()
    basic = "Basic dTpw"  # u:p
    scripted_server.routes.update({
        "/simple/demo-lib/": Answer(page, content_type=SIMPLE_JSON, authorization=basic),
        "/files/demo_lib-1.0-py3-none-any.whl.metadata": Answer(metadata, authorization=basic)})
    url = scripted_server.url.replace("http://", "http://u:p@") + "/simple"
    index = PackageIndex(OsvDatabase(":memory:"), IndexSetting(url, "t"), offline=False)
    assert index.release_history("demo-lib") is not None
    found = index.core_metadata("demo-lib", "1.0")
    assert found is not None and found.license_expression == "GPL-3.0-only"
    assert index.errors == []

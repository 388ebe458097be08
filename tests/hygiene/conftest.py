"""Fixtures of the hygiene tests: isolated stores, the real advisory data, a local index."""

from __future__ import annotations

import http.server
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import ClassVar

import git
import pytest

from conformance.hygiene.advisories import OsvDatabase

DATA = Path(__file__).parent / "data"
SIMPLE_JSON = "application/vnd.pypi.simple.v1+json"


@pytest.fixture(autouse=True)
def _no_network_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stores in tmp_path, and no index configured unless a test serves one on 127.0.0.1."""
    monkeypatch.setenv("RECBENCH_DB", str(tmp_path / "hygiene.sqlite3"))
    monkeypatch.setenv("RECBENCH_HISTORY", str(tmp_path / "history.sqlite3"))
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    for name in ("PIP_INDEX_URL", "RECBENCH_INDEX_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def real_database_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file seeded once per session with the embedded October 2024 snapshot."""
    path = tmp_path_factory.mktemp("osv") / "real.sqlite3"
    with OsvDatabase(path) as database:
        database.import_embedded()
    return path


@pytest.fixture
def real_database(real_database_file: Path, tmp_path: Path) -> Iterator[OsvDatabase]:
    """A private copy of the seeded database (tests may write to the cache tables)."""
    copy = tmp_path / "real-copy.sqlite3"
    with OsvDatabase(real_database_file) as source:
        source.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy.write_bytes(real_database_file.read_bytes())
    with OsvDatabase(copy) as database:
        yield database


class _IndexHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a copy of tests/hygiene/data/simple as a PEP 691 index; JSON only when asked."""

    accepts: ClassVar[list[str]] = []

    root: ClassVar[Path] = DATA / "simple"

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, directory=str(self.root), **kwargs)  # type: ignore[arg-type]

    def do_GET(self) -> None:
        type(self).accepts.append(self.headers.get("Accept", ""))
        parts = [p for p in self.path.split("?")[0].split("/") if p]
        if len(parts) == 2 and parts[0] == "simple":
            page = self.root / parts[1] / "index.json"
            if not page.is_file():
                self.send_error(404)
                return
            if SIMPLE_JSON not in self.headers.get("Accept", ""):
                body = b"<html><body>not JSON</body></html>"
                content_type = "text/html"
            else:
                body = page.read_bytes()
                content_type = SIMPLE_JSON
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served_folder(tmp_path: Path) -> Path:
    """The folder the local server serves: a private copy of data/simple (tests may add files)."""
    folder = tmp_path / "served"
    shutil.copytree(DATA / "simple", folder)
    return folder


@pytest.fixture
def local_server(served_folder: Path) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 serving ``served_folder`` (index pages, files); its base URL."""
    _IndexHandler.accepts = []
    handler = type("_Handler", (_IndexHandler,), {"root": served_folder})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Answer:
    """How the scripted server answers one path (every wait is short and bounded)."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds of silence before answering
    trickle: float = 0.0  # seconds between single bytes of the body, sent without a length
    authorization: str | None = None  # the Authorization header required, else 401


@dataclass
class ScriptedServer:
    """A server on 127.0.0.1 whose answers a test sets per path; it records each request."""

    url: str
    routes: dict[str, Answer]
    requests: list[tuple[str, dict[str, str]]]


class _ScriptedHandler(http.server.BaseHTTPRequestHandler):
    script: ClassVar[ScriptedServer]

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        self.script.requests.append((path, dict(self.headers.items())))
        answer = self.script.routes.get(path)
        if answer is None:
            self.send_error(404)
            return
        if answer.authorization and self.headers.get("Authorization") != answer.authorization:
            self.send_error(401)
            return
        time.sleep(min(answer.delay, 5.0))
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        if not answer.trickle:
            self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        if not answer.trickle:
            self.wfile.write(answer.body)
            return
        for byte in answer.body[:200]:
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return
            time.sleep(answer.trickle)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def scripted_server() -> Iterator[ScriptedServer]:
    """A 127.0.0.1 server answering 404, 500, wrong types, slowly or not at all, as scripted."""
    script = ScriptedServer(url="", routes={}, requests=[])
    handler = type("_Handler", (_ScriptedHandler,), {"script": script})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.block_on_close = False
    script.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                              daemon=True)
    thread.start()
    try:
        yield script
    finally:
        server.shutdown()
        server.server_close()


def commit_at(repo: git.Repo, files: dict[str, bytes], message: str, when: datetime,
              author: str = "Ada <ada@example.org>") -> git.Commit:
    """Write files and commit them with a fixed author and commit date."""
    root = Path(repo.working_tree_dir or ".")
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        repo.index.add([name])
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S+0000")
    name, _, email = author.partition(" <")
    actor = git.Actor(name, email.rstrip(">"))
    return repo.index.commit(message, author=actor, committer=actor, author_date=stamp,
                             commit_date=stamp)

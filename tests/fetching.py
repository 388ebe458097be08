"""Fetched payloads in tests: a server on 127.0.0.1 with recorded bytes, and a set made to fetch its payloads."""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import pytest


@dataclass
class FileServer:
    """A server on 127.0.0.1 answering each path with the bytes a test recorded (404 otherwise)."""

    url: str
    files: dict[str, bytes] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)


class _Handler(http.server.BaseHTTPRequestHandler):
    server_state: ClassVar[FileServer]

    def do_GET(self) -> None:
        self.server_state.requests.append(self.path)
        body = self.server_state.files.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def file_server() -> Iterator[FileServer]:
    """A local HTTP server (127.0.0.1 only) serving recorded bytes; tests fill ``files``."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    state = FileServer(url=f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = type("_Recorded", (_Handler,), {"server_state": state})
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test only, so a file fetched by another test is never found here."""
    folder = tmp_path / "own-cache"
    monkeypatch.setenv("RECBENCH_CACHE_DIR", str(folder))
    return folder


def fetch_on_demand(recommendation: Path, set_id: str, payloads: list[Path], url: str,
                    licence_class: str = "conformance-use-only") -> dict[str, bytes]:
    """Take ``payloads`` (files beside the set's vector file) out of the repository and list them under the
    set's ``fetch``, served at ``url``/<name>; returns the server paths and bytes to record."""
    text = recommendation.read_text("utf-8")
    start = text.index(f"  - id: {set_id}\n")
    requires = text.index("    requires:", start)
    end = text.index("\n", requires) + 1
    served: dict[str, bytes] = {}
    lines = [f"    fetch:\n      licence_class: {licence_class}\n      files:\n"]
    for path in payloads:
        data = path.read_bytes()
        path.unlink()
        served[f"/data/{path.name}"] = data
        lines.append(f"        - file: {path.name}\n          url: {url}/data/{path.name}\n"
                     f"          sha256: \"{hashlib.sha256(data).hexdigest()}\"\n")
    recommendation.write_text(text[:end] + "".join(lines) + text[end:], encoding="utf-8")
    return served

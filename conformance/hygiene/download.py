"""Bounded HTTP(S) downloads: advisory dumps and package-index answers.

Every download has a size cap and an overall deadline (a server that trickles bytes cannot
hold a run forever), takes only http and https URLs, and turns credentials written in the URL
(``https://user:token@mirror/simple``) into basic authentication that is sent to that host
only, never along a redirect to another one.
"""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO
from urllib.parse import unquote, urlsplit

from conformance.hygiene.urls import redact_url

_CHUNK = 1 << 16


class DownloadError(RuntimeError):
    """A URL that could not be fetched; the message names the URL without its credentials."""


@dataclass(frozen=True, slots=True)
class Download:
    """What the server answered: the body and its declared media type."""

    body: bytes
    content_type: str


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    return parts.scheme, parts.hostname or "", parts.port


class _SameOriginAuthRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects, re-sending the credentials only when the origin stays the same."""

    def __init__(self, origin: tuple[str, str, int | None], authorization: str | None) -> None:
        self.origin = origin
        self.authorization = authorization

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: HTTPMessage, newurl: str) -> urllib.request.Request | None:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and self.authorization and _origin(newurl) == self.origin:
            new.add_unredirected_header("Authorization", self.authorization)
        return new


def fetch(url: str, *, accept: str = "*/*", timeout: float = 30.0, max_bytes: int,
          deadline: float | None = None) -> Download:
    """GET ``url``: at most ``max_bytes`` bytes within ``deadline`` seconds (default 4 timeouts)."""
    shown = redact_url(url)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DownloadError(f"{shown}: not an http(s) URL")
    authorization = None
    if parts.username is not None or parts.password is not None:
        pair = f"{unquote(parts.username or '')}:{unquote(parts.password or '')}"
        authorization = "Basic " + base64.b64encode(pair.encode()).decode("ascii")
    request = urllib.request.Request(shown, headers={
        "Accept": accept, "User-Agent": "recbench-hygiene"})
    if authorization:
        request.add_unredirected_header("Authorization", authorization)
    opener = urllib.request.build_opener(_SameOriginAuthRedirects(_origin(url), authorization))
    limit = time.monotonic() + (deadline if deadline is not None else 4 * timeout)
    chunks: list[bytes] = []
    size = 0
    try:
        with opener.open(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type", "")
            # read1 returns what has arrived, so a trickling server meets the deadline check.
            while chunk := response.read1(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise DownloadError(f"{shown}: larger than {max_bytes // 2**20} MiB")
                if time.monotonic() > limit:
                    raise DownloadError(f"{shown}: still downloading after the time allowed")
                chunks.append(chunk)
    except urllib.error.HTTPError as error:
        raise DownloadError(f"{shown}: download failed (the server answered {error.code} "
                            f"{error.reason})") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise DownloadError(f"{shown}: download failed ({reason})") from None
    return Download(body=b"".join(chunks), content_type=content_type)

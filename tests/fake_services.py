"""Stand-ins for chat, social and SMS services, and a webhook receiver, all on 127.0.0.1.

Apprise talks HTTP to each service as it would in production; only where it
goes changes. Services that take any host (Mastodon, Mattermost, Matrix,
json://) are given 127.0.0.1 in their URL. Services with a fixed host (Slack's
hooks.slack.com, Discord, Telegram, Bluesky and its directory, Twilio, Teams
workflows) are reached through a patch at the HTTP layer: ``requests`` sends
the same request to 127.0.0.1 over plain HTTP, the original host in an
``X-Original-Host`` header. Each stand-in answers what the real service
answers to a good request (Slack's ``ok``, Telegram's ``{"ok": true}``, a
Bluesky session and DID document …), or an error when a test says so.

The webhook receiver verifies every request with the ``standardwebhooks``
library's own verifier, as an integrator would, and keeps what it verified.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit, urlunsplit

import requests.adapters
from standardwebhooks import Webhook, WebhookVerificationError

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class Request:
    method: str
    host: str
    """The host Apprise meant (``hooks.slack.com``), or 127.0.0.1:port."""
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)

    @property
    def service(self) -> str:
        """Which stand-in it went to: the host for a fixed-host service (``hooks.slack.com``), else the first
        part of the path on 127.0.0.1 (``api`` for Mastodon, ``hooks`` for Mattermost, ``_matrix``, ``json``)."""
        if not self.host.startswith(LOOPBACK):
            return self.host
        return unquote(urlsplit(self.path).path.split("/")[1])

    @property
    def text(self) -> str:
        """What the service would show: the message's text in each service's request."""
        if self.service == "api.twilio.com":
            return parse_qs(self.body.decode())["Body"][0]
        data = self.json()
        if data.get("attachments"):  # Slack's attachment, or Teams' adaptive card
            parts = []
            for attachment in data["attachments"]:
                parts += [attachment.get("title", ""), attachment.get("text", "")]
                parts += [block.get("text", "") for block in (attachment.get("content") or {}).get("body", [])]
            return "\n".join(p for p in parts if p)
        record = data.get("record") or {}  # Bluesky
        for key in ("text", "status", "content", "body", "message"):
            for source in (record, data):
                if isinstance(source.get(key), str):
                    return source[key]
        raise AssertionError(f"no text in {self.body!r}")


SESSION = {
    "did": "did:plc:northwind",
    "accessJwt": "access",
    "refreshJwt": "refresh",
    "handle": "northwind.bsky.social",
}
DID_DOCUMENT = {
    "id": "did:plc:northwind",
    "service": [{"id": "#atproto_pds", "type": "AtprotoPersonalDataServer", "serviceEndpoint": "https://pds.example"}],
}


def answer(request: Request) -> tuple[int, str, bytes]:
    """(status, content type, body) the real service gives a good request."""
    path = urlsplit(request.path).path
    if request.host == "hooks.slack.com":
        return 200, "text/plain", b"ok"
    if request.host == "discord.com":
        return 204, "application/json", b""
    if request.host == "api.telegram.org":
        return 200, "application/json", json.dumps({"ok": True, "result": {"message_id": 7}}).encode()
    if request.host == "public.api.bsky.app":
        return 200, "application/json", json.dumps({"did": SESSION["did"]}).encode()
    if request.host == "plc.directory":
        return 200, "application/json", json.dumps(DID_DOCUMENT).encode()
    if path.endswith("com.atproto.server.createSession"):
        return 200, "application/json", json.dumps(SESSION).encode()
    if path.endswith("com.atproto.repo.createRecord"):
        return 200, "application/json", json.dumps({"uri": "at://did:plc:northwind/post/1", "cid": "c1"}).encode()
    if request.host == "api.twilio.com":
        return 201, "application/json", json.dumps({"sid": "SM1", "status": "queued"}).encode()
    if request.host.endswith("logic.azure.com:443") or request.host.endswith("logic.azure.com"):
        return 202, "application/json", b""
    if path == "/api/v1/statuses":
        return 200, "application/json", json.dumps({"id": "1", "url": "https://m.example/@n/1"}).encode()
    if path.startswith("/hooks/"):
        return 200, "text/plain", b"ok"
    if path == "/_matrix/client/v3/login":
        body = {"access_token": "matrix-token", "user_id": "@status:localhost", "home_server": "localhost"}
        return 200, "application/json", json.dumps(body).encode()
    if path.startswith("/_matrix/client/v3/join/"):
        return 200, "application/json", json.dumps({"room_id": "!outages:localhost"}).encode()
    if path.startswith("/_matrix/client/v3/rooms/"):
        return 200, "application/json", json.dumps({"event_id": "$1"}).encode()
    return 200, "application/json", b"{}"


@dataclass
class Services:
    """Every stand-in, on one port. ``fail[service]``: answer HTTP 500 to that many of its next messages."""

    port: int = 0
    received: list[Request] = field(default_factory=list)
    fail: dict[str, int] = field(default_factory=dict)

    def posts(self, service: str) -> list[Request]:
        """The messages a service took (see :attr:`Request.service`); a login or a directory read is not one."""
        return [r for r in self.received if r.service == service and _is_message(r)]


def _is_message(request: Request) -> bool:
    if request.method not in ("POST", "PUT"):
        return False
    path = urlsplit(request.path).path
    return not any(part in path for part in ("/login", "/logout", "/join/", "createSession"))


def _handler(services: Services):
    class Handler(http.server.BaseHTTPRequestHandler):
        def _serve(self) -> None:
            size = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(size)
            host = self.headers.get("X-Original-Host") or f"{LOOPBACK}:{services.port}"
            headers = {k: v for k, v in self.headers.items()}
            request = Request(self.command, host, self.path, headers, body)
            if services.fail.get(request.service) and _is_message(request):
                services.fail[request.service] -= 1
                status, kind, data = 500, "application/json", b'{"error": "down for a test"}'
            else:
                services.received.append(request)
                status, kind, data = answer(request)
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = _serve

        def log_message(self, *args) -> None:
            pass

    return Handler


@contextmanager
def running_services() -> Iterator[Services]:
    """The stand-ins, with ``requests`` sending every request for another host to them."""
    services = Services()
    server = http.server.ThreadingHTTPServer((LOOPBACK, 0), _handler(services))
    services.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    original = requests.adapters.HTTPAdapter.send

    def send(self, request, **kwargs):
        parts = urlsplit(request.url)
        if parts.hostname != LOOPBACK:
            request.headers["X-Original-Host"] = parts.netloc
            request.url = urlunsplit(("http", f"{LOOPBACK}:{services.port}", parts.path, parts.query, ""))
        return original(self, request, **kwargs)

    requests.adapters.HTTPAdapter.send = send
    try:
        yield services
    finally:
        requests.adapters.HTTPAdapter.send = original
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Verified:
    headers: dict[str, str]
    payload: dict

    @property
    def id(self) -> str:
        return self.headers["webhook-id"]


@dataclass
class Receiver:
    """An integrator's endpoint: verifies each request with the library's verifier, keeps what passed."""

    secret: str
    port: int = 0
    verified: list[Verified] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    fail: int = 0
    """Answer HTTP 503 to the next this many requests."""

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/outage-hook"


@contextmanager
def running_receiver(secret: str) -> Iterator[Receiver]:
    receiver = Receiver(secret)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            if receiver.fail:
                receiver.fail -= 1
                self.send_response(503)
                self.end_headers()
                return
            try:
                payload = Webhook(receiver.secret).verify(body, headers)
            except WebhookVerificationError as exc:
                receiver.refused.append(str(exc))
                self.send_response(401)
                self.end_headers()
                return
            receiver.verified.append(Verified(headers, payload))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer((LOOPBACK, 0), Handler)
    receiver.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()

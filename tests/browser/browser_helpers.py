"""Constants and helpers shared by the browser tests (the fixtures are in conftest.py)."""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, Response

ROOT = Path(__file__).resolve().parents[2]
BROWSER_TESTS = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = BROWSER_TESTS / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"

NOW = "2026-11-22 12:00"
OPEN_ID = "2026-11-22-clareview-castle-downs-internet-outage"
OPEN_TITLE = "Internet outage in Clareview and Castle Downs"
BANNER = "Partial outage"
AREA_ID = "castle-downs"

FRONT = ""
INCIDENT = f"incidents/{OPEN_ID}/"
AREA = f"areas/{AREA_ID}/"
LITE = "lite/"
LATEST_SENTENCE = "A circuit board in the hub's main router has failed."
"""The first sentence of the open incident's latest update at NOW."""

PAGE_KINDS = {
    "front": FRONT,
    "areas": "areas/",
    "area": AREA,
    "service": "services/internet/",
    "incident": INCIDENT,
    "postmortem": "incidents/2026-05-12-north-edmonton-fibre-cut/",
    "maintenance-item": "incidents/2026-11-19-lauderdale-beverly-core-router-upgrade/",
    "maintenance": "maintenance/",
    "history": "history/",
    "month": "history/2026/11/",
    "newsroom": "bulletins/",
    "bulletin": f"bulletins/{OPEN_ID}/20261122-1730/",
    "help": "help/",
    "lite": LITE,
}
"""One page of every kind the site has, by kind."""

# As root on a closed network: no sandbox, and none of Chromium's own calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-dev-shm-usage",
]

CHROMIUM_MISSING = (
    f"Chromium is not installed at {CHROMIUM}. The browser tests use Debian's Chromium, never a downloaded one: "
    "install it with `apt-get install -y chromium` (do not run `playwright install`)."
)
AXE_MISSING = (
    f"axe-core is not installed: {AXE_JS.relative_to(ROOT)} is missing. "
    "Install it from the lock file with `npm ci --prefix tests/browser`."
)


def require_chromium() -> None:
    if not CHROMIUM.is_file():
        pytest.fail(CHROMIUM_MISSING, pytrace=False)


def require_axe() -> None:
    if not AXE_JS.is_file():
        pytest.fail(AXE_MISSING, pytrace=False)


@dataclass
class Traffic:
    """Every request pages made, and every one that failed or was answered with an error status."""

    requests: list[Request] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> Page:
        page.on("request", self._request)
        page.on("response", self._response)
        page.on("requestfailed", self._failed)
        return page

    def _request(self, request: Request) -> None:
        self.requests.append(request)

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.errors.append(f"{response.status} {response.url} (from {response.frame.url})")

    def _failed(self, request: Request) -> None:
        self.errors.append(f"failed {request.url}: {request.failure}")

    @property
    def urls(self) -> list[str]:
        return [request.url for request in self.requests]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk; fails if the file is not a PNG."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG (starts with {data[:8]!r})"
    assert data[12:16] == b"IHDR", f"{path} has no IHDR chunk first"
    width, height = struct.unpack(">II", data[16:24])
    return width, height

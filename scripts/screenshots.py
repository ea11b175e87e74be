"""The README's screenshots: the example's front page on a phone, in light and in dark.

    .venv/bin/python scripts/screenshots.py          # writes docs/screenshots/front-phone-{light,dark}.png

It builds the example with ``outage build --now "2026-11-22 12:00"`` (the
Clareview outage, service expected back at 3 p.m.), serves it on 127.0.0.1 and
photographs the first screen of a 390 x 844 phone with Playwright driving
Debian's Chromium (/usr/bin/chromium; no browser is downloaded), JavaScript off,
with the reader's colour scheme set to light, then dark.
"""

from __future__ import annotations

import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

from click.testing import CliRunner
from playwright.sync_api import sync_playwright

from generator.cli import main

PROJECT = Path(__file__).resolve().parent.parent
OUT = PROJECT / "docs" / "screenshots"
NOW = "2026-11-22 12:00"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def shoot() -> list[Path]:
    with tempfile.TemporaryDirectory(prefix="outage-screenshots-") as work:
        site = Path(work) / "site"
        result = CliRunner().invoke(main, ["build", "--root", str(PROJECT), "--now", NOW, "--site-dir", str(site)])
        if result.exit_code != 0:
            sys.exit(result.output)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        written = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
                OUT.mkdir(parents=True, exist_ok=True)
                for scheme in ("light", "dark"):
                    context = browser.new_context(color_scheme=scheme, java_script_enabled=False, **PHONE)
                    page = context.new_page()
                    page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="load")
                    path = OUT / f"front-phone-{scheme}.png"
                    page.screenshot(path=str(path))
                    written.append(path)
                    context.close()
                browser.close()
        finally:
            server.shutdown()
        return written


if __name__ == "__main__":
    for path in shoot():
        print(f"wrote {path.relative_to(PROJECT)}")

"""Fixtures for the browser tests: the example site built once, served on 127.0.0.1, and a real headless
Chromium (Debian's, driven by Playwright) with axe-core from npm.

Nothing here downloads a browser: Chromium comes from `apt-get install -y chromium` and axe-core from
`npm ci --prefix tests/browser`. If either is missing, the tests fail and say how to install it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_helpers import AXE_JS, CHROMIUM, CHROMIUM_ARGS, NOW, ROOT, require_axe, require_chromium
from click.testing import CliRunner
from hosting import serve
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright

from generator.cli import main


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, built once for the session with the CLI, as staff build it."""
    site = tmp_path_factory.mktemp("browser") / "site"
    result = CliRunner().invoke(main, ["build", "--root", str(ROOT), "--now", NOW, "--site-dir", str(site)])
    assert result.exit_code == 0, f"outage build failed:\n{result.output}\n{result.exception!r}"
    assert (site / "index.html").is_file(), result.output
    return site


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1 at a free port; ends with a slash."""
    with serve(site_dir, apply_headers=False) as url:
        yield url


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    require_chromium()
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def new_context(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """Makes browser contexts (keyword arguments as for `browser.new_context`), all closed after the test."""
    contexts: list[BrowserContext] = []

    def make(**options: object) -> BrowserContext:
        options.setdefault("reduced_motion", "reduce")
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe_js() -> Path:
    require_axe()
    return AXE_JS

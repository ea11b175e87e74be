"""Atlassian's own Statuspage widget, run in Chromium against the built site, reads what we publish.

`@statuspage/status-widget` (from npm, in tests/browser/node_modules) is the web component Statuspage
customers embed on other sites. Here it runs on a page served from a second origin, so it reads the
API across origins as it would in the wild: that works only because the site's `_headers` gives the
API `Access-Control-Allow-Origin: *` (tests/hosting.py serves the site applying `_headers`).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_helpers import BROWSER_TESTS, ROOT
from click.testing import CliRunner
from example_repo import copy_of_example
from hosting import serve
from playwright.sync_api import BrowserContext, Page, expect

from generator.cli import main

WIDGET_JS = BROWSER_TESTS / "node_modules" / "@statuspage" / "status-widget" / "dist" / "index.js"
OPEN_ID = "2026-11-22-clareview-castle-downs-internet-outage"
# The widget's own colours (its stylesheet, read by hand): none green, major orange, maintenance blue.
GREEN, ORANGE, BLUE = "rgb(46, 204, 113)", "rgb(230, 126, 34)", "rgb(52, 152, 219)"


def build(root: Path, site: Path, now: str) -> Path:
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--now", now, "--site-dir", str(site)])
    assert result.exit_code == 0, result.output
    return site


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, site_dir: Path) -> dict[str, Path]:
    """The example as published at three moments; without the Clareview outage, so maintenance stands alone."""
    work = tmp_path_factory.mktemp("widget")
    root = copy_of_example(work, with_template=True)
    next(root.glob(f"incidents/*/{OPEN_ID}.yml")).unlink()
    return {
        "outage": site_dir,  # the example at noon on November 22 (conftest.py)
        "maintenance": build(root, work / "maintenance", "2026-12-03 02:00"),  # the core router upgrade, 1–5 a.m.
        "quiet": build(root, work / "quiet", "2026-12-03 06:00"),
    }


@pytest.fixture(scope="module")
def embedding_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not WIDGET_JS.is_file():
        pytest.fail(f"{WIDGET_JS.relative_to(ROOT)} is missing: install it with `npm ci --prefix tests/browser`")
    folder = tmp_path_factory.mktemp("embedding")
    shutil.copy(WIDGET_JS, folder / "status-widget.js")
    return folder


@pytest.fixture
def widget(embedding_page: Path, new_context: Callable[..., BrowserContext]) -> Iterator[Callable[..., Page]]:
    """Opens a page on another origin that embeds the widget pointed at a built site; returns the page.

    The page's console messages are kept in ``page.console_messages``.
    """
    with serve(embedding_page, apply_headers=False) as elsewhere:

        def open_widget(site: Path, apply_headers: bool = True) -> Page:
            page = new_context().new_page()
            messages: list[str] = []
            page.on("console", lambda message: messages.append(message.text))
            page.console_messages = messages  # type: ignore[attr-defined]
            with serve(site, apply_headers=apply_headers) as status_site:
                (embedding_page / "index.html").write_text(
                    "<!doctype html><html lang=en><title>Embedding</title><body>"
                    f'<statuspage-widget src="{status_site.rstrip("/")}"></statuspage-widget>'
                    '<script src="status-widget.js"></script></body></html>',
                    encoding="utf-8",
                )
                page.goto(elsewhere)
                # Keep the status site up until the widget has read it, or been refused: rendered, or blocked.
                for _ in range(200):
                    if page.locator("statuspage-widget .status-indicator").count() or any(
                        "CORS" in m for m in messages
                    ):
                        break
                    page.wait_for_timeout(50)
                page.wait_for_load_state("networkidle")
            return page

        yield open_widget


@pytest.mark.parametrize(
    ("moment", "indicator", "words", "colour"),
    [
        ("outage", "major", "Partial System Outage", ORANGE),
        ("maintenance", "maintenance", "Service Under Maintenance", BLUE),
        ("quiet", "none", "All Systems Operational", GREEN),
    ],
)
def test_the_widget_shows_our_status(widget, sites, moment: str, indicator: str, words: str, colour: str) -> None:
    page = widget(sites[moment])
    shown = page.locator("statuspage-widget .status-indicator")
    expect(shown).to_have_count(1)
    assert shown.get_attribute("class").split() == ["status-indicator", indicator]
    expect(page.locator("statuspage-widget .status-text")).to_have_text(words)
    expect(shown).to_have_css("background-color", colour)


def test_without_the_cors_header_the_widget_cannot_read_the_api(widget, sites) -> None:
    """The widget works above only because of `_headers`; served without it, the browser blocks the read."""
    page = widget(sites["maintenance"], apply_headers=False)
    expect(page.locator("statuspage-widget .status-indicator")).to_have_count(0)
    assert any("blocked by CORS policy" in m and "summary.json" in m for m in page.console_messages), (
        page.console_messages
    )

"""What a customer sees in a real browser, with JavaScript on and off: the banner, the open incident, its timeline."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from browser_helpers import BANNER, FRONT, INCIDENT, LITE, OPEN_TITLE, Traffic
from playwright.sync_api import BrowserContext, Page, expect

BANNER_TEXT = re.compile(
    rf"^{re.escape(BANNER)}\.?$"
)  # "Partial outage" on the front page, "Partial outage." on /lite/

javascript = pytest.mark.parametrize("js", [True, False], ids=["js-on", "js-off"])


def open_page(new_context: Callable[..., BrowserContext], base_url: str, path: str, js: bool) -> Page:
    page = new_context(java_script_enabled=js).new_page()
    response = page.goto(base_url + path, wait_until="load")
    assert response is not None and response.ok, f"{base_url + path} answered {response and response.status}"
    return page


def expect_timeline(page: Page) -> None:
    expect(page.get_by_role("heading", name=OPEN_TITLE, level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Updates", exact=True)).to_be_visible()
    assert page.get_by_role("heading", name="Updates", exact=True).is_visible()


@javascript
def test_front_page_shows_the_banner_and_the_open_incident(
    new_context: Callable[..., BrowserContext], base_url: str, js: bool
) -> None:
    page = open_page(new_context, base_url, FRONT, js)
    banner = page.get_by_role("status").filter(has_text=BANNER)
    expect(banner).to_be_visible()
    expect(banner.get_by_text(BANNER_TEXT)).to_be_visible()
    expect(banner).to_be_in_viewport()  # seen without scrolling
    title = page.get_by_role("heading", name=OPEN_TITLE)
    expect(title).to_be_visible()
    assert title.is_visible()
    # the "is it me?" rows of both areas and the incident's card all lead to it
    expect(page.get_by_role("link", name=OPEN_TITLE)).to_have_count(3)
    expect(page.get_by_role("link", name=OPEN_TITLE).first).to_be_visible()


@javascript
def test_incident_page_shows_its_timeline(new_context: Callable[..., BrowserContext], base_url: str, js: bool) -> None:
    page = open_page(new_context, base_url, INCIDENT, js)
    expect_timeline(page)


@javascript
def test_front_page_link_leads_to_the_incident_timeline(
    new_context: Callable[..., BrowserContext], base_url: str, js: bool
) -> None:
    page = open_page(new_context, base_url, FRONT, js)
    page.get_by_role("link", name=OPEN_TITLE).first.click()
    expect(page).to_have_url(base_url + INCIDENT)
    expect_timeline(page)


@javascript
def test_lite_page_shows_the_banner_and_links_the_incident_timeline(
    new_context: Callable[..., BrowserContext], base_url: str, js: bool
) -> None:
    page = open_page(new_context, base_url, LITE, js)
    banner = page.get_by_text(BANNER_TEXT)
    expect(banner).to_be_visible()
    expect(banner).to_be_in_viewport()
    title = page.get_by_role("heading", name=OPEN_TITLE)
    expect(title).to_be_visible()
    assert title.is_visible()
    page.get_by_role("link", name=OPEN_TITLE).click()
    expect(page).to_have_url(base_url + INCIDENT)
    expect_timeline(page)


@javascript
def test_text_only_link_is_visible_on_every_full_page(
    new_context: Callable[..., BrowserContext], base_url: str, js: bool
) -> None:
    page = open_page(new_context, base_url, INCIDENT, js)
    link = page.get_by_role("banner").get_by_role("link", name="Text-only status")  # in the header's menu
    expect(link).to_be_visible()
    expect(page.get_by_role("contentinfo").get_by_role("link", name="Text-only status")).to_be_visible()
    link.click()
    expect(page).to_have_url(base_url + LITE)


def test_lite_page_loads_no_stylesheet_or_script_file(
    new_context: Callable[..., BrowserContext], base_url: str
) -> None:
    traffic = Traffic()
    page = traffic.watch(new_context().new_page())
    page.goto(base_url + LITE, wait_until="networkidle")
    expect(page.get_by_text(BANNER_TEXT)).to_be_visible()  # the page really loaded

    in_dom = page.eval_on_selector_all(
        "link[rel~='stylesheet' i], link[rel~='preload' i], link[rel~='modulepreload' i], script[src]",
        "nodes => nodes.map(node => node.outerHTML)",
    )
    assert in_dom == [], f"/lite/ must not reference stylesheet or script files, found: {in_dom}"

    files = [
        f"{request.resource_type} {request.url}"
        for request in traffic.requests
        if request.resource_type in {"stylesheet", "script", "font"} or re.search(r"\.(css|js|mjs)(\?|$)", request.url)
    ]
    assert files == [], f"/lite/ loaded stylesheet, script or font files: {files}"
    assert traffic.urls == [base_url + LITE], f"/lite/ should load only itself, loaded: {traffic.urls}"
    assert traffic.errors == [], traffic.errors

"""The site on a phone: the answer on the first screen, every focus stop visible, dark without JavaScript."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from browser_helpers import (
    AREA,
    ARTIFACTS,
    BANNER,
    FRONT,
    INCIDENT,
    LATEST_SENTENCE,
    OPEN_TITLE,
    PAGE_KINDS,
    png_size,
)
from playwright.sync_api import BrowserContext, expect

WIDTH, HEIGHT, SCALE = 390, 844, 2

# Elements sticking out past the right edge, to say what makes the page scroll sideways.
OVERFLOWING = """width => [...document.querySelectorAll('body *')]
  .filter(node => node.getBoundingClientRect().right > width + 0.5)
  .slice(0, 10)
  .map(node => `${node.tagName.toLowerCase()}${node.id ? '#' + node.id : ''}` +
               `${node.className && typeof node.className === 'string' ? '.' + node.className.trim().split(/\\s+/).join('.') : ''}` +
               ` right=${Math.round(node.getBoundingClientRect().right)}`)"""


def test_front_page_on_a_phone(new_context: Callable[..., BrowserContext], base_url: str) -> None:
    context = new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=SCALE, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(base_url + FRONT, wait_until="networkidle")

    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "front-mobile.png"
    screenshot.unlink(missing_ok=True)
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.is_file(), f"no screenshot at {screenshot}"
    width, height = png_size(screenshot)
    assert width == WIDTH * SCALE, f"{screenshot} is {width}px wide, expected {WIDTH * SCALE}"
    assert height >= HEIGHT * SCALE, f"{screenshot} is only {height}px high"

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= WIDTH, (
        f"the front page scrolls sideways at {WIDTH}px: scrollWidth is {scroll_width}; "
        f"sticking out: {page.evaluate(OVERFLOWING, WIDTH)}"
    )
    expect(page.get_by_role("status").filter(has_text=BANNER)).to_be_in_viewport()
    expect(page.get_by_role("heading", name=OPEN_TITLE)).to_be_visible()


PHONE = {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True}


@pytest.mark.parametrize("path", [FRONT, AREA], ids=["front", "area"])
def test_the_latest_update_is_on_the_first_screen_of_a_small_phone(
    new_context: Callable[..., BrowserContext], base_url: str, path: str
) -> None:
    page = new_context(java_script_enabled=False, **PHONE).new_page()
    page.goto(base_url + path, wait_until="load")
    latest = page.locator(".outage-where__latest").filter(has_text=LATEST_SENTENCE).first
    expect(latest).to_be_in_viewport(ratio=1)  # all of it: what happened, when, the estimate and the next update
    expect(latest).to_contain_text("Expected back today at 3:00 p.m. MST")
    expect(latest).to_contain_text("Next update today at 1:00 p.m. MST")
    expect(page.get_by_role("status")).to_be_in_viewport(ratio=1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.evaluate(OVERFLOWING, 360)


def test_the_skip_link_comes_first_and_moves_focus_to_the_content(
    new_context: Callable[..., BrowserContext], base_url: str
) -> None:
    page = new_context(java_script_enabled=False, **PHONE).new_page()
    page.goto(base_url + FRONT, wait_until="load")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport(ratio=1)
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.keyboard.press("Tab")  # the next stop is inside the content, past the header's menu
    assert page.evaluate("document.activeElement.closest('#main') !== null")


def test_the_menu_is_reached_by_keyboard_on_a_phone(new_context: Callable[..., BrowserContext], base_url: str) -> None:
    page = new_context(java_script_enabled=False, **PHONE).new_page()
    page.goto(base_url + FRONT, wait_until="load")
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.textContent.trim()"))
    for item in ("Status", "Areas", "Maintenance", "History", "For newsrooms", "Help", "Text-only status"):
        assert item in reached, f"{item!r} is not reached by Tab; reached {reached}"
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Help").focus()
    expect(page.get_by_role("navigation", name="Site").get_by_role("link", name="Help")).to_be_in_viewport(ratio=1)


# Tab through a page and describe each focus stop that cannot be seen: not drawn, or without an outline.
FOCUS_STOPS = """async count => {
  const unseen = [];
  for (let i = 0; i < count; i++) {
    await new Promise(r => setTimeout(r, 0));
    const el = document.activeElement;
    if (!el || el === document.body) continue;
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const seen = el.checkVisibility() && box.width > 0 && box.height > 0;
    if (!outlined || !seen) unseen.push(`${el.tagName} ${el.textContent.trim().slice(0, 30)}: ` +
      `outline ${style.outlineStyle} ${style.outlineWidth}, box ${Math.round(box.width)}x${Math.round(box.height)}`);
    window.__stops = (window.__stops || 0) + 1;
  }
  return unseen;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [FRONT, AREA, INCIDENT, "bulletins/"], ids=["front", "area", "incident", "newsroom"])
def test_every_focus_stop_is_visible_on_a_phone(
    new_context: Callable[..., BrowserContext], base_url: str, path: str, scheme: str
) -> None:
    page = new_context(color_scheme=scheme, **PHONE).new_page()
    page.goto(base_url + path, wait_until="load")
    unseen: list[str] = []
    stops = 0
    while stops < 80:
        page.keyboard.press("Tab")
        stops += 1
        if page.evaluate("document.activeElement === document.body"):
            break  # back past the end of the page
        unseen += page.evaluate(FOCUS_STOPS, 1)
    assert stops > 10, f"only {stops} focus stops on /{path}"
    assert unseen == [], f"focus stops on /{path} ({scheme}) that cannot be seen:\n" + "\n".join(unseen)


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_dark_mode_needs_no_javascript(new_context: Callable[..., BrowserContext], base_url: str, kind: str) -> None:
    page = new_context(java_script_enabled=False, color_scheme="dark").new_page()
    page.goto(base_url + PAGE_KINDS[kind], wait_until="load")
    colours = page.evaluate(
        "() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]"
    )
    background, text = ([int(v) for v in re.findall(r"\d+", colour)[:3]] for colour in colours)
    assert max(background) < 60 and min(text) > 180, f"/{PAGE_KINDS[kind]} in dark: {colours}"
    # the browser knows before any stylesheet arrives that the page has a dark face: no white flash
    head = page.evaluate("document.head.innerHTML")
    assert '<meta name="color-scheme" content="light dark">' in head
    sheet = head.find('rel="stylesheet"')
    assert sheet == -1 or head.index('name="color-scheme"') < sheet

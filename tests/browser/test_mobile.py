"""The front page on a phone: a screenshot to look at, the banner on the first screen, no sideways scrolling."""

from __future__ import annotations

from collections.abc import Callable

from browser_helpers import ARTIFACTS, BANNER, FRONT, OPEN_TITLE, png_size
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

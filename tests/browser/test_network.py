"""Pages load nothing from another host, and nothing they load or link to is missing."""

from __future__ import annotations

from collections.abc import Callable
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin
from urllib.request import urlopen

from browser_helpers import AREA, FRONT, INCIDENT, LITE, Traffic
from playwright.sync_api import BrowserContext

PAGES = [FRONT, INCIDENT, AREA, LITE]
PAGES += [f"fr/{path}" for path in PAGES]  # the same pages of the French site


def test_no_request_leaves_the_local_host_and_none_fails(
    new_context: Callable[..., BrowserContext], base_url: str
) -> None:
    traffic = Traffic()
    page = traffic.watch(new_context(java_script_enabled=True).new_page())
    for path in PAGES:
        response = page.goto(base_url + path, wait_until="networkidle")
        assert response is not None and response.ok, f"{base_url + path} answered {response and response.status}"

    assert len(traffic.requests) > len(PAGES), "the full pages should load their stylesheets and scripts"
    foreign = sorted({url for url in traffic.urls if not (url.startswith(base_url) or url.startswith("data:"))})
    assert foreign == [], "requests left the local host:\n" + "\n".join(foreign)
    assert traffic.errors == [], "requests failed or were answered with an error:\n" + "\n".join(traffic.errors)


def test_links_on_the_pages_lead_somewhere(new_context: Callable[..., BrowserContext], base_url: str) -> None:
    """Every same-site <a href> and <link href> on the tested pages answers 200."""
    page = new_context().new_page()
    targets: dict[str, str] = {}
    for path in PAGES:
        page.goto(base_url + path, wait_until="load")
        hrefs = page.eval_on_selector_all("a[href], link[href]", "nodes => nodes.map(node => node.href)")
        for href in hrefs:
            url = urldefrag(urljoin(page.url, href)).url
            if url.startswith(base_url):
                targets.setdefault(url, "/" + path)

    assert len(targets) > 20, f"found too few links to check: {sorted(targets)}"
    broken = []
    for url, found_on in sorted(targets.items()):
        try:
            with urlopen(url, timeout=10) as answer:
                status = answer.status
        except HTTPError as error:
            status = error.code
        if status != 200:
            broken.append(f"{status} {url.removeprefix(base_url)} (linked from {found_on})")
    assert broken == [], "broken links:\n" + "\n".join(broken)

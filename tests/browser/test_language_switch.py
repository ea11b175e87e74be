"""The site in French, as a reader walks it with JavaScript off: the switch, the French pages, and back."""

from __future__ import annotations

from collections.abc import Callable

from browser_helpers import OPEN_ID
from playwright.sync_api import BrowserContext, expect

FRENCH_TITLE = "Panne d'Internet à Clareview et à Castle Downs"
"""The open incident's title in French (incidents/2026-11-22-clareview-castle-downs-internet-outage.yml)."""


def test_the_switch_leads_to_the_french_site_and_back_to_the_same_page(
    new_context: Callable[..., BrowserContext], base_url: str
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    response = page.goto(base_url, wait_until="load")
    assert response is not None and response.ok
    expect(page.locator("html")).to_have_attribute("lang", "en")

    switch = page.get_by_role("link", name="Français", exact=True)
    expect(switch).to_have_attribute("lang", "fr")
    expect(switch).to_have_attribute("hreflang", "fr")
    switch.click()
    expect(page).to_have_url(base_url + "fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Incidents en cours")).to_be_visible()
    expect(page.get_by_role("link", name="Aller au contenu")).to_have_count(1)  # mkdocs-material's own French
    expect(page.get_by_role("navigation", name="Site").get_by_role("link", name="Secteurs")).to_be_visible()

    page.get_by_role("link", name=FRENCH_TITLE).first.click()
    expect(page).to_have_url(base_url + f"fr/incidents/{OPEN_ID}/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name=FRENCH_TITLE, level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Mises à jour", exact=True)).to_be_visible()

    back = page.get_by_role("link", name="English", exact=True)
    expect(back).to_have_attribute("lang", "en")
    back.click()
    expect(page).to_have_url(base_url + f"incidents/{OPEN_ID}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Internet outage in Clareview and Castle Downs", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Updates", exact=True)).to_be_visible()

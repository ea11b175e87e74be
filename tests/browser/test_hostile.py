"""Nothing a file says can run in a reader's browser.

A status repository whose every text field — the organisation's name, contacts
and about text, service and area names, regions and pronouncers, incident
titles, messages, causes, postmortems, expected impacts — carries a corpus of
hostile strings (script tags, event attributes, ``javascript:`` URLs, attribute
breakers, entity tricks, template syntax). It must pass ``outage check``, build,
and then every page, loaded in headless Chromium with JavaScript on, must run
none of it, and no element or attribute from the input may appear in its DOM.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import ROOT
from click.testing import CliRunner
from hosting import serve
from lxml import etree, html
from playwright.sync_api import Browser

from generator.cli import main

NOW = "2026-11-22 12:00"
MARK = "window.__pwned=(window.__pwned||[]).concat"


def payloads(tag: str) -> list[str]:
    """The hostile strings, each marking ``window.__pwned`` with ``tag`` if it ever runs."""
    run = f"{MARK}('{tag}')"
    return [
        f"<script>{run}</script>",
        f'<img src=x onerror="{run}">',
        f'"><svg onload="{run}">',
        f'\'><iframe src="javascript:{run}"></iframe>',
        f'<a href="javascript:{run}">link</a>',
        f"&lt;script&gt;{run}&lt;/script&gt;",
        f"</title><script>{run}</script>",
        f'" onfocus="{run}" autofocus="',
        f'<details open ontoggle="{run}">',
        f"</textarea></pre><script>{run}</script>",
        "{{ 7*7 }} {% raw %}",
        f'<math><mi xlink:href="javascript:{run}">m</mi></math>',
    ]


def hostile(tag: str) -> str:
    """One line carrying every payload, tagged: for single-line fields."""
    return f"Tag {tag} " + " ".join(payloads(tag))


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def status_yml() -> str:
    return f"""name: {quoted("Northwind " + hostile("name"))}
site_url: https://status.northwind.example/
timezone: America/Edmonton
language: en
contact: {{phone: {quoted(hostile("phone"))}, email: "support@northwind.example"}}
media_contact:
  name: {quoted(hostile("media-name"))}
  title: {quoted(hostile("media-title"))}
  phone: {quoted(hostile("media-phone"))}
  email: media@northwind.example
about: {quoted(hostile("about"))}
dateline: {quoted(hostile("dateline"))}
services:
  - {{id: internet, name: {quoted(hostile("service"))}, description: {quoted(hostile("service-description"))}}}
  - {{id: phone, name: {quoted("Home phone " + hostile("phone-service"))}, emergency_calls: true}}
areas:
  - {{id: castle-downs, name: {quoted(hostile("area"))}, region: {quoted(hostile("region"))}, pronounce: {quoted(hostile("pronounce"))}}}
  - {{id: lauderdale, name: {quoted("Lauderdale " + hostile("area2"))}}}
bulletins:
  spoken: {{{quoted("ISP")}: {quoted(hostile("spoken"))}}}
"""


def markdown(tag: str) -> str:
    """A multi-line message: Markdown links and raw HTML among the payloads."""
    lines = [f"We are investigating {tag}. [Details](javascript:{MARK}('{tag}-md'))", *payloads(tag)]
    lines.append(f"[x](data:text/html,<script>{MARK}('{tag}-data')</script>) ![i](x onerror={MARK}('{tag}-img'))")
    return "\n\n".join(lines)


def incident_yml() -> str:
    return f"""title: {quoted(hostile("title"))}
impact: critical
services: [internet, phone]
areas: [castle-downs, lauderdale]
broadcast: true
began_at: 2026-11-22 07:50
updates:
  - at: 2026-11-22 08:00
    status: investigating
    message: {quoted(markdown("message1"))}
    customers_affected: 1200
    next_update: 2026-11-22 09:00
  - at: 2026-11-22 09:00
    status: identified
    message: {quoted(markdown("message2"))}
    cause: {quoted(markdown("cause"))}
    restore_eta: 2026-11-22 15:00
    next_update: 2026-11-22 13:00
postmortem: {quoted(markdown("postmortem"))}
"""


def maintenance_yml() -> str:
    return f"""kind: maintenance
title: {quoted(hostile("maintenance"))}
impact: major
broadcast: true
services: [internet]
areas: [lauderdale]
window: {{start: 2026-11-30 01:00, end: 2026-11-30 03:00}}
expected_impact: {quoted(hostile("expected-impact"))}
updates:
  - at: 2026-11-20 10:00
    status: scheduled
    message: {quoted(markdown("maintenance-message"))}
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "status"
    (root / "incidents/2026").mkdir(parents=True)
    shutil.copytree(ROOT / "site_template", root / "site_template")
    (root / "status.yml").write_text(status_yml(), encoding="utf-8")
    (root / "incidents/2026/2026-11-22-hostile-outage.yml").write_text(incident_yml(), encoding="utf-8")
    (root / "incidents/2026/2026-11-20-hostile-work.yml").write_text(maintenance_yml(), encoding="utf-8")
    check = CliRunner().invoke(main, ["check", "--root", str(root), "--now", NOW])
    assert check.exit_code == 0, check.output  # every string is acceptable input: the site must make it harmless
    site = root.parent / "site"
    build = CliRunner().invoke(main, ["build", "--root", str(root), "--now", NOW, "--site-dir", str(site)])
    assert build.exit_code == 0, build.output
    return site


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site, apply_headers=False) as url:
        yield url


INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value.toLowerCase();
      if (name.startsWith('on')) found.push(`${el.tagName} ${name}`);
      if ((name === 'href' || name === 'src' || name.endsWith(':href')) &&
          (value.startsWith('javascript:') || value.startsWith('data:') || value === 'x'))
        found.push(`${el.tagName} ${name}=${attr.value}`);
      if (name === 'autofocus' || name === 'ontoggle') found.push(`${el.tagName} ${name}`);
    }
    const tag = el.tagName.toLowerCase();
    if (['iframe', 'math', 'details', 'mi'].includes(tag)) found.push(tag);
    if (tag === 'script' && el.textContent.includes('__pwned')) found.push('script with the payload');
    if (tag === 'svg' && el.closest('.outage-icon, .md-icon, .md-logo, .md-header, .md-source, .md-nav') === null
        && !el.getAttribute('class')) found.push('svg from input');
  }
  return found;
}"""


def test_no_hostile_string_runs_or_reaches_the_dom_on_any_page(
    hostile_site: Path, hostile_url: str, browser: Browser
) -> None:
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    assert len(pages) > 15 and "index.html" in pages and "lite/index.html" in pages
    assert any(p.startswith("bulletins/2026-11-22-hostile-outage/") for p in pages)
    context = browser.new_context(java_script_enabled=True)
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        problems = {}
        for path in pages:
            page.goto(hostile_url + path, wait_until="load")
            page.wait_for_timeout(50)
            ran = page.evaluate("() => window.__pwned || []")
            injected = page.evaluate(INJECTED)
            if ran or injected:
                problems[path] = {"ran": ran, "injected": injected}
        assert problems == {}
        assert dialogs == []
    finally:
        context.close()


def test_the_hostile_strings_are_shown_as_text(hostile_site: Path) -> None:
    """Escaped, not dropped: a reader sees exactly what staff wrote in titles and names."""
    front = html.fromstring((hostile_site / "index.html").read_bytes())
    text = front.text_content()
    assert "Tag title <script>" in text and "{{ 7*7 }} {% raw %}" in text
    assert "Tag area <script>" in text and '<img src=x onerror="window.__pwned' in text
    assert front.findtext(".//title").startswith("Northwind Tag name <script>")


def test_feeds_and_cap_carry_no_markup_from_the_input(hostile_site: Path) -> None:
    for feed in ("feeds/atom.xml", "feeds/rss.xml", "feeds/bulletins.xml", "feeds/cap.xml"):
        document = etree.fromstring((hostile_site / feed).read_bytes())
        for element in document.iter():
            if not isinstance(element.tag, str) or not element.text or "<" not in element.text:
                continue
            local = etree.QName(element).localname
            if not (local == "description" or (local in ("content", "summary") and element.get("type") == "html")):
                continue  # plain text (titles, type="text"): a reader shows it as it is
            # Text that a reader renders as HTML (Atom content and RSS description): no script, no handlers.
            fragment = html.fragment_fromstring(element.text, create_parent="div")
            for node in fragment.iter():
                assert node.tag not in ("script", "iframe", "svg", "math", "details", "img", "style"), (feed, node.tag)
                for name, value in node.attrib.items():
                    assert not name.startswith("on"), (feed, name)
                    assert not value.strip().lower().startswith(("javascript:", "data:")), (feed, value)
    for cap in hostile_site.glob("bulletins/*/*/cap.xml"):
        etree.fromstring(cap.read_bytes())  # well-formed whatever the text

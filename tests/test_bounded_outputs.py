"""Outputs that stay bounded however long the history: calendar.ics, month pages, the front page, API, feeds.

The histories here are synthetic: the example repository plus incident and
maintenance files written the way staff write them, loaded as the build loads them.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import icalendar
import pytest
from click.testing import CliRunner
from example_repo import copy_of_example
from hosting import headers_for, parse_headers
from lxml import html

from generator.cli import main
from generator.feeds.atom import feed_outputs
from generator.feeds.calendar import CALENDAR_DAYS, calendar_outputs
from generator.feeds.statuspage import LIST_LIMIT, api_outputs
from generator.incidents.load import load_site
from generator.incidents.times import parse_time
from generator.site.pages import MONTH_PAGE_SIZE, site_pages
from generator.state.now import snapshot

NOW = "2026-11-22 12:00"
ZONE_NAME = "America/Edmonton"
HOST = "status.northwind.example"


def local(moment: datetime) -> str:
    """A time as staff write it in a file: local wall-clock time in the site's zone."""
    return f"{moment:%Y-%m-%d %H:%M}"


def write_incident(root: Path, start: datetime, n: int) -> str:
    """A resolved minor outage of one hour from ``start`` (local, aware); returns its id."""
    incident_id = f"{start:%Y-%m-%d}-synthetic-outage-{n:04d}"
    folder = root / "incidents" / f"{start:%Y}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{incident_id}.yml").write_text(
        f"""\
title: Synthetic outage {n}
impact: minor
services: [email]
areas: [castle-downs]
broadcast: false
updates:
  - at: {local(start)}
    status: investigating
    message: Webmail is slow for some customers. We are looking into it.
  - at: {local(start + timedelta(hours=1))}
    status: resolved
    message: Webmail is back to normal speed.
""",
        encoding="utf-8",
    )
    return incident_id


def write_maintenance(root: Path, start: datetime, end: datetime, n: int) -> str:
    """A completed planned maintenance with the window ``start`` to ``end`` (local, aware); returns its id."""
    announced = start - timedelta(days=7)
    incident_id = f"{announced:%Y-%m-%d}-synthetic-work-{n:04d}"
    folder = root / "incidents" / f"{announced:%Y}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{incident_id}.yml").write_text(
        f"""\
kind: maintenance
title: Synthetic work {n}
services: [internet]
areas: [mill-woods]
window: {{start: {local(start)}, end: {local(end)}}}
expected_impact: Internet drops for up to 10 minutes.
updates:
  - at: {local(announced)}
    status: scheduled
    message: We will replace a line card in the Mill Woods cabinet.
  - at: {local(end)}
    status: completed
    message: The work is done.
""",
        encoding="utf-8",
    )
    return incident_id


def uids(ics: bytes) -> list[str]:
    return [str(event["uid"]) for event in icalendar.Calendar.from_ical(ics).walk("VEVENT")]


# --- calendar.ics and the yearly files ------------------------------------------------------------


def test_old_maintenance_is_in_its_year_file_not_in_calendar_ics(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    site = load_site(root)
    zone = site.config.timezone
    now = parse_time(NOW, zone)
    old = write_maintenance(root, datetime(2025, 6, 10, 1, tzinfo=zone), datetime(2025, 6, 10, 4, tzinfo=zone), 1)
    site = load_site(root)
    outputs = calendar_outputs(site, now)
    example_works = [
        "2026-10-07-phone-switch-software-upgrade",
        "2026-10-28-st-albert-business-fibre-equipment",
        "2026-11-19-lauderdale-beverly-core-router-upgrade",
    ]
    assert sorted(uids(outputs["calendar.ics"])) == [f"{w}@{HOST}" for w in example_works]
    assert uids(outputs["calendar/2025.ics"]) == [f"{old}@{HOST}"]
    assert uids(outputs[f"incidents/{old}/calendar.ics"]) == [f"{old}@{HOST}"]  # the same UID everywhere
    (event,) = icalendar.Calendar.from_ical(outputs["calendar/2025.ics"]).walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2025, 6, 10, 1, tzinfo=zone)
    assert int(event["sequence"]) == 1 and str(event["status"]) == "CONFIRMED"
    named = icalendar.Calendar.from_ical(outputs["calendar/2025.ics"])
    assert str(named["x-wr-calname"]) == "Northwind Broadband planned maintenance, 2025"
    assert [c["tzid"] for c in named.walk("VTIMEZONE")] == [ZONE_NAME]
    assert not any(path.startswith("calendar/") and path != "calendar/2025.ics" for path in outputs)


def test_the_90_day_boundary_is_inclusive_and_the_uid_stays_when_work_moves_to_its_year(tmp_path: Path) -> None:
    """A window that ended exactly 90 x 24 hours before now stays in calendar.ics; a minute earlier, it moves."""
    root = copy_of_example(tmp_path)
    zone = load_site(root).config.timezone
    now = parse_time(NOW, zone)  # 2026-11-22 12:00 MST = 19:00 UTC
    boundary = now.astimezone(UTC) - timedelta(days=CALENDAR_DAYS)
    assert boundary.astimezone(zone) == datetime(2026, 8, 24, 13, 0, tzinfo=zone)  # 13:00 MDT, by hand
    at_edge = write_maintenance(root, datetime(2026, 8, 24, 9, tzinfo=zone), datetime(2026, 8, 24, 13, tzinfo=zone), 1)
    past_edge = write_maintenance(
        root, datetime(2026, 8, 24, 9, tzinfo=zone), datetime(2026, 8, 24, 12, 59, tzinfo=zone), 2
    )
    site = load_site(root)
    outputs = calendar_outputs(site, now)
    assert f"{at_edge}@{HOST}" in uids(outputs["calendar.ics"])
    assert f"{past_edge}@{HOST}" not in uids(outputs["calendar.ics"])
    assert uids(outputs["calendar/2026.ics"]) == [f"{past_edge}@{HOST}"]
    # A day earlier both were still in calendar.ics, as the same events.
    earlier = calendar_outputs(site, now - timedelta(days=1))
    assert "calendar/2026.ics" not in earlier

    def event(ics: bytes, uid: str) -> icalendar.Event:
        return next(e for e in icalendar.Calendar.from_ical(ics).walk("VEVENT") if str(e["uid"]) == uid)

    before = event(earlier["calendar.ics"], f"{past_edge}@{HOST}")
    after = event(outputs["calendar/2026.ics"], f"{past_edge}@{HOST}")
    for key in ("uid", "sequence", "dtstamp", "dtstart", "dtend", "summary", "description"):
        assert after[key].to_ical() == before[key].to_ical(), key


def test_calendar_ics_is_the_same_bytes_however_much_older_work_there_is(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    zone = load_site(root).config.timezone
    now = parse_time(NOW, zone)
    before = calendar_outputs(load_site(root), now)
    works = []
    for n in range(36):  # one a month, 2023 to 2025
        start = datetime(2023 + n // 12, n % 12 + 1, 12, 10, tzinfo=zone)  # 10:00: never in a clock change
        works.append(write_maintenance(root, start, start + timedelta(hours=3), n))
    after = calendar_outputs(load_site(root), now)
    assert after["calendar.ics"] == before["calendar.ics"]
    for year in (2023, 2024, 2025):
        assert sorted(uids(after[f"calendar/{year}.ics"])) == [f"{w}@{HOST}" for w in works if w.startswith(f"{year}-")]
    # Every maintenance is in exactly one shared file.
    shared = Counter(
        uid
        for path, ics in after.items()
        if path == "calendar.ics" or path.startswith("calendar/")
        for uid in uids(ics)
    )
    assert set(shared.values()) == {1}
    assert len(shared) == 36 + 3


# --- the archive's month pages, through the CLI -----------------------------------------------------

BUSY_MONTH = 230
"""Synthetic incidents in July 2026: three pages of 100, 100 and 31 (with the example's own July incident)."""


@pytest.fixture(scope="module")
def busy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str]]:
    """A site built by ``outage build`` with a July of 231 incidents and older work in 2024 and 2025."""
    tmp = tmp_path_factory.mktemp("busy")
    root = copy_of_example(tmp, with_template=True)
    zone = load_site(root).config.timezone
    july = [
        write_incident(root, datetime(2026, 7, 1, 0, 30, tzinfo=zone) + timedelta(hours=3 * n), n)
        for n in range(BUSY_MONTH)
    ]
    works = [
        write_maintenance(root, datetime(year, 3, 3, 1, tzinfo=zone), datetime(year, 3, 3, 4, tzinfo=zone), n)
        for n, year in enumerate((2024, 2025))
    ]
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code == 0, result.output
    out = tmp / "site"
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--now", NOW, "--site-dir", str(out)])
    assert result.exit_code == 0, result.output
    return out, july, works


def page_at(site: Path, url: str) -> html.HtmlElement:
    return html.fromstring((site / url / "index.html").read_bytes())


def resolve(url: str, href: str) -> str:
    """The site path a relative link on the page at ``url`` leads to."""
    target = posixpath.normpath(posixpath.join("/" + url, href.split("#")[0]))
    if href.split("#")[0].endswith("/") or href.startswith("#") or href == "":
        target = target.rstrip("/") + "/index.html" if target != "/" else "/index.html"
    return target.lstrip("/")


def content_links(page: html.HtmlElement) -> list[str]:
    """The links in the page's article (the generated body), without the theme's navigation."""
    (article,) = page.xpath("//article[contains(@class, 'md-content__inner')]")
    return article.xpath(".//a/@href")


def test_a_busy_month_is_split_into_linked_pages_each_incident_once(busy) -> None:
    site, july, _ = busy
    urls = ["history/2026/07/", "history/2026/07/page/2/", "history/2026/07/page/3/"]
    assert not (site / "history/2026/07/page/4").exists()
    assert not (site / "history/2026/07/page/1").exists()  # page 1 is the month's own address
    linked: Counter[str] = Counter()
    sizes = []
    for number, url in enumerate(urls, start=1):
        page = page_at(site, url)
        rows = page.xpath("//article[contains(@class, 'md-content__inner')]//ul[@class='outage-list']/li")
        sizes.append(len(rows))
        for href in content_links(page):
            target = resolve(url, href)
            assert (site / target).is_file(), (url, href)
            found = re.fullmatch(r"incidents/([^/]+)/index\.html", target)
            if found:
                linked[found.group(1)] += 1
        # Plain links, no script: previous/next by rel, and every page by number.
        prev = page.xpath("//article[contains(@class, 'md-content__inner')]//a[@rel='prev']/@href")
        after = page.xpath("//article[contains(@class, 'md-content__inner')]//a[@rel='next']/@href")
        assert [resolve(url, h) for h in prev] == ([urls[number - 2] + "index.html"] * 2 if number > 1 else [])
        assert [resolve(url, h) for h in after] == ([urls[number] + "index.html"] * 2 if number < 3 else [])
        numbered = page.xpath(
            "//article[contains(@class, 'md-content__inner')]//nav[@class='outage-pager'][1]/p[2]/a/@href"
        )
        assert [resolve(url, h) for h in numbered] == [u + "index.html" for i, u in enumerate(urls) if i != number - 1]
    assert sizes == [MONTH_PAGE_SIZE, MONTH_PAGE_SIZE, BUSY_MONTH + 1 - 2 * MONTH_PAGE_SIZE]
    expected = set(july) | {"2026-07-06-business-email-blocklisted"}
    assert set(linked) == expected and set(linked.values()) == {1}
    # Newest first across the pages: page 1 holds the month's latest incidents.
    first_page = {resolve(urls[0], h).split("/")[1] for h in content_links(page_at(site, urls[0])) if "incidents/" in h}
    assert f"2026-07-29-synthetic-outage-{BUSY_MONTH - 1:04d}" in first_page


def test_a_quiet_month_has_no_pager(busy) -> None:
    site, _, _ = busy
    page = page_at(site, "history/2026/05/")
    assert page.xpath("//nav[@class='outage-pager']") == []
    assert not (site / "history/2026/05/page").exists()


def test_the_maintenance_page_links_each_years_calendar(busy) -> None:
    site, _, works = busy
    page = page_at(site, "maintenance/")
    years = {resolve("maintenance/", h) for h in content_links(page) if re.search(r"calendar/\d{4}\.ics$", h)}
    assert years == {"calendar/2025.ics", "calendar/2024.ics"}
    assert "calendar.ics" in {resolve("maintenance/", h) for h in content_links(page)}
    for year, work in zip((2024, 2025), works, strict=True):
        assert uids((site / f"calendar/{year}.ics").read_bytes()) == [f"{work}@{HOST}"]
        assert f"{work}@{HOST}" not in uids((site / "calendar.ics").read_bytes())
    rules = parse_headers((site / "_headers").read_text(encoding="utf-8"))
    for path in ("/calendar.ics", "/calendar/2024.ics"):
        assert headers_for(rules, path) == [
            ("Access-Control-Allow-Origin", "*"),
            ("Cache-Control", "public, max-age=60"),
        ], path


# --- the front page, the API and the feeds --------------------------------------------------------


def history(tmp_path: Path, count: int) -> Path:
    """The example plus ``count`` resolved incidents, one every 8 hours back from NOW."""
    (tmp_path / str(count)).mkdir()
    root = copy_of_example(tmp_path / str(count))
    zone = load_site(root).config.timezone
    now = parse_time(NOW, zone)
    for n in range(count):
        write_incident(root, now - timedelta(hours=8 * (n + 1), minutes=30), n)
    return root


def front(root: Path) -> str:
    site = load_site(root)
    state = snapshot(site, parse_time(NOW, site.config.timezone))
    (page,) = [p for p in site_pages(state) if p.src_uri == "index.md"]
    return page.body


def test_the_front_page_stays_the_same_size_whatever_the_history(tmp_path: Path) -> None:
    bodies = {count: front(history(tmp_path, count)) for count in (10, 100, 400)}

    def rows(body: str) -> int:
        return len(html.fromstring(body).xpath("//li"))

    def recent(body: str) -> int:
        (heading,) = html.fromstring(body).xpath("//h2[@id='recent']")
        return len(heading.getnext().xpath("./li"))

    # 10 incidents over 3 days fill 10 rows of "Last 14 days"; 100 or 400 fill its 20 and no more.
    assert [recent(bodies[n]) for n in (10, 100, 400)] == [10 + 1, 20, 20]  # + the example's voicemail fault
    assert rows(bodies[400]) == rows(bodies[100]) <= rows(bodies[10]) + 10
    assert abs(len(bodies[400]) - len(bodies[100])) <= 0.02 * len(bodies[100])
    assert len(bodies[400]) <= 1.25 * len(bodies[10])


def test_the_api_lists_and_the_feeds_stay_bounded(tmp_path: Path) -> None:
    root = history(tmp_path, 400)
    zone = load_site(root).config.timezone
    for n in range(60):
        start = datetime(2025, 1, 5, 10, tzinfo=zone) + timedelta(days=5 * n)
        write_maintenance(root, start, start + timedelta(hours=3), n)
    site = load_site(root)
    state = snapshot(site, parse_time(NOW, zone))
    api = {path: json.loads(body) for path, body in api_outputs(state).items()}
    assert len(api["api/v2/incidents.json"]["incidents"]) == LIST_LIMIT == 50
    assert len(api["api/v2/scheduled-maintenances.json"]["scheduled_maintenances"]) == LIST_LIMIT
    for path, body in api.items():
        for key in ("incidents", "scheduled_maintenances"):
            assert len(body.get(key, [])) <= LIST_LIMIT, path
    feeds = feed_outputs(state)
    limit = site.config.feed_entries
    assert limit == 100 and sum(len(i.updates) for i in site.incidents) > 2 * limit
    assert len(feedparser.parse(feeds["feeds/atom.xml"]).entries) == limit
    assert len(feedparser.parse(feeds["feeds/rss.xml"]).entries) == limit
    for path, xml in feeds.items():
        assert len(feedparser.parse(xml).entries) <= limit, path
    assert len(feedparser.parse(feeds["feeds/services/email.xml"]).entries) == limit

"""Feeds, the maintenance calendar and badges: valid, stable, filtered, reproducible."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
import tools
from click.testing import CliRunner
from example_repo import copy_of_example
from lxml import etree

from generator.cli import main
from generator.feeds.atom import feed_outputs
from generator.feeds.calendar import calendar_outputs
from generator.feeds.calendar import vtimezone as calendar_vtimezone
from generator.incidents.load import load_site
from generator.incidents.times import parse_time
from generator.site.outputs import static_outputs
from generator.state.now import snapshot

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = Path(__file__).parent / "schemas"
GOLDEN = Path(__file__).parent / "golden"
ATOM = "{http://www.w3.org/2005/Atom}"
NOW = "2026-11-22 12:00"
OPEN_ID = "2026-11-22-clareview-castle-downs-internet-outage"
SITE = load_site(ROOT)
NOON = parse_time(NOW, SITE.config.timezone)
LATEST = f"{OPEN_ID}/20261122-1730"  # the 10:30 a.m. MST update, by its identity


def feeds(site, now: str = NOW) -> dict[str, bytes]:
    return feed_outputs(snapshot(site, parse_time(now, site.config.timezone)))


FEEDS = feeds(SITE)
ATOM_SCHEMA = etree.RelaxNG(etree.parse(str(SCHEMAS / "atom_rfc4287.rng")))


def assert_valid_atom(xml: bytes, name: str) -> etree._Element:
    document = etree.fromstring(xml)
    assert ATOM_SCHEMA.validate(document), f"{name}: {ATOM_SCHEMA.error_log}"
    # RFC 4287 4.1.1: a feed without an author needs one in every entry (not in the RELAX NG grammar).
    if document.find(f"{ATOM}author") is None:
        for entry in document.iter(f"{ATOM}entry"):
            assert entry.find(f"{ATOM}author") is not None, f"{name}: an entry has no author"
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, f"{name}: {parsed.get('bozo_exception')}"
    return document


@pytest.mark.parametrize("path", sorted(p for p in FEEDS if p != "feeds/rss.xml"))
def test_every_atom_feed_is_valid(path: str) -> None:
    assert_valid_atom(FEEDS[path], path)


def test_the_schema_check_can_fail() -> None:
    broken = FEEDS["feeds/atom.xml"].replace(b"<id>https://status", b"<idx>https://status", 1)
    broken = broken.replace(b"/feeds/atom.xml</id>", b"/feeds/atom.xml</idx>", 1)
    assert not ATOM_SCHEMA.validate(etree.fromstring(broken))


def test_rss_parses_with_permanent_guids() -> None:
    parsed = feedparser.parse(FEEDS["feeds/rss.xml"])
    assert not parsed.bozo
    assert parsed.version == "rss20"
    first = parsed.entries[0]
    assert first.id == f"tag:status.northwind.example,2026-11-22:{LATEST}"
    assert first.guidislink is False
    assert b'<guid isPermaLink="false">tag:status.northwind.example,2026-11-22:' in FEEDS["feeds/rss.xml"]


def test_one_entry_per_update_newest_first_with_what_changed_in_the_title() -> None:
    parsed = feedparser.parse(FEEDS["feeds/atom.xml"])
    updates = sum(len(i.updates) for i in SITE.incidents)
    assert len(parsed.entries) == updates  # under the cap of 100
    times = [e.updated_parsed for e in parsed.entries]
    assert times == sorted(times, reverse=True)
    titles = [e.title for e in parsed.entries]
    assert "Resolved: Internet and phone outage in Castle Downs, Lauderdale, Beverly and Clareview" in titles
    assert "Cancelled: Business fibre equipment replacement in St. Albert" in titles
    first = parsed.entries[0]
    assert first.title == "Identified: Internet outage in Clareview and Castle Downs"
    assert first.link == f"https://status.northwind.example/incidents/{OPEN_ID}/#update-20261122-1730"
    content = first.content[0].value
    assert "circuit board" in content
    assert "<strong>Expected back:</strong> Sunday, November 22, 2026, 3:00 p.m. MST" in content
    assert "<strong>Next update:</strong> Sunday, November 22, 2026, 1:00 p.m. MST" in content
    assert "<strong>Areas:</strong> Clareview, Castle Downs" in content
    assert parsed.feed.updated == "2026-11-22T10:30:00-07:00"  # from the data, not the clock


def test_filtered_feeds_hold_only_their_incidents() -> None:
    for kind, items in (("services", SITE.config.services), ("areas", SITE.config.areas)):
        for item in items:
            parsed = feedparser.parse(FEEDS[f"feeds/{kind}/{item.id}.xml"])
            expected = {i.id for i in SITE.incidents if item in (i.services if kind == "services" else i.areas)}
            found = {re.search(r"([^:/]+)/[0-9-]+$", e.id).group(1) for e in parsed.entries}
            assert found == expected, f"{kind}/{item.id}"


def test_entry_count_is_capped(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    status = root / "status.yml"
    status.write_text(status.read_text(encoding="utf-8") + "feeds: {entries: 5}\n", encoding="utf-8")
    parsed = feedparser.parse(feeds(load_site(root))["feeds/atom.xml"])
    assert len(parsed.entries) == 5
    assert parsed.entries[0].title == "Identified: Internet outage in Clareview and Castle Downs"


def test_an_update_adds_exactly_one_entry_and_keeps_every_earlier_id(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    later = "2026-11-22 13:00"
    before = {path: feedparser.parse(xml) for path, xml in feeds(load_site(root), later).items()}
    result = CliRunner().invoke(
        main,
        ["update", "--root", str(root), OPEN_ID, "--now", "2026-11-22 12:40", "--status", "monitoring",
         "--message", "The new board is in and service is back for most homes."],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    after = {path: feedparser.parse(xml) for path, xml in feeds(load_site(root), later).items()}
    new_id = f"tag:status.northwind.example,2026-11-22:{{}}{OPEN_ID}/20261122-1940"
    for path in before:
        old_ids = [e.id for e in before[path].entries]
        new_ids = [e.id for e in after[path].entries]
        affected = path in ("feeds/atom.xml", "feeds/rss.xml", "feeds/services/internet.xml",
                            "feeds/areas/clareview.xml", "feeds/areas/castle-downs.xml")  # fmt: skip
        if affected:
            # A service's or area's feed scopes the id with its own path (tests/test_feed_readers.py).
            scope = path.removeprefix("feeds/").removesuffix(".xml") + "/" if path.count("/") == 2 else ""
            assert new_ids == [new_id.format(scope), *old_ids], path
            assert after[path].entries[0].title == "Monitoring: Internet outage in Clareview and Castle Downs"
        else:
            assert new_ids == old_ids, path


def test_feeds_are_advertised_in_page_heads(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", "--root", str(ROOT), "--now", NOW, "--site-dir", str(out)])
    assert result.exit_code == 0, result.output
    front = (out / "index.html").read_text(encoding="utf-8")
    assert (
        '<link rel="alternate feed" type="application/atom+xml" title="All updates (Atom)" href="feeds/atom.xml">'
        in front
    )
    area = (out / "areas/castle-downs/index.html").read_text(encoding="utf-8")
    assert (
        'type="application/atom+xml" title="Castle Downs updates (Atom)" href="../../feeds/areas/castle-downs.xml"'
        in area
    )
    for path in ("feeds/atom.xml", "feeds/rss.xml", "calendar.ics", "badge.svg", "services/internet/badge.svg"):
        assert (out / path).is_file(), path


def test_calendar_round_trips_with_stable_uids_zones_and_statuses() -> None:
    parsed = icalendar.Calendar.from_ical(calendar_outputs(snapshot(SITE, NOON).site, NOON)["calendar.ics"])
    events = {str(e["uid"]): e for e in parsed.walk("VEVENT")}
    assert set(events) == {
        "2026-10-07-phone-switch-software-upgrade@status.northwind.example",
        "2026-10-28-st-albert-business-fibre-equipment@status.northwind.example",
        "2026-11-19-lauderdale-beverly-core-router-upgrade@status.northwind.example",
    }
    upgrade = events["2026-11-19-lauderdale-beverly-core-router-upgrade@status.northwind.example"]
    assert upgrade.decoded("dtstart") == parse_time("2026-12-03 01:00", SITE.config.timezone)  # the new window
    assert upgrade["dtstart"].params["TZID"] == "America/Edmonton"
    assert str(upgrade["status"]) == "CONFIRMED"
    assert "Lauderdale, Beverly" in str(upgrade["description"])
    cancelled = events["2026-10-28-st-albert-business-fibre-equipment@status.northwind.example"]
    assert str(cancelled["status"]) == "CANCELLED"
    assert [c["tzid"] for c in parsed.walk("VTIMEZONE")] == ["America/Edmonton"]


def onsets(vtimezone: icalendar.Timezone) -> list[tuple[str, datetime, timedelta, timedelta]]:
    """(kind, local onset, TZOFFSETFROM, TZOFFSETTO) of every observance in a VTIMEZONE."""
    found = []
    for observance in vtimezone.subcomponents:
        before, after = observance["TZOFFSETFROM"].td, observance["TZOFFSETTO"].td
        rdates = observance.get("RDATE")
        dates = [observance["DTSTART"].dt] + ([d.dt for d in rdates.dts] if rdates is not None else [])
        found += [(observance.name, d, before, after) for d in dates]
    return found


def test_the_calendars_daylight_time_starts_at_two_in_the_morning() -> None:
    """RFC 5545: an onset is local time in TZOFFSETFROM. Clocks in Edmonton go from 2:00 MST to 3:00 MDT."""
    (vtimezone,) = icalendar.Calendar.from_ical(calendar_outputs(SITE, NOON)["calendar.ics"]).walk("VTIMEZONE")
    daylight = [(d.isoformat(), before, after) for kind, d, before, after in onsets(vtimezone) if kind == "DAYLIGHT"]
    # The second Sundays of March 2025, 2026 and 2027, checked by hand.
    hours = timedelta(hours=1)
    assert daylight == [
        ("2025-03-09T02:00:00", -7 * hours, -6 * hours),
        ("2026-03-08T02:00:00", -7 * hours, -6 * hours),
        ("2027-03-14T02:00:00", -7 * hours, -6 * hours),
    ]
    standard = [
        d.isoformat() for kind, d, before, _ in onsets(vtimezone) if kind == "STANDARD" and before == -6 * hours
    ]
    assert standard == ["2025-11-02T02:00:00", "2026-11-01T02:00:00", "2027-11-07T02:00:00"]


@pytest.mark.parametrize(
    "zone", ["America/Edmonton", "America/St_Johns", "Europe/Dublin", "Australia/Lord_Howe", "Pacific/Chatham"]
)
def test_every_onset_is_a_real_change_of_offset(zone: str) -> None:
    tz = ZoneInfo(zone)
    vtimezone = calendar_vtimezone(tz, date(2025, 1, 1), date(2027, 12, 31))
    changes = 0
    for _, local, before, after in onsets(vtimezone):
        if before == after:
            continue  # the first observance: the offset in force from the start
        instant = (local - before).replace(tzinfo=UTC)
        assert (instant - timedelta(seconds=1)).astimezone(tz).utcoffset() == before, (zone, local)
        assert instant.astimezone(tz).utcoffset() == after, (zone, local)
        changes += 1
    assert changes == 6


def test_a_reader_that_follows_the_rfc_gets_the_zones_offsets_at_every_moment() -> None:
    """icalendar builds a time zone from the published VTIMEZONE alone (as clients without tz data do)."""
    parsed = icalendar.Calendar.from_ical(calendar_outputs(SITE, NOON)["calendar.ics"])
    (vtimezone,) = parsed.walk("VTIMEZONE")
    from_file = vtimezone.to_tz(lookup_tzid=False)
    zone = SITE.config.timezone
    moment = datetime(2025, 1, 1, 12, tzinfo=UTC)
    wrong = []
    while moment < datetime(2027, 12, 31, tzinfo=UTC):
        if moment.astimezone(from_file).utcoffset() != moment.astimezone(zone).utcoffset():
            wrong.append(moment.isoformat())
        moment += timedelta(minutes=15)
    assert wrong == []


def test_rescheduling_raises_sequence_and_keeps_the_uid(tmp_path: Path) -> None:
    root = copy_of_example(tmp_path)
    work = "2026-11-19-lauderdale-beverly-core-router-upgrade"
    before = icalendar.Calendar.from_ical(calendar_outputs(snapshot(load_site(root), NOON).site, NOON)["calendar.ics"])
    path = root / "incidents/2026" / f"{work}.yml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "  - at: 2026-11-22 11:00\n    status: scheduled\n"
        + "    message: Moved again, to December 10, at the router maker's request.\n"
        + "    window: {start: 2026-12-10 01:00, end: 2026-12-10 05:00}\n",
        encoding="utf-8",
    )
    after = icalendar.Calendar.from_ical(calendar_outputs(snapshot(load_site(root), NOON).site, NOON)["calendar.ics"])

    def find(calendar):
        return next(e for e in calendar.walk("VEVENT") if str(e["uid"]).startswith(work))

    assert int(find(after)["sequence"]) == int(find(before)["sequence"]) + 1
    assert find(after).decoded("dtstart") == parse_time("2026-12-10 01:00", SITE.config.timezone)


def test_badges_say_the_status_in_words() -> None:
    outputs = static_outputs(snapshot(SITE, parse_time(NOW, SITE.config.timezone)))
    overall = outputs["badge.svg"].decode()
    assert 'aria-label="status: Partial outage"' in overall and ">Partial outage</text>" in overall
    assert ">Operational</text>" in outputs["services/phone/badge.svg"].decode()
    etree.fromstring(outputs["badge.svg"])  # well-formed XML


def test_outputs_are_reproducible() -> None:
    now = parse_time(NOW, SITE.config.timezone)
    assert static_outputs(snapshot(SITE, now)) == static_outputs(snapshot(load_site(ROOT), now))


@pytest.mark.parametrize(
    ("golden", "produce"),
    [
        ("feed-areas-lauderdale.xml", lambda: FEEDS["feeds/areas/lauderdale.xml"]),
        ("calendar.ics", lambda: calendar_outputs(snapshot(SITE, NOON).site, NOON)["calendar.ics"]),
    ],
)
def test_golden_files(golden: str, produce) -> None:
    """Reviewed by hand against incidents/ (see the commit that added each); regenerate deliberately."""
    assert produce() == (GOLDEN / golden).read_bytes()


ACROSS_THE_CLOCK_CHANGE = """\
kind: maintenance
title: Night work across the clock change
services: [internet]
areas: [mill-woods]
window: {start: 2026-03-08 01:30, end: 2026-03-08 04:00}
expected_impact: Internet drops for up to 10 minutes.
updates:
  - at: 2026-03-01 09:00
    status: scheduled
    message: Clocks go forward during this work.
"""


def test_ical_js_reads_every_calendar_as_the_site_states_it(tmp_path: Path) -> None:
    """Mozilla's ical.js (npm, tests/browser) reads each event with the file's own VTIMEZONE."""
    node = tools.node("ical.js")
    reader = ROOT / "tests/browser/read_calendar.mjs"
    root = copy_of_example(tmp_path)
    (root / "incidents/2026/2026-03-01-night-work-across-the-clock-change.yml").write_text(
        ACROSS_THE_CLOCK_CHANGE, encoding="utf-8"
    )
    site = load_site(root)
    written = {}
    for path, content in calendar_outputs(site, NOON).items():
        target = tmp_path / "out" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written[str(target)] = path
    result = subprocess.run([node, str(reader), *written], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    read = {written[file]: events for file, events in json.loads(result.stdout).items()}
    works = [i for i in site.incidents if i.is_maintenance]
    # The night work ended more than 90 days before NOON: it is in 2026's file, and only there.
    assert [e["uid"] for e in read["calendar/2026.ics"]] == [
        "2026-03-01-night-work-across-the-clock-change@status.northwind.example"
    ]
    shared = read["calendar.ics"] + read["calendar/2026.ics"]
    assert len(shared) == len(works) == 4
    for work in works:
        expected = {
            "uid": f"{work.id}@status.northwind.example",
            "status": "CANCELLED" if work.status == "cancelled" else "CONFIRMED",
            "sequence": len(work.updates) - 1,
            "tzid": "America/Edmonton",
            "zone": "America/Edmonton",
            "start": work.window.start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "end": work.window.end.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        }
        (own,) = read[f"incidents/{work.id}/calendar.ics"]
        (listed,) = [e for e in shared if e["uid"] == expected["uid"]]
        for event in (own, listed):
            assert {key: event[key] for key in expected} == expected
    night = next(e for e in read["calendar/2026.ics"] if e["uid"].startswith("2026-03-01-night-work"))
    # 01:30 MST and 04:00 MDT, worked out by hand.
    assert (night["start"], night["end"]) == ("2026-03-08T08:30:00.000Z", "2026-03-08T10:00:00.000Z")

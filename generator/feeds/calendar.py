"""The maintenance calendar (iCalendar): a pure function of the site.

Calendar apps match an event by its UID and take a higher SEQUENCE as a
change, so the UID comes from the incident id (never changes) and SEQUENCE
counts the updates after the announcement: every update, a reschedule or a
cancellation among them, raises it. DTSTAMP is the latest update, not the
clock, so the same files give the same bytes.

``calendar.ics`` stays small whatever the history: it holds the maintenance
still to come and that of the last ``CALENDAR_DAYS`` days; older work moves to
one file per year, ``calendar/<year>.ics``, under the same UID.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone
from icalendar.prop import vDDDLists, vDDDTypes

from .. import display
from ..incidents.model import Incident, Site, Status

CALENDAR_DAYS = 90
"""``calendar.ics`` keeps a maintenance whose window ended at most this many days (of 24 hours) before the
build's now: one that ended exactly this long ago stays in; older ones are in their year's file."""


def event(site: Site, incident: Incident) -> Event:
    """One planned maintenance as a VEVENT in the site's zone."""
    config = site.config
    assert incident.window is not None
    url = f"{config.site_url}incidents/{incident.id}/"
    zone = config.timezone
    item = Event()
    item.add("uid", f"{incident.id}@{config.host}")
    item.add("dtstamp", incident.latest.at)
    item.add("sequence", len(incident.updates) - 1)
    item.add("dtstart", incident.window.start.astimezone(zone))
    item.add("dtend", incident.window.end.astimezone(zone))
    cancelled = incident.status is Status.CANCELLED
    item.add("summary", f"{incident.title}{' (cancelled)' if cancelled else ''}")
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    item.add("location", ", ".join(a.name for a in incident.areas))
    item.add("url", url)
    item.add(
        "description",
        "\n".join(
            [
                incident.expected_impact,
                f"Services: {', '.join(s.name for s in incident.services)}",
                f"Areas: {', '.join(a.name for a in incident.areas)}",
                f"Latest update ({incident.latest.status.label}): {display.plain(incident.latest.message)}",
                url,
            ]
        ),
    )
    item.add("transp", "TRANSPARENT")  # planned work should not block the reader's own time
    return item


def calendar(site: Site, incidents: list[Incident], name: str, timezone: Timezone) -> bytes:
    config = site.config
    document = Calendar()
    document.add("prodid", f"-//outage-bulletin//{config.name}//EN")
    document.add("version", "2.0")
    document.add("calscale", "GREGORIAN")
    document.add("method", "PUBLISH")
    document.add("x-wr-calname", name)
    document.add("x-wr-timezone", str(config.timezone))
    document.add_component(timezone)
    for incident in incidents:
        document.add_component(event(site, incident))
    return document.to_ical()


def vtimezone(zone: ZoneInfo, first: date, last: date) -> Timezone:
    """The zone's VTIMEZONE from ``first`` to ``last``, each change of offset at its true local time.

    RFC 5545 (3.6.5, and its America/New_York example) writes an observance's onset,
    DTSTART and RDATE, as the local time in the offset in force *before* the change,
    TZOFFSETFROM: daylight time in America/Edmonton starts at 02:00 MST, when clocks
    jump to 03:00 MDT. icalendar writes the daylight onset as 03:00, an hour late
    for readers that follow the RFC (dateutil's tzical then puts 09:30 UTC on that day
    at 02:30 MST, a time that never existed), so every onset is recomputed here from
    the zone's own transitions.
    """
    timezone = Timezone.from_tzinfo(zone, first_date=first, last_date=last)
    for observance in timezone.subcomponents:
        before, after = observance["TZOFFSETFROM"].td, observance["TZOFFSETTO"].td
        observance["DTSTART"] = vDDDTypes(_onset(zone, observance["DTSTART"].dt, before, after))
        if "RDATE" in observance:
            onsets = [_onset(zone, d.dt, before, after) for d in observance["RDATE"].dts]
            observance["RDATE"] = vDDDLists(onsets)
    return timezone


def _onset(zone: ZoneInfo, local: datetime, before: timedelta, after: timedelta) -> datetime:
    """The local time, in the offset ``before``, of the change from ``before`` to ``after`` that ``local`` names.

    ``local`` may be written in either offset; an onset that is no change (the first
    observance, where both offsets are the same) stays as it is.
    """
    for offset in (before, after):
        instant = (local - offset).replace(tzinfo=UTC)
        just_before = (instant - timedelta(seconds=1)).astimezone(zone).utcoffset()
        if just_before == before and instant.astimezone(zone).utcoffset() == after:
            return (instant + before).replace(tzinfo=None)
    return local


def _years(works: list[Incident]) -> list[int]:
    return [i.window.start.year for i in works if i.window is not None]


def calendar_files(site: Site, now: datetime) -> dict[str, list[Incident]]:
    """``{path: maintenance}``: ``calendar.ics`` (still to come, or ended in the last ``CALENDAR_DAYS``
    days) and ``calendar/<year>.ics`` for each year, in the site's zone, that older work started in;
    every maintenance with a window is in exactly one of them."""
    zone = site.config.timezone
    since = now.astimezone(UTC) - timedelta(days=CALENDAR_DAYS)  # 90 x 24 hours, whatever the clocks did
    files: dict[str, list[Incident]] = {"calendar.ics": []}
    archived: dict[int, list[Incident]] = {}
    for incident in site.incidents:
        window = incident.window
        if not incident.is_maintenance or window is None:
            continue
        if window.end >= since:
            files["calendar.ics"].append(incident)
        else:
            archived.setdefault(window.start.astimezone(zone).year, []).append(incident)
    for year in sorted(archived, reverse=True):
        files[f"calendar/{year}.ics"] = archived[year]
    return files


def calendar_outputs(site: Site, now: datetime) -> dict[str, bytes]:
    """``calendar.ics``, one file per year of older maintenance (see :func:`calendar_files`), and one
    file per maintenance page."""
    works = [i for i in site.incidents if i.is_maintenance and i.window is not None]
    zone = site.config.timezone
    name = f"{site.config.name} planned maintenance"

    def timezone_for(years: list[int]) -> Timezone:
        # A VTIMEZONE covering the years the file's events span, so a bounded file stays bounded.
        years = years or [2000]
        return vtimezone(zone, date(min(years) - 1, 1, 1), date(max(years) + 1, 12, 31))

    outputs = {}
    for path, listed in calendar_files(site, now).items():
        year = path.removeprefix("calendar/").removesuffix(".ics")
        title = name if path == "calendar.ics" else f"{name}, {year}"
        outputs[path] = calendar(site, listed, title, timezone_for(_years(listed)))
    # One VTIMEZONE for every maintenance page's own file, covering the years the data spans.
    timezone = timezone_for(_years(works))
    for incident in works:
        outputs[f"incidents/{incident.id}/calendar.ics"] = calendar(site, [incident], incident.title, timezone)
    return outputs

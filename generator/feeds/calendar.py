"""The maintenance calendar (iCalendar): a pure function of the site.

Calendar apps match an event by its UID and take a higher SEQUENCE as a
change, so the UID comes from the incident id (never changes) and SEQUENCE
counts the updates after the announcement: every update, a reschedule or a
cancellation among them, raises it. DTSTAMP is the latest update, not the
clock, so the same files give the same bytes.

``calendar.ics`` stays small whatever the history: it holds the maintenance
still to come and that of the last ``CALENDAR_DAYS`` days; older work moves to
one file per year, ``calendar/<year>.ics``, under the same UID.

A site in several languages publishes the same calendars in each other language
under its folder (:func:`calendar_outputs_in`: ``fr/calendar.ics``,
``fr/calendar/<year>.ics``, ``fr/incidents/<id>/calendar.ics``), its texts marked
``LANGUAGE=fr-CA`` (RFC 5545 3.2.10). Each language's events have UIDs of their
own (``<id>.fr@host``: an incident id has no dot, so no English UID can ever be
one), because an app that subscribes to both calendars would otherwise take one
language's event as a change of the other's.

Thousands of events are written per build, so they (and each file's head) are
written by ``content_lines.py`` rather than through icalendar's objects, in
icalendar's very bytes: each build first checks that on its first maintenance
and on a probe full of escapes, and writes through icalendar if they differ.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache, partial
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .. import display
from ..catalogue import catalogue_for
from ..incidents.languages import path_prefix, site_in
from ..incidents.model import Area, Config, Incident, Service, Site, Status
from . import content_lines
from .atom import Keep

if TYPE_CHECKING:
    from icalendar import Event, Timezone

CALENDAR_DAYS = 90
"""``calendar.ics`` keeps a maintenance whose window ended at most this many days (of 24 hours) before the
build's now: one that ended exactly this long ago stays in; older ones are in their year's file."""


@dataclass(frozen=True)
class _Wording:
    """What a calendar says around the staff's text, in one language."""

    tag: str
    """The RFC 5545 LANGUAGE of its texts; none in English, whose calendar has always been without."""
    uid_part: str
    """Between the incident id and ``@host`` in a UID: nothing in English, whose UIDs are published."""
    prodid: str
    """The language of PRODID's formal public identifier (``EN``)."""
    name: Callable[[str], str]
    """The calendar's name, from the organisation's."""
    cancelled: str
    """After a cancelled maintenance's title."""
    latest: str
    """Before the latest update's status."""


_WORDINGS = {
    "en": _Wording(
        tag="",
        uid_part="",
        prodid="EN",
        name=lambda organisation: f"{organisation} planned maintenance",
        cancelled=" (cancelled)",
        latest="Latest update",
    ),
    "fr": _Wording(
        tag="fr-CA",
        uid_part=".fr",
        prodid="FR",
        name=lambda organisation: f"{organisation} — entretien planifié",
        cancelled=" (travaux annulés)",  # "annulé" would have to agree with the title's gender
        latest="Dernière mise à jour",
    ),
}


def uid(config: Config, incident_id: str) -> str:
    """``<incident id>@<host>`` in the default language, ``<incident id>.fr@<host>`` in French: never moves."""
    part = _WORDINGS[config.language].uid_part if config.language != config.default_language else ""
    return f"{incident_id}{part}@{config.host}"


def event(site: Site, incident: Incident) -> Event:
    """One planned maintenance as a VEVENT in the site's zone, in the site's language."""
    from icalendar import Event  # icalendar is imported where used: a thirtieth of a second, in the process
    # that writes the calendar (the build's second one), not before every command

    item = Event()
    for name, value, tag in _properties(site, incident):
        item.add(name, value, parameters={"LANGUAGE": tag} if tag else None)
    return item


_EVENT_ORDER = ("summary", "dtstart", "dtend", "dtstamp", "uid", "sequence")
"""The order icalendar writes a VEVENT's properties in: these first (``Event.canonical_order``), the rest by name."""


def event_bytes(site: Site, incident: Incident) -> bytes:
    """``event(site, incident).to_ical()``, written line by line without icalendar's objects
    (``content_lines.py``): the same bytes, several times faster."""
    values = {name: (value, tag) for name, value, tag in _properties(site, incident)}
    order = [*_EVENT_ORDER, *sorted(set(values) - set(_EVENT_ORDER))]
    lines = [b"BEGIN:VEVENT"]
    for name in order:
        value, tag = values[name]
        key = name.upper()
        if name == "dtstamp":
            lines.append(content_lines.utc_line(key, value))
        elif isinstance(value, datetime):
            lines.append(content_lines.datetime_line(key, value))
        elif name == "url" or isinstance(value, int):  # a URI or an integer: written as it is
            lines.append(content_lines.folded(f"{key}:{content_lines.value(str(value))}"))
        else:
            lines.append(
                content_lines.folded(f"{key}{content_lines.language_parameter(tag)}:{content_lines.text(value)}")
            )
    lines.append(b"END:VEVENT\r\n")
    return b"\r\n".join(lines)


def _properties(site: Site, incident: Incident) -> list[tuple[str, str | int | datetime, str]]:
    """A maintenance's VEVENT properties in the order they are added: (name, value, LANGUAGE tag or "")."""
    config = site.config
    assert incident.window is not None
    words, say = _WORDINGS[config.language], catalogue_for(config.language)
    url = f"{config.site_url}{path_prefix(config)}incidents/{incident.id}/"  # the page in the calendar's language
    zone = config.timezone
    cancelled = incident.status is Status.CANCELLED

    def tag(fallen_back: bool) -> str:
        # LANGUAGE only on a text wholly in the calendar's language, never on one shown in the default.
        return words.tag if words.tag and not fallen_back else ""

    areas = ", ".join(_name(config, a) for a in incident.areas)
    latest = incident.latest
    description = "\n".join(
        [
            _prefixed(config, incident.expected_impact, "expected_impact" in incident.untranslated),
            f"{say.phrase('Services')}{say.colon} {', '.join(_name(config, s) for s in incident.services)}",
            f"{say.phrase('Areas')}{say.colon} {areas}",
            f"{words.latest} ({say.status(latest.status)}){say.colon} "
            + _prefixed(config, display.plain(latest.message), "message" in latest.untranslated),
            url,
        ]
    )
    description_fallen_back = any(
        [
            "expected_impact" in incident.untranslated,
            "message" in latest.untranslated,
            *("name" in s.untranslated for s in incident.services),
            *("name" in a.untranslated for a in incident.areas),
        ]
    )
    title_fallen_back = "title" in incident.untranslated
    return [
        ("uid", uid(config, incident.id), ""),
        ("dtstamp", incident.latest.at, ""),
        ("sequence", len(incident.updates) - 1, ""),
        ("dtstart", incident.window.start.astimezone(zone), ""),
        ("dtend", incident.window.end.astimezone(zone), ""),
        (
            "summary",
            f"{_marked(config, incident.title, title_fallen_back)}{words.cancelled if cancelled else ''}",
            tag(title_fallen_back),
        ),
        ("status", "CANCELLED" if cancelled else "CONFIRMED", ""),
        ("location", areas, tag(any("name" in a.untranslated for a in incident.areas))),
        ("url", url, ""),
        ("description", description, tag(description_fallen_back)),
        ("transp", "TRANSPARENT", ""),  # planned work should not block the reader's own time
    ]


def _marked(config: Config, value: str, fallen_back: bool) -> str:
    """A name or title, marked "(en anglais seulement)" when shown in the default language in another."""
    return catalogue_for(config.language).marked(value, config.default_language) if fallen_back else value


def _name(config: Config, item: Service | Area) -> str:
    return _marked(config, item.name, "name" in item.untranslated)


def _prefixed(config: Config, value: str, fallen_back: bool) -> str:
    """A paragraph shown in the default language in another, marked first: ``(en anglais seulement) …``."""
    if not fallen_back:
        return value
    return f"({catalogue_for(config.language).only_in(config.default_language)}) {value}"


def _head(site: Site, name: str) -> bytes:
    """The calendar's own lines, ``BEGIN:VCALENDAR`` to ``END:VCALENDAR``, without its components."""
    config = site.config
    return _head_of(
        f"-//outage-bulletin//{config.name}//{_WORDINGS[config.language].prodid}", name, str(config.timezone)
    )


def _head_of(prodid: str, name: str, zone: str) -> bytes:
    from icalendar import Calendar

    document = Calendar()
    document.add("prodid", prodid)
    document.add("version", "2.0")
    document.add("calscale", "GREGORIAN")
    document.add("method", "PUBLISH")
    document.add("x-wr-calname", name)
    document.add("x-wr-timezone", zone)
    return document.to_ical()


def _quick_head(site: Site, name: str) -> bytes:
    """``_head(site, name)``, from the lines icalendar wrote once for the site's calendars: only the name's differs."""
    config = site.config
    prodid = f"-//outage-bulletin//{config.name}//{_WORDINGS[config.language].prodid}"
    before, after = _head_around_name(prodid, str(config.timezone))
    if "\n" in name:
        return _head(site, name)  # which icalendar refuses, as it always did
    # icalendar writes X-WR-CALNAME as it is (an unknown property's value), not escaped as TEXT.
    return before + content_lines.folded(f"X-WR-CALNAME:{content_lines.value(name)}") + after


_NAME_MARK = "outage-bulletin-calendar-name"


@lru_cache(maxsize=16)
def _head_around_name(prodid: str, zone: str) -> tuple[bytes, bytes]:
    """A head's bytes before and after its ``X-WR-CALNAME`` line."""
    head = _head_of(prodid, _NAME_MARK, zone)
    line = f"\r\nX-WR-CALNAME:{_NAME_MARK}\r\n".encode()
    assert head.count(line) == 1
    before, after = head.split(line)
    return before + b"\r\n", b"\r\n" + after


def _writers(site: Site, works: list[Incident]) -> tuple[Callable[[Incident], bytes], Callable[[str], bytes]]:
    """How to write events and heads: quickly (``content_lines.py``) if that gives icalendar's very bytes for the
    first maintenance and its head, or else through icalendar (another icalendar may write otherwise)."""

    def slow_event(incident: Incident) -> bytes:
        return event(site, incident).to_ical()

    def slow_head(name: str) -> bytes:
        return _head(site, name)

    if not works:
        return slow_event, slow_head
    # The first maintenance as it is, and again with texts that escape, fold and mark everything they can.
    first = works[0]
    probe = replace(first, title=_PROBE, expected_impact=_PROBE * 3)
    titles = [_marked(site.config, first.title, "title" in first.untranslated), _PROBE]
    if any(event_bytes(site, i) != slow_event(i) for i in (first, probe)) or any(
        _quick_head(site, t) != slow_head(t) for t in titles
    ):
        return slow_event, slow_head
    return (lambda incident: event_bytes(site, incident)), (lambda name: _quick_head(site, name))


_PROBE = 'Probe, with; every\\ sort\\N of "text": é, ß — 🙂 ^caret^ \\\\ \r\rA long line to fold more than once: ' * 2
"""Escapes, quotes, multi-byte characters and escape characters near folds, to check a new icalendar against."""


_END = b"END:VCALENDAR\r\n"


def _assemble(head: bytes, timezone: bytes, events: list[bytes]) -> bytes:
    """What ``Calendar.to_ical()`` writes for ``head`` with the zone and the events added, from their own bytes.

    A component's lines are its properties, then each subcomponent's lines in
    order, then its END line: so each event is written once, for calendar.ics and
    its own file, and the zone once for all.
    """
    assert head.endswith(_END)
    return b"".join([head[: -len(_END)], timezone, *events, _END])


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
    from icalendar import Timezone
    from icalendar.prop import vDDDLists, vDDDTypes

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


def calendar_outputs(site: Site, now: datetime, keep: Keep | None = None) -> dict[str, bytes]:
    """``calendar.ics``, one file per year of older maintenance (see :func:`calendar_files`), and one
    file per maintenance page.

    With ``keep`` (the build cache), each maintenance's event is kept under all it is made of: the
    calendar's language (``status.yml`` and the tool are in every key) and the maintenance as of now,
    its id (its file's name: the event's UID and address), its file's bytes and how many of its updates
    exist yet. Writing 1,500 events was a tenth of a second of every build at 10,000 incidents, for one
    or two that changed.
    """
    works = [i for i in site.incidents if i.is_maintenance and i.window is not None]
    zone = site.config.timezone
    name = _WORDINGS[site.config.language].name(site.config.name)
    prefix = path_prefix(site.config)  # "" in the default language, "fr/" in French

    def timezone_for(years: list[int]) -> bytes:
        # A VTIMEZONE covering the years the file's events span, so a bounded file stays bounded.
        years = years or [2000]
        return vtimezone(zone, date(min(years) - 1, 1, 1), date(max(years) + 1, 12, 31)).to_ical()

    write_event, head = _writers(site, works)
    if keep is None:
        events = {incident.id: write_event(incident) for incident in works}  # each written once
    else:
        language = site.config.language
        events = {
            incident.id: keep(("event", language, incident.id, _made_of(incident)), partial(write_event, incident))
            for incident in works
        }
    outputs = {}
    for path, listed in calendar_files(site, now).items():
        year = path.removeprefix("calendar/").removesuffix(".ics")
        title = name if path == "calendar.ics" else f"{name}, {year}"
        outputs[prefix + path] = _assemble(head(title), timezone_for(_years(listed)), [events[i.id] for i in listed])
    # One VTIMEZONE for every maintenance page's own file, covering the years the data spans.
    zone_lines = timezone_for(_years(works))
    for incident in works:
        outputs[f"{prefix}incidents/{incident.id}/calendar.ics"] = _assemble(
            head(_marked(site.config, incident.title, "title" in incident.untranslated)),
            zone_lines,
            [events[incident.id]],
        )
    return outputs


def _made_of(incident: Incident) -> str:
    """All a maintenance is made of as of now: its file's bytes (by their sha256) and how many of its updates exist
    yet; or, read from no file, the whole of it."""
    return f"{incident.source_digest} {len(incident.updates)}" if incident.source_digest else repr(incident)


def calendar_outputs_in(site: Site, now: datetime, language: str, keep: Keep | None = None) -> dict[str, bytes]:
    """The calendars in ``language``, under its folder: ``fr/calendar.ics``, ``fr/calendar/<year>.ics`` and
    ``fr/incidents/<id>/calendar.ics``, the same events as the default language's under UIDs of their own."""
    return calendar_outputs(site_in(site, language), now, keep)

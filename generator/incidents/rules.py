"""Rules that span fields: ids exist, times parse and run forward, status moves forward.

Each function takes a file already checked for shape (``schema.py``) and
returns the typed model (``model.py``), or records located problems and
returns ``None``. Every rule is checked, so one run reports every problem.

Longer than most modules: one short function per rule, grouped by the file it reads (status.yml,
an incident, the reporting records); the rules are read together when deciding what check accepts,
which is why they are in one file.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import model as m
from .channels import check_channels
from .languages import DEFAULT_EMERGENCY_ADVICE, TextReader, site_languages, translations
from .problems import Problem, describe, field_path
from .schema import UNKNOWN, IncidentFile, MaintenanceFile, StatusFile
from .times import TimeError, parse_duration, parse_time
from .yamltext import Path, YamlDocument

_CAP_UNSAFE = re.compile(r"[\s,<&]")
_POINT = re.compile(r"^(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)$")
_INCIDENT_STEM = re.compile(r"^(\d{4})-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")
_DUTY_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")


class Checker:
    """Collects located problems for one file."""

    def __init__(self, file: str, document: YamlDocument) -> None:
        self.file = file
        self.document = document
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        """What check points out without refusing the file (a text missing a language)."""

    def fail(self, loc: Path, expected: str, found: str, *, key: bool = False) -> None:
        line, column = self.document.position(loc, key=key)
        self.problems.append(Problem(self.file, line, column, field_path(loc), expected, found))

    def warn(self, loc: Path, expected: str, found: str) -> None:
        line, column = self.document.position(loc)
        self.warnings.append(Problem(self.file, line, column, field_path(loc), expected, found, severity="warning"))

    def time(self, text: str | None, loc: Path, zone: ZoneInfo) -> datetime | None:
        if text is None:
            return None
        try:
            return parse_time(text, zone)
        except TimeError as exc:
            self.fail(loc, str(exc), describe(text))
            return None


# --- status.yml -------------------------------------------------------------


def check_config(raw: StatusFile, checker: Checker) -> m.Config | None:
    """The site's configuration, with any problems recorded.

    A config with problems is still returned, so incident files can be checked
    against it in the same run; only an unknown time zone gives ``None``,
    because every incident time depends on it.
    """
    try:
        zone = ZoneInfo(raw.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        checker.fail(("timezone",), "an IANA time zone like America/Edmonton", describe(raw.timezone))
        return None
    url = urlsplit(raw.site_url)
    if url.scheme not in {"http", "https"} or not url.hostname:
        checker.fail(("site_url",), "an address like https://status.example.com/", describe(raw.site_url))
    for group in ("services", "areas"):
        seen: dict[str, int] = {}
        for index, item in enumerate(getattr(raw, group)):
            if item.id in seen:
                checker.fail(
                    (group, index, "id"), "an id used once", f"'{item.id}' again (also {group}[{seen[item.id]}])"
                )
            seen.setdefault(item.id, index)
    for index, area in enumerate(raw.areas):
        if area.polygon:
            _check_polygon(area.polygon, ("areas", index, "polygon"), checker)
    for loc, value in _contact_emails(raw):
        if "@" not in value or " " in value.strip():
            checker.fail(loc, "an email address", describe(value))
    try:
        gap = parse_duration(raw.policy.max_update_gap)
    except TimeError as exc:
        checker.fail(("policy", "max_update_gap"), str(exc), describe(raw.policy.max_update_gap))
        gap = timedelta(hours=3)
    if not gap:
        checker.fail(
            ("policy", "max_update_gap"), "a duration longer than zero, like 3h", describe(raw.policy.max_update_gap)
        )
        gap = timedelta(hours=3)
    cap_sender = raw.bulletins.cap.sender if raw.bulletins.cap else ""
    if cap_sender and _CAP_UNSAFE.search(cap_sender):
        checker.fail(("bulletins", "cap", "sender"), "a sender id without spaces, commas, < or &", describe(cap_sender))
    languages = site_languages(raw, checker)
    rates = _rates(raw.bulletins.words_per_minute, languages, checker)
    text = TextReader(languages, checker)
    areas = tuple(_area(a, ("areas", index), text) for index, a in enumerate(raw.areas))
    if raw.bulletins.cap and raw.bulletins.cap.profile == "cap-cp":
        _check_cap_cp_areas(areas, checker)
    media = raw.media_contact
    known = {"services": {s.id for s in raw.services}, "areas": {a.id for a in raw.areas}}
    channels = check_channels(raw.channels, checker, known, public=True, source="status.yml")
    name, about, dateline = (
        text.read(raw.name, ("name",), name=True, clean=_as_is),
        text.read(raw.about, ("about",)),
        text.read(raw.dateline, ("dateline",), name=True, clean=_as_is),
    )
    advice_given = "emergency_advice" in raw.bulletins.model_fields_set
    advice = text.read(
        raw.bulletins.emergency_advice,
        ("bulletins", "emergency_advice"),
        clean=lambda words: " ".join(words.split()),
        defaults=None if advice_given else DEFAULT_EMERGENCY_ADVICE,
    )
    return m.Config(
        name=name[0],
        site_url=raw.site_url if raw.site_url.endswith("/") else raw.site_url + "/",
        timezone=zone,
        language=languages[0],
        contact=m.Contact(phone=raw.contact.phone, email=raw.contact.email),
        media_contact=_media_contact(media, text) if media else None,
        about=about[0],
        dateline=dateline[0],
        services=tuple(_service(s, ("services", index), text) for index, s in enumerate(raw.services)),
        areas=areas,
        bulletins=m.BulletinSettings(
            words_per_minute=rates[0],
            rates=rates[1],
            radio_lengths=tuple(sorted(set(raw.bulletins.radio_lengths))),
            spoken=tuple(raw.bulletins.spoken.items()),
            cap_sender=cap_sender,
            cap_profile=(raw.bulletins.cap.profile or "") if raw.bulletins.cap else "",
            emergency_advice=advice[0],
            translations=translations(("emergency_advice", advice[1])),
        ),
        max_update_gap=gap,
        feed_entries=raw.feeds.entries,
        logo=raw.logo or "",
        favicon=raw.favicon or "",
        channels=channels,
        languages=languages,
        translations=translations(("name", name[1]), ("about", about[1]), ("dateline", dateline[1])),
    )


def _as_is(text: str) -> str:
    """Names and datelines are kept as written (a one-line field cannot hold a line break anyway)."""
    return text


def _media_contact(media, text: TextReader) -> m.Contact:
    title = text.read(media.title, ("media_contact", "title"), clean=_as_is)
    return m.Contact(media.phone, media.email, media.name, title[0], translations(("title", title[1])))


def _service(raw, loc: Path, text: TextReader) -> m.Service:
    name = text.read(raw.name, (*loc, "name"), clean=_as_is)
    description = text.read(raw.description, (*loc, "description"), clean=_as_is)
    return m.Service(
        raw.id,
        name[0],
        description[0],
        raw.emergency_calls,
        tuple(raw.categories),
        translations(("name", name[1]), ("description", description[1])),
    )


def _area(raw, loc: Path, text: TextReader) -> m.Area:
    name, region, pronounce = (
        text.read(getattr(raw, key), (*loc, key), name=True, clean=_as_is) for key in ("name", "region", "pronounce")
    )
    return m.Area(
        raw.id,
        name[0],
        region[0],
        pronounce[0],
        (raw.polygon.strip(),) if raw.polygon else (),
        tuple(sorted(raw.geocode.items())),
        translations(("name", name[1]), ("region", region[1]), ("pronounce", pronounce[1])),
    )


_SGC = re.compile(r"^\d{7}$")


def _check_cap_cp_areas(areas: tuple[m.Area, ...], checker: Checker) -> None:
    """Under the Canadian Profile every area names its census subdivision, and outlines itself if it is smaller.

    CAP-CP (rule 9 of Beta 0.4) wants a recognized location code in every area:
    the 7-digit Statistics Canada SGC code of the census subdivision. A consumer
    alerts that whole subdivision unless a polygon says better (rule 18), so an
    area that is only part of one (another area shares its code, or it belongs
    to a larger region) must carry its own polygon: Castle Downs is not all of
    Edmonton.
    """
    codes: dict[str, list[str]] = {}
    for area in areas:
        code = dict(area.geocodes).get("SGC", "")
        if _SGC.match(code):
            codes.setdefault(code, []).append(area.name)
    for index, area in enumerate(areas):
        code = dict(area.geocodes).get("SGC")
        if code is None:
            checker.fail(
                ("areas", index, "geocode"),
                'an SGC geocode like {SGC: "4811061"}, the Statistics Canada census subdivision the area lies in '
                "(bulletins.cap.profile is cap-cp)",
                "none",
            )
            continue
        if not _SGC.match(code):
            checker.fail(
                ("areas", index, "geocode", "SGC"), "a 7-digit census subdivision code like 4811061", describe(code)
            )
            continue
        if area.polygons:
            continue
        sharing = [other for other in codes[code] if other != area.name]
        if sharing:
            why = f"its geocode {code} is also {' and '.join(sharing)}'s, so it covers more than {area.name}"
        elif area.region and area.region != area.name:
            why = f"it is part of {area.region}, so its geocode {code} covers more than {area.name}"
        else:
            continue
        checker.fail(
            ("areas", index),
            f"a polygon outlining {area.name} (bulletins.cap.profile is cap-cp, and {why})",
            "no polygon",
        )


def _contact_emails(raw: StatusFile) -> list[tuple[Path, str]]:
    found: list[tuple[Path, str]] = [(("contact", "email"), raw.contact.email)]
    if raw.media_contact:
        found.append((("media_contact", "email"), raw.media_contact.email))
    return found


def _check_polygon(text: str, loc: Path, checker: Checker) -> None:
    points = text.split()
    bad = next((p for p in points if not _valid_point(p)), None)
    if bad is not None:
        checker.fail(loc, "points written lat,lon with latitude -90..90 and longitude -180..180", describe(bad))
    elif len(points) < 4:
        checker.fail(loc, "a polygon of at least four points (the first repeated last)", f"{len(points)} points")
    elif points[0] != points[-1]:
        checker.fail(loc, f"a closed polygon: the last point equal to the first, {points[0]}", describe(points[-1]))


def _valid_point(point: str) -> bool:
    match = _POINT.match(point)
    return bool(match) and abs(float(match[1])) <= 90 and abs(float(match[2])) <= 180


# --- incidents --------------------------------------------------------------


def check_incident_name(source: str, checker: Checker) -> str | None:
    """The incident id from its path ``incidents/YYYY/YYYY-MM-DD-slug.yml``."""
    parts = source.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    match = _INCIDENT_STEM.match(stem)
    if match is None:
        checker.fail(
            (), "a file name like YYYY-MM-DD-short-title.yml (lowercase, digits, hyphens)", describe(parts[-1])
        )
        return None
    if len(parts) < 2 or parts[-2] != match[1]:
        checker.fail((), f"the file in the folder incidents/{match[1]}/", describe("/".join(parts[:-1]) + "/"))
        return None
    return stem


def check_incident(
    raw: IncidentFile | MaintenanceFile, incident_id: str, config: m.Config, checker: Checker
) -> m.Incident | None:
    """The typed incident, or ``None`` with problems recorded."""
    zone = config.timezone
    known = _Known(config)
    text = TextReader(config.languages, checker)
    title = text.read(_field(raw, "title", ""), ("title",), clean=_as_is)  # a broken file's parts may lack it
    cause = text.read(_field(raw, "cause", ""), ("cause",))
    services = known.resolve(raw.services, ("services",), "services", checker)
    areas = known.resolve(raw.areas, ("areas",), "areas", checker)
    window = None
    if isinstance(raw, MaintenanceFile) and raw.window is not None:
        window = _window(raw.window, ("window",), zone, checker)
    began_at = checker.time(_field(raw, "began_at", None), ("began_at",), zone)
    first = m.Facts(
        impact=m.Impact(raw.impact) if _field(raw, "impact", None) else None,
        services=services,
        areas=areas,
        customers_affected=_field(raw, "customers_affected", None),
        customers_potentially_affected=_field(raw, "customers_potentially_affected", None),
        cause=cause[0],
        window=window,
        translations=translations(("cause", cause[1])),
    )
    _check_potentially(first, (), checker)
    updates = _updates(raw, first, known, zone, checker, text)
    if began_at is not None and updates and began_at > updates[0].at:
        checker.fail(
            ("began_at",),
            f"a time no later than the first update, {_shown(updates[0].at, zone)}",
            describe(raw.began_at),
        )
    discovered_at = _discovered_at(raw, began_at, updates, zone, checker)
    reported = _reported(raw, began_at, discovered_at, updates, zone, checker)
    if isinstance(raw, IncidentFile) and raw.reopened and not _reopens(updates):
        checker.fail(("reopened",), "true only when a 'resolved' update is followed by 'investigating'", "true")
    expected_impact = text.read(_field(raw, "expected_impact", ""), ("expected_impact",), clean=_as_is)
    affects = text.read(_field(raw, "affects", ""), ("affects",), clean=_as_is)
    postmortem = text.read(raw.postmortem, ("postmortem",), clean=_as_is)
    if checker.problems:  # any problem in the file, found here or before
        return None
    maintenance = isinstance(raw, MaintenanceFile)
    return m.Incident(
        id=incident_id,
        source=checker.file,
        kind=m.Kind.MAINTENANCE if maintenance else m.Kind.INCIDENT,
        title=title[0],
        updates=tuple(updates),
        broadcast_setting=raw.broadcast,
        reopened=_field(raw, "reopened", False),
        postmortem=postmortem[0],
        began_at_setting=began_at,
        original_window=window,
        expected_impact=expected_impact[0],
        reference=(raw.reference or "").strip(),
        affects=affects[0],
        discovered_at_setting=discovered_at,
        community_isolated=_field(raw, "community_isolated", False),
        reported=reported,
        translations=translations(
            ("title", title[1]),
            ("expected_impact", expected_impact[1]),
            ("postmortem", postmortem[1]),
            ("affects", affects[1]),
        ),
    )


# --- what regulatory reporting reads: never published ---------------------------------


def _check_potentially(facts: m.Facts, loc: Path, checker: Checker) -> None:
    """Customers potentially affected, stated with customers affected in one place, are at least as many."""
    affected, potentially = facts.customers_affected, facts.customers_potentially_affected
    if affected is not None and potentially is not None and potentially < affected:
        checker.fail(
            (*loc, "customers_potentially_affected"),
            f"at least customers_affected ({affected:,}): everyone affected could be",
            f"{potentially:,}",
        )


def _discovered_at(raw, began_at: datetime | None, updates: list[m.Update], zone: ZoneInfo, checker: Checker):
    """The file's ``discovered_at``: no earlier than the outage began, no later than the first update."""
    text = _field(raw, "discovered_at", None)
    moment = checker.time(text, ("discovered_at",), zone)
    if moment is None or not updates:
        return moment
    first = updates[0].at
    if began_at is not None and moment < began_at:
        checker.fail(("discovered_at",), f"a time no earlier than began_at, {_shown(began_at, zone)}", describe(text))
    elif began_at is None and moment < first:
        checker.fail(
            ("discovered_at",),
            f"a time no earlier than the outage began: the first update, {_shown(first, zone)}, "
            "unless began_at says it began earlier",
            describe(text),
        )
    elif moment > first:
        checker.fail(
            ("discovered_at",),
            f"a time no later than the first update, {_shown(first, zone)}: it was known by then",
            describe(text),
        )
    return moment


def _reported(
    raw,
    began_at: datetime | None,
    discovered_at: datetime | None,
    updates: list[m.Update],
    zone: ZoneInfo,
    checker: Checker,
) -> tuple[m.Report, ...]:
    """The file's ``reported:`` entries: a duty's key, and a time once the outage was known."""
    found = []
    known = discovered_at or (updates[0].at if updates else None)
    for index, item in enumerate(_field(raw, "reported", None) or ()):
        loc: Path = ("reported", index)
        if not _DUTY_KEY.match(item.rule):
            checker.fail(
                (*loc, "rule"),
                "a duty's key regime-id/rule-id, like crtc-2025-225/primary-notification",
                describe(item.rule),
            )
        at = checker.time(item.at, (*loc, "at"), zone)
        if at is None:
            continue
        if known is not None and at < known:
            where = (
                "discovered_at" if discovered_at is not None else "the first update, unless discovered_at says earlier"
            )
            checker.fail(
                (*loc, "at"), f"a time once the outage was known, {_shown(known, zone)} ({where})", describe(item.at)
            )
        line, column = checker.document.position(loc)
        found.append(m.Report(item.rule, at, item.by.strip(), item.reference.strip(), item.recipient, line, column))
    return tuple(found)


class _Known:
    """The services and areas of status.yml by id, for resolving the ids a file names."""

    def __init__(self, config: m.Config) -> None:
        self.groups = {"services": {s.id: s for s in config.services}, "areas": {a.id: a for a in config.areas}}

    def resolve(self, ids: list[str], loc: Path, group: str, checker: Checker) -> tuple:
        known = self.groups[group]
        resolved = []
        for index, item_id in enumerate(ids):
            if item_id not in known:
                checker.fail((*loc, index), f"one of the {group} in status.yml ({', '.join(known)})", describe(item_id))
            elif known[item_id] in resolved:
                checker.fail((*loc, index), "each id once", f"'{item_id}' again")
            else:
                resolved.append(known[item_id])
        return tuple(resolved)


def _window(raw, loc: Path, zone: ZoneInfo, checker: Checker) -> m.Window | None:
    start = checker.time(raw.start, (*loc, "start"), zone)
    end = checker.time(raw.end, (*loc, "end"), zone)
    if start is None or end is None:
        return None
    if end <= start:
        checker.fail((*loc, "end"), f"a time after the start, {raw.start}", describe(raw.end))
        return None
    return m.Window(start, end)


def _updates(
    raw: IncidentFile | MaintenanceFile,
    facts: m.Facts,
    known: _Known,
    zone: ZoneInfo,
    checker: Checker,
    text: TextReader,
) -> list[m.Update]:
    """Every update with the facts as of it: each fact an update states holds until a later one changes it."""
    updates: list[m.Update] = []
    previous: m.Update | None = None
    identities: dict[str, int] = {}
    for index, item in enumerate(raw.updates):
        if item is None:  # this update has a shape problem, reported already
            continue
        loc: Path = ("updates", index)
        at = checker.time(item.at, (*loc, "at"), zone)
        eta_text = _field(item, "restore_eta", None)
        later = {}
        for name, value in (
            ("restore_eta", None if eta_text == UNKNOWN else eta_text),
            ("next_update", item.next_update),
        ):
            moment = checker.time(value, (*loc, name), zone)
            if moment is not None and at is not None and moment <= at:
                checker.fail((*loc, name), f"a time after this update's time, {item.at}", describe(value))
            later[name] = moment
        window = _field(item, "window", None)
        new_window = _window(window, (*loc, "window"), zone, checker) if window else None
        facts = _facts_after(
            facts, item, later["restore_eta"], eta_text == UNKNOWN, new_window, known, loc, checker, text
        )
        status = m.Status(item.status)
        if previous is not None:
            if at is not None and at < previous.at:
                checker.fail(
                    (*loc, "at"),
                    f"a time no earlier than the update before, {_shown(previous.at, zone)}",
                    describe(item.at),
                )
            _check_progress(previous.status, status, isinstance(raw, IncidentFile) and raw.reopened, loc, checker)
        if at is None:
            continue
        identity = item.id or m.update_id(at)
        if identity in identities:
            _same_identity(item, identity, identities[identity], at, zone, loc, checker)
        identities.setdefault(identity, index)
        message = text.read(item.message, (*loc, "message"))
        update = m.Update(
            id=identity,
            number=index + 1,
            at=at,
            status=status,
            message=message[0],
            next_update=later["next_update"],
            facts=facts,
            line=checker.document.position((*loc, "at"))[0],
            column=checker.document.position((*loc, "at"))[1],
            translations=translations(("message", message[1])),
        )
        updates.append(update)
        previous = update
    return updates


def _facts_after(
    facts: m.Facts,
    item,
    eta,
    eta_withdrawn: bool,
    window,
    known: _Known,
    loc: Path,
    checker: Checker,
    text: TextReader,
) -> m.Facts:
    """The facts after one update: what it states replaces what was known; the rest holds."""
    changes: dict[str, object] = {}
    for group in ("services", "areas"):
        ids = _field(item, group, None)
        if ids is not None:
            changes[group] = known.resolve(ids, (*loc, group), group, checker)
    if _field(item, "impact", None) is not None:
        changes["impact"] = m.Impact(item.impact)
    if _field(item, "customers_affected", None) is not None:
        changes["customers_affected"] = item.customers_affected
    if _field(item, "customers_potentially_affected", None) is not None:
        changes["customers_potentially_affected"] = item.customers_potentially_affected
        if "customers_affected" in changes:  # stated together, they must agree; apart, the larger counts
            _check_potentially(replace(facts, **changes), loc, checker)
    if _field(item, "cause", None) is not None:
        cause = text.read(item.cause, (*loc, "cause"))
        changes["cause"] = cause[0]
        if cause[1] or facts.translations:
            changes["translations"] = facts.translations.replacing("cause", translations(("cause", cause[1])))
    if eta is not None or eta_withdrawn:
        changes["restore_eta"] = eta
    if window is not None:
        changes["window"] = window
    return replace(facts, **changes) if changes else facts


def _same_identity(item, identity: str, other: int, at: datetime, zone: ZoneInfo, loc: Path, checker: Checker) -> None:
    """Two updates of one incident with one identity: say which field to change."""
    if item.id:
        checker.fail((*loc, "id"), f"an id used once in this file (updates[{other}] has {identity})", describe(item.id))
    else:
        checker.fail(
            (*loc, "at"),
            f"a time unlike updates[{other}]'s (an update's time is its identity; give one of them an id:)",
            describe(_shown(at, zone)),
        )


def _check_progress(before: m.Status, after: m.Status, reopened: bool, loc: Path, checker: Checker) -> None:
    if before.is_final:
        if reopened and before is m.Status.RESOLVED and after is m.Status.INVESTIGATING:
            return
        reopening = before is m.Status.RESOLVED and after is m.Status.INVESTIGATING
        hint = " (to re-open, add reopened: true to the incident)" if reopening else ""
        checker.fail((*loc, "status"), f"no update after the final status '{before}'{hint}", describe(after.value))
        return
    allowed = _allowed_after(before)
    if after not in allowed:
        names = ", ".join(s.value for s in allowed)
        checker.fail((*loc, "status"), f"one of {names} after '{before}'", describe(after.value))


def _allowed_after(before: m.Status) -> list[m.Status]:
    """Statuses that may follow ``before``: the same or a later step, or cancelling planned work."""
    order = m.INCIDENT_STATUSES if before in m.INCIDENT_STATUSES else m.MAINTENANCE_STATUSES[:-1]
    allowed = list(order[order.index(before) :])
    if before in (m.Status.SCHEDULED, m.Status.IN_PROGRESS):
        allowed.append(m.Status.CANCELLED)
    return allowed


def _reopens(updates: list[m.Update]) -> bool:
    return any(a.status is m.Status.RESOLVED and b.status is m.Status.INVESTIGATING for a, b in pairwise(updates))


def _shown(moment: datetime, zone: ZoneInfo) -> str:
    """A time as staff write it; with its offset when the clock shows it twice (the hour clocks go back)."""
    local = moment.astimezone(zone)
    shown = local.strftime("%Y-%m-%d %H:%M")
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        offset = local.strftime("%z")
        shown += f"{offset[:3]}:{offset[3:]}"
    return shown


def _rates(given: int | dict[str, int], languages: tuple[str, ...], checker: Checker) -> tuple[int, tuple]:
    """``bulletins.words_per_minute``: the default language's speed, and (language, speed) for others given.

    One number is the default language's speed; another language without one reads at its own usual speed.
    """
    if not isinstance(given, dict):
        return given, ()
    for language in given:
        if language not in languages:
            checker.fail(
                ("bulletins", "words_per_minute", language),
                f"one of status.yml's languages ({', '.join(languages)})",
                describe(language),
                key=True,
            )
    others = tuple((language, rate) for language, rate in given.items() if language in languages[1:])
    return given.get(languages[0], 150), others


def _field(model: object, name: str, default: object = None) -> Any:
    """``getattr(model, name, default)`` for a field the file's model may not have (an incident's update has no
    ``window``, a maintenance's no ``restore_eta``), without the exception pydantic raises, and getattr then
    catches, for each field a model lacks: twice an update, 35,000 updates in a history of 10,000 incidents.
    The models forbid extra fields, so a field's value is in the model's ``__dict__`` or nowhere."""
    return model.__dict__.get(name, default)

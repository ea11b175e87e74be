"""The validated site: immutable, typed, every time timezone-aware.

Everything after the loader (timeline, pages, feeds, bulletins) reads these
objects and nothing else, so no renderer ever sees an unchecked file.

Longer than most modules: it is the whole typed model, one small frozen dataclass per thing staff
write, so the shape of the data every stage reads is in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from .problems import Problem


class Impact(StrEnum):
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"


class Kind(StrEnum):
    INCIDENT = "incident"
    MAINTENANCE = "maintenance"


class Status(StrEnum):
    """Incident and maintenance statuses, in the order they may follow each other."""

    INVESTIGATING = "investigating"
    IDENTIFIED = "identified"
    MONITORING = "monitoring"
    RESOLVED = "resolved"
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    VERIFYING = "verifying"
    COMPLETED = "completed"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        return self in FINAL_STATUSES

    @property
    def label(self) -> str:
        """The status in words for people: ``in_progress`` -> ``In progress``."""
        return self.value.replace("_", " ").capitalize()


INCIDENT_STATUSES = (Status.INVESTIGATING, Status.IDENTIFIED, Status.MONITORING, Status.RESOLVED)
MAINTENANCE_STATUSES = (Status.SCHEDULED, Status.IN_PROGRESS, Status.VERIFYING, Status.COMPLETED, Status.CANCELLED)
FINAL_STATUSES = frozenset({Status.RESOLVED, Status.COMPLETED, Status.CANCELLED})


@dataclass(frozen=True)
class Translations:
    """An object's text fields in the languages after the default one, as the files give them.

    The object's own fields hold the default language's text, so every stage
    reads plain ``str``; ``languages.site_in`` swaps in another language's.
    """

    texts: tuple[tuple[str, str, str], ...] = ()
    """(field, language, text) for each text field given in a language after the default."""

    def text(self, field: str, language: str) -> str | None:
        """The field's text in ``language``, or ``None`` if the files do not give it."""
        return next((text for name, lang, text in self.texts if name == field and lang == language), None)

    def replacing(self, field: str, other: Translations) -> Translations:
        """These translations with ``field``'s taken from ``other`` (an update that states a new cause)."""
        kept = tuple(t for t in self.texts if t[0] != field)
        return Translations(kept + tuple(t for t in other.texts if t[0] == field))

    def __bool__(self) -> bool:
        return bool(self.texts)


NO_TRANSLATIONS = Translations()
UNTRANSLATED: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Contact:
    phone: str
    email: str
    name: str = ""
    title: str = ""
    translations: Translations = NO_TRANSLATIONS
    """The title in other languages (``Translations``)."""
    untranslated: frozenset[str] = UNTRANSLATED
    """In a site seen in another language (``languages.site_in``): the text fields shown in the default
    language because the files do not give them in this one. Empty in the default language."""


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    description: str = ""
    emergency_calls: bool = False
    """911 calls go over this service (status.yml says so): when it is affected, say what to do instead."""
    categories: tuple[str, ...] = ()
    """Its categories for regulatory reporting, as status.yml gives them (9-1-1 is ``emergency_calls``)."""
    translations: Translations = NO_TRANSLATIONS
    untranslated: frozenset[str] = UNTRANSLATED
    """Text fields shown in the default language in a site seen in another (see :class:`Contact`)."""


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    region: str = ""
    pronounce: str = ""
    polygons: tuple[str, ...] = ()
    """CAP polygons, each ``"lat,lon lat,lon …"`` and closed."""
    geocodes: tuple[tuple[str, str], ...] = ()
    """CAP geocodes as (valueName, value) pairs."""
    translations: Translations = NO_TRANSLATIONS
    untranslated: frozenset[str] = UNTRANSLATED
    """Text fields shown in the default language in a site seen in another (see :class:`Contact`)."""


@dataclass(frozen=True)
class BulletinSettings:
    words_per_minute: int = 150
    """The default language's reading speed."""
    rates: tuple[tuple[str, int], ...] = ()
    """(language, words a minute) for the other languages status.yml gives a speed for."""
    radio_lengths: tuple[int, ...] = (15, 30, 60)
    spoken: tuple[tuple[str, str], ...] = ()
    """How abbreviations are read on air, as (written, spoken) pairs."""
    cap_sender: str = ""
    cap_profile: str = ""
    """``cap-cp`` for the Canadian Profile of CAP; empty for plain CAP 1.2."""
    emergency_advice: str = "If you need 9-1-1, use a cell phone."
    """What bulletins say to do while a service that carries emergency calls is affected."""
    translations: Translations = NO_TRANSLATIONS
    untranslated: frozenset[str] = UNTRANSLATED
    """Text fields shown in the default language in a site seen in another (see :class:`Contact`)."""


@dataclass(frozen=True)
class Channel:
    """A chat, social, SMS or webhook channel updates are pushed to (README, "Reaching people").

    ``url``, ``webhook`` and ``secret`` are as written, ``${VARIABLE}`` placeholders
    unresolved: delivery resolves them from the environment when it sends.
    They are never shown: messages name a channel by ``name``.
    """

    name: str
    url: str = field(default="", repr=False)
    webhook: str = field(default="", repr=False)
    secret: str = field(default="", repr=False)
    kinds: frozenset[str] = frozenset({"incidents", "maintenance"})
    services: frozenset[str] = frozenset()
    areas: frozenset[str] = frozenset()
    impact: Impact | None = None
    reminders: tuple[timedelta, ...] = ()
    """How long before a maintenance window opens to remind of it, longest first."""
    source: str = ""
    """Where it is written: ``status.yml`` or the channels file's name."""
    entry: str = ""
    """Where it stands there, like ``channels[2]``."""


@dataclass(frozen=True)
class Config:
    """status.yml, checked."""

    name: str
    site_url: str
    """Always ends with a slash."""
    timezone: ZoneInfo
    language: str
    """The language this site is seen in: the default (the first of ``languages``), or another in a
    site from ``languages.site_in``."""
    contact: Contact
    media_contact: Contact | None
    about: str
    dateline: str
    services: tuple[Service, ...]
    areas: tuple[Area, ...]
    bulletins: BulletinSettings
    max_update_gap: timedelta
    feed_entries: int = 100
    """How many of the most recent updates each feed carries."""
    logo: str = ""
    """The header logo: a checked path relative to the repository root (``images.py``), or "" for none."""
    favicon: str = ""
    """The browser tab icon, likewise; "" for the site template's own."""
    channels: tuple[Channel, ...] = ()
    """The channels status.yml names (the channels file adds more at delivery)."""
    languages: tuple[str, ...] = ("en",)
    """The languages the site is published in, the default first."""
    translations: Translations = NO_TRANSLATIONS
    untranslated: frozenset[str] = UNTRANSLATED
    """Text fields shown in the default language in a site seen in another (see :class:`Contact`)."""

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def host(self) -> str:
        """The site's host name (checked to exist when status.yml is read): ids, UIDs and tags use it."""
        return urlsplit(self.site_url).hostname or ""

    def service(self, service_id: str) -> Service:
        return next(s for s in self.services if s.id == service_id)

    def area(self, area_id: str) -> Area:
        return next(a for a in self.areas if a.id == area_id)


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Facts:
    """What was known as of one update. Each fact holds until a later update changes it.

    The file's top-level values are what was known from the first update on.
    """

    impact: Impact | None
    services: tuple[Service, ...]
    areas: tuple[Area, ...]
    customers_affected: int | None = None
    customers_potentially_affected: int | None = None
    """Customers who could be affected (the FCC's measure); used only for regulatory reporting."""
    cause: str = ""
    restore_eta: datetime | None = None
    """The latest estimate given and not withdrawn; whether it may still be presented is ``state``'s call."""
    window: Window | None = None
    """Maintenance only: the window as announced so far."""
    translations: Translations = NO_TRANSLATIONS
    """The cause in other languages."""
    untranslated: frozenset[str] = UNTRANSLATED
    """Text fields shown in the default language in a site seen in another (see :class:`Contact`)."""


@dataclass(frozen=True)
class Update:
    id: str
    """The update's identity: its explicit ``id``, or derived from its time (:func:`update_id`). Never moves."""
    number: int
    """1-based position in the file, for people ("update 3 of 5"); never part of an identity."""
    at: datetime
    status: Status
    message: str
    next_update: datetime | None
    facts: Facts
    """What was known as of this update."""
    line: int = 0
    """Where the update's time stands in its file (line, then column), for messages to staff."""
    column: int = 0
    translations: Translations = NO_TRANSLATIONS
    """The message in other languages."""
    untranslated: frozenset[str] = UNTRANSLATED
    """Text fields shown in the default language in a site seen in another (see :class:`Contact`)."""

    @property
    def restore_eta(self) -> datetime | None:
        return self.facts.restore_eta

    @property
    def window(self) -> Window | None:
        return self.facts.window


def update_id(at: datetime) -> str:
    """``20260512-1425``: an update's identity from its time in UTC (seconds only when it has them).

    UTC, so that the hour that happens twice when clocks go back still gives two identities.
    """
    moment = at.astimezone(UTC)  # formatted, not strftime'd: a tenth of a second of reading 34,000 updates
    day = f"{moment.year}{moment.month:02d}{moment.day:02d}-{moment.hour:02d}{moment.minute:02d}"
    return f"{day}{moment.second:02d}" if moment.second else day


@dataclass(frozen=True)
class Report:
    """A notification or report staff made for an outage (the file's ``reported:``); never published."""

    rule: str
    """``regime-id/rule-id``, e.g. ``crtc-2025-225/primary-notification``."""
    at: datetime
    by: str
    reference: str = ""
    recipient: str | None = None
    """The one recipient id it covers; ``None``: every recipient of the rule."""
    line: int = 0
    """Where the entry stands in its file (line, then column), for messages to staff."""
    column: int = 0


@dataclass(frozen=True)
class Incident:
    """One file under incidents/: an unplanned incident or a planned maintenance, as of its latest update.

    The facts that change (impact, services, areas, customers, cause, estimate,
    window) are read from the latest update's :class:`Facts`; the incident as of
    an earlier update is the same file cut after that update (``state.as_of``).
    """

    id: str
    """The file name without extension; never changes once published."""
    source: str
    """The file's path relative to the project root."""
    kind: Kind
    title: str
    updates: tuple[Update, ...]
    broadcast_setting: bool | None = None
    """The file's ``broadcast``; ``None``: by impact (major and critical incidents broadcast)."""
    reopened: bool = False
    postmortem: str = ""
    began_at_setting: datetime | None = None
    """The file's ``began_at``: when the outage itself started, if before the first update."""
    original_window: Window | None = None
    """Maintenance only: the window in the file's top level, before any reschedule."""
    expected_impact: str = ""
    reference: str = ""
    affects: str = ""
    """Only part of the services is affected: what, as bulletins name it instead of the service (``voicemail``)."""
    """The provider's own reference (a ticket, a change number), shown on the notice."""
    discovered_at_setting: datetime | None = None
    """The file's ``discovered_at``: when the provider became aware of the outage."""
    community_isolated: bool = False
    """The outage cut off an area that only this provider serves (regulatory reporting)."""
    reported: tuple[Report, ...] = ()
    """Notifications and reports made for this outage, oldest first as written."""
    translations: Translations = NO_TRANSLATIONS
    """The title, expected impact and postmortem in other languages."""
    untranslated: frozenset[str] = UNTRANSLATED
    """Text fields shown in the default language in a site seen in another (see :class:`Contact`)."""
    source_digest: str = field(default="", repr=False, compare=False)
    """sha256 of the file's bytes: with ``status.yml``, everything this incident is made from (the build cache's key)."""

    @property
    def is_maintenance(self) -> bool:
        return self.kind is Kind.MAINTENANCE

    @property
    def latest(self) -> Update:
        return self.updates[-1]

    # The latest update's facts and status are read from ``updates`` directly, not through ``latest`` and
    # ``facts``: a build asks a 10,000-incident history for them half a million times.

    @property
    def facts(self) -> Facts:
        return self.updates[-1].facts

    @property
    def impact(self) -> Impact | None:
        return self.updates[-1].facts.impact

    @property
    def services(self) -> tuple[Service, ...]:
        return self.updates[-1].facts.services

    @property
    def areas(self) -> tuple[Area, ...]:
        return self.updates[-1].facts.areas

    @property
    def customers_affected(self) -> int | None:
        return self.updates[-1].facts.customers_affected

    @property
    def cause(self) -> str:
        return self.updates[-1].facts.cause

    @property
    def window(self) -> Window | None:
        """Maintenance only: the planned window as last announced."""
        return self.updates[-1].facts.window

    @property
    def status(self) -> Status:
        return self.updates[-1].status

    @property
    def is_open(self) -> bool:
        return self.updates[-1].status not in FINAL_STATUSES

    @property
    def began_at(self) -> datetime:
        """When the outage began: the file's ``began_at``, or the first update. "Since" counts from it."""
        return self.began_at_setting or self.updates[0].at

    @property
    def discovered_at(self) -> datetime:
        """When the provider became aware of the outage: the file's ``discovered_at``, or the first update."""
        return self.discovered_at_setting or self.updates[0].at

    @property
    def started_at(self) -> datetime:
        """When the incident began, or the maintenance window opens."""
        if self.window is not None:
            return self.window.start
        return self.began_at

    @property
    def ended_at(self) -> datetime | None:
        """When the final update was published, if there is one."""
        return self.latest.at if self.is_open is False else None

    @property
    def restore_eta(self) -> datetime | None:
        """The latest estimate given, if the incident is still open (whether it has passed: ``state``)."""
        if not self.is_open:
            return None
        return self.updates[-1].facts.restore_eta

    @property
    def next_update(self) -> datetime | None:
        """The next update promised by the latest update, if still open."""
        return self.latest.next_update if self.is_open else None

    def broadcasts(self, update: Update) -> bool:
        """Whether ``update`` issues radio, press and CAP bulletins: the file says, or its impact then does.

        By default major and critical incidents broadcast, and so does planned work of major or critical
        impact (its announcement, start and completion): people plan around it.
        """
        if self.broadcast_setting is not None:
            return self.broadcast_setting
        return update.facts.impact in (Impact.MAJOR, Impact.CRITICAL)

    @property
    def broadcast(self) -> bool:
        """Whether the incident, as of its latest update, broadcasts."""
        return self.broadcasts(self.latest)


@dataclass(frozen=True)
class Site:
    """Everything the build renders: the config and every incident, oldest first."""

    config: Config
    incidents: tuple[Incident, ...]
    warnings: tuple[Problem, ...] = ()
    """What ``outage check`` points out without refusing it (text a ``#`` cut short)."""
    missing_translations: tuple[Problem, ...] = ()
    """Every text field missing one of the site's languages, located (``outage check`` warns of each)."""

    def incident(self, incident_id: str) -> Incident:
        return next(i for i in self.incidents if i.id == incident_id)

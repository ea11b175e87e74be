"""The validated site: immutable, typed, every time timezone-aware.

Everything after the loader (timeline, pages, feeds, bulletins) reads these
objects and nothing else, so no renderer ever sees an unchecked file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo


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
class Contact:
    phone: str
    email: str
    name: str = ""
    title: str = ""


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    description: str = ""


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


@dataclass(frozen=True)
class BulletinSettings:
    words_per_minute: int = 150
    radio_lengths: tuple[int, ...] = (15, 30, 60)
    spoken: tuple[tuple[str, str], ...] = ()
    """How abbreviations are read on air, as (written, spoken) pairs."""
    cap_sender: str = ""


@dataclass(frozen=True)
class Config:
    """status.yml, checked."""

    name: str
    site_url: str
    """Always ends with a slash."""
    timezone: ZoneInfo
    language: str
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
class Update:
    number: int
    """1-based position in the incident's timeline; part of feed and bulletin ids."""
    at: datetime
    status: Status
    message: str
    restore_eta: datetime | None = None
    next_update: datetime | None = None
    window: Window | None = None
    """Maintenance only: the work was rescheduled to this window."""
    line: int = 0
    """Where the update starts in its file, for messages to staff."""


@dataclass(frozen=True)
class Incident:
    """One file under incidents/: an unplanned incident or a planned maintenance."""

    id: str
    """The file name without extension; never changes once published."""
    source: str
    """The file's path relative to the project root."""
    kind: Kind
    title: str
    impact: Impact | None
    services: tuple[Service, ...]
    areas: tuple[Area, ...]
    updates: tuple[Update, ...]
    broadcast: bool
    customers_affected: int | None = None
    cause: str = ""
    reopened: bool = False
    postmortem: str = ""
    window: Window | None = None
    """Maintenance only: the planned window as last announced."""
    original_window: Window | None = None
    """Maintenance only: the window in the file's top level, before any reschedule."""
    expected_impact: str = ""

    @property
    def is_maintenance(self) -> bool:
        return self.kind is Kind.MAINTENANCE

    @property
    def latest(self) -> Update:
        return self.updates[-1]

    @property
    def status(self) -> Status:
        return self.latest.status

    @property
    def is_open(self) -> bool:
        return not self.status.is_final

    @property
    def started_at(self) -> datetime:
        """When the incident began (first update) or the maintenance window opens."""
        if self.window is not None:
            return self.window.start
        return self.updates[0].at

    @property
    def ended_at(self) -> datetime | None:
        """When the final update was published, if there is one."""
        return self.latest.at if self.is_open is False else None

    @property
    def restore_eta(self) -> datetime | None:
        """The latest estimate given, if the incident is still open."""
        if not self.is_open:
            return None
        return self.restore_eta_as_of(self.latest)

    def window_as_of(self, update: Update) -> Window | None:
        """The maintenance window as announced up to and including ``update`` (a later reschedule is not known yet)."""
        moved = (u.window for u in reversed(self.updates[: update.number]) if u.window is not None)
        return next(moved, self.original_window)

    def restore_eta_as_of(self, update: Update) -> datetime | None:
        """The latest estimate given up to and including ``update`` (what a bulletin for it may say)."""
        return next((u.restore_eta for u in reversed(self.updates[: update.number]) if u.restore_eta), None)

    @property
    def next_update(self) -> datetime | None:
        """The next update promised by the latest update, if still open."""
        return self.latest.next_update if self.is_open else None


@dataclass(frozen=True)
class Site:
    """Everything the build renders: the config and every incident, oldest first."""

    config: Config
    incidents: tuple[Incident, ...]

    def incident(self, incident_id: str) -> Incident:
        return next(i for i in self.incidents if i.id == incident_id)

"""What is true at one moment, "now": which incidents are active, what each service and area shows.

A static site is right at the moment it is built, so the build takes the time
once and computes a :class:`Snapshot` from (site, now) once; every renderer
(pages, lite page, status.txt, feeds, badges, the API, bulletins) reads that
one snapshot. Its site is the site as of ``now``: what was dated later does not
exist yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from ..incidents.model import Config, Impact, Incident, Site, Status
from ..incidents.problems import Problem
from ..incidents.times import format_local
from .as_of import site_as_of
from .ledger import NO_LEDGER, Publication

FUTURE_TOLERANCE = timedelta(minutes=10)
"""An update may be dated this far ahead of the real clock (clocks differ); further is a typo, and an error."""


def future_updates(site: Site, now: datetime) -> list[Problem]:
    """Updates dated more than ``FUTURE_TOLERANCE`` after the real ``now``, as located errors.

    An update dated in the future would not exist yet on the site: the incident
    would be hidden from customers. That is never what staff meant.
    """
    limit = now + FUTURE_TOLERANCE
    problems = []
    for incident in site.incidents:
        for update in incident.updates:
            if update.at > limit:
                shown = format_local(update.at, site.config.timezone)
                problems.append(
                    Problem(
                        incident.source,
                        update.line,
                        update.column,
                        f"updates[{update.number - 1}].at",
                        "a time no later than 10 minutes from now",
                        f"{shown}, in the future — a typo in the date?",
                    )
                )
    return problems


def overdue_warnings(site: Site, now: datetime) -> list[Problem]:
    """Open incidents whose promised update is late, as located warnings (the site as of ``now``)."""
    warnings = []
    for incident in site_as_of(site, now).incidents:
        reason = overdue_reason(incident, now, site.config.max_update_gap)
        if reason is not None:
            field = f"updates[{len(incident.updates) - 1}]"
            warnings.append(Problem(incident.source, incident.latest.line, 3, field, *reason, severity="warning"))
    return warnings


def overdue_reason(incident: Incident, now: datetime, max_gap) -> tuple[str, str] | None:
    """Why an open incident is overdue (expected, found), or ``None`` if it is not.

    Times are compared and subtracted in UTC: Python compares and subtracts two
    times of one zone by their clock faces, which is wrong by an hour across a
    change of clocks (01:30 MDT is before 01:10 MST).
    """
    if not incident.is_open:
        return None
    latest = incident.latest
    clock = now.astimezone(UTC)
    if incident.is_maintenance:
        window = incident.window
        if window is not None and latest.status is Status.SCHEDULED and clock > window.end:
            return (
                "an update once the window has ended",
                f"still 'scheduled', window ended {_ago(_since(window.end, clock))} ago",
            )
        if window is not None and latest.status is Status.SCHEDULED and clock >= window.start:
            began = _shown(window.start)
            return (
                f"an update (in_progress, or cancelled) once the window began, {began}",
                f"still 'scheduled', {_ago(_since(window.start, clock))} into the window",
            )
        if latest.status is Status.SCHEDULED:
            return None
    if latest.next_update is not None and clock > latest.next_update:
        due = _shown(latest.next_update)
        return (f"a new update by its next_update, {due}", f"none; {_ago(_since(latest.next_update, clock))} overdue")
    if _since(latest.at, clock) > max_gap:
        return (f"an update at least every {_ago(max_gap)} while open", f"none for {_ago(_since(latest.at, clock))}")
    return None


def _shown(moment: datetime) -> str:
    """A time of the files as staff wrote it; with its offset if they wrote one or the clock shows it twice."""
    shown = moment.strftime("%Y-%m-%d %H:%M")
    twice = moment.replace(fold=1 - moment.fold).utcoffset() != moment.utcoffset()
    if twice or not isinstance(moment.tzinfo, ZoneInfo):
        offset = moment.strftime("%z")
        shown += f"{offset[:3]}:{offset[3:]}"
    return shown


def _since(moment: datetime, clock: datetime) -> timedelta:
    """Real time from ``moment`` to ``clock`` (in UTC), whatever zone ``moment`` is in."""
    return clock - moment.astimezone(UTC)


def _ago(delta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days}d" if days else "", f"{hours}h" if hours else "", f"{minutes}m" if minutes else ""]
    return "".join(parts) or "0m"


# --- state of services and areas at "now" ------------------------------------

COMPONENT_STATUSES = ("operational", "under_maintenance", "degraded_performance", "partial_outage", "major_outage")
"""Statuspage's component statuses, least to most severe."""

_IMPACT_TO_COMPONENT = {
    Impact.MINOR: "degraded_performance",
    Impact.MAJOR: "partial_outage",
    Impact.CRITICAL: "major_outage",
}


def is_active(incident: Incident, now: datetime) -> bool:
    """Open at ``now``: an unresolved incident, or maintenance under way."""
    if incident.updates[0].at > now or not incident.is_open:
        return False
    if not incident.is_maintenance:
        return True
    if incident.status in (Status.IN_PROGRESS, Status.VERIFYING):
        return True
    window = incident.window
    return window is not None and window.start <= now < window.end


def is_upcoming(incident: Incident, now: datetime) -> bool:
    """Planned work announced and not yet begun."""
    return (
        incident.is_maintenance
        and incident.status is Status.SCHEDULED
        and incident.window is not None
        and incident.window.start > now
    )


def component_status(incident: Incident) -> str:
    """What an active incident does to the services and areas it affects."""
    if incident.is_maintenance:
        return "under_maintenance"
    if incident.status is Status.MONITORING:
        return "degraded_performance"
    return _IMPACT_TO_COMPONENT[incident.impact or Impact.MINOR]


@dataclass(frozen=True)
class ComponentState:
    """A service, an area, or one service in one area at "now", and the active incidents behind its status."""

    id: str
    name: str
    status: str
    incidents: tuple[Incident, ...]
    """The active incidents that touch it, newest first."""
    updated_at: datetime | None = None
    """The latest update of any incident, active or not, that ever touched it."""


def worst(statuses) -> str:
    """The most severe of some component statuses, or ``operational``."""
    return max(statuses, key=COMPONENT_STATUSES.index, default="operational")


@dataclass(frozen=True)
class Snapshot:
    """Everything time-dependent the site shows, computed once from (site, now)."""

    site: Site
    """The site as of ``now``: only what had been published by then."""
    now: datetime
    active: tuple[Incident, ...]
    """Incidents open at ``now`` and maintenance under way, newest first."""
    upcoming: tuple[Incident, ...]
    """Planned work announced and not begun, soonest first."""
    services: tuple[ComponentState, ...]
    areas: tuple[ComponentState, ...]
    area_services: tuple[tuple[ComponentState, ...], ...]
    """For each area (in ``areas``' order), each service there (in ``services``' order)."""
    overall: str
    """The worst component status, or ``operational``."""
    publication: Publication = NO_LEDGER
    """Each update's published identity and revision, and the withdrawals (from the ledger)."""

    @property
    def config(self) -> Config:
        return self.site.config

    @cached_property
    def newest_first(self) -> tuple[Incident, ...]:
        return tuple(reversed(self.site.incidents))

    @cached_property
    def first_update_at(self) -> datetime:
        """The earliest update of the history; ``now`` when there is none (the only honest time there is)."""
        return min((i.updates[0].at for i in self.site.incidents), default=self.now)

    @cached_property
    def last_update_at(self) -> datetime:
        """The latest update of the history; ``now`` when there is none."""
        return max((i.latest.at for i in self.site.incidents), default=self.now)

    @cached_property
    def recent(self) -> tuple[Incident, ...]:
        """Closed incidents and past maintenance of the last 14 days (see :func:`recent`)."""
        return recent(self.site, self.now)

    @property
    def indicator(self) -> str:
        """Statuspage's page indicator: none, minor, major, critical or maintenance."""
        worst = max((i.impact or Impact.MINOR for i in self.active if not i.is_maintenance), default=None, key=_rank)
        if worst is not None:
            return str(worst) if worst is not Impact.MINOR else "minor"
        return "maintenance" if self.active else "none"


def _rank(impact: Impact) -> int:
    return list(Impact).index(impact)


def snapshot(site: Site, now: datetime, publication: Publication = NO_LEDGER) -> Snapshot:
    """The state of the whole site at ``now``: computed once per build."""
    site = site_as_of(site, now)
    active = tuple(i for i in reversed(site.incidents) if is_active(i, now))
    upcoming = tuple(sorted((i for i in site.incidents if is_upcoming(i, now)), key=lambda i: i.started_at))

    latest = _latest_updates(site)  # one pass over the history, not one per service, area and pair

    def state(key: tuple[str, ...], name: str, touches) -> ComponentState:
        behind = tuple(i for i in active if touches(i))
        return ComponentState(key[-1], name, worst(component_status(i) for i in behind), behind, latest.get(key))

    services = tuple(state(("s", s.id), s.name, lambda i, s=s: s in i.services) for s in site.config.services)
    areas = tuple(state(("a", a.id), a.name, lambda i, a=a: a in i.areas) for a in site.config.areas)
    area_services = tuple(
        tuple(
            state(("a", a.id, s.id), s.name, lambda i, a=a, s=s: a in i.areas and s in i.services)
            for s in site.config.services
        )
        for a in site.config.areas
    )
    overall = worst(s.status for s in services + areas)
    return Snapshot(site, now, active, upcoming, services, areas, area_services, overall, publication)


def _latest_updates(site: Site) -> dict[tuple[str, ...], datetime]:
    """The latest update touching each service ``("s", id)``, area ``("a", id)`` and service in an area."""
    latest: dict[tuple[str, ...], datetime] = {}

    def seen(key: tuple[str, ...], at: datetime) -> None:
        if key not in latest or at > latest[key]:
            latest[key] = at

    for incident in site.incidents:
        at, services = incident.latest.at, {s.id for s in incident.services}
        for service in services:
            seen(("s", service), at)
        for area in {a.id for a in incident.areas}:
            seen(("a", area), at)
            for service in services:
                seen(("a", area, service), at)
    return latest


def recent(site: Site, now: datetime, days: int = 14, limit: int = 20) -> tuple[Incident, ...]:
    """Closed incidents and past maintenance with an update in the last ``days`` days, newest first."""
    since = now - timedelta(days=days)
    # The dates first: they leave a few dozen of a history's incidents to ask whether they are over.
    found = [i for i in reversed(site.incidents) if since <= i.latest.at <= now or since <= i.updates[0].at <= now]
    found = [i for i in found if not is_active(i, now) and not is_upcoming(i, now)]
    return tuple(sorted(found, key=lambda i: i.latest.at, reverse=True)[:limit])

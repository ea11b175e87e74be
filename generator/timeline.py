"""What the site's state is at one moment, "now".

A static site is right at the moment it is built, so the build takes the time
once and everything here is a pure function of (site, now).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .model import Impact, Incident, Site, Status
from .problems import Problem


def overdue_warnings(site: Site, now: datetime) -> list[Problem]:
    """Open incidents whose promised update is late, as located warnings."""
    warnings = []
    for incident in site.incidents:
        reason = overdue_reason(incident, now, site.config.max_update_gap)
        if reason is not None:
            field = f"updates[{len(incident.updates) - 1}]"
            warnings.append(Problem(incident.source, incident.latest.line, 3, field, *reason, severity="warning"))
    return warnings


def overdue_reason(incident: Incident, now: datetime, max_gap) -> tuple[str, str] | None:
    """Why an open incident is overdue (expected, found), or ``None`` if it is not."""
    if not incident.is_open:
        return None
    latest = incident.latest
    if incident.is_maintenance:
        window = incident.window
        if window is not None and latest.status is Status.SCHEDULED and now > window.end:
            return (
                "an update once the window has ended",
                f"still 'scheduled', window ended {_ago(now - window.end)} ago",
            )
        if latest.status is Status.SCHEDULED:
            return None
    if latest.next_update is not None and now > latest.next_update:
        due = latest.next_update.astimezone(now.tzinfo).strftime("%Y-%m-%d %H:%M")
        return (f"a new update by its next_update, {due}", f"none; {_ago(now - latest.next_update)} overdue")
    if now - latest.at > max_gap:
        return (f"an update at least every {_ago(max_gap)} while open", f"none for {_ago(now - latest.at)}")
    return None


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
    """A service or an area at "now", and the active incidents behind its status."""

    id: str
    name: str
    status: str
    incidents: tuple[Incident, ...]


@dataclass(frozen=True)
class Snapshot:
    """Everything time-dependent the site shows, computed once from (site, now)."""

    now: datetime
    active: tuple[Incident, ...]
    upcoming: tuple[Incident, ...]
    services: tuple[ComponentState, ...]
    areas: tuple[ComponentState, ...]
    overall: str
    """The worst component status, or ``operational``."""

    @property
    def indicator(self) -> str:
        """Statuspage's page indicator: none, minor, major, critical or maintenance."""
        worst = max((i.impact or Impact.MINOR for i in self.active if not i.is_maintenance), default=None, key=_rank)
        if worst is not None:
            return str(worst) if worst is not Impact.MINOR else "minor"
        return "maintenance" if self.active else "none"


def _rank(impact: Impact) -> int:
    return list(Impact).index(impact)


def snapshot(site: Site, now: datetime) -> Snapshot:
    """The state of the whole site at ``now``."""
    active = tuple(i for i in reversed(site.incidents) if is_active(i, now))
    upcoming = tuple(sorted((i for i in site.incidents if is_upcoming(i, now)), key=lambda i: i.started_at))

    def states(items, affected) -> tuple[ComponentState, ...]:
        result = []
        for item in items:
            behind = tuple(i for i in active if item in affected(i))
            status = max((component_status(i) for i in behind), key=COMPONENT_STATUSES.index, default="operational")
            result.append(ComponentState(item.id, item.name, status, behind))
        return tuple(result)

    services = states(site.config.services, lambda i: i.services)
    areas = states(site.config.areas, lambda i: i.areas)
    overall = max((s.status for s in services + areas), key=COMPONENT_STATUSES.index, default="operational")
    return Snapshot(now, active, upcoming, services, areas, overall)


def recent(site: Site, now: datetime, days: int = 14, limit: int = 20) -> tuple[Incident, ...]:
    """Closed incidents and past maintenance with an update in the last ``days`` days, newest first."""
    since = now - timedelta(days=days)
    found = [i for i in reversed(site.incidents) if not is_active(i, now) and not is_upcoming(i, now)]
    found = [i for i in found if since <= i.latest.at <= now or since <= i.updates[0].at <= now]
    return tuple(sorted(found, key=lambda i: i.latest.at, reverse=True)[:limit])

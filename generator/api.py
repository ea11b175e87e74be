"""A read-only copy of Atlassian Statuspage's public JSON API (v2): a pure function of (site, now).

Widgets, chat bots and monitoring dashboards already know how to read
``/api/v2/summary.json`` and friends, so the site publishes the same files with
the same field names, value sets and nesting, and those tools work unchanged.

How our model maps onto Statuspage's:

- each service is a top-level component (``svc-<id>``);
- each area is a component *group* (``area-<id>``) whose children are that
  area's services (``area-<id>--<service-id>``, "Internet (Castle Downs)"), so
  a widget can show "internet in Castle Downs" as well as "internet" and
  "Castle Downs"; a group's status is its worst child's, as on Statuspage;
- an incident file is an incident, a maintenance file a scheduled maintenance.

Every id and every time comes from the data (the clock is never read), so two
builds of the same files at the same ``now`` are byte-identical and ids stay
put when other incidents are added.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import datetime

from . import display
from .model import Incident, Site, Status, Update
from .timeline import COMPONENT_STATUSES, component_status, is_active, snapshot

LIST_LIMIT = 50
"""Statuspage's incidents.json and scheduled-maintenances.json list the 50 most recent."""

DESCRIPTIONS = {
    "none": "All Systems Operational",
    "minor": "Minor Service Outage",
    "major": "Partial System Outage",
    "critical": "Major Service Outage",
}
"""Statuspage's page status descriptions, by indicator."""

UNDER_MAINTENANCE = "Service Under Maintenance"
"""The description while only maintenance is under way (the indicator stays ``none``)."""

CANCELLED_PREFIX = "Cancelled: "
"""Statuspage has no cancelled maintenance: it reads "completed", and the update's body says why."""


def api_outputs(site: Site, now: datetime) -> dict[str, bytes]:
    """``{path in the site: JSON bytes}`` for the eight Statuspage v2 endpoints."""
    return _Api(site, now).files()


def _worst(statuses: Iterable[str]) -> str:
    return max(statuses, key=COMPONENT_STATUSES.index, default="operational")


def _encode(body: dict) -> bytes:
    return (json.dumps(body, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


class _Api:
    """Builds every object once, so the same component reads the same in every file."""

    def __init__(self, site: Site, now: datetime) -> None:
        self.site = site
        self.now = now
        self.config = site.config
        self.state = snapshot(site, now)
        self.page_id = re.sub(r"[^a-z0-9]+", "-", self.config.host.lower()).strip("-")
        if site.incidents:
            self.updated_at = max(i.latest.at for i in site.incidents)
            self.created_at = min(i.updates[0].at for i in site.incidents)
        else:
            # No data at all: "now" is the only honest time there is (the one exception to "never the clock").
            self.updated_at = self.created_at = now
        self.components = self._components()
        self.by_id = {c["id"]: c for c in self.components}

    def time(self, moment: datetime | None) -> str | None:
        """``2026-05-12T08:25:00.000-06:00``: Statuspage's form, in the site's zone."""
        return None if moment is None else moment.astimezone(self.config.timezone).isoformat(timespec="milliseconds")

    # --- files -------------------------------------------------------------

    def files(self) -> dict[str, bytes]:
        newest_first = tuple(reversed(self.site.incidents))
        incidents = [i for i in newest_first if not i.is_maintenance]
        maintenances = sorted(
            (i for i in self.site.incidents if i.is_maintenance), key=lambda i: (i.started_at, i.id), reverse=True
        )
        unresolved = [self.incident(i) for i in self.state.active if not i.is_maintenance]
        active = [self.incident(i) for i in self.state.active if i.is_maintenance]
        upcoming = [self.incident(i) for i in self.state.upcoming]
        page = {"page": self.page()}
        bodies = {
            "summary.json": {
                **page,
                "components": self.components,
                "incidents": unresolved,
                "scheduled_maintenances": active + upcoming,
                "status": self.status(),
            },
            "status.json": {**page, "status": self.status()},
            "components.json": {**page, "components": self.components},
            "incidents.json": {**page, "incidents": [self.incident(i) for i in incidents[:LIST_LIMIT]]},
            "incidents/unresolved.json": {**page, "incidents": unresolved},
            "scheduled-maintenances.json": {
                **page,
                "scheduled_maintenances": [self.incident(i) for i in maintenances[:LIST_LIMIT]],
            },
            "scheduled-maintenances/upcoming.json": {**page, "scheduled_maintenances": upcoming},
            "scheduled-maintenances/active.json": {**page, "scheduled_maintenances": active},
        }
        return {f"api/v2/{path}": _encode(body) for path, body in bodies.items()}

    def page(self) -> dict:
        return {
            "id": self.page_id,
            "name": self.config.name,
            "url": self.config.site_url.rstrip("/"),
            "time_zone": self.config.timezone.key,
            "updated_at": self.time(self.updated_at),
        }

    def status(self) -> dict:
        """The worst impact of the open incidents; maintenance alone leaves the indicator at ``none``."""
        indicator = self.state.indicator
        if indicator == "maintenance":
            return {"indicator": "none", "description": UNDER_MAINTENANCE}
        return {"indicator": indicator, "description": DESCRIPTIONS[indicator]}

    # --- components --------------------------------------------------------

    def _components(self) -> list[dict]:
        config, active = self.config, self.state.active
        result = []
        for position, item in enumerate(self.state.services, 1):
            service = config.service(item.id)
            touching = [i for i in self.site.incidents if service in i.services]
            result.append(
                self.component(f"svc-{service.id}", service.name, item.status, position, service.description, touching)
            )
        for position, area in enumerate(config.areas, len(config.services) + 1):
            group_id = f"area-{area.id}"
            children = []
            for child_position, service in enumerate(config.services, 1):
                touching = [i for i in self.site.incidents if area in i.areas and service in i.services]
                status = _worst(component_status(i) for i in active if area in i.areas and service in i.services)
                name = f"{service.name} ({area.name})"
                child_id = f"{group_id}--{service.id}"
                children.append(
                    self.component(child_id, name, status, child_position, service.description, touching, group_id)
                )
            touching = [i for i in self.site.incidents if area in i.areas]
            status = _worst(c["status"] for c in children)
            group = self.component(group_id, area.name, status, position, area.region, touching)
            group["group"] = True
            group["components"] = [c["id"] for c in children]
            result += [group, *children]
        return result

    def component(
        self,
        component_id: str,
        name: str,
        status: str,
        position: int,
        description: str,
        touching: list[Incident],
        group_id: str | None = None,
    ) -> dict:
        """One component; ``updated_at`` is the latest update of any incident that touched it."""
        return {
            "id": component_id,
            "name": name,
            "status": status,
            "created_at": self.time(self.created_at),
            "updated_at": self.time(max((i.latest.at for i in touching), default=self.created_at)),
            "position": position,
            "description": description or None,
            "showcase": False,
            "start_date": None,
            "group_id": group_id,
            "page_id": self.page_id,
            "group": False,
            "only_show_if_degraded": False,
        }

    def affected(self, incident: Incident) -> list[dict]:
        """The components an incident names: its services, and each of its areas' children for them."""
        services = [s for s in self.config.services if s in incident.services]
        ids = [f"svc-{s.id}" for s in services]
        ids += [f"area-{a.id}--{s.id}" for a in self.config.areas if a in incident.areas for s in services]
        return [self.by_id[i] for i in ids]

    # --- incidents and maintenance -----------------------------------------

    def incident_status(self, incident: Incident) -> str:
        status = incident.status
        if status is Status.CANCELLED:
            return "completed"
        if status is Status.SCHEDULED and is_active(incident, self.now):
            # Statuspage starts a maintenance at scheduled_for by itself; ours is under way by its window.
            return "in_progress"
        if status is Status.RESOLVED and incident.postmortem:
            return "postmortem"
        return str(status)

    def incident(self, incident: Incident) -> dict:
        first, latest = incident.updates[0], incident.latest
        monitoring = next((u.at for u in incident.updates if u.status is Status.MONITORING), None)
        body = {
            "id": incident.id,
            "name": incident.title,
            "status": self.incident_status(incident),
            "created_at": self.time(first.at),
            "updated_at": self.time(latest.at),
            "monitoring_at": self.time(monitoring),
            "resolved_at": None if incident.is_open else self.time(latest.at),
            "impact": str(incident.impact) if incident.impact else "none",
            "shortlink": f"{self.config.site_url}incidents/{incident.id}/",
            "started_at": self.time(incident.started_at),
            "page_id": self.page_id,
            "incident_updates": [self.update(incident, u) for u in reversed(incident.updates)],
            "components": self.affected(incident),
        }
        if incident.is_maintenance:
            window = incident.window
            body["scheduled_for"] = self.time(incident.started_at)
            body["scheduled_until"] = self.time(window.end if window else incident.started_at)
        return body

    def update(self, incident: Incident, update: Update) -> dict:
        cancelled = update.status is Status.CANCELLED
        return {
            "id": f"{incident.id}-{update.number}",
            "status": "completed" if cancelled else str(update.status),
            "body": (CANCELLED_PREFIX if cancelled else "") + display.plain(update.message),
            "incident_id": incident.id,
            "created_at": self.time(update.at),
            "updated_at": self.time(update.at),
            "display_at": self.time(update.at),
            "affected_components": None,
            "deliver_notifications": False,
            "custom_tweet": None,
            "tweet_id": None,
        }

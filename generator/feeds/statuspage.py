"""A read-only copy of Atlassian Statuspage's public JSON API (v2): one function per endpoint.

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

Every endpoint is a pure function of the one :class:`Snapshot` the build
computes; every id and every time comes from the data (the clock is never
read), so two builds of the same files at the same ``now`` are byte-identical
and ids stay put when other incidents are added.

A site in several languages publishes the same files in each
(:func:`api_outputs_in`): ``fr/api/v2/summary.json`` and the rest, the same
shape, ids and statuses, with the text in French; a text the files do not give
in French is in the default language, marked "(en anglais seulement)". The
values Statuspage fixes (statuses, indicators and their descriptions, such as
"All Systems Operational") stay as Statuspage spells them, since widgets match
on them. Until the site's pages exist in French, ``shortlink`` and the page's
``url`` lead to the default language's pages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime

from .. import display
from ..catalogue import catalogue_for
from ..incidents.languages import path_prefix
from ..incidents.model import Area, Config, Incident, Service, Status, Update
from ..state.in_language import snapshot_in
from ..state.now import ComponentState, Snapshot, is_active, worst

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
"""The description while maintenance is under way and nothing worse is open.

Statuspage's own pages then publish the indicator ``maintenance`` (its API docs
list only none/minor/major/critical), and widgets such as Atlassian's
status-widget colour it as maintenance; ``none`` would show them green."""

CANCELLED_PREFIX = "Cancelled: "
"""Statuspage has no cancelled maintenance: it reads "completed", and the update's body says why."""


# --- the endpoints -------------------------------------------------------------


def summary(state: Snapshot) -> dict:
    """``summary.json``: the page, every component, unresolved incidents, active and upcoming maintenance."""
    return {
        **_page(state),
        "components": _components(state),
        "incidents": _unresolved(state),
        "scheduled_maintenances": _active_maintenance(state) + _upcoming_maintenance(state),
        "status": _status(state),
    }


def status(state: Snapshot) -> dict:
    """``status.json``: the page's indicator and its description."""
    return {**_page(state), "status": _status(state)}


def components(state: Snapshot) -> dict:
    """``components.json``: every service, area group and service-in-area."""
    return {**_page(state), "components": _components(state)}


def incidents(state: Snapshot) -> dict:
    """``incidents.json``: the 50 most recent incidents (not maintenance), newest first."""
    recent = [i for i in state.newest_first if not i.is_maintenance][:LIST_LIMIT]
    return {**_page(state), "incidents": [_incident(state, i) for i in recent]}


def unresolved_incidents(state: Snapshot) -> dict:
    """``incidents/unresolved.json``: incidents open at ``now``."""
    return {**_page(state), "incidents": _unresolved(state)}


def scheduled_maintenances(state: Snapshot) -> dict:
    """``scheduled-maintenances.json``: the 50 latest-starting maintenances."""
    works = sorted((i for i in state.site.incidents if i.is_maintenance), key=lambda i: (i.started_at, i.id))
    return {**_page(state), "scheduled_maintenances": [_incident(state, i) for i in works[::-1][:LIST_LIMIT]]}


def upcoming_maintenances(state: Snapshot) -> dict:
    """``scheduled-maintenances/upcoming.json``: planned work not yet begun."""
    return {**_page(state), "scheduled_maintenances": _upcoming_maintenance(state)}


def active_maintenances(state: Snapshot) -> dict:
    """``scheduled-maintenances/active.json``: planned work under way."""
    return {**_page(state), "scheduled_maintenances": _active_maintenance(state)}


ENDPOINTS: dict[str, Callable[[Snapshot], dict]] = {
    "summary.json": summary,
    "status.json": status,
    "components.json": components,
    "incidents.json": incidents,
    "incidents/unresolved.json": unresolved_incidents,
    "scheduled-maintenances.json": scheduled_maintenances,
    "scheduled-maintenances/upcoming.json": upcoming_maintenances,
    "scheduled-maintenances/active.json": active_maintenances,
}
"""Each file under ``api/v2/`` and the function that writes it."""


def api_outputs(state: Snapshot) -> dict[str, bytes]:
    """``{path in the site: JSON bytes}`` for the eight Statuspage v2 endpoints, in the snapshot's language."""
    prefix = path_prefix(state.config)  # "" in the default language, "fr/" in French
    return {f"{prefix}api/v2/{path}": _encode(endpoint(state)) for path, endpoint in ENDPOINTS.items()}


def api_outputs_in(state: Snapshot, language: str) -> dict[str, bytes]:
    """The API in ``language``: ``fr/api/v2/summary.json`` and the rest; the default language's is
    :func:`api_outputs`' own, byte for byte."""
    return api_outputs(snapshot_in(state, language))


def _encode(body: dict) -> bytes:
    return (json.dumps(body, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


# --- the parts they share ---------------------------------------------------------


def _text(config: Config, item: Config | Service | Area | Incident, field: str) -> str:
    """A text field in the API's language; marked when the files give it only in the default language."""
    text = getattr(item, field)
    if field not in item.untranslated:
        return text
    return catalogue_for(config.language).marked(text, config.default_language)


def _body(config: Config, update: Update) -> str:
    """An update's message as plain text, marked first when it is only in the default language."""
    body = display.plain(update.message)
    if "message" not in update.untranslated:
        return body
    return f"({catalogue_for(config.language).only_in(config.default_language)}) {body}"


def _cancelled_prefix(config: Config) -> str:
    if config.language == config.default_language:
        return CANCELLED_PREFIX
    words = catalogue_for(config.language)
    return f"{words.status(Status.CANCELLED)}{words.colon} "


def _time(state: Snapshot, moment: datetime | None) -> str | None:
    """``2026-05-12T08:25:00.000-06:00``: Statuspage's form, in the site's zone."""
    return None if moment is None else moment.astimezone(state.config.timezone).isoformat(timespec="milliseconds")


def _page_id(state: Snapshot) -> str:
    return re.sub(r"[^a-z0-9]+", "-", state.config.host.lower()).strip("-")


def _page(state: Snapshot) -> dict:
    return {
        "page": {
            "id": _page_id(state),
            "name": _text(state.config, state.config, "name"),
            "url": (state.config.site_url + path_prefix(state.config)).rstrip("/"),  # /fr in French
            "time_zone": state.config.timezone.key,
            "updated_at": _time(state, state.last_update_at),
        }
    }


def _status(state: Snapshot) -> dict:
    """The worst impact of the open incidents, or ``maintenance`` while only maintenance is under way."""
    indicator = state.indicator
    if indicator == "maintenance":
        return {"indicator": "maintenance", "description": UNDER_MAINTENANCE}
    return {"indicator": indicator, "description": DESCRIPTIONS[indicator]}


def _unresolved(state: Snapshot) -> list[dict]:
    return [_incident(state, i) for i in state.active if not i.is_maintenance]


def _active_maintenance(state: Snapshot) -> list[dict]:
    return [_incident(state, i) for i in state.active if i.is_maintenance]


def _upcoming_maintenance(state: Snapshot) -> list[dict]:
    return [_incident(state, i) for i in state.upcoming]


# --- components ------------------------------------------------------------------


def _components(state: Snapshot) -> list[dict]:
    """Services first, then each area group followed by its children."""
    config = state.config
    result = [
        _component(
            state,
            f"svc-{item.id}",
            item,
            position,
            _text(config, config.services[position - 1], "description"),
            name=_text(config, config.services[position - 1], "name"),
        )
        for position, item in enumerate(state.services, 1)
    ]
    for position, (area, item) in enumerate(zip(config.areas, state.areas, strict=True), len(config.services) + 1):
        children = _area_children(state, position - len(config.services) - 1)
        group = _component(
            state,
            f"area-{area.id}",
            item,
            position,
            _text(config, area, "region"),
            name=_text(config, area, "name"),
            status=worst(c["status"] for c in children),
        )
        group["group"] = True
        group["components"] = [c["id"] for c in children]
        result += [group, *children]
    return result


def _area_children(state: Snapshot, area_index: int) -> list[dict]:
    config = state.config
    area = config.areas[area_index]
    return [
        _component(
            state,
            f"area-{area.id}--{service.id}",
            item,
            position,
            _text(config, service, "description"),
            name=f"{_text(config, service, 'name')} ({_text(config, area, 'name')})",
            group_id=f"area-{area.id}",
        )
        for position, (service, item) in enumerate(
            zip(state.config.services, state.area_services[area_index], strict=True), 1
        )
    ]


def _component(
    state: Snapshot,
    component_id: str,
    item: ComponentState,
    position: int,
    description: str,
    *,
    name: str | None = None,
    status: str | None = None,
    group_id: str | None = None,
) -> dict:
    """One component; ``updated_at`` is the latest update of any incident that touched it."""
    created = state.first_update_at
    return {
        "id": component_id,
        "name": name or item.name,
        "status": status or item.status,
        "created_at": _time(state, created),
        "updated_at": _time(state, item.updated_at or created),
        "position": position,
        "description": description or None,
        "showcase": False,
        "start_date": None,
        "group_id": group_id,
        "page_id": _page_id(state),
        "group": False,
        "only_show_if_degraded": False,
    }


def _affected(state: Snapshot, incident: Incident) -> list[dict]:
    """The components an incident names: its services, and each of its areas' children for them."""
    config = state.config
    services = [(index, s) for index, s in enumerate(config.services) if s in incident.services]
    found = [
        _component(
            state,
            f"svc-{service.id}",
            state.services[index],
            index + 1,
            _text(config, service, "description"),
            name=_text(config, service, "name"),
        )
        for index, service in services
    ]
    for area_index, area in enumerate(config.areas):
        if area in incident.areas:
            children = _area_children(state, area_index)
            found += [children[index] for index, _ in services]
    return found


# --- incidents and maintenance ------------------------------------------------------


def _incident_status(state: Snapshot, incident: Incident) -> str:
    status = incident.status
    if status is Status.CANCELLED:
        return "completed"
    if status is Status.SCHEDULED and is_active(incident, state.now):
        # Statuspage starts a maintenance at scheduled_for by itself; ours is under way by its window.
        return "in_progress"
    if status is Status.RESOLVED and incident.postmortem:
        return "postmortem"
    return str(status)


def _incident(state: Snapshot, incident: Incident) -> dict:
    first, latest = incident.updates[0], incident.latest
    monitoring = next((u.at for u in incident.updates if u.status is Status.MONITORING), None)
    body = {
        "id": incident.id,
        "name": _text(state.config, incident, "title"),
        "status": _incident_status(state, incident),
        "created_at": _time(state, first.at),
        "updated_at": _time(state, latest.at),
        "monitoring_at": _time(state, monitoring),
        "resolved_at": _time(state, _resolved_at(incident)),
        "impact": str(incident.impact) if incident.impact else "none",
        "shortlink": f"{state.config.site_url}{path_prefix(state.config)}incidents/{incident.id}/",
        "started_at": _time(state, incident.started_at),
        "page_id": _page_id(state),
        "incident_updates": [_update(state, incident, u) for u in reversed(incident.updates)],
        "components": _affected(state, incident),
    }
    if incident.is_maintenance:
        window = incident.window
        body["scheduled_for"] = _time(state, incident.started_at)
        body["scheduled_until"] = _time(state, window.end if window else incident.started_at)
    return body


def _resolved_at(incident: Incident) -> datetime | None:
    """When it was closed; ``None`` while open, and for maintenance called off before its window opened.

    Work called off in advance never ran, so nothing was resolved: a time there would
    fall before ``scheduled_for`` and read as work finished before it began.
    ``scheduled_for`` and ``scheduled_until`` still say which window was called off.
    """
    if incident.is_open:
        return None
    window = incident.window
    if incident.status is Status.CANCELLED and window is not None and incident.latest.at < window.start:
        return None
    return incident.latest.at


def _update(state: Snapshot, incident: Incident, update: Update) -> dict:
    """One incident update; its id is the update's identity, and ``updated_at`` moves only with a correction."""
    cancelled = update.status is Status.CANCELLED
    issue = state.publication.of(incident, update)
    return {
        "id": f"{incident.id}-{issue.published_id}",
        "status": "completed" if cancelled else str(update.status),
        "body": (_cancelled_prefix(state.config) if cancelled else "") + _body(state.config, update),
        "incident_id": incident.id,
        "created_at": _time(state, update.at),
        "updated_at": _time(state, issue.issued_at or update.at),
        "display_at": _time(state, update.at),
        "affected_components": None,
        "deliver_notifications": False,
        "custom_tweet": None,
        "tweet_id": None,
    }


# --- the same objects, for webhooks ---------------------------------------------------


def incident_object(state: Snapshot, incident: Incident) -> dict:
    """One incident or maintenance as the API lists it: the body of an incident webhook (``delivery.webhooks``)."""
    return _incident(state, incident)


def component_objects(state: Snapshot) -> list[dict]:
    """Every component as ``components.json`` lists it: what component webhooks compare and carry."""
    return _components(state)


def page_status(state: Snapshot) -> tuple[str, str, str]:
    """The page's id, indicator and description, as a webhook's ``page`` states them."""
    status = _status(state)
    return _page_id(state), status["indicator"], status["description"]

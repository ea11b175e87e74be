"""What was true at a moment: an incident as of one of its updates, and the whole site as of "now".

Everything published for an update (bulletins, CAP, its feed entry, its API
item) is rendered from ``as_of(incident, update)`` and nothing later, so adding
an update never changes what an earlier one said. The site is rendered from
``site_as_of(site, now)``: updates, incidents and maintenance announcements
dated after ``now`` do not exist yet.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from datetime import datetime

from ..incidents.model import Impact, Incident, Site, Status, Update, Window

ESTIMATING = frozenset({Status.INVESTIGATING, Status.IDENTIFIED})
"""While an incident is investigating or identified, a restore estimate may be stated; after, service is coming back."""


def as_of(incident: Incident, update: Update) -> Incident:
    """The incident as it stood when ``update`` was published: that update is its latest."""
    if update is incident.latest:
        return incident
    return replace(incident, updates=incident.updates[: update.number])


def existing(incident: Incident, now: datetime) -> Incident | None:
    """The incident as of ``now``, or ``None`` if its first update is later (it does not exist yet)."""
    if incident.latest.at <= now:
        return incident
    count = bisect.bisect_right([u.at for u in incident.updates], now)
    return replace(incident, updates=incident.updates[:count]) if count else None


def site_as_of(site: Site, now: datetime) -> Site:
    """The site as a reader saw it at ``now``: only what had been published by then."""
    seen = [existing(incident, now) for incident in site.incidents]
    if all(a is b for a, b in zip(seen, site.incidents, strict=True)):
        return site  # nothing after now: the common case of a build at the real time
    return replace(site, incidents=tuple(i for i in seen if i is not None))


def live_estimate(incident: Incident, moment: datetime) -> datetime | None:
    """The restore estimate that may be presented as a prediction at ``moment``, if any.

    Only while the incident is investigating or identified, and only if the
    estimate lies after ``moment``: a passed estimate is never a prediction,
    and once service is coming back (monitoring) or back, none is stated.
    """
    eta = _current_estimate(incident)
    if eta is None or incident.status not in ESTIMATING or eta <= moment:
        return None
    return eta


def passed_estimate(incident: Incident, moment: datetime) -> datetime | None:
    """An estimate that was given and has passed by ``moment`` while service is still down."""
    eta = _current_estimate(incident)
    if eta is None or incident.status not in ESTIMATING or eta > moment:
        return None
    return eta


def _current_estimate(incident: Incident) -> datetime | None:
    """The latest estimate, unless it was given for an outage that has since been resolved.

    A reopened incident starts without an estimate: the one before the
    resolution was for the outage that ended, and is neither a prediction nor
    "passed" for the new one. (Only reopened files are scanned, so the cost
    of an ordinary incident stays flat.)
    """
    eta = incident.facts.restore_eta
    if eta is None or not incident.reopened:
        return eta
    resolved = [u for u in incident.updates[:-1] if u.status is Status.RESOLVED]
    return None if resolved and resolved[-1].facts.restore_eta == eta else eta


def overdue_next_update(incident: Incident, moment: datetime) -> datetime | None:
    """The promised time of the next update, if it has passed by ``moment`` with no update."""
    due = incident.next_update
    return due if due is not None and due <= moment else None


# --- what changed at an update ---------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One fact that an update changed, for "Cause found 10:30"-style notes on the incident page."""

    fact: str
    """``cause``, ``area``, ``service``, ``restore_eta``, ``customers``, ``impact`` or ``window``."""
    how: str
    """``found``/``changed`` (cause), ``added``/``removed`` (area, service), ``set``/``moved``/``withdrawn``
    (restore_eta), ``changed`` (customers, window), ``raised``/``lowered`` (impact)."""
    before: object = None
    after: object = None


def changes(incident: Incident, update: Update) -> tuple[Change, ...]:
    """What ``update`` changed of the facts the update before it stated (none for the first)."""
    if update.number == 1:
        return ()
    before, after = incident.updates[update.number - 2].facts, update.facts
    if before == after:
        return ()
    found: list[Change] = []
    if after.cause != before.cause:
        found.append(Change("cause", "found" if not before.cause else "changed", before.cause, after.cause))
    for fact, old, new in (("area", before.areas, after.areas), ("service", before.services, after.services)):
        found += [Change(fact, "added", after=item) for item in new if item not in old]
        found += [Change(fact, "removed", before=item) for item in old if item not in new]
    if after.restore_eta != before.restore_eta:
        how = "set" if before.restore_eta is None else "withdrawn" if after.restore_eta is None else "moved"
        found.append(Change("restore_eta", how, before.restore_eta, after.restore_eta))
    if after.customers_affected != before.customers_affected:
        found.append(Change("customers", "changed", before.customers_affected, after.customers_affected))
    if after.impact != before.impact and before.impact is not None and after.impact is not None:
        order = list(Impact)
        how = "raised" if order.index(after.impact) > order.index(before.impact) else "lowered"
        found.append(Change("impact", how, before.impact, after.impact))
    if after.window != before.window and isinstance(after.window, Window):
        found.append(Change("window", "changed", before.window, after.window))
    return tuple(found)

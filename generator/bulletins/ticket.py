"""The technical contact's notice, decided once in no language; ``notice`` and ``fr.notice`` word it.

The notice reads like a ticket: reference, status, since when, services,
areas, count, window, cause, details, safety, the estimate, when service was
back, the next update, who to call, the link. Which of those a notice has at
a given update is the same in English and in French; only the stamps
(``8:25 a.m. MDT, May 12`` or ``8 h 25 HAR, mar. 12 mai``), the few words
and the length allowed differ, so each language passes them in a small table
(``NoticeWords``). The SMS facts (``sms_…``) stay in each language's module:
French offers several wordings of each part, English one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from types import ModuleType

from jinja2 import Environment

from .. import display
from ..incidents.model import Config, Incident, Status, Update
from ..state.as_of import live_estimate, passed_estimate
from ..state.ledger import Issue
from . import editorial as e
from .happened import outage_began, outage_cause, start_known


@dataclass(frozen=True)
class NoticeFacts:
    """What a notice says, in either language (each adds its SMS facts)."""

    name: str
    short_name: str
    title: str
    reference: str
    status: str
    correction: str
    """``CORRECTION`` when this notice replaces an earlier version for the same update."""
    posted: str
    started: str
    """When the outage began (``7:55 a.m. MST, Nov. 22``); empty for planned work, or when that is not known."""
    first_reported: str
    """When the outage was first reported, when when it began is not known (no ``began_at``)."""
    services: str
    areas: str
    customers: str
    window: str
    cause: str
    details: str
    safety: str
    eta: str
    """The restore estimate, or what stands in for one: none yet, passed, coming back."""
    restored: str
    """When service was back (the resolving update), once it is."""
    next_update: str
    support: str
    url: str
    site: str
    """The site's address without https://, for the SMS: the front page leads with active incidents."""


@dataclass(frozen=True)
class NoticeWords:
    """One language's words for a notice."""

    stamp: Callable[[datetime, tzinfo], str]
    """A moment on the notice: ``8:25 a.m. MDT, May 12``."""
    status: Callable[[Status], str]
    customers: Callable[[int], str]
    window: str
    """``{start} to {end}``."""
    estimate_passed: str
    """``the estimate of {when} has passed; a new one is coming``."""
    coming_back: str
    no_estimate: str
    url: Callable[[Config, str], str]
    """The incident's page."""


def notice_fields(
    config: Config, incident: Incident, update: Update, issue: Issue | None, details: str | None, safety: str,
    words: NoticeWords,
) -> dict:  # fmt: skip
    """The fields of ``NoticeFacts`` for one update; ``incident`` is the incident as of ``update``."""
    zone, at = config.timezone, update.at

    def stamp(moment: datetime) -> str:
        return words.stamp(moment, zone)

    eta, passed = live_estimate(incident, at), passed_estimate(incident, at)
    window = incident.window
    final = update.status.is_final
    if incident.is_maintenance or final:
        estimate = ""
    elif eta:
        estimate = stamp(eta)
    elif passed:
        estimate = words.estimate_passed.format(when=stamp(passed))
    elif update.status is Status.MONITORING:
        estimate = words.coming_back
    else:
        estimate = words.no_estimate
    customers = incident.customers_affected
    outage, known = not incident.is_maintenance, start_known(incident, update)
    return dict(
        name=config.name,
        short_name=config.name.split()[0],
        title=incident.title,
        reference=incident.reference,
        status=words.status(update.status),
        correction="CORRECTION" if issue is not None and issue.is_correction else "",
        posted=stamp(at),
        # A reopened outage: since it dropped again, and only what is known of its own cause.
        started=stamp(outage_began(incident, update, zone, e.split_sentences)) if outage and known else "",
        first_reported=stamp(incident.updates[0].at) if outage and not known else "",
        services=", ".join(s.name for s in incident.services),
        areas=", ".join(a.name for a in incident.areas),
        customers=words.customers(customers) if customers else "",
        window=words.window.format(start=stamp(window.start), end=stamp(window.end)) if window else "",
        cause=display.plain(outage_cause(incident, update, e.split_sentences)),
        details=details if details is not None else " ".join(display.plain(update.message).split()),
        safety=safety,
        eta=estimate,
        restored=stamp(at) if final and not incident.is_maintenance else "",
        next_update=stamp(update.next_update) if update.next_update and not final else "",
        support=config.contact.phone,
        url=words.url(config, incident.id),
        site=config.host,
    )


def cut_to_fit(
    render: Callable[[str], str], message: str, rules: ModuleType, limit: int
) -> str:  # fmt: skip
    """The notice ``render`` makes of the details, cut back sentence by sentence if it would pass ``limit``
    characters (a last sentence stays, whatever its length)."""
    details = [s for s in map(rules.without_page_talk, rules.split_sentences(display.plain(message))) if s]
    while True:
        text = render(" ".join(details))
        if len(text) <= limit or len(details) <= 1:
            return text
        details = details[:-1]


def rendered(template: Environment, name: str, facts: Callable[[str], NoticeFacts]) -> Callable[[str], str]:
    """The template ``name`` rendered with the facts of given details."""
    return lambda details: template.get_template(name).render(n=facts(details))

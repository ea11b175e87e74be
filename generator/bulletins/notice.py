"""The technical contact's notice (``notice.txt``) and its one-line SMS form.

What the telco's sales rep forwarded and customers called "pure gold": what is
down, where, details, ETA, next update, a link — short enough for an email or
text message. The notice stays under 1,000 characters and the SMS under 160
by leaving out the least needed parts, never by cutting words in half.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from .. import display
from ..incidents.model import Config, Incident, Update
from ..state.as_of import live_estimate
from ..state.ledger import Issue
from . import spoken

NOTICE_LIMIT = 1000
SMS_LIMIT = 160


@dataclass(frozen=True)
class NoticeFacts:
    name: str
    short_name: str
    title: str
    status: str
    correction: str
    """``CORRECTION`` when this notice replaces an earlier version for the same update."""
    posted: str
    services: str
    areas: str
    customers: str
    window: str
    cause: str
    details: str
    eta: str
    eta_short: str
    next_update: str
    next_short: str
    url: str
    site: str
    """The site's address without https://, for the SMS: the front page leads with active incidents."""


def notice_facts(
    config: Config, incident: Incident, update: Update, issue: Issue | None = None, details: str | None = None
) -> NoticeFacts:
    """The notice's facts; ``incident`` is the incident as of ``update``."""
    zone = config.timezone

    def stamp(moment) -> str:
        return f"{display.clock(moment, zone)}, {display.short_day(moment, zone)}"

    eta = live_estimate(incident, update.at)
    window = incident.window
    return NoticeFacts(
        name=config.name,
        short_name=config.name.split()[0],
        title=incident.title,
        status=update.status.label,
        correction="CORRECTION" if issue is not None and issue.is_correction else "",
        posted=stamp(update.at),
        services=", ".join(s.name for s in incident.services),
        areas=", ".join(a.name for a in incident.areas),
        customers=f"about {incident.customers_affected:,}" if incident.customers_affected else "",
        window=f"{stamp(window.start)} to {stamp(window.end)}" if window else "",
        cause=display.plain(incident.cause),
        details=details if details is not None else display.plain(update.message).replace("\n", " "),
        eta=stamp(eta) if eta else "",
        eta_short=display.clock(eta, zone) if eta else "",
        next_update=stamp(update.next_update) if update.next_update else "",
        next_short=display.clock(update.next_update, zone) if update.next_update else "",
        url=f"{config.site_url}incidents/{incident.id}/",
        site=config.site_url.split("://", 1)[-1].rstrip("/"),
    )


def notice(
    template: Environment, config: Config, incident: Incident, update: Update, issue: Issue | None = None
) -> str:
    """The notice, with the details cut back sentence by sentence if it would pass 1,000 characters."""
    details = spoken.sentences(display.plain(update.message).replace("\n", " "))
    while True:
        text = template.get_template("notice.txt.j2").render(
            n=notice_facts(config, incident, update, issue, " ".join(details))
        )
        if len(text) <= NOTICE_LIMIT or len(details) <= 1:
            return text
        details = details[:-1]


def sms(template: Environment, config: Config, incident: Incident, update: Update, issue: Issue | None = None) -> str:
    """One line under 160 characters: the template's ``|`` parts are dropped from the right until it fits."""
    raw = template.get_template("sms.txt.j2").render(n=notice_facts(config, incident, update, issue)).strip()
    head, *optional, link = raw.split("|")
    parts = [p for p in optional if p and p != "False"]
    while parts and len(head + "".join(parts) + link) > SMS_LIMIT:
        parts.pop()
    text = head + "".join(parts) + link
    if len(text) > SMS_LIMIT:  # a very long title: the link and the status matter most
        text = text[: SMS_LIMIT - len(link) - 1].rsplit(" ", 1)[0] + "…" + link
    return text

"""The press release for one update: FOR IMMEDIATE RELEASE, dateline, five Ws, ###.

Wording lives in ``site_template/bulletins/press.txt.j2``; this module
gathers the facts. Unlike radio copy, print takes figures, times and addresses.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from .. import display
from ..incidents.model import Config, Contact, Incident, Status, Update
from ..state.as_of import live_estimate, passed_estimate
from ..state.ledger import RESTATED, Issue
from . import spoken

TIMELINE_ENTRIES = RESTATED + 1
"""The release shows the latest few updates and links to the page for the rest, so its cost stays flat.
The ledger counts the earlier ones as part of what the release says (a change to one is a correction)."""


@dataclass(frozen=True)
class PressFacts:
    correction: str
    """``CORRECTION: …`` when this release replaces an earlier version of the same update's release."""
    name: str
    media: Contact | None
    contact: Contact
    headline: str
    dateline: str
    lede: str
    body: tuple[str, ...]
    timeline: tuple[str, ...]
    earlier: int
    """How many earlier updates the timeline leaves out (they are on the incident page)."""
    advice: str
    url: str
    feed_url: str
    zone_name: str
    about: str


def press_facts(config: Config, incident: Incident, update: Update, issue: Issue | None = None) -> PressFacts:
    """The facts of one release; ``incident`` is the incident as of ``update``, and nothing later."""
    zone = config.timezone
    at = update.at.astimezone(zone)
    final = update.status.is_final
    services = spoken.join([spoken.in_sentence(s.name) for s in incident.services])
    areas = spoken.join([a.name for a in incident.areas])
    url = f"{config.site_url}incidents/{incident.id}/"
    eta = live_estimate(incident, update.at)
    first = incident.began_at
    customers = f"about {incident.customers_affected:,} " if incident.customers_affected else ""
    since = _moment(first, update.at, zone)
    dateline = (
        f"{config.dateline} — {at:%B} {at.day}, {at.year} — " if config.dateline else f"{at:%B} {at.day}, {at.year} — "
    )

    if incident.is_maintenance:
        window = incident.window
        assert window is not None
        if window.start.astimezone(zone).date() == window.end.astimezone(zone).date():
            start = _moment(window.start, update.at, zone)
            when = (
                f"between {start.split(' ', 2)[0]} {start.split(' ', 2)[1]} and {_moment(window.end, update.at, zone)}"
            )
        else:
            when = f"from {_moment(window.start, update.at, zone)} to {_moment(window.end, update.at, zone)}"
        headline = f"{incident.title}: {update.status.label.lower()}"
        lede = f"{config.name} {'has cancelled' if update.status is Status.CANCELLED else 'has scheduled'} planned work on its {services} service for {customers}customers in {areas} {when}. {incident.expected_impact}"
    elif final:
        headline = f"{incident.title}: service restored"
        lede = (
            f"{config.name} says {services} service is restored for {customers}customers in {areas}, "
            f"after an outage that began at {since}."
            + (f" {_cause_sentence(incident.cause)}" if incident.cause else "")
        )
    else:
        headline = incident.title
        lede = (
            f"{services[:1].upper() + services[1:]} service from {config.name} has been disrupted since {since}, "
            f"for {customers}customers in {areas}."
            + (f" {_cause_sentence(incident.cause)}" if incident.cause else "")
            + (
                f" The company expects service back by about {_moment(eta, update.at, zone)}."
                if eta
                else " Its earlier estimate has passed; the company expects to give a new one soon."
                if passed_estimate(incident, update.at)
                else " The company does not yet have an estimate for when service will be back."
            )
        )
    shown = incident.updates[-TIMELINE_ENTRIES:]
    timeline = tuple(
        f"{display.clock(u.at, zone)}, {display.short_day(u.at, zone)}: {u.status.label}. "
        + " ".join(display.plain(u.message).split())
        for u in shown
    )
    body = (_quote(update.message, config.name, display.clock(update.at, zone).rsplit(" ", 1)[0]),)
    if update.next_update:
        body += (f"The next update is due by {_moment(update.next_update, update.at, zone)}.",)
    advice = (
        "Customers do not need to call: updates are posted on the status page as the work goes on."
        if not final
        else "Customers who are still without service should restart their modem or equipment, then contact "
        f"{config.name} at {config.contact.phone} if the problem continues."
    )
    correction = ""
    if issue is not None and issue.is_correction:
        replaced = issue.previous_issued_at or update.at
        correction = (
            f"CORRECTION: this release replaces the one issued at {display.clock(replaced, zone)}, "
            f"{display.day(replaced, zone)}, for the same update."
        )
    return PressFacts(
        correction=correction,
        name=config.name,
        media=config.media_contact,
        contact=config.contact,
        headline=headline,
        dateline=dateline,
        lede=" ".join(lede.split()),
        body=body,
        timeline=timeline,
        earlier=len(incident.updates) - len(shown),
        advice=advice,
        url=url,
        feed_url=f"{config.site_url}feeds/atom.xml",
        zone_name=at.tzname() or str(zone),
        about=config.about or f"{config.name} provides internet and phone service.",
    )


def _cause_sentence(cause: str) -> str:
    return f"The company says {spoken.third_person(display.plain(cause).strip())}"


def _quote(message: str, name: str, at: str) -> str:
    """``"Text," Name said in its 10:55 a.m. update.``: the last full stop becomes a comma inside the quote."""
    text = display.plain(message).replace("\n", " ").strip()
    if text.endswith(("a.m.", "p.m.", "St.", "Ave.")):
        text += ","  # the abbreviation keeps its full stop
    elif text.endswith("."):
        text = text[:-1] + ","
    return f"\u201c{text}\u201d {name} said in its {at} update."


def _moment(moment, release, zone) -> str:
    """``2 p.m. today`` in a release dated that day, else ``2 p.m. Tuesday, May 12``."""
    local, day = moment.astimezone(zone), release.astimezone(zone).date()
    time = display.clock(moment, zone).rsplit(" ", 1)[0].replace(":00", "")
    if local.date() == day:
        return f"{time} today"
    return f"{time} {local:%A}, {local:%B} {local.day}"


def press_release(
    template: Environment, config: Config, incident: Incident, update: Update, issue: Issue | None = None
) -> str:
    text = template.get_template("press.txt.j2").render(r=press_facts(config, incident, update, issue))
    return text.strip() + "\n"

"""The press release for one update, in Canadian Press style.

FOR IMMEDIATE RELEASE; a headline with the news in it; the dateline
(``EDMONTON — Nov. 22, 2026 —``) and a lede of who, what, where and since
when in under 35 words; then safety, the cause as known at that moment, what
is being done as a quote from the named media contact, the estimate and what
customers should do; the latest timeline entries, in one zone; where updates
are; "About <organisation>"; ``###``; the media contact. Wording lives in
``site_template/bulletins/press.txt.j2``; print takes figures, times and
addresses, so the rulebook's printed forms are used (``3 p.m. Sunday``).
"""

from __future__ import annotations

import re

from jinja2 import Environment

from .. import display
from ..incidents.model import Config, Impact, Incident, Status, Update
from ..state.as_of import live_estimate, passed_estimate
from ..state.ledger import Issue
from . import editorial as e
from .happened import cleared_before, first_coming_back, outage_began, outage_cause, start_known, two_outages
from .release import (
    PressFacts,
    ReleaseWords,
    capital,
    closing,
    correction,
    estimate_paragraphs,
    planned_work,
    quoted_sentences,
    sentence,
    timeline,
)
from .story import DURING_THE_WORK, everywhere, parts_of, safety_advice, said_services, services_words

LEDE_WORDS = 35
"""CP: a lede under 35 words."""

ENGLISH = ReleaseWords(
    when=e.cp_when,
    window=e.cp_window,
    planned_work={
        Status.SCHEDULED: (
            "Planned work to interrupt {services} service {where_named}",
            "Planned work will interrupt {name}'s {services} service {where} {span}.",
        ),
        Status.IN_PROGRESS: ("Planned work under way on {services} service", "{Work} is under way until {end}."),
        Status.VERIFYING: (
            "Planned work on {services} service done, being tested",
            "{Work} is done and being tested; the work is scheduled to end by {end}.",
        ),
        Status.COMPLETED: ("Planned work on {services} service completed", "{Work} was completed by {done}."),
        Status.CANCELLED: (
            "Planned work on {services} service cancelled",
            "{Work} {span} is cancelled, and service will not be interrupted.",  # not "planned … planned"
        ),
    },
    during=DURING_THE_WORK,
    expects="The company expects service back by {when}.",
    passed="The company's estimate of {when} has passed; it says a new estimate is coming.",
    no_estimate="The company does not yet have an estimate for when service will be back.",
    next_update="The next update is due by {when}.",
    timeline_entry=lambda u, zone: (
        f"{e.cp_time(u.at, zone)} {e.cp_month_day(u.at.astimezone(zone).date())} — {u.status.label}: "
        + " ".join(display.plain(u.message).split())
    ),
    zone_name=lambda at, zone: at.astimezone(zone).tzname() or str(zone),
    correction=lambda replaced, at, zone: (
        f"CORRECTION: this release replaces the one issued at {e.cp_when(replaced, at, zone)}, "
        f"{e.cp_date(replaced, zone)}, for the same update."
    ),
    still_without=(
        "Customers who are still without service should restart their modem or equipment, then contact "
        "{name} at {phone} if the problem continues."
    ),
    no_need_to_call="Customers do not need to call: updates are posted on the status page as the work goes on.",
    moved=(
        "Planned work on {services} service {where_named} moved",
        "Planned work that will interrupt {name}'s {services} service {where} has been moved to {span}. "
        "It was planned for {before}.",
    ),
)
"""The English words of what a release says after its lede (``release``)."""


def press_facts(config: Config, incident: Incident, update: Update, issue: Issue | None = None) -> PressFacts:
    """The facts of one release; ``incident`` is the incident as of ``update``, and nothing later."""
    zone, at = config.timezone, update.at
    final = update.status.is_final
    services = services_words(said_services(incident))
    where = _where(config, incident)
    url = f"{config.site_url}incidents/{incident.id}/"
    eta, passed = live_estimate(incident, at), passed_estimate(incident, at)
    customers = incident.customers_affected
    affecting = (
        f", affecting about {customers:,} customers"
        if customers and customers >= 100
        else (f", affecting {customers} customers" if customers else "")
    )
    dateline = f"{config.dateline or config.name.upper()} — {e.cp_date(at, zone)} — "
    # A reopened outage: since it dropped again, and only what is known of its own cause.
    since = e.cp_when(outage_began(incident, update, zone, e.split_sentences), at, zone)
    # Without began_at only the first report's time is known: never "began at" nor "lasted" from it.
    known = start_known(incident, update)
    began = f"that began at {since}" if known else f"first reported at {since}"
    since_when = f"since {since}" if known else f"since at least {since}"
    cause = outage_cause(incident, update, e.split_sentences)

    body: list[str] = []
    advice = safety_advice(config, incident, update)
    if incident.is_maintenance:
        where = _where(config, incident, whose="its")
        work = f"planned work on {config.name}'s {services} service {where}"
        headline, lede, body = planned_work(
            config,
            incident,
            update,
            advice,
            ENGLISH,
            services=services,
            where=where,
            where_named=_where(config, incident),  # a headline has no name before it for "its" to stand for
            Work=capital(work),
        )
    elif final:
        headline = f"{capital(services)} service restored {where}"
        length = e.spoken_duration(e.elapsed(incident.began_at, at))
        what = "a problem" if incident.impact in (None, Impact.MINOR) else "an outage"
        lede = f"{config.name}'s {services} service is back {where} after {what} {began}" + (
            f" and lasted {length}." if known else "."
        )
        if two := two_outages(incident, update, zone, e.split_sentences):
            # Two outages: not "began at 1:50 p.m. and lasted four and a quarter hours" when it was back between.
            out, told = two
            lede = (
                f"{config.name}'s {services} service is back {where} after two outages that lasted "
                f"{e.spoken_duration(out)} in all, the first from {since}."
            )
            if told.dropped_at is not None:
                # And when it came back the second time, so a reader's sum agrees with the time out in all.
                again = first_coming_back(incident, update)
                back = f", and was reported coming back at {e.cp_time(again.at, zone)}" if again else ""
                body.append(
                    sentence(
                        f"Service first came back at {e.cp_time(told.back_at, zone)}, "
                        f"but it went out again at {e.cp_time(told.dropped_at, zone)}{back}"
                    )
                )
        if customers:
            count = f"About {customers:,}" if customers >= 100 else f"{customers}"
            body.append(f"{count} customers were affected.")
    else:
        coming_back = update.status is Status.MONITORING
        # A minor incident is a problem with the service, never "down" (the radio lead says the same).
        problem = incident.impact in (None, Impact.MINOR)
        state = "coming back" if coming_back else "problem" if problem else "down"
        # Out again after an all clear: "down again" for the whole of that outage, as the radio lead says it.
        again = " again" if state != "coming back" and cleared_before(incident, update) else ""
        headline = {"problem": f"Problem affecting {services} service{again} {where}"}.get(
            state, f"{capital(services)} service {state}{again} {where}"
        )
        if coming_back:
            what = "a problem" if problem else "an outage"
            lede = f"{config.name}'s {services} service is coming back {where} after {what} {began}{affecting}."
        elif problem:
            lede = (
                f"{config.name}'s {services} service has been having problems{again} {where} {since_when}{affecting}."
            )
        else:
            lede = f"{config.name}'s {services} service has been down{again} {where} {since_when}{affecting}."
        if advice:  # safety is in the lede itself
            lede += f" {advice}"
        if lede_words(lede) >= LEDE_WORDS and affecting:  # the count can wait for the body
            lede = lede.replace(affecting, "")
            count = f"About {customers:,}" if customers and customers >= 100 else f"{customers}"
            lost = "lost service" if not problem else "were affected"
            body.append(f"{count} customers {lost if coming_back else 'are affected'}.")
        if lede_words(lede) >= LEDE_WORDS:
            lede = lede.replace(where, _where(config, incident, short=True))
    if lede.startswith(f"{config.name}'s "):  # named once: "…'s email service … across its service area"
        lede = lede.replace(f"across {config.name}'s service area", "across its service area")
    if advice and lede_words(lede) >= LEDE_WORDS and lede.endswith(f" {advice}"):
        # Still too long (the advice once service is coming back is longer): safety opens the body instead.
        lede = lede.removesuffix(f" {advice}")
        body.insert(0, advice)
    cleared = cleared_before(incident, update)
    if cause and cleared is not None and cleared.facts.cause:
        # Out again after an all clear: this outage's cause ("When utility power returned, …") leans on the first's.
        first = e.split_sentences(display.plain(cleared.facts.cause))[0]
        body.append(
            sentence(
                f"The first outage began when {e.attributed(first, always=True).removeprefix('The company says ')}"
            )
        )
    if cause:
        body.append(_cause_sentence(cause))
    # The estimate is said once, in its own paragraph below, not also inside the quote.
    quote = _quote(
        update.message, config, [lede, *body], eta if not final and not incident.is_maintenance else None, advice
    )
    if quote:
        body.append(quote)
    body += estimate_paragraphs(incident, update, eta, passed, zone, ENGLISH)
    entries, zones, earlier = timeline(incident, zone, ENGLISH)
    return PressFacts(
        correction=correction(issue, update, zone, ENGLISH),
        name=config.name,
        media=config.media_contact,
        contact=config.contact,
        headline=headline,
        dateline=dateline,
        lede=" ".join(lede.split()),
        body=tuple(" ".join(p.split()) for p in body),
        timeline=entries,
        timeline_zone=", then ".join(zones),
        earlier=earlier,
        advice=closing(config, incident, update, quote, e, ENGLISH),
        url=url,
        feed_url=f"{config.site_url}feeds/atom.xml",
        about=config.about or f"{config.name} provides internet and phone service.",
    )


def _where(config: Config, incident: Incident, short: bool = False, whose: str = "") -> str:
    """``in Clareview and Castle Downs``; every area: ``across its service area``; many (or ``short``): by region."""
    if everywhere(config, incident.areas):
        return f"across {whose or config.name + chr(39) + 's'} service area"
    if len(incident.areas) <= (1 if short else 4):
        return "in " + e.list_words([a.name for a in incident.areas])
    parts = [a.region for a in incident.areas if parts_of(a)]
    wholes = [a.name for a in incident.areas if not parts_of(a)]
    return "in " + e.list_words(([f"parts of {e.regions_phrase(parts)}"] if parts else []) + wholes)


def _cause_sentence(cause: str) -> str:
    """``The company says a contractor … cut its main fibre cable …``: the cause, attributed, in the third person."""
    return sentence(e.attributed(display.plain(cause).strip(), always=True))


_SAFETY_TALK = re.compile(
    r"\b(?:911|9-1-1|emergenc\w*)\b.*\b(?:mobile|cell)|\b(?:mobile|cell)\b.*\b(?:911|9-1-1|emergenc)", re.I
)
"""Staff's own words of the 911 advice (``Home phones cannot call 911 …, so please use a mobile phone``)."""


def _quote(message: str, config: Config, said: list[str], estimate=None, advice: str = "") -> str:
    """The update in the media contact's words: ``"…," said Dana Reyes, communications lead at Northwind Broadband.``

    Sentences that only say again what the release already says (the lede, the cause) are left out,
    unless that is all the message says, and so is talk of "here"; so is a clause stating ``estimate``,
    which the release says in its own paragraph.
    """
    safety = _SAFETY_TALK if advice else None  # the release gives the advice once, in the configured words
    text = quoted_sentences(message, config, said, estimate, e, safety, keep_leaned_on=True)
    if not text:
        return ""
    if text.endswith("."):
        text = text if text.endswith(("a.m.", "p.m.", "St.", "Ave.")) else text[:-1]
    text += ","
    media = config.media_contact
    if media is None or not media.name:
        return f"\u201c{text}\u201d {config.name} said."
    title = f", {e.cp_title(media.title)} at {config.name}" if media.title else f" of {config.name}"
    return f"\u201c{text}\u201d said {media.name}{title}."


def lede_words(text: str) -> int:
    """Words of a lede, as printed: the dateline does not count."""
    return len(text.split())


def press_release(
    template: Environment, config: Config, incident: Incident, update: Update, issue: Issue | None = None
) -> str:
    text = template.get_template("press.txt.j2").render(r=press_facts(config, incident, update, issue))
    return text.strip() + "\n"

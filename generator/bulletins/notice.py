"""The technical contact's notice (``notice.txt``) and its SMS form.

What the telco's sales rep forwarded and customers called "pure gold": the
reference number, what is down, where, since when, details, the estimate, the
next update, who to call and a link — short enough for an email. The notice
stays under 1,000 characters by leaving out detail sentence by sentence.

The SMS is GSM-7 only (typography replaced, so it is never sent as UCS-2 at
70 characters a part) and at most 160 characters: who, what, where, the
safety advice when 911 is at stake, when service is expected back with its
day ("back by 3pm Sun"), planned work with its date, the link. Parts the
template marks as optional are left out, least needed first, never cut.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, TemplateRuntimeError

from .. import display
from ..incidents.model import Config, Impact, Incident, Status, Update
from ..state.as_of import live_estimate, passed_estimate
from ..state.ledger import Issue
from . import editorial as e
from .editorial.sms import SMS_LIMIT
from .story import parts_of, safety_advice, sms_still_out_advice

NOTICE_LIMIT = 1000


@dataclass(frozen=True)
class NoticeFacts:
    name: str
    short_name: str
    title: str
    reference: str
    status: str
    correction: str
    """``CORRECTION`` when this notice replaces an earlier version for the same update."""
    posted: str
    started: str
    """When the outage began (``7:55 a.m. MST, Nov. 22``), or the planned window."""
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
    sms_safety: tuple[str, ...]
    """The safety advice in fewer characters, where there is a shorter form (see ``story.sms_still_out_advice``)."""
    sms_what: str
    sms_where: tuple[str, ...]
    """Where, for the SMS, fullest first."""
    sms_when: str
    sms_next: str


def notice_facts(
    config: Config, incident: Incident, update: Update, issue: Issue | None = None, details: str | None = None
) -> NoticeFacts:
    """The notice's facts; ``incident`` is the incident as of ``update``."""
    zone, at = config.timezone, update.at

    def stamp(moment) -> str:
        return f"{display.clock(moment, zone)}, {display.short_day(moment, zone)}"

    eta, passed = live_estimate(incident, at), passed_estimate(incident, at)
    window = incident.window
    final = update.status.is_final
    if incident.is_maintenance or final:
        estimate = ""
    elif eta:
        estimate = stamp(eta)
    elif passed:
        estimate = f"the estimate of {stamp(passed)} has passed; a new one is coming"
    elif update.status is Status.MONITORING:
        estimate = "service is coming back; no estimate for the rest"
    else:
        estimate = "none yet"
    return NoticeFacts(
        name=config.name,
        short_name=config.name.split()[0],
        title=incident.title,
        reference=incident.reference,
        status=update.status.label,
        correction="CORRECTION" if issue is not None and issue.is_correction else "",
        posted=stamp(at),
        started=stamp(incident.began_at) if not incident.is_maintenance else "",
        services=", ".join(s.name for s in incident.services),
        areas=", ".join(a.name for a in incident.areas),
        customers=f"about {incident.customers_affected:,}" if incident.customers_affected else "",
        window=f"{stamp(window.start)} to {stamp(window.end)}" if window else "",
        cause=display.plain(incident.cause),
        details=details if details is not None else " ".join(display.plain(update.message).split()),
        safety=(advice := safety_advice(config, incident, update)),
        sms_safety=sms_still_out_advice(advice),
        eta=estimate,
        restored=stamp(at) if final and not incident.is_maintenance else "",
        next_update=stamp(update.next_update) if update.next_update and not final else "",
        support=config.contact.phone,
        url=f"{config.site_url}incidents/{incident.id}/",
        site=config.host,
        sms_what=_sms_what(incident, update, zone),
        sms_where=_sms_where(config, incident),
        sms_when=_sms_when(incident, update, eta, passed, zone),
        sms_next=f"Next update {e.sms_time(update.next_update, at, zone)}." if update.next_update and not final else "",
    )


def _sms_what(incident: Incident, update: Update, zone) -> str:
    """``Internet and home phone down``; ``Home phone work Wed Oct 21 12:30-4am``: services and their state."""
    names = [s.name for s in incident.services]
    services = e.list_words(names[:1] + [e.name_in_sentence(n) for n in names[1:]])
    status = update.status
    if incident.is_maintenance:
        window = incident.window
        span = e.sms_window(window.start, window.end, zone) if window else ""
        if status is Status.SCHEDULED:
            return f"{services} work {span}"
        if status is Status.IN_PROGRESS and window:
            return f"{services} work under way until {e.sms_time(window.end, update.at, zone)}"
        if status is Status.CANCELLED:
            return f"{services} work {span} cancelled"
        return f"{services} work {'finishing' if status is Status.VERIFYING else 'done'}"
    if status.is_final:
        return f"{services} restored"
    if status is Status.MONITORING:
        return f"{services} coming back"
    return f"{services} {'problem' if incident.impact in (None, Impact.MINOR) else 'down'}"  # minor: never "down"


def _sms_where(config: Config, incident: Incident) -> tuple[str, ...]:
    """``in Clareview, Castle Downs``, or shorter by region: ``in north and northeast Edmonton``."""
    names = [a.name for a in incident.areas]
    if len(names) == len(config.areas) and len(names) > 1:
        return ("in all areas",)
    full = "in " + ", ".join(names)
    parts = [a.region for a in incident.areas if parts_of(a)]
    wholes = [a.name for a in incident.areas if not parts_of(a)]
    shorter = "in " + ", ".join(([f"parts of {e.regions_phrase(parts)}"] if parts else []) + wholes)
    return (full, shorter) if shorter != full else (full,)


def _sms_when(incident: Incident, update: Update, eta, passed, zone) -> str:
    """``Back by 3pm Sun.``, ``No estimate yet.``; nothing once service is coming back (planned work: see what)."""
    if incident.is_maintenance or update.status.is_final or update.status is Status.MONITORING:
        return ""
    if eta:
        return f"Back by {e.sms_time(eta, update.at, zone)}."
    if passed:
        return "New estimate coming."
    return "No estimate yet."


def notice(
    template: Environment, config: Config, incident: Incident, update: Update, issue: Issue | None = None
) -> str:
    """The notice, with the details cut back sentence by sentence if it would pass 1,000 characters."""
    details = [s for s in map(e.without_page_talk, e.split_sentences(display.plain(update.message))) if s]
    while True:
        text = template.get_template("notice.txt.j2").render(
            n=notice_facts(config, incident, update, issue, " ".join(details))
        )
        if len(text) <= NOTICE_LIMIT or len(details) <= 1:
            return text
        details = details[:-1]


def sms(template: Environment, config: Config, incident: Incident, update: Update, issue: Issue | None = None) -> str:
    """One GSM-7 text of at most 160 characters, from the template's candidate parts (``N text``, ``or text``)."""
    module = template.get_template("sms.txt.j2").module
    parts = str(module.parts(notice_facts(config, incident, update, issue)))
    try:
        candidates = e.candidates_from_lines(parts, tidy=lambda part: e.to_gsm7(" ".join(part.split())))
    except ValueError as exc:
        raise TemplateRuntimeError(f"sms.txt.j2, parts: {exc}") from None
    fitted = e.fit(candidates, SMS_LIMIT, lambda part: e.sms_encoding(part).units, keep=3, gap=1)
    text = " ".join(fitted.sentences)
    return text if e.sms_encoding(text).units <= SMS_LIMIT else e.fit_sms(text, [], "")

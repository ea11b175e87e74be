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
from functools import partial

from jinja2 import Environment, TemplateRuntimeError

from .. import display
from ..incidents.model import Config, Impact, Incident, Status, Update
from ..state.as_of import live_estimate, passed_estimate
from ..state.ledger import Issue
from . import editorial as e
from . import ticket
from .editorial.sms import SMS_LIMIT
from .happened import cleared_before
from .story import moved_window, parts_of, safety_advice, said_services, sms_still_out_advice, work_to_come_advice
from .ticket import NoticeWords, cut_to_fit, notice_fields, rendered

NOTICE_LIMIT = 1000


ENGLISH = NoticeWords(
    stamp=lambda moment, zone: f"{display.clock(moment, zone)}, {display.short_day(moment, zone)}",
    status=lambda status: status.label,
    customers=lambda n: f"about {n:,}",
    window="{start} to {end}",
    estimate_passed="the estimate of {when} has passed; a new one is coming",
    coming_back="service is coming back; no estimate for the rest",
    no_estimate="none yet",
    url=lambda config, incident_id: f"{config.site_url}incidents/{incident_id}/",
)
"""The English words of a notice (``ticket``)."""


@dataclass(frozen=True)
class NoticeFacts(ticket.NoticeFacts):
    """The notice's facts (``ticket.NoticeFacts``) and the SMS's, one wording each."""

    sms_safety: tuple[str, ...]
    """The safety advice's wordings, fullest first: as configured, then in fewer characters once service is coming
    back (``story.sms_still_out_advice``); tied to the work while it is still to come (``story.work_to_come_advice``)."""
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
    eta, passed = live_estimate(incident, at), passed_estimate(incident, at)
    final = update.status.is_final
    advice = safety_advice(config, incident, update)
    to_come = update.status is Status.SCHEDULED
    return NoticeFacts(
        # Work still to come: the notice's "Safety:" line ties the advice to the work, as every other text does.
        **notice_fields(
            config,
            incident,
            update,
            issue,
            details,
            next(iter(work_to_come_advice(advice)), "") if to_come else advice,
            ENGLISH,
        ),
        sms_safety=work_to_come_advice(advice)
        if to_come
        else (advice, *sms_still_out_advice(advice))
        if advice
        else (),
        sms_what=_sms_what(incident, update, zone),
        sms_where=_sms_where(config, incident),
        sms_when=_sms_when(incident, update, eta, passed, zone),
        sms_next=f"Next update {e.sms_time(update.next_update, at, zone)}." if update.next_update and not final else "",
    )


def _sms_what(incident: Incident, update: Update, zone) -> str:
    """``Internet and home phone down``; ``Home phone work Wed Oct 21 12:30-4am``: services and their state."""
    names = [s.name for s in said_services(incident)]  # only voicemail: "Voicemail problem", not home phone
    services = e.list_words([names[0][:1].upper() + names[0][1:]] + [e.name_in_sentence(n) for n in names[1:]])
    status = update.status
    if incident.is_maintenance:
        window = incident.window
        span = e.sms_window(window.start, window.end, zone) if window else ""
        if status is Status.SCHEDULED:
            moved = moved_window(incident, update) is not None  # the first date is off
            return f"{services} work {'moved to ' if moved else ''}{span}"
        if status is Status.IN_PROGRESS and window:
            return f"{services} work under way until {e.sms_time(window.end, update.at, zone)}"
        if status is Status.CANCELLED:
            return f"{services} work {span} cancelled"
        return f"{services} work {'finishing' if status is Status.VERIFYING else 'done'}"
    if status.is_final:
        return f"{services} restored"
    if status is Status.MONITORING:
        return f"{services} coming back"
    again = " again" if cleared_before(incident, update) else ""  # out again after an all clear
    return (
        f"{services} {'problem' if incident.impact in (None, Impact.MINOR) else 'down'}{again}"  # minor: never "down"
    )


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
    facts = partial(notice_facts, config, incident, update, issue)
    return cut_to_fit(rendered(template, "notice.txt.j2", facts), update.message, e, NOTICE_LIMIT)


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

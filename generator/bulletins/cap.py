"""CAP 1.2 alert messages for alert hubs, and the Atom feed that indexes them.

One message per update of an incident that broadcasts (OASIS Common Alerting
Protocol 1.2, ``urn:oasis:names:tc:emergency:cap:1.2``). The first update is an
``Alert``; every later one is an ``Update`` that references the message it
supersedes; the resolution is an ``Update`` with responseType ``AllClear`` and
urgency ``Past``. An incident reopened after that all clear starts a new
thread: an ``Alert`` whose note names the thread it follows.

With ``bulletins.cap.profile: cap-cp`` the messages follow the Canadian
Profile of CAP (CAP-CP 0.4): the profile named in ``<code>``, ``en-CA``, a
CAP-CP event code beside the OASIS one, Statistics Canada census
subdivision geocodes under the profile's location name. Everything is a pure function of the model: the same files give the
same bytes, and a message, once published, does not change when later updates
are added (it reads only the updates up to its own).

Times are written in the site's zone with their offset and without a
fraction, and UTC as ``-00:00`` (CAP 1.2 §3.3.2). The tests check every
message against the official XSD and the rules it cannot express
(``tests/cap_rules.py``).

It is longer than most modules because each CAP value choice (msgType,
responseType, urgency, certainty) carries, beside it, the part of the
standard that justifies it; the message and its feed entry share them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from lxml import etree

from .. import display
from ..feeds.atom import atom_bytes, new_feed
from ..incidents.model import Area, Config, Impact, Incident, Service, Status, Update, Window
from ..state.as_of import live_estimate, passed_estimate
from ..state.ledger import Issue, Withdrawal
from . import editorial as e
from .happened import outage_cause
from .story import (
    asked_to_call,
    carries_emergency_calls,
    emergency_calls_at_stake,
    safety_advice,
    services_words,
    work_to_come_advice,
)

CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"
CAP_MEDIA_TYPE = "application/cap+xml"
EVENT_CODE = ("OET:v1.2", "OET-045")
"""Of the OASIS Event Terms list: OET-045 is a communications service disruption."""
DEFAULT_LIFETIME = timedelta(hours=6)
"""How long a message stays current when its update promises no next one."""
EXPIRES_MARGIN = timedelta(hours=1)
"""A promised update can be late: a message stays current this long past it, so no gap opens between messages."""
HEADLINE_LIMIT = 160

CAP_CP = "cap-cp"
CAP_CP_CODE = "profile:CAP-CP:0.4"
CAP_CP_EVENT = "profile:CAP-CP:Event:0.4"
CAP_CP_LOCATION = "profile:CAP-CP:Location:0.3"
CAP_CP_LANGUAGE = "en-CA"
SGC = "SGC"
"""The geocode name status.yml uses for a Statistics Canada census subdivision code."""

_NS = f"{{{CAP_NAMESPACE}}}"
_EPOCH = datetime.fromisoformat("1970-01-01T00:00:00+00:00")


# --- identifiers and times ---------------------------------------------------


def cap_identifier(config: Config, incident_id: str, published_id: str, revision: int = 1) -> str:
    """``status.northwind.example.<incident-id>.<update-id>``; a correction adds ``.r2``, ``.r3``…

    Built from the host, the incident id and the update's identity (never its
    position), so it never moves; each revision is a message of its own, so one
    identifier never carries two contents.
    """
    base = f"{config.host}.{incident_id}.{published_id}"
    return base if revision == 1 else f"{base}.r{revision}"


def cancel_identifier(config: Config, incident_id: str, published_id: str) -> str:
    """The identifier of the Cancel message that withdraws an update's messages."""
    return f"{config.host}.{incident_id}.{published_id}.cancel"


@dataclass(frozen=True)
class Thread:
    """Where one message stands among the others: its identity and what it supersedes."""

    identifier: str
    sent: datetime
    msg_type: str
    """``Alert`` (the first message of an incident), ``Update`` (a later one, or a correction), ``Cancel``."""
    references: tuple[tuple[str, datetime], ...] = ()
    """(identifier, sent) of the message(s) it supersedes: the one before it, or the revision it corrects."""
    note: str = ""
    correction: bool = False


def thread(
    config: Config,
    incident: Incident,
    update: Update,
    issue: Issue,
    previous: tuple[str, datetime] | None,
    reopens: tuple[str, datetime] | None = None,
) -> Thread:
    """The message of ``update``'s revision ``issue.revision``; ``previous`` is the incident's message before it.

    ``reopens`` is the all clear this update follows when the incident came back after it: a thread its
    consumers consider closed is not continued, so the message is a new ``Alert`` whose note names it.
    """
    identifier = cap_identifier(config, incident.id, issue.published_id, issue.revision)
    if issue.is_correction:
        corrected = cap_identifier(config, incident.id, issue.published_id, issue.revision - 1)
        corrected_sent = issue.previous_issued_at or update.at
        note = f"Correction: this message replaces {corrected}, sent {cap_time(corrected_sent.astimezone(config.timezone))}."
        return Thread(identifier, issue.issued_at or update.at, "Update", ((corrected, corrected_sent),), note, True)
    if previous is None and reopens is not None:
        closed, sent = reopens
        note = (
            f"Reopened: the outage came back after the all clear {closed}, sent "
            f"{cap_time(sent.astimezone(config.timezone))}; this message starts a new thread."
        )
        return Thread(identifier, update.at, "Alert", (), note)
    if previous is None:
        return Thread(identifier, update.at, "Alert")
    return Thread(identifier, update.at, "Update", (previous,))


def cap_time(moment: datetime) -> str:
    """``2026-05-12T08:25:00-06:00``: seconds, no fraction, the offset always written; UTC is ``-00:00``."""
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError(f"a CAP time needs a timezone-aware datetime; found {moment!r}")
    seconds = int(offset.total_seconds())
    if seconds % 60:
        raise ValueError(f"a CAP time needs an offset in whole minutes; found {offset}")
    # CAP 1.2 §3.3.2: "-00:00" for UTC, never "Z" or "+00:00".
    sign = "+" if seconds > 0 else "-"
    minutes = abs(seconds) // 60
    local = moment.replace(microsecond=0, tzinfo=None).isoformat(timespec="seconds")
    return f"{local}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _sender(config: Config) -> str:
    # CAP §3.2.1 asks for a globally unique sender, "e.g. based on an Internet
    # domain name": without bulletins.cap.sender in status.yml, the site's host is one.
    return config.bulletins.cap_sender or config.host


def _local(config: Config, moment: datetime) -> str:
    return cap_time(moment.astimezone(config.timezone))


# --- what a message says ------------------------------------------------------


@dataclass(frozen=True)
class _Message:
    """The values of one CAP message, shared by the message and its feed entry."""

    identifier: str
    sender: str
    sent: str
    msg_type: str
    note: str
    references: str
    event: str
    event_code: str
    """The CAP-CP event code (``911Service``, ``telephone``, ``internet``); used under the profile."""
    response_type: str
    urgency: str
    severity: str
    certainty: str
    effective: str
    onset: str
    expires: str
    headline: str
    description: str
    instruction: str
    web: str


def _message(config: Config, incident: Incident, update: Update, place: Thread) -> _Message:
    """The values of the message for ``update``; ``incident`` is the incident as of that update."""
    sender = _sender(config)
    final = update.status.is_final
    scheduled = update.status is Status.SCHEDULED
    window = incident.window

    # responseType (CAP 1.2 §3.2.2): while an outage lasts, "Monitor" ("attend to
    # information sources as described in <instruction>"): the instruction asks
    # people to follow the incident page rather than call, and to use a mobile
    # phone for emergencies, so "None" ("no action recommended") would be untrue,
    # and "Assess" SHOULD NOT be used for the public. Before planned work starts,
    # "Prepare" ("make preparations per the <instruction>"): plan for the
    # interruption. The resolution, the end of planned work and its cancellation
    # are "AllClear" ("no longer poses a threat or concern").
    if final:
        response_type = "AllClear"
    elif scheduled:
        response_type = "Prepare"
    else:
        response_type = "Monitor"

    # urgency: an outage under way is "Immediate" ("responsive action SHOULD be
    # taken immediately"): the service is down now and the advice (use a cell
    # phone for 911, follow updates instead of calling) applies now.
    # Planned work not yet started is "Future"; once over, "Past" ("responsive
    # action is no longer required").
    if final:
        urgency = "Past"
    elif scheduled:
        urgency = "Future"
    else:
        urgency = "Immediate"

    # severity: what threatens "life or property" (CAP 1.2 §3.2.2). An outage of
    # internet, email or phone without 911 threatens no one: "Minor" ("minimal
    # to no known threat"). Only 911 at stake is "Moderate" ("possible threat"),
    # never "Severe" or "Extreme": alerting systems (Canada's NPAS among them)
    # broadcast Severe/Extreme + Immediate + Observed messages intrusively, and
    # an ISP's status message must never do that by accident.
    event_code = _cap_cp_event(incident)
    severity = "Moderate" if event_code == "911Service" and not final else "Minor"
    # Planned work that has not started is likely, not yet observed.
    certainty = "Likely" if scheduled else "Observed"

    # expires: as long as the message stays true, until the next update plus a
    # margin (a promised update can be late), the end of announced planned work,
    # or a few hours for a message that promises nothing more.
    if final:
        expires = e.after(update.at, DEFAULT_LIFETIME)
    else:
        expires = (
            e.after(update.next_update, EXPIRES_MARGIN) if update.next_update else e.after(update.at, DEFAULT_LIFETIME)
        )
        if window is not None and window.end > expires:
            # Planned work announced days ahead stays current until it is done.
            expires = e.after(window.end, EXPIRES_MARGIN)
    # onset is when the subject event begins: known in advance only for planned work.
    onset = _local(config, window.start) if window is not None and not final else ""
    headline = _headline(incident, update, "Correction: " if place.correction else "")

    return _Message(
        identifier=place.identifier,
        sender=sender,
        sent=_local(config, place.sent),
        msg_type=place.msg_type,
        note=place.note,
        references=" ".join(f"{sender},{identifier},{_local(config, sent)}" for identifier, sent in place.references),
        event=_event(incident),
        event_code=event_code,
        response_type=response_type,
        urgency=urgency,
        severity=severity,
        certainty=certainty,
        effective=_local(config, update.at),
        onset=onset,
        expires=_local(config, expires),
        headline=headline,
        description=_description(config, incident, update, window),
        instruction=_instruction(config, incident, update),
        web=f"{config.site_url}incidents/{incident.id}/",
    )


def _cap_cp_event(incident: Incident) -> str:
    """The one CAP-CP event a message is about (rule 2): ``911Service`` when 911 calls are at stake, else
    ``telephone`` for a phone service, else ``internet`` (email and business fibre are internet services).

    911 is at stake when a service that carries emergency calls is affected and the impact is more than
    minor: a minor trouble (voicemail) does not stop calls.
    """
    if emergency_calls_at_stake(incident):
        return "911Service"
    if carries_emergency_calls(incident) or any(_PHONE.search(f"{s.id} {s.name}") for s in incident.services):
        return "telephone"
    return "internet"


_PHONE = re.compile(r"phone|voice|voip|landline|telephon", re.IGNORECASE)


def _event(incident: Incident) -> str:
    """``Internet and home phone outage``; ``Planned maintenance``."""
    if incident.is_maintenance:
        return "Planned maintenance"
    # A minor incident (slow, partly working) is a disruption rather than an outage.
    noun = "disruption" if incident.impact in (Impact.MINOR, None) else "outage"
    return f"{_capitalise(_services(incident.services))} {noun}"


def _services(services: tuple[Service, ...]) -> str:
    """``internet and home phone``: names as they read inside a sentence."""
    return services_words(services)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _headline(incident: Incident, update: Update, prefix: str = "") -> str:
    """``Internet outage in Clareview and Castle Downs — identified``, at most 160 characters."""
    suffix = f" — {update.status.label.lower()}"
    title = prefix + incident.title
    room = HEADLINE_LIMIT - len(suffix)
    if len(title) > room:
        title = title[: room - 1].rsplit(" ", 1)[0].rstrip(" ,;:—-") + "…"
    return title + suffix


def _places(incident: Incident) -> str:
    """``Castle Downs and Lauderdale (North Edmonton), Beverly and Clareview (Northeast Edmonton)``."""
    return _places_of(incident.areas)


def _places_of(areas) -> str:
    groups: dict[str, list[str]] = {}
    for area in areas:
        groups.setdefault(area.region if area.region != area.name else "", []).append(area.name)
    parts = [f"{e.list_words(names)} ({region})" if region else e.list_words(names) for region, names in groups.items()]
    # "a (x) and b (y)" when each region has one area; commas between groups that have their own "and".
    return e.list_words(parts) if all(len(names) == 1 for names in groups.values()) else ", ".join(parts)


def _area_desc(area: Area) -> str:
    """``Castle Downs, North Edmonton``; ``St. Albert`` when the region is the area itself."""
    return f"{area.name}, {area.region}" if area.region and area.region != area.name else area.name


def _moment(config: Config, moment: datetime) -> str:
    """``1:40 p.m. MDT, Tuesday, May 12, 2026``: a message is read on its own, so always with the day."""
    zone = config.timezone
    return f"{display.clock(moment, zone)}, {display.day(moment, zone)}"


def _description(config: Config, incident: Incident, update: Update, window: Window | None) -> str:
    """The facts, one per line: what, where, why, how many, the update itself, what comes next."""
    final = update.status.is_final
    services = _capitalise(_services(incident.services))
    plural = len(incident.services) > 1
    lines = []
    if incident.is_maintenance:
        lines.append(f"Planned work: {incident.title}.")
        if update.status is Status.CANCELLED:
            tense = "would have been"
        elif final:
            tense = "were" if plural else "was"
        elif update.status is Status.SCHEDULED:
            tense = "will be"
        else:
            tense = "are" if plural else "is"
        lines.append(f"{services} {tense} affected in {_places(incident)}.")
        if window is not None:
            label = "Cancelled window" if update.status is Status.CANCELLED else "Window"
            lines.append(f"{label}: {_moment(config, window.start)} to {_moment(config, window.end)}.")
        if incident.expected_impact and not final:
            lines.append(f"Expected impact: {_sentence(display.plain(incident.expected_impact))}")
    else:
        tense = ("were" if plural else "was") if final else ("are" if plural else "is")
        lines.append(f"{services} {tense} affected in {_places(incident)}.")
        if this_cause := outage_cause(incident, update, e.split_sentences):  # a reopened outage: its own
            cause = e.in_company_voice(display.plain(this_cause), name=config.name)
            lines.append(f"Cause: {_sentence(cause)}")
    if incident.customers_affected is not None:
        lines.append(f"Customers affected: {incident.customers_affected:,}.")
    lines.append(
        f"Update at {_moment(config, update.at)} ({update.status.label.lower()}): {_sentence(display.plain(update.message))}"
    )
    estimate = live_estimate(incident, update.at)
    if estimate is not None:
        lines.append(f"Expected back: {_moment(config, estimate)}.")
    elif passed_estimate(incident, update.at) is not None:
        lines.append("Expected back: no current estimate; a new one will follow.")
    if update.next_update is not None and not final:
        lines.append(f"Next update: by {_moment(config, update.next_update)}.")
    return "\n".join(lines)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _instruction(config: Config, incident: Incident, update: Update) -> str:
    """What to do: the safety advice first whenever 911 may fail, then no need to call, then where to follow."""
    web = f"{config.site_url}incidents/{incident.id}/"
    advice = safety_advice(config, incident, update)
    if update.status is Status.CANCELLED:
        return (
            "No action is needed: this planned work is cancelled. If your service is not working, "
            f"call {config.name} at {config.contact.phone}."
        )
    if update.status.is_final:
        done = "The work is complete." if incident.is_maintenance else "Service is restored."
        return (
            f"{done} If your service is still not working, unplug your modem for 30 seconds "
            f"and plug it back in. If that does not help, call {config.name} at {config.contact.phone}."
        )
    parts = []
    if update.status is Status.SCHEDULED:
        if advice:
            parts.append(work_to_come_advice(advice)[0])
        parts.append("Plan for the interruption during the work window.")
        parts += [] if asked_to_call(incident, update) else [f"There is no need to call {config.name}."]
    elif incident.is_maintenance:
        if advice:
            parts.append(advice)
        parts += (
            []
            if asked_to_call(incident, update)
            else [f"There is no need to call {config.name}: this is planned work."]
        )
    else:
        if advice:
            parts.append(advice)
        parts += (
            []
            if asked_to_call(incident, update)
            else [f"There is no need to call {config.name}: the problem is known and is being worked on."]
        )
    parts.append(f"Follow updates at {web}")
    return " ".join(parts)


# --- the message --------------------------------------------------------------


@dataclass(frozen=True)
class InfoText:
    """The words of one more ``info`` block, in another language than the first (``bulletins.fr.cap``).

    Only words: every other value of the block (category, urgency, severity,
    certainty, responseType, event codes, times, geography) is the first
    block's, as the Canadian Profile asks of language versions.
    """

    language: str
    """``fr``; written ``fr-CA`` under the Canadian Profile."""
    event: str
    headline: str
    description: str
    instruction: str
    web: str
    areas: tuple[tuple[str, Area], ...]
    """(areaDesc in this language, the area) for each area of the first block, in its order."""


def cap_alert(
    config: Config, incident: Incident, update: Update, place: Thread, others: tuple[InfoText, ...] = ()
) -> bytes:
    """One CAP 1.2 message for one update, as UTF-8 XML, elements in the order of the official schema.

    ``others``: an ``info`` block in each further language (French), after the first.
    """
    message = _message(config, incident, update, place)
    alert, info = _alert(config, message, incident.id)
    add = _adder()
    for area in incident.areas:
        _area(config, info, area, add)
    _other_languages(alert, config, message, others, add)
    return etree.tostring(alert, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def cap_cancel(config: Config, withdrawal: Withdrawal, others: tuple[InfoText, ...] = ()) -> bytes:
    """The Cancel message that withdraws an update's last message (CAP 1.2 §3.2.1, msgType Cancel).

    ``others``: an ``info`` block in each further language (French), after the first, as in :func:`cap_alert`.
    """
    sender = _sender(config)
    cancelled = cap_identifier(config, withdrawal.incident_id, withdrawal.published_id, withdrawal.revision)
    areas = [a for a in config.areas if a.id in withdrawal.areas]
    place = _places_of(areas)
    message = _Message(
        identifier=cancel_identifier(config, withdrawal.incident_id, withdrawal.published_id),
        sender=sender,
        sent=_local(config, withdrawal.withdrawn_at),
        msg_type="Cancel",
        note=f"Withdrawn: {cancelled} is cancelled; {config.name} withdrew the update it carried.",
        references=f"{sender},{cancelled},{_local(config, withdrawal.last_issued_at)}",
        event="Withdrawn update",
        event_code=_withdrawn_event(config, withdrawal),
        response_type="None",
        urgency="Unknown",
        severity="Unknown",
        certainty="Unknown",
        effective=_local(config, withdrawal.withdrawn_at),
        onset="",
        expires=_local(config, withdrawal.withdrawn_at + DEFAULT_LIFETIME),
        headline=f"Withdrawn: {withdrawal.title}"[:HEADLINE_LIMIT],
        description=(
            f"{config.name} withdrew its update of {_moment(config, withdrawal.at)} about "
            f"{place or 'its services'}. Disregard that message."
        ),
        instruction=f"Follow updates at {config.site_url}incidents/{withdrawal.incident_id}/",
        web=f"{config.site_url}incidents/{withdrawal.incident_id}/",
    )
    alert, info = _alert(config, message, withdrawal.incident_id)
    add = _adder()
    for area in areas:
        _area(config, info, area, add)
    _other_languages(alert, config, message, others, add)
    return etree.tostring(alert, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _other_languages(alert, config: Config, message: _Message, others: tuple[InfoText, ...], add) -> None:
    """An ``info`` block in each further language after the first: the same message, its words and areas in that language."""
    for other in others:
        words = replace(
            message,
            event=other.event,
            headline=other.headline,
            description=other.description,
            instruction=other.instruction,
            web=other.web,
        )
        info = _info(alert, config, words, info_language(config, other.language))
        for desc, area in other.areas:
            _area(config, info, area, add, desc)


def _withdrawn_event(config: Config, withdrawal: Withdrawal) -> str:
    """The CAP-CP event of the message a Cancel withdraws, from the services it named (its impact is not kept)."""
    services = [s for s in config.services if s.id in withdrawal.services]
    if any(s.emergency_calls for s in services):
        return "911Service"
    return "telephone" if any(_PHONE.search(f"{s.id} {s.name}") for s in services) else "internet"


def _adder():
    def add(parent: etree._Element, name: str, text: str) -> etree._Element:
        element = etree.SubElement(parent, f"{_NS}{name}")
        element.text = text
        return element

    return add


def _pair(parent: etree._Element, name: str, value_name: str, value: str) -> None:
    add = _adder()
    element = etree.SubElement(parent, f"{_NS}{name}")
    add(element, "valueName", value_name)
    add(element, "value", value)


def _alert(config: Config, message: _Message, incident_id: str) -> tuple[etree._Element, etree._Element]:
    """The ``alert`` element and its ``info`` block, in the schema's order; areas are added by the caller."""
    alert = _alert_head(config, message, incident_id)
    language = CAP_CP_LANGUAGE if cap_cp(config) else config.language
    return alert, _info(alert, config, message, language)


def info_language(config: Config, language: str) -> str:
    """A further ``info`` block's language: ``fr-CA`` under the Canadian Profile, else as status.yml names it."""
    return f"{language}-CA" if cap_cp(config) else language


def _alert_head(config: Config, message: _Message, incident_id: str) -> etree._Element:
    """The ``alert`` element with everything before its ``info`` blocks."""
    add = _adder()
    alert = etree.Element(f"{_NS}alert", nsmap={None: CAP_NAMESPACE})
    add(alert, "identifier", message.identifier)
    add(alert, "sender", message.sender)
    add(alert, "sent", message.sent)
    add(alert, "status", "Actual")
    add(alert, "msgType", message.msg_type)
    add(alert, "scope", "Public")
    if cap_cp(config):
        add(alert, "code", CAP_CP_CODE)
    if message.note:
        add(alert, "note", message.note)
    if message.references:
        add(alert, "references", message.references)
    # <incidents> groups every message about one incident (CAP §3.2.1): the incident id has no spaces.
    add(alert, "incidents", incident_id)
    return alert


def _info(alert: etree._Element, config: Config, message: _Message, language: str) -> etree._Element:
    """One ``info`` block of ``message`` in ``language`` (``en-CA``, ``fr-CA``); areas are added by the caller."""
    add = _adder()
    info = etree.SubElement(alert, f"{_NS}info")
    add(info, "language", language)
    add(info, "category", "Infra")
    add(info, "event", message.event)
    add(info, "responseType", message.response_type)
    add(info, "urgency", message.urgency)
    add(info, "severity", message.severity)
    add(info, "certainty", message.certainty)
    _pair(info, "eventCode", *EVENT_CODE)
    if cap_cp(config):
        _pair(info, "eventCode", CAP_CP_EVENT, message.event_code)
    add(info, "effective", message.effective)
    if message.onset:
        add(info, "onset", message.onset)
    add(info, "expires", message.expires)
    add(info, "senderName", config.name)
    add(info, "headline", message.headline)
    add(info, "description", message.description)
    add(info, "instruction", message.instruction)
    add(info, "web", message.web)
    add(info, "contact", config.contact.phone)
    return info


def cap_cp(config: Config) -> bool:
    """Whether messages follow the Canadian Profile (``bulletins.cap.profile: cap-cp``)."""
    return config.bulletins.cap_profile == CAP_CP


def _area(config: Config, info: etree._Element, area: Area, add, desc: str = "") -> None:
    """One area: its description (``desc`` in another language), its polygon, its geocodes (SGC under the
    CAP-CP location name with the profile)."""
    element = etree.SubElement(info, f"{_NS}area")
    add(element, "areaDesc", desc or _area_desc(area))
    for polygon in area.polygons:
        add(element, "polygon", " ".join(polygon.split()))
    for value_name, value in area.geocodes:
        name = CAP_CP_LOCATION if cap_cp(config) and value_name == SGC else value_name
        _pair(element, "geocode", name, value)


# --- the feed for alert hubs --------------------------------------------------


@dataclass(frozen=True)
class FeedItem:
    """One CAP message as the alert hubs' Atom index lists it."""

    entry_id: str
    link: str
    page: str
    """The bulletin's page: the entry's ``text/html`` alternate, which feed readers open."""
    headline: str
    summary: str
    sent: datetime


def feed_item(config: Config, incident: Incident, update: Update, place: Thread, path: str) -> FeedItem:
    """The index entry of one update's message; ``path`` is where its bulletins live in the site."""
    message = _message(config, incident, update, place)
    revision = place.identifier.rsplit(".", 1)[-1] if place.correction else ""
    return FeedItem(
        entry_id=f"tag:{config.host},{incident.id[:10]}:cap/{path.removeprefix('bulletins/').rstrip('/')}"
        + (f"/{revision}" if revision else ""),
        link=f"{config.site_url}{path}cap.xml",
        page=f"{config.site_url}{path}",
        headline=message.headline,
        summary=(
            f"{message.event} in {_places(incident)}. CAP {message.msg_type}: {message.response_type}, "
            f"urgency {message.urgency}, severity {message.severity}, certainty {message.certainty}; "
            f"sent {_moment(config, place.sent)}."
        ),
        sent=place.sent,
    )


def cancel_feed_item(config: Config, withdrawal: Withdrawal, path: str) -> FeedItem:
    """The index entry of a Cancel message."""
    return FeedItem(
        entry_id=f"tag:{config.host},{withdrawal.incident_id[:10]}:cap/{path.removeprefix('bulletins/').rstrip('/')}/cancel",
        link=f"{config.site_url}{path}cap.xml",
        page=f"{config.site_url}{path}",
        headline=f"Withdrawn: {withdrawal.title}"[:HEADLINE_LIMIT],
        summary=f"CAP Cancel of the update of {_moment(config, withdrawal.at)}; sent {_moment(config, withdrawal.withdrawn_at)}.",
        sent=withdrawal.withdrawn_at,
    )


def cap_feed(config: Config, items: list[FeedItem], updated: datetime | None) -> bytes:
    """An Atom index of CAP messages (the OASIS "CAP feeds" practice), newest first.

    Each entry links to its message with ``type="application/cap+xml"``; every
    date is a message's ``sent``, never the clock. ``updated`` is the feed's date when it lists nothing.
    """
    ordered = sorted(items, key=lambda item: (item.sent, item.entry_id), reverse=True)
    feed = new_feed()
    feed.id(f"{config.site_url}feeds/cap.xml")
    feed.title(f"{config.name} CAP alerts")
    feed.subtitle(f"CAP 1.2 alert messages about outages and planned work at {config.name}, one per update.")
    feed.author({"name": config.name, "email": config.contact.email})
    feed.link(href=f"{config.site_url}feeds/cap.xml", rel="self", type="application/atom+xml")
    feed.link(href=f"{config.site_url}bulletins/", rel="alternate", type="text/html")
    feed.language(config.language)
    feed.updated(ordered[0].sent if ordered else updated or _EPOCH)
    for item in ordered:
        entry = feed.add_entry(order="append")
        entry.id(item.entry_id)
        entry.title(item.headline)
        entry.updated(item.sent)
        # Alert hubs find the message by its type; feed readers open the text/html alternate.
        entry.link(href=item.page, rel="alternate", type="text/html")
        entry.link(href=item.link, rel="alternate", type=CAP_MEDIA_TYPE)
        entry.summary(item.summary)
    return atom_bytes(feed)

"""The story of one update, before any format words it: what every bulletin of the update agrees on.

Radio, press, notice, SMS and CAP each say the same facts in their own form;
these small helpers decide the facts once so the formats never disagree: is
911 at stake (and what to tell people), is this the first word or an update,
is the incident back after an all clear, what is affected, by what names.
``incident`` is always the incident as of the update, so nothing here can see
what came later.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, tzinfo
from itertools import islice

from ..incidents.model import Area, Config, Impact, Incident, Service, Status, Update, Window
from ..state.as_of import changes
from . import editorial
from .editorial import fr
from .happened import episode

_ASKS_TO_CALL = re.compile(
    r"\b(?:call|phone|ring|contact)\s+(?:us|our\b|the company|support|customer)"
    r"|\b(?:appelez|téléphonez|communiquez avec)(?:-nous|\s+(?:nous|le service|notre))",
    re.IGNORECASE,
)
_NOT_TO_CALL = re.compile(
    r"(?:no need to|don't|do not|not|never|inutile d'|inutile de nous|pas besoin d'|pas nécessaire d'|n')\s*\S*\s*$",
    re.IGNORECASE,
)


def asks_to_call(update: Update) -> bool:
    """Whether staff ask people to call in some case ("If your line is no faster by Monday, call us"):
    then no bulletin may say there is no need to call. Read in the update's own language (English or French)."""
    text = update.message
    return any(
        not _NOT_TO_CALL.search(text[max(0, found.start() - 24) : found.start()])
        for found in _ASKS_TO_CALL.finditer(text)
    )


def asked_to_call(incident: Incident, update: Update) -> bool:
    """Whether staff asked some customers to call in this update or an earlier one of the same outage (since the
    last all clear): "If your account is still off, call us" at 10:15 still holds at 11:30, so no bulletin of
    11:30 may say there is no need to call."""
    return any(asks_to_call(u) for u in episode(incident, update))


def moved_window(incident: Incident, update: Update) -> Window | None:
    """The window announced work had before this update moved it (a new ``window``): every bulletin then says the
    work was moved, so a listener who heard the first date knows it is off. None otherwise."""
    if update.status is not Status.SCHEDULED:
        return None
    return next((c.before for c in changes(incident, update) if c.fact == "window"), None)


def carries_emergency_calls(incident: Incident) -> bool:
    """True when an affected service carries 911 calls (``emergency_calls: true`` in status.yml)."""
    return any(service.emergency_calls for service in incident.services)


def emergency_calls_at_stake(incident: Incident) -> bool:
    """True when calling 911 may really fail: a service that carries 911 calls is affected and the impact
    (as of the update) is more than minor. A minor trouble of that service (voicemail will not answer,
    calls in and out work) stops no call: telling people to use a cell phone for 911 would not be true.
    The CAP-CP event (``911Service``) follows the same rule, so the advice and the event code agree."""
    return carries_emergency_calls(incident) and incident.impact is not Impact.MINOR


def safety_advice(config: Config, incident: Incident, update: Update) -> str:
    """The configured advice (``bulletins.emergency_advice``) while 911 calls are at stake, else ``""``.

    At stake (``emergency_calls_at_stake``) while the incident is open or the planned work not yet over:
    once resolved, completed or cancelled there is nothing to work around.
    """
    advice = advice_at_stake(config, incident, update)
    if advice and update.status in RESTORING:
        return still_out_advice(advice, emergency_services_words(incident))
    return advice


def advice_at_stake(config: Config, incident: Incident, update: Update) -> str:
    """The configured advice as written while 911 calls are at stake, whatever the status, else ``""``."""
    if update.status.is_final or not emergency_calls_at_stake(incident):
        return ""
    return config.bulletins.emergency_advice


RESTORING = (Status.MONITORING, Status.VERIFYING)
"""Statuses at which service is said to be coming back (or the work done and being tested)."""


def emergency_services_words(incident: Incident) -> str:
    """``home phone``: the affected services that carry 911 calls, as named inside a sentence."""
    return services_words(tuple(s for s in incident.services if s.emergency_calls))


_IF_YOU_NEED = re.compile(r"^If you need (?P<what>[^,]+), (?P<do>.+?)\.?$")


def still_out_advice(advice: str, phone: str) -> str:
    """The advice as it is true once service is coming back: only for whoever is still without it.

    ``If you need 9-1-1, use a cell phone.`` -> ``If your home phone still has no dial tone, use a cell
    phone for 9-1-1.``; other advice follows the condition as written (``Call 911 from a cell phone.`` ->
    ``If your home phone still has no dial tone, call 911 from a cell phone.``). Said as it stands, the
    advice would contradict "home phones, including 9-1-1, are working again".
    """
    condition = f"If your {phone} still has no dial tone, "
    if found := _IF_YOU_NEED.match(advice):
        return f"{condition}{found['do']} for {found['what']}."
    return f"{condition}{advice[:1].lower()}{advice[1:]}"


def sms_still_out_advice(advice: str) -> tuple[str, ...]:
    """The advice once service is coming back, in fewer characters for a text message (``No dial tone? Use a
    cell phone for 9-1-1.``), so the fitted text never cuts it; ``()`` for any other advice."""
    _, still, do = advice.partition(" still has no dial tone, ")
    return (f"No dial tone? {do[:1].upper()}{do[1:]}",) if still else ()


DURING_THE_WORK = "During the work, "
"""What ties the advice to planned work still to come (see ``work_to_come_advice``)."""


def work_to_come_advice(advice: str) -> tuple[str, ...]:
    """The advice of planned work still to come, tied to the work, fullest first (issue #13).

    ``If you need 9-1-1, use a cell phone.`` -> ``During the work, if you need 9-1-1, use a cell phone.``,
    then ``During the work, use a cell phone for 9-1-1.`` for the radio :15 and the text message. Said bare
    two weeks before the work, the advice reads as if calls failed now. Advice of another shape is only
    prefixed, never reworded.
    """
    if not advice:
        return ()
    tied = f"{DURING_THE_WORK}{advice[:1].lower()}{advice[1:]}"
    if found := _IF_YOU_NEED.match(advice):
        return (tied, f"{DURING_THE_WORK}{found['do']} for {found['what']}.")
    return (tied,)


def is_follow_up(incident: Incident, update: Update) -> bool:
    """True when an earlier update of the incident broadcast too: this one is an update of the story."""
    return any(incident.broadcasts(u) for u in islice(incident.updates, update.number - 1))


def reopens(incident: Incident, update: Update) -> Update | None:
    """The resolution this update reopens (the update before it, if that was final), else ``None``."""
    if update.number < 2 or update.status.is_final:
        return None
    before = incident.updates[update.number - 2]
    return before if before.status is Status.RESOLVED else None


def said_services(incident: Incident) -> tuple[Service, ...]:
    """The services as the bulletins name them: when staff say only part of them is affected (the incident's
    ``affects``: ``voicemail``, ``outgoing business email``), that part, named as one service would be, so
    no lead says "home phone service" when calls work and only voicemail is broken."""
    if not incident.affects:
        return incident.services
    return (replace(incident.services[0], name=incident.affects),)


def services_words(services: tuple[Service, ...]) -> str:
    """``internet and home phone``: the services as named inside a sentence."""
    return editorial.list_words([editorial.name_in_sentence(s.name) for s in services])


def everywhere(config: Config, areas: tuple[Area, ...]) -> bool:
    """True when every area the provider serves is affected (and there is more than one)."""
    return len(areas) > 1 and {a.id for a in areas} == {a.id for a in config.areas}


def parts_of(area: Area) -> bool:
    """True for an area inside a larger region (Castle Downs in North Edmonton), not a region itself."""
    return bool(area.region) and area.region != area.name


def where_words(config: Config, areas: tuple[Area, ...], whole: str = "across its service area") -> tuple[str, ...]:
    """How to say where, fullest first: ``in Clareview and Castle Downs``, then by region.

    Up to four areas by name, or by their regions when that is shorter ("in
    parts of north and northeast Edmonton"); more by region; every area as ``whole``.
    """
    if everywhere(config, areas):
        return (whole,)
    regions = [a.region for a in areas if parts_of(a)]
    whole_places = [a.name for a in areas if not parts_of(a)]
    by_region = "in " + editorial.list_words(
        ([f"parts of {editorial.regions_phrase(regions)}"] if regions else []) + whole_places
    )
    if len(areas) > 4:
        return (by_region,)
    names = "in " + editorial.list_words([a.name for a in areas])
    return (names, by_region) if regions else (names,)


def regions_sentence(config: Config, areas: tuple[Area, ...]) -> str:
    """``Mill Woods is in south Edmonton.``, ``The areas are in north and northeast Edmonton.``: where named places are.

    Only for up to four areas named, each inside a region; empty otherwise.
    """
    if everywhere(config, areas) or len(areas) > 4 or not all(parts_of(a) for a in areas):
        return ""
    regions = editorial.regions_phrase([a.region for a in areas])
    return f"{areas[0].name} is in {regions}." if len(areas) == 1 else f"The areas are in {regions}."


def slug_place(config: Config, areas: tuple[Area, ...]) -> str:
    """What the slug names: ``CASTLE DOWNS``, ``CLAREVIEW AND CASTLE DOWNS``, ``NORTH EDMONTON``, ``ALL AREAS``."""
    if everywhere(config, areas):
        return "ALL AREAS"
    if len(areas) <= 2:
        return " AND ".join(a.name for a in areas).upper()
    regions = list(dict.fromkeys(a.region or a.name for a in areas))
    if len(regions) == 1:
        return regions[0].upper()
    places = {region.rsplit(" ", 1)[-1] for region in regions}
    if len(places) == 1 and all(parts_of(a) for a in areas):
        return places.pop().upper()  # North and Northeast Edmonton: EDMONTON
    return "SEVERAL AREAS"


_CLAUSES = re.compile(r"(;\s+|,\s+(?=so\b|donc\b)|\s+:\s+)")
"""Where a sentence joins two clauses: ``;``, ``, so``, `` : ``."""


def without_the_time(sentences: list[str], moment: datetime | None, zone: tzinfo) -> list[str]:
    """Staff's sentences less each clause (``…; once it is fitted we expect service back by about 3 p.m.``)
    that states the clock time of ``moment``: a release that says the estimate in its own paragraph does not
    say it again inside the quote. English and French clock times alike (``3 p.m.``, ``15 h``)."""
    if moment is None:
        return sentences
    local = moment.astimezone(zone)
    wanted = (local.hour, local.minute)
    kept: list[str] = []
    for sentence in sentences:
        parts = _CLAUSES.split(sentence)
        joined = [(parts[i - 1] if i else "", parts[i]) for i in range(0, len(parts), 2)]
        left = [(joint, c) for joint, c in joined if (editorial.stated_clock(c) or fr.stated_clock(c)) != wanted]
        if not left:
            continue
        text = left[0][1] + "".join(joint + clause for joint, clause in left[1:])
        text = text.rstrip(" ;:,")
        kept.append(text if text.endswith((".", "!", "?")) else text + ".")
    return kept


_EN_WINDOW = re.compile(
    r",?\s+(?:(?:early|late)\s+)?(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:between|from)\s+"
    r"(?P<first>\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?)\s+(?:and|to|until)\s+(?P<last>\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?)",
    re.IGNORECASE,
)
_FR_WINDOW = re.compile(
    r",?\s+(?:(?:tôt|tard)\s+)?(?:le\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
    r"(?:\d{1,2}(?:er)?\s+[a-zéû]{3,9},?\s+)?(?:entre|de)\s+(?P<first>\d{1,2}\s*h(?:\s*\d\d)?)\s+(?:et|à)\s+"
    r"(?P<last>\d{1,2}\s*h(?:\s*\d\d)?)",
    re.IGNORECASE,
)


def without_the_window(message: str, start: datetime, end: datetime, zone: tzinfo) -> str:
    """Staff's message less the words that state the planned window again (``… early on Wednesday, October 21,
    between 12:30 a.m. and 4 a.m.``; ``… tôt le mercredi 21 octobre, entre 0 h 30 et 4 h``), for a script whose
    lead already says the window: said twice, it costs a :60 a dozen words and sounds like a second window.
    Only words naming both ends of this very window go; English and French."""
    wanted = (
        (start.astimezone(zone).hour, start.astimezone(zone).minute),
        (end.astimezone(zone).hour, end.astimezone(zone).minute),
    )

    def cut(found: re.Match[str]) -> str:
        stated = tuple(editorial.stated_clock(found[k]) or fr.stated_clock(found[k]) for k in ("first", "last"))
        if stated != wanted:
            return found[0]
        rest = found.string[found.end() :]
        ended = found[0].endswith(".") and (not rest.strip() or re.match(r"\s+[A-ZÀ-Ý«]", rest))
        return "." if ended else ""  # "… and 4 a.m." ended the sentence: its full stop stays

    # "We have moved this work one week later, to." once the window is cut: a sentence left hanging goes whole.
    return _LEFT_HANGING.sub("", _FR_WINDOW.sub(cut, _EN_WINDOW.sub(cut, message))).strip()


_LEFT_HANGING = re.compile(
    r"(?:^|(?<=[.!?])\s+)[^.!?]*?(?:\b(?:to|for|on|at|from|until|between|soit|à|au|entre|le)|,)\s*\.(?=\s|$)"
)
"""A sentence that ends on a preposition or a comma: what followed it was the window, cut."""

"""Radio scripts timed to 15, 30 and 60 seconds, ready to read on air.

The wording lives in ``site_template/bulletins/radio.txt.j2``; this module
gathers the facts in spoken form (every value through the editorial
rulebook), asks the template for candidate sentences with their importance,
and fits whole sentences to each length (``editorial.fitting``): what and
where, the safety advice and when service is back are always said; detail is
added in the order of BROADCAST-STYLE (since when, why, how many, what is
being done and what to do, the next word, where to look) until the slot is
85 to 100 per cent full, counted as a reader speaks. A slot the facts cannot
fill says so in its header (``LENGTH: :60 (runs :44)``).

Just over the usual size: the spoken facts of a script and the fitting of its sentences are read
together when changing what goes on air.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from jinja2 import Environment, TemplateRuntimeError

from .. import display
from ..incidents.model import Config, Impact, Incident, Status, Update
from ..state.as_of import Change, changes, live_estimate, passed_estimate
from ..state.ledger import Issue
from . import editorial as e
from .happened import (
    ReopeningWords,
    cause_wordings,
    cleared_before,
    day_said_once,
    earlier_news,
    first_coming_back,
    outage_before,
    outage_began,
    outage_cause,
    outage_causes,
    reopening_story,
)
from .story import (
    is_follow_up,
    regions_sentence,
    reopens,
    safety_advice,
    services_words,
    slug_place,
    sms_still_out_advice,
    where_words,
)

KILL_AFTER_HOURS = 3
"""With no next update promised, a script is stale after this long (a resolution: twice that)."""
ALWAYS_KEPT = 3
"""Importance 1 to 3 (what and where, safety, when it is back) is in every length."""


@dataclass(frozen=True)
class RadioFacts:
    """What a script may say, already in words a newsreader can read aloud."""

    name: str
    kind: str
    status: str
    state: str
    """``down``, ``coming back`` or ``back`` for an incident; the maintenance status for planned work."""
    impact: str
    """minor, major or critical: a minor incident is "a problem", not "down"."""
    again: str
    """`` again`` when service is down again after an all clear."""
    services: str
    where: tuple[str, ...]
    """Where, fullest first: the names, the regions."""
    regions: str
    """Where the named areas are (``The areas are in north and northeast Edmonton.``), for a longer length."""
    advice: str
    """The safety advice while a service that carries 911 calls is affected; said in every length."""
    advice_short: str
    """The advice in fewer words where there is a shorter form (``No dial tone? Use a cell phone for 9-1-1.``)."""
    eta: str
    eta_passed: str
    """The estimate that has passed by this update, as said: a new one is coming."""
    no_estimate: str
    since: str
    lasted: str
    """How long the outage had lasted by this update (``about two and a half hours``), from the second update on."""
    update_moment: str
    """The update's time with its day, as said: ``one-forty this afternoon``."""
    duration: str
    coming_back_at: str
    """When the company first said service was coming back (the first monitoring update), for the all clear."""
    went_out_again: str
    first_outage: str
    """In a reopened outage's updates: when the outage before the all clear began and ended."""
    """At an all clear after a reopen: when service first came back and when it was reported out again."""
    cause: tuple[str, ...]
    """The cause as the company says it, fullest first; empty until it is found."""
    looking: str
    """``yes`` while the cause is still being looked for."""
    customers: str
    customers_before: str
    """The earlier count, when this update changed it: ``about 39-hundred``."""
    customers_change: str
    """``up`` or ``down`` from the earlier count."""
    estimate_moved: str
    """``an hour later``: how this update moved the estimate."""
    estimate_withdrawn: str
    doing: tuple[str, ...]
    """What the update itself says of the work that the other sentences do not, sentence by sentence."""
    to_do: tuple[str, ...]
    """What the update tells customers to do (or not to do)."""
    no_need_to_call: str
    next_update: str
    background: str
    """The organisation in one sentence (status.yml ``about``), for a length with room to spare."""
    address: str
    window: str
    window_end: str
    expected_impact: str
    slug: str
    kill_after: str
    contact: str
    pronouncers: tuple[tuple[str, str], ...]
    """(area name, how to say it) for every area with a pronouncer; the header lists those the copy names."""
    words_per_minute: int


def facts(config: Config, incident: Incident, update: Update, issue: Issue | None = None) -> RadioFacts:
    """The spoken facts of one update; ``incident`` is the incident as of that update, and nothing later."""
    zone, at = config.timezone, update.at
    spoken = config.bulletins.spoken

    def say(text: str) -> str:
        return e.said_aloud(" ".join(text.split()), spoken) if text else ""

    final = update.status.is_final
    eta, passed = live_estimate(incident, at), passed_estimate(incident, at)
    window = incident.window
    state = _state(incident, update)
    advice = say(safety_advice(config, incident, update))
    advice_short = next(iter(sms_still_out_advice(advice)), "")
    where = tuple(say(w) for w in where_words(config, incident.areas))
    began = outage_began(incident, update, zone, e.split_sentences)  # a reopened outage: when it dropped again
    since = e.began_phrase(began, at, zone)
    cause_now = outage_cause(incident, update, e.split_sentences)
    cause = cause_wordings(
        outage_causes(incident, update, e.split_sentences),
        say,
        e.readable_on_air,
        lambda text: e.attributed(text, always=True),
    )
    services = services_words(incident.services)
    lead = [f"{config.name} says {services} service is {_STATE_WORDS[state]} {place}" for place in where]
    # The expected impact is said (and so known) only while it is still a forecast: scheduled, under way.
    forecast = incident.expected_impact if update.status in (Status.SCHEDULED, Status.IN_PROGRESS) else ""
    known = [*lead, *cause, advice, since, forecast]
    if eta:
        known.append(f"The company expects service back by about {e.promised_time(eta, at, zone)}.")
    if update.status is Status.INVESTIGATING and not cause_now:
        known.append("The company is investigating, still looking for the cause.")
    message = update.message
    if update.status is Status.CANCELLED:  # the lead says it is cancelled: keep why ("… because the maker …")
        message = _CANCELLED_BECAUSE.sub(lambda m: m[1].upper(), display.plain(message))
    details = _details(message, say, known)
    if update.status.is_final and update.status is not Status.CANCELLED:
        # An all clear tells what happened: past-tense news from the earlier updates of this outage
        # or window ("The switch restarted at 1:52 a.m. and was out for 11 minutes."), never
        # their present-tense work news, which is over now.
        earlier = earlier_news(incident, update, zone, e.split_sentences)
        details = (*details, *(d for d in _details(earlier, say, [*known, *details]) if _past_news(d)))
    media = config.media_contact or config.contact
    kill = update.next_update or e.after(at, timedelta(hours=KILL_AFTER_HOURS * (2 if final else 1)))
    return RadioFacts(
        name=say(config.name),
        kind=incident.kind.value,
        status=update.status.value,
        state=state,
        impact=(incident.impact or Impact.MINOR).value,
        again=" again" if reopens(incident, update) else "",
        services=say(services_words(incident.services)),
        where=where,
        regions=regions_sentence(config, incident.areas),
        advice=advice,
        advice_short=advice_short,
        eta=f"about {e.promised_time(eta, at, zone)}" if eta else "",
        eta_passed=e.spoken_time(passed, at, zone) if passed and not eta else "",
        no_estimate="yes" if state == "down" and not eta and not passed else "",
        since=since,
        lasted=_lasted(incident, update, began),
        update_moment=e.spoken_time(at, at, zone),
        duration=e.spoken_duration(e.elapsed(incident.began_at, at)),
        coming_back_at=_coming_back_at(incident, update, zone),
        went_out_again=_went_out_again(incident, update, zone),
        first_outage=_first_outage(incident, update, zone),
        cause=cause,
        looking="yes" if update.status is Status.INVESTIGATING and not cause_now else "",
        customers=e.count(incident.customers_affected) if incident.customers_affected else "",
        customers_before=e.count(before) if (before := _changed(incident, update, "customers")) else "",
        customers_change=_direction(incident, update, "customers"),
        estimate_moved=_moved(incident, update) if eta else "",
        estimate_withdrawn="yes" if state == "down" and not eta and _withdrawn(incident, update) else "",
        doing=tuple(d for d in details if not e.tells_people_what_to_do(d)),
        to_do=tuple(d for d in details if e.tells_people_what_to_do(d)),
        no_need_to_call="" if final or any("need to call" in d for d in details) else "yes",
        next_update=e.promised_time(update.next_update, at, zone) if update.next_update and not final else "",
        background=_sentence(said) if (said := say(config.about)) and e.readable_on_air(said) else "",
        address=e.spoken_web_address(config.site_url),
        window=e.spoken_window(window.start, window.end, at, zone) if window else "",
        window_end=e.promised_time(window.end, at, zone) if window else "",
        expected_impact=_sentence(say(display.plain(incident.expected_impact))) if incident.expected_impact else "",
        slug=_slug(config, incident, update, issue),
        kill_after=f"{display.clock(kill, zone)}, {display.day(kill, zone)}",
        contact="contact "
        + ", ".join(p for p in (media.name, media.title, config.name, media.phone, media.email) if p),
        pronouncers=tuple((a.name, a.pronounce) for a in incident.areas if a.pronounce),
        words_per_minute=config.bulletins.words_per_minute,
    )


_STATE_WORDS = {
    "down": "down out",
    "coming back": "coming back",
    "back": "back restored",
    "scheduled": "planned work interrupted",
    "in_progress": "planned work under way",
    "verifying": "planned work done tested",
    "completed": "planned work completed back normal",
    "cancelled": "planned work cancelled interrupted",
}
"""Words a staff sentence would use to restate the lead, for telling padding from news."""


REOPENING = ReopeningWords(
    dropped="Service first came back at {back}, but it went out again at {dropped}.",
    reported="Service first came back at {back}, but the company reported it out again at {reported}.",
)
"""An all clear after a reopen tells the whole story, not only the last outage's (see ``happened.reopening_story``)."""


def _first_outage(incident: Incident, update: Update, zone) -> str:
    """``Service first went out shortly after one-forty-five this afternoon and came back at three-twenty-five.``:
    the outage before the all clear, told once in a reopened outage's updates (past news, its own sentence)."""
    before = outage_before(incident, update)
    if before is None:
        return ""
    began, back = before
    first = e.began_phrase(began, update.at, zone)
    came_back = day_said_once(first, e.spoken_time(back, update.at, zone), e.spoken_clock(back, zone))
    return f"Service first went out {first} and came back at {came_back}."


def _went_out_again(incident: Incident, update: Update, zone) -> str:
    return reopening_story(incident, update, zone, e.split_sentences, e.spoken_time, e.spoken_clock, REOPENING)


_CANCELLED_BECAUSE = re.compile(
    r"\b(?:This|The|Our|That) (?:work|upgrade|maintenance) (?:is|has been) cancelled because (\w)"
)
"""``This work is cancelled because the equipment maker …`` -> ``The equipment maker …``: only the reason is news."""


_PRESENT = re.compile(
    r"\b(is|are|am|will|won't|can|cannot|can't|may|should|now|still|currently|expect|expects)\b|'re\b|'ll\b"
    # "has not yet acted": a state that held when it was said, which a later update may have ended (the
    # address was delisted the next day); not past news an all clear can repeat. The French rule is the same.
    r"|\b(yet|has not|have not|hasn't|haven't)\b",
    re.I,
)


def _past_news(sentence: str) -> bool:
    """A sentence that reports what happened (``was out for 11 minutes``), not work going on or advice."""
    return not _PRESENT.search(sentence) and not e.tells_people_what_to_do(sentence)


def _coming_back_at(incident: Incident, update: Update, zone) -> str:
    """``twelve-fifty this afternoon``: the first monitoring update of this outage, said at a resolution."""
    first = first_coming_back(incident, update)
    return e.spoken_time(first.at, update.at, zone) if first else ""


def _lasted(incident: Incident, update: Update, began: datetime) -> str:
    """``about two and a half hours``: the length by a later update of the open outage that began at ``began``."""
    if incident.is_maintenance or update.status.is_final or update.number == 1:
        return ""
    length = e.elapsed(began, update.at)
    return e.spoken_duration(length) if length >= timedelta(minutes=30) else ""


def _change(incident: Incident, update: Update, fact: str) -> Change | None:
    return next((c for c in changes(incident, update) if c.fact == fact), None)


def _changed(incident: Incident, update: Update, fact: str):
    """The value ``fact`` had before this update changed it, if it did (and had one)."""
    change = _change(incident, update, fact)
    return change.before if change is not None else None


def _direction(incident: Incident, update: Update, fact: str) -> str:
    change = _change(incident, update, fact)
    if change is None or change.before is None or change.after is None:
        return ""
    return "up" if change.after > change.before else "down"


def estimate_move(incident: Incident, update: Update) -> tuple[timedelta, bool] | None:
    """How far this update moved a live estimate from the one before, and whether later; None if it did not."""
    change = _change(incident, update, "restore_eta")
    if change is None or change.how != "moved" or _from_the_outage_before(incident, update, change):
        return None
    return abs(e.elapsed(change.before, change.after)), change.after > change.before


def _moved(incident: Incident, update: Update) -> str:
    """``an hour earlier``: how far this update moved a live estimate from the one before."""
    move = estimate_move(incident, update)
    if move is None:
        return ""
    length, later = move
    return f"{e.spoken_duration(length).removeprefix('about ')} {'later' if later else 'earlier'}"


def _withdrawn(incident: Incident, update: Update) -> bool:
    change = _change(incident, update, "restore_eta")
    return change is not None and change.how == "withdrawn" and not _from_the_outage_before(incident, update, change)


def _from_the_outage_before(incident: Incident, update: Update, change: Change) -> bool:
    """True when the estimate changed is the one of the outage before an all clear: a reopened outage's
    estimate is new, not "an hour and a half later than the company said before"."""
    cleared = cleared_before(incident, update)
    return cleared is not None and change.before == cleared.facts.restore_eta


def _state(incident: Incident, update: Update) -> str:
    if incident.is_maintenance:
        return update.status.value
    if update.status is Status.RESOLVED:
        return "back"
    return "coming back" if update.status is Status.MONITORING else "down"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


_ADVICE_TO_CALL = re.compile(r"\b(?:mobile|cell)", re.IGNORECASE)
_EMERGENCIES = re.compile(r"\bemergenc", re.IGNORECASE)


def _details(message: str, say, said: list[str]) -> tuple[str, ...]:
    """The update's own sentences that add to the rest of the copy, each said right and in the company's voice."""
    kept: list[str] = []
    last_kept = False
    for sentence in e.split_sentences(display.plain(message)):
        leans = e.leans_on_the_sentence_before(sentence)
        if leans and not last_kept:
            continue  # "Their technicians …" after a sentence left out: nobody would know whose
        last_kept = False
        sentence = e.without_page_talk(sentence)
        if not sentence:
            continue
        sentence = say(sentence)
        if not e.readable_on_air(sentence):
            continue
        if _EMERGENCIES.search(sentence) and _ADVICE_TO_CALL.search(sentence):
            continue  # the safety sentence says it, in the configured words
        # A clause that only says again what the copy says goes; so does a whole sentence.
        sentence = e.new_clauses(sentence, [*said, *kept])
        if not sentence:
            continue
        if leans:  # kept with the sentence it leans on, so the two are said or left out together
            kept[-1] = f"{kept[-1]} {sentence}"
        else:
            kept.append(sentence)
        last_kept = True
    voiced, attributed = [], False
    for sentence in kept:
        said_by = "" if attributed else e.attributed(sentence)
        attributed = attributed or bool(said_by)
        voiced.append(said_by or e.in_company_voice(sentence))
    return tuple(_sentence(s) for s in voiced)


def _slug(config: Config, incident: Incident, update: Update, issue: Issue | None) -> str:
    """``NORTHWIND OUTAGE CLAREVIEW AND CASTLE DOWNS — UPDATE 10:30 A.M.``: what is affected now, and which word it is."""
    word = "MAINTENANCE" if incident.is_maintenance else "OUTAGE"
    slug = f"{config.name.split()[0].upper()} {word} {slug_place(config, incident.areas)}"
    if update.status is Status.CANCELLED:
        slug += " — CANCELLED"
    elif update.status.is_final:
        slug += " — ALL CLEAR"
    elif is_follow_up(incident, update):
        slug += f" — UPDATE {e.cp_time(update.at, config.timezone).upper()}"
    if issue is not None and issue.is_correction:
        slug += " — CORRECTION"
    return slug


# --- the template's sentences, fitted -------------------------------------------------


def candidate_sentences(
    template: Environment, facts_: object, name: str = "radio.txt.j2", tidy: Callable[[str], str] | None = None
) -> list[e.Candidate]:
    """The template's candidates: ``N sentence`` starts one (importance N), ``or sentence`` words the same point
    shorter; a line ``… |condition`` is left out when its condition is empty. ``name`` is the template
    (``fr/radio.txt.j2`` for French) and ``tidy`` its language's last touch to each sentence."""
    module = template.get_template(name).module
    try:
        return e.candidates_from_lines(str(module.sentences(facts_)), tidy=tidy or _tidy)
    except ValueError as exc:
        raise TemplateRuntimeError(f"{name}, sentences: {exc}") from None


def _tidy(sentence: str) -> str:
    """One space between words, one full stop, a capital and no figure first."""
    sentence = re.sub(r"\s+", " ", sentence).strip()
    sentence = re.sub(r"(?<!\.)\.\.(?!\.)", ".", sentence).replace(" .", ".").replace(" ,", ",")
    return e.no_leading_figure(sentence[:1].upper() + sentence[1:])


def length_label(seconds: int) -> str:
    """``:15``, ``:30``, ``1:00``."""
    return f":{seconds:02d}" if seconds < 60 else f"{seconds // 60}:{seconds % 60:02d}"


def length_line(copy: str, seconds: int, words_per_minute: int) -> str:
    """``:30 (72 words at 150 wpm)`` when the copy fills its slot; ``:60 (runs :44)`` when it cannot."""
    words = e.spoken_word_count(copy)
    if e.fills_slot(copy, seconds, words_per_minute):
        return f"{length_label(seconds)} ({words} words at {words_per_minute} wpm)"
    runs = round(e.spoken_seconds(copy, words_per_minute))
    return f"{length_label(seconds)} (runs {length_label(runs)})"


def fitted(template: Environment, facts_: RadioFacts, seconds: int) -> e.Fitted:
    budget = e.word_budget(seconds, facts_.words_per_minute)
    return e.fit(candidate_sentences(template, facts_), budget, e.spoken_word_count, keep=ALWAYS_KEPT)


def radio_script(
    template: Environment, config: Config, incident: Incident, update: Update, seconds: int, issue: Issue | None = None
) -> str:
    """The script of one length for one update; ``incident`` is the incident as of that update."""
    return _script(template, facts(config, incident, update, issue), seconds)


def _script(template: Environment, spoken_facts: RadioFacts, seconds: int) -> str:
    copy = " ".join(fitted(template, spoken_facts, seconds).sentences)
    named = ", ".join(f"{name} ({said})" for name, said in spoken_facts.pronouncers if name in copy)
    module = template.get_template("radio.txt.j2").module
    length = length_line(copy, seconds, spoken_facts.words_per_minute)
    return str(module.script(spoken_facts, copy, length, named)).strip() + "\n"


def radio_scripts(
    template: Environment, config: Config, incident: Incident, update: Update, issue: Issue | None = None
) -> dict[int, str]:
    """Every configured length, shortest first."""
    spoken_facts = facts(config, incident, update, issue)
    return {s: _script(template, spoken_facts, s) for s in config.bulletins.radio_lengths}


def copy_of(script: str) -> str:
    """The text read on air: what lies between the header and the end mark."""
    body = script.split("\n\n", 1)[1] if "\n\n" in script else script
    return body.split("###")[0].strip()
